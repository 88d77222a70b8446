// SPDX-License-Identifier: MIT
#include "http/http_session.h"

#include "domain/clock.h"
#include "http/report_executor.h"
#include "live/live_hub.h"
#include "live/websocket_session.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <iostream>
#include <optional>

namespace fieldbook::server {

namespace beast = boost::beast;
namespace net = boost::asio;

HttpSession::HttpSession(net::ip::tcp::socket&& socket, Deps deps)
    : stream_(std::move(socket)), deps_(deps) {
    beast::error_code ec;
    auto peer = stream_.socket().remote_endpoint(ec);
    client_ =
        ec ? std::string("-") : peer.address().to_string() + ":" + std::to_string(peer.port());
}

void HttpSession::run() {
    net::dispatch(stream_.get_executor(),
                  beast::bind_front_handler(&HttpSession::doRead, shared_from_this()));
}

void HttpSession::doRead() {
    parser_.emplace();
    parser_->body_limit(deps_.config.bodyLimit);
    parser_->header_limit(16 * 1024);
    stream_.expires_after(std::chrono::seconds(30));
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&HttpSession::onRead, shared_from_this()));
}

void HttpSession::onRead(beast::error_code ec, std::size_t) {
    started_ = std::chrono::steady_clock::now();
    method_.clear();
    target_.clear();
    note_ = {};
    if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
        ec == net::error::connection_reset || ec == net::error::operation_aborted) {
        return doClose();
    }
    if (ec == http::error::body_limit) {
        return send(errorResponse(11, false, 413, "payload_too_large",
                                  "request body is larger than " +
                                      std::to_string(deps_.config.bodyLimit) + " bytes"));
    }
    if (ec == http::error::header_limit) {
        return send(errorResponse(11, false, 431, "headers_too_large",
                                  "request headers are larger than 16384 bytes"));
    }
    if (ec) {
        return send(
            errorResponse(11, false, 400, "bad_http", "malformed HTTP request: " + ec.message()));
    }
    auto& req = parser_->get();
    method_ = std::string(req.method_string());
    target_ = std::string(req.target());
    beginRequestNote();
    if (beast::websocket::is_upgrade(req) && deps_.live) {
        std::string_view target = req.target();
        if (target.substr(0, target.find('?')) == "/api/v1/live") {
            return upgrade();
        }
    }
    if (deps_.reports && isReportRequest(req)) {
        return runReport();
    }
    auto res = route(req, deps_);
    note_ = takeRequestNote();
    send(std::move(res));
}

void HttpSession::runReport() {
    auto req = std::make_shared<Request>(parser_->release());
    try {
        authorizeReport(*req, deps_);
        note_ = takeRequestNote();
    } catch (const ApiError& e) {
        note_ = takeRequestNote();
        return send(
            errorResponse(req->version(), req->keep_alive(), e.status(), e.code(), e.what()));
    } catch (const std::exception& e) {
        return send(errorResponse(req->version(), false, 500, "internal_error",
                                  std::string("the server failed: ") + e.what()));
    }
    // Nothing reads from the socket until the answer is sent (one request at
    // a time), so the session's state is untouched while the report runs.
    auto queued = deps_.reports->trySubmit([self = shared_from_this(), req] {
        auto res = std::make_shared<Response>(route(*req, self->deps_));
        net::post(self->stream_.get_executor(), [self, res] { self->send(std::move(*res)); });
    });
    if (!queued) {
        send(reportsBusyResponse(*req, deps_.reports->threads(), deps_.reports->queue()));
    }
}

void HttpSession::upgrade() {
    auto& req = parser_->get();
    Principal who;
    std::optional<LiveSlot> slot; // given back on every failure path (LiveSlot)
    try {
        who = authorizeLive(req, deps_);
        checkWebSocketHandshake(req);
        // Counted before the upgrade is accepted: 60 upgrades sent at once
        // do not all pass (break-it).
        slot = deps_.live->reserveSlot(who.userId);
        if (!slot) {
            throw ApiError(429, "too_many_connections",
                           "this user already has " + std::to_string(kMaxLiveSessionsPerUser) +
                               " live connections open; close one first");
        }
    } catch (const ApiError& e) {
        note_ = takeRequestNote();
        return send(errorResponse(req.version(), false, e.status(), e.code(), e.what()));
    }
    note_ = takeRequestNote();
    if (deps_.config.logRequests) {
        Response switching{http::status::switching_protocols, req.version()};
        logRequest(switching);
    }
    std::string authorization(req[http::field::authorization]);
    std::make_shared<WebSocketSession>(stream_.release_socket(), std::move(who),
                                       std::move(authorization), deps_.live, deps_.config.live,
                                       std::move(*slot))
        ->run(parser_->release());
}

void HttpSession::send(Response&& res) {
    if (deps_.config.logRequests) {
        logRequest(res);
    }
    res_ = std::make_shared<Response>(std::move(res));
    // A report may have waited for its thread longer than the read's timeout.
    stream_.expires_after(std::chrono::seconds(30));
    bool keepAlive = res_->keep_alive();
    http::async_write(
        stream_, *res_,
        beast::bind_front_handler(&HttpSession::onWrite, shared_from_this(), keepAlive));
}

void HttpSession::onWrite(bool keepAlive, beast::error_code ec, std::size_t) {
    res_.reset();
    if (ec) {
        return doClose();
    }
    if (!keepAlive) {
        return doClose();
    }
    doRead();
}

void HttpSession::logRequest(const Response& res) {
    std::string errorCode;
    if (res.result_int() >= 400) {
        // Every refusal's body is {"error":{"code","message"}} (router.h).
        auto body = nlohmann::json::parse(res.body(), nullptr, false);
        if (body.is_object() && body.contains("error") && body["error"].is_object()) {
            errorCode = body["error"].value("code", "");
        }
    }
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::steady_clock::now() - started_)
                  .count();
    writeRequestLog(requestLogLine(domain::nowMs(), client_, method_, target_, res.result_int(),
                                   errorCode, note_, ms));
}

void HttpSession::doClose() {
    beast::error_code ignored;
    stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
}

} // namespace fieldbook::server
