// SPDX-License-Identifier: MIT
#pragma once

#include "device/sync_engine.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace fieldbook::device {

/// A message of the live channel (docs/protocol.md "GET /api/v1/live").
struct LiveNotice {
    std::string type;     ///< "ready" (connected) or "changed" (something to pull)
    std::int64_t seq = 0; ///< the server's change sequence when it was sent
};

/// The device's end of `GET /api/v1/live` (SPEC §4): a WebSocket (Boost.Beast)
/// that tells the device when the server holds changes for it. Blocking and
/// single-threaded; one object per connection, used by one thread.
///
/// Keepalive: the client pings after 30 s of silence and gives the
/// connection up after 60 s without any frame from the server.
class LiveClient {
  public:
    /// `baseUrl` is "http://host:port" (HttpTransport::validateUrl), `bearer`
    /// the session token, `protocolVersion` the X-Fieldbook-Protocol value
    /// sent (the current one unless a test says otherwise).
    LiveClient(const std::string& baseUrl, std::string bearer, int connectTimeoutMs = 15000,
               int protocolVersion = -1);
    ~LiveClient();
    LiveClient(const LiveClient&) = delete;
    LiveClient& operator=(const LiveClient&) = delete;

    /// Connects and upgrades, then waits for the server's "ready" notice and
    /// returns it. Throws SyncError when the server refuses the upgrade (401
    /// missing_token / invalid_token / token_expired, 403, 426
    /// update_required, with the server's code) and NetworkError when it
    /// cannot be reached or answers nothing in time.
    LiveNotice connect();

    /// Waits at most `timeoutMs` for the next notice; nullopt when none came
    /// in time (the connection stays open). Throws NetworkError when the
    /// connection closed or broke (the close code and reason in the message;
    /// closeCode() keeps the code).
    std::optional<LiveNotice> next(int timeoutMs);

    /// Interrupts a next() running on another thread (it then throws
    /// NetworkError "stopped"). The only member safe to call from another thread.
    void stop();

    /// The WebSocket close code the server sent (RFC 6455 §7.4), 0 if none.
    int closeCode() const { return closeCode_; }

  private:
    void runUntil(bool& done, int timeoutMs);

    std::string host_;
    std::string port_;
    std::string bearer_;
    int connectTimeoutMs_;
    int protocolVersion_;
    boost::asio::io_context ioc_;
    boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
    boost::beast::flat_buffer buffer_;
    bool reading_ = false;
    bool readDone_ = false;
    boost::beast::error_code readError_;
    int closeCode_ = 0;
};

} // namespace fieldbook::device
