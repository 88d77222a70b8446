// SPDX-License-Identifier: MIT
#pragma once

#include "http/router.h"
#include "live/live_slots.h"
#include "store/auth.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include <cstdint>
#include <deque>
#include <memory>
#include <string>

namespace fieldbook::server {

class LiveHub;

/// One device's live connection (Beast websocket/chat-multi pattern): accepts
/// the upgrade of an already authenticated request, registers with the hub,
/// sends `{"type":"ready","seq":N}` and then the hub's notices
/// `{"type":"changed","seq":N}`. What the device sends is read (bounded by
/// LiveOptions::messageLimit) and ignored; Beast answers pings and sends its
/// own keepalive pings. Moves its socket to a strand of the hub's executor
/// (`serve`: the live thread) and runs there; notifyChanged() and
/// closeForPolicy() may be called from any thread.
class WebSocketSession : public std::enable_shared_from_this<WebSocketSession> {
  public:
    /// `who` and `authorization` (the request's Authorization header, checked
    /// again by the hub before each notice) come from the HTTP request;
    /// `slot` is the user's place reserved before the upgrade
    /// (LiveHub::reserveSlot()), given back when the session ends.
    WebSocketSession(boost::asio::ip::tcp::socket&& socket, Principal who,
                     std::string authorization, std::shared_ptr<LiveHub> hub,
                     const LiveOptions& options, LiveSlot slot);
    ~WebSocketSession();

    /// Completes the upgrade of `req` (a websocket upgrade request).
    void run(Request req);
    /// Queues a change notice; notices not yet written are replaced by the
    /// newest, so a slow device holds one pending message at most.
    void notifyChanged(std::int64_t seq);
    /// Closes with 1008 (policy violation) and the error code as the reason,
    /// e.g. "token_expired".
    void closeForPolicy(const std::string& code);

    const Principal& principal() const { return who_; }
    const std::string& authorization() const { return authorization_; }

  private:
    void onAccept(boost::beast::error_code ec);
    void doRead();
    void onRead(boost::beast::error_code ec, std::size_t bytes);
    void send(std::string message);
    void doWrite();
    void onWrite(boost::beast::error_code ec, std::size_t bytes);

    boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
    boost::beast::flat_buffer buffer_;
    Principal who_;
    std::string authorization_;
    std::shared_ptr<LiveHub> hub_;
    LiveOptions options_;
    std::deque<std::string> queue_; ///< front is being written
    bool open_ = false;
    bool closing_ = false;
    std::string closeReason_; ///< the error code sent with close 1008
    LiveSlot slot_;
};

} // namespace fieldbook::server
