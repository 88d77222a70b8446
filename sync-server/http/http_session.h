// SPDX-License-Identifier: MIT
#pragma once

#include "http/request_log.h"
#include "http/router.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace fieldbook::server {

/// One HTTP/1.1 connection (Beast advanced_server pattern): reads a request
/// with a body limit and a 30 s timeout, answers it through route(), keeps
/// the connection alive while the client asks. Runs on its own strand.
class HttpSession : public std::enable_shared_from_this<HttpSession> {
  public:
    HttpSession(boost::asio::ip::tcp::socket&& socket, Deps deps);
    void run();

  private:
    void doRead();
    void onRead(boost::beast::error_code ec, std::size_t bytes);
    void onWrite(bool keepAlive, boost::beast::error_code ec, std::size_t bytes);
    void send(Response&& res);
    /// GET /api/v1/live with an upgrade: checks it (authorizeLive) and hands
    /// the socket to a WebSocketSession, or answers the JSON error.
    void upgrade();
    /// A report request when Deps::reports is set: checked here
    /// (authorizeReport), then run on a report thread, the answer posted back
    /// to this session's strand; 503 reports_busy when the queue is full.
    void runReport();
    void doClose();
    /// The request log line of the answer `res` (http/request_log.h), when
    /// ServerConfig::logRequests.
    void logRequest(const Response& res);

    std::string client_; ///< "address:port" of the peer, for the request log
    std::chrono::steady_clock::time_point started_; ///< when the request was read
    std::string method_, target_;                   ///< of the request being answered
    RequestNote note_;                              ///< what its handler noted

    boost::beast::tcp_stream stream_;
    boost::beast::flat_buffer buffer_;
    Deps deps_;
    std::optional<http::request_parser<http::string_body>> parser_;
    std::shared_ptr<Response> res_;
};

} // namespace fieldbook::server
