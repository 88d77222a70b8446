// SPDX-License-Identifier: MIT
#include "fault_proxy.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <chrono>
#include <sstream>
#include <vector>

namespace fieldbook::test {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

const char* faultName(Fault f) {
    switch (f) {
    case Fault::None:
        return "none";
    case Fault::DropReply:
        return "drop_reply";
    case Fault::TruncateReply:
        return "truncate_reply";
    case Fault::ResetBefore:
        return "reset_before";
    case Fault::ResetAfter:
        return "reset_after";
    case Fault::ServerError:
        return "server_error";
    case Fault::Delay:
        return "delay";
    case Fault::Hold:
        return "hold";
    }
    return "?";
}

struct FaultProxy::Impl {
    net::io_context io;
    tcp::acceptor acceptor{io};
    std::vector<std::thread> connections;
    std::vector<std::string> targets;
    std::atomic<bool> stopping{false};
    int port = 0;
};

namespace {
/// Closes with RST instead of FIN, as a broken network or a crashed peer does.
void reset(tcp::socket& s) {
    boost::system::error_code ec;
    s.set_option(net::socket_base::linger(true, 0), ec);
    s.close(ec);
}
} // namespace

FaultProxy::FaultProxy(int serverPort) : impl_(std::make_unique<Impl>()), serverPort_(serverPort) {
    tcp::endpoint ep(net::ip::make_address("127.0.0.1"), 0);
    impl_->acceptor.open(ep.protocol());
    impl_->acceptor.set_option(net::socket_base::reuse_address(true));
    impl_->acceptor.bind(ep);
    impl_->acceptor.listen();
    impl_->port = impl_->acceptor.local_endpoint().port();
    acceptor_ = std::thread([this] {
        for (;;) {
            auto socket = std::make_shared<tcp::socket>(impl_->io);
            boost::system::error_code ec;
            impl_->acceptor.accept(*socket, ec);
            if (ec || impl_->stopping) {
                return; // the destructor's wake-up call
            }
            std::lock_guard lock(mutex_);
            impl_->connections.emplace_back([this, socket] { serve(socket); });
        }
    });
}

FaultProxy::~FaultProxy() {
    release();
    boost::system::error_code ec;
    // A blocking accept() does not return when the acceptor is closed from
    // another thread: wake it with a connection of our own.
    impl_->stopping = true;
    {
        tcp::socket poke(impl_->io);
        poke.connect({net::ip::make_address("127.0.0.1"), static_cast<unsigned short>(impl_->port)},
                     ec);
        acceptor_.join();
    }
    impl_->acceptor.close(ec);
    std::vector<std::thread> threads;
    {
        std::lock_guard lock(mutex_);
        threads.swap(impl_->connections);
    }
    for (auto& t : threads) {
        t.join();
    }
}

std::string FaultProxy::url() const {
    return "http://127.0.0.1:" + std::to_string(impl_->port);
}

void FaultProxy::setServerPort(int port) {
    std::lock_guard lock(mutex_);
    serverPort_ = port;
}

void FaultProxy::inject(const std::string& pathPrefix, Fault fault, int times, int delayMs) {
    std::lock_guard lock(mutex_);
    for (int i = 0; i < times; ++i) {
        rules_.push_back({pathPrefix, fault, delayMs});
    }
    if (fault == Fault::Hold) {
        released_ = false;
    }
}

int FaultProxy::seen(const std::string& pathPrefix) {
    std::lock_guard lock(mutex_);
    int n = 0;
    for (const auto& t : impl_->targets) {
        n += t.rfind(pathPrefix, 0) == 0 ? 1 : 0;
    }
    return n;
}

bool FaultProxy::waitHeld(int timeoutMs) {
    std::unique_lock lock(mutex_);
    return heldChanged_.wait_for(lock, std::chrono::milliseconds(timeoutMs),
                                 [this] { return held_ > 0; });
}

void FaultProxy::release() {
    std::lock_guard lock(mutex_);
    released_ = true;
    held_ = 0;
    heldChanged_.notify_all();
}

int FaultProxy::pendingFaults() {
    std::lock_guard lock(mutex_);
    return static_cast<int>(rules_.size());
}

FaultProxy::Rule FaultProxy::take(const std::string& target) {
    std::lock_guard lock(mutex_);
    impl_->targets.push_back(target);
    for (auto it = rules_.begin(); it != rules_.end(); ++it) {
        if (target.rfind(it->prefix, 0) == 0) {
            auto rule = *it;
            rules_.erase(it);
            return rule;
        }
    }
    return {target, Fault::None, 0};
}

void FaultProxy::serve(std::shared_ptr<void> opaque) {
    auto& client = *std::static_pointer_cast<tcp::socket>(opaque);
    boost::system::error_code ec;
    beast::flat_buffer clientBuf;
    http::request<http::string_body> req;
    http::read(client, clientBuf, req, ec);
    if (ec) {
        return;
    }
    auto rule = take(std::string(req.target()));
    if (rule.fault == Fault::ResetBefore) {
        reset(client);
        return;
    }
    if (rule.fault == Fault::ServerError) {
        http::response<http::string_body> res{http::status::service_unavailable, req.version()};
        res.set(http::field::content_type, "application/json");
        res.body() = R"({"error":{"code":"unavailable","message":"injected by the fault proxy"}})";
        res.keep_alive(false);
        res.prepare_payload();
        http::write(client, res, ec);
        client.shutdown(tcp::socket::shutdown_both, ec);
        return;
    }
    int port = 0;
    {
        std::lock_guard lock(mutex_);
        port = serverPort_;
    }
    tcp::socket server(client.get_executor());
    server.connect({net::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)}, ec);
    if (ec) {
        reset(client); // the server is down: the device sees a broken connection
        return;
    }
    req.keep_alive(false);
    http::write(server, req, ec);
    beast::flat_buffer serverBuf;
    http::response<http::string_body> res;
    if (!ec) {
        http::read(server, serverBuf, res, ec);
    }
    if (ec) {
        reset(client);
        return;
    }
    res.keep_alive(false);
    switch (rule.fault) {
    case Fault::DropReply:
        client.shutdown(tcp::socket::shutdown_both, ec);
        return;
    case Fault::ResetAfter:
        reset(client);
        return;
    case Fault::TruncateReply: {
        std::ostringstream whole;
        whole << res;
        auto bytes = whole.str();
        net::write(client, net::buffer(bytes.data(), bytes.size() / 2), ec);
        client.shutdown(tcp::socket::shutdown_both, ec);
        return;
    }
    case Fault::Hold: {
        std::unique_lock lock(mutex_);
        ++held_;
        heldChanged_.notify_all();
        heldChanged_.wait(lock, [this] { return released_; });
        lock.unlock();
        client.shutdown(tcp::socket::shutdown_both, ec);
        return;
    }
    case Fault::Delay:
        std::this_thread::sleep_for(std::chrono::milliseconds(rule.delayMs));
        break;
    default:
        break;
    }
    http::write(client, res, ec);
    client.shutdown(tcp::socket::shutdown_both, ec);
}

} // namespace fieldbook::test
