// SPDX-License-Identifier: MIT
#include "live/websocket_session.h"

#include "live/live_hub.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>

#include <nlohmann/json.hpp>

#include <chrono>

#include <unistd.h>

namespace fieldbook::server {

namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace net = boost::asio;

namespace {
std::string notice(const char* type, std::int64_t seq) {
    return nlohmann::json{{"type", type}, {"seq", seq}}.dump();
}

/// `socket` re-opened on a strand of `executor` (the live hub's), so the
/// session's handlers run there and not on the I/O thread that accepted it.
/// On failure (the peer is already gone) the socket is kept as it is; the
/// handshake then fails on its own.
net::ip::tcp::socket onExecutor(net::ip::tcp::socket&& socket,
                                const net::any_io_executor& executor) {
    beast::error_code ec;
    const auto endpoint = socket.local_endpoint(ec);
    if (ec) {
        return std::move(socket);
    }
    const auto handle = socket.release(ec);
    if (ec) {
        return std::move(socket);
    }
    net::ip::tcp::socket moved(net::make_strand(executor));
    moved.assign(endpoint.protocol(), handle, ec);
    if (ec) {
        ::close(handle); // the session's handshake fails on the closed socket
    }
    return moved;
}
} // namespace

WebSocketSession::WebSocketSession(net::ip::tcp::socket&& socket, Principal who,
                                   std::string authorization, std::shared_ptr<LiveHub> hub,
                                   const LiveOptions& options, LiveSlot slot)
    : ws_(onExecutor(std::move(socket), hub->executor())), who_(std::move(who)),
      authorization_(std::move(authorization)), hub_(std::move(hub)), options_(options),
      slot_(std::move(slot)) {}

WebSocketSession::~WebSocketSession() {
    hub_->leave(this);
}

void WebSocketSession::run(Request req) {
    // The HTTP session's 30 s request timeout ends here; the websocket's own
    // timeouts take over (handshake, idle with keepalive pings).
    beast::get_lowest_layer(ws_).expires_never();
    websocket::stream_base::timeout timeouts{};
    timeouts.handshake_timeout = std::chrono::seconds(30);
    timeouts.idle_timeout = std::chrono::seconds(options_.idleTimeoutS);
    timeouts.keep_alive_pings = true;
    ws_.set_option(timeouts);
    ws_.read_message_max(options_.messageLimit);
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& res) { res.set(http::field::server, "fieldbook-server"); }));
    net::dispatch(ws_.get_executor(), [self = shared_from_this(), req = std::move(req)]() mutable {
        self->ws_.async_accept(req, beast::bind_front_handler(&WebSocketSession::onAccept, self));
    });
}

void WebSocketSession::onAccept(beast::error_code ec) {
    if (ec) {
        return;
    }
    open_ = true;
    hub_->join(shared_from_this());
    send(notice("ready", hub_->notifiedSeq()));
    doRead();
}

void WebSocketSession::doRead() {
    ws_.async_read(buffer_,
                   beast::bind_front_handler(&WebSocketSession::onRead, shared_from_this()));
}

void WebSocketSession::onRead(beast::error_code ec, std::size_t) {
    if (ec) {
        // Closed by the device, timed out, or a message over the limit (Beast
        // has then sent close 1009): the session ends when its handlers do.
        open_ = false;
        hub_->leave(this);
        return;
    }
    buffer_.consume(buffer_.size()); // devices have nothing to say yet
    doRead();
}

void WebSocketSession::notifyChanged(std::int64_t seq) {
    net::post(ws_.get_executor(),
              [self = shared_from_this(), seq] { self->send(notice("changed", seq)); });
}

void WebSocketSession::closeForPolicy(const std::string& code) {
    net::post(ws_.get_executor(), [self = shared_from_this(), code] {
        if (!self->open_ || self->closing_) {
            return;
        }
        self->closing_ = true;
        self->closeReason_ = code;
        self->hub_->leave(self.get());
        if (!self->queue_.empty()) {
            return; // onWrite closes once the message in flight is out
        }
        self->ws_.async_close(websocket::close_reason(websocket::close_code::policy_error, code),
                              [self](beast::error_code) {});
    });
}

void WebSocketSession::send(std::string message) {
    if (!open_ || closing_) {
        return;
    }
    if (queue_.size() >= 2) {
        queue_.back() = std::move(message); // a newer notice says all an older one did
        return;
    }
    queue_.push_back(std::move(message));
    if (queue_.size() == 1) {
        doWrite();
    }
}

void WebSocketSession::doWrite() {
    ws_.text(true);
    ws_.async_write(net::buffer(queue_.front()),
                    beast::bind_front_handler(&WebSocketSession::onWrite, shared_from_this()));
}

void WebSocketSession::onWrite(beast::error_code ec, std::size_t) {
    queue_.pop_front();
    if (ec) {
        open_ = false;
        queue_.clear();
        return;
    }
    if (closing_) {
        queue_.clear();
        ws_.async_close(websocket::close_reason(websocket::close_code::policy_error, closeReason_),
                        [self = shared_from_this()](beast::error_code) {});
        return;
    }
    if (!queue_.empty()) {
        doWrite();
    }
}

} // namespace fieldbook::server
