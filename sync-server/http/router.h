// SPDX-License-Identifier: MIT
#pragma once

#include "store/push.h"
#include "store/server_db.h"
#include "sync/protocol.h"

#include <boost/beast/http.hpp>

#include <cstdint>
#include <functional>
#include <memory>

namespace fieldbook::server {

namespace http = boost::beast::http;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

class LiveHub;
class ReportExecutor;
class ReadPool;

/// Settings of the live WebSocket (docs/protocol.md "GET /api/v1/live").
struct LiveOptions {
    std::size_t messageLimit = 1024; ///< bytes per message from the device; more closes with 1009
    int idleTimeoutS = 60; ///< a silent peer is pinged after half of it, dropped after all of it
};

/// Server settings that requests see.
struct ServerConfig {
    std::int64_t tokenTtlMs = 30LL * 24 * 3600 * 1000; ///< bearer token lifetime
    std::size_t bodyLimit = 8 * 1024 * 1024;           ///< bytes; larger is 413
    PushOptions push;
    LiveOptions live;
    /// Devices speaking an older protocol get 426 update_required
    /// (`serve --min-protocol`; sync::kMinProtocolVersion by default).
    int minProtocolVersion = sync::kMinProtocolVersion;
    /// One line per request on standard error (http/request_log.h); `serve`
    /// turns it on unless `--log-requests=no`.
    bool logRequests = false;
};

/// What route() needs.
struct Deps {
    ServerDb& db;
    const ServerConfig& config;
    /// Live notifications (live/live_hub.h); null when not serving them
    /// (unit tests of route()). A handler whose write advances the change
    /// sequence calls live->committed() after the commit.
    std::shared_ptr<LiveHub> live = nullptr;
    /// The report threads (http/report_executor.h); null: route() runs a
    /// report on the calling thread (unit tests of route()). Owned by
    /// `serve`, which stops it before the database and the io_context go.
    ReportExecutor* reports = nullptr;
    /// The read connections pulls run on, outside db's lock
    /// (store/read_pool.h); null: pulls run on db under its lock (unit tests
    /// of route()). Owned by `serve`.
    ReadPool* readers = nullptr;
    /// Test seam: runs after a push's body is parsed and before the write
    /// lock is taken again to apply it (tst_router changes the pusher's
    /// access there). Empty in `serve`.
    std::function<void()> afterPushParsed = nullptr;
    /// Test seam: runs under db's lock after the push's principal is read
    /// again and before applyPush begins its write transaction (tst_router
    /// changes the pusher's access there through another connection, as
    /// `fieldbook-server user ...` in another process would). Empty in
    /// `serve`.
    std::function<void()> beforePushApplied = nullptr;
};

/// Answers one HTTP request (docs/protocol.md): GET /healthz,
/// POST /api/v1/login, POST /api/v1/sync/push, GET /api/v1/sync/pull,
/// GET /api/v1/clients/duplicates (probable duplicate cards, SPEC §3.7),
/// GET /api/v1/reports/<name> (analytics, SPEC §5; http/report_route.h),
/// GET /api/v1/live without an upgrade (400 websocket_required: the
/// upgrade itself is HttpSession's).
/// Pure with respect to sockets: unit-testable without a network. Every
/// failure is a JSON body {"error":{"code","message"}} with the documented
/// status; nothing is written for a refused request.
Response route(const Request& req, Deps& deps);

/// Checks the WebSocket handshake headers of an upgrade request to
/// /api/v1/live (RFC 6455 §4.2.1: a non-empty Sec-WebSocket-Key and
/// Sec-WebSocket-Version 13) so a bad handshake gets a JSON error like every
/// other, not Beast's plain-text answer (whose 426 a device would read as
/// "update the app"). Throws ApiError 400 `websocket_handshake_invalid`.
void checkWebSocketHandshake(const Request& req);

/// Checks a request for GET /api/v1/live before its WebSocket upgrade:
/// the protocol header (426 update_required, 400), the method (405) and the
/// bearer token (401/403 as for push). Returns who is connecting; throws
/// ApiError. Takes db.lock() itself.
Principal authorizeLive(const Request& req, Deps& deps);

/// True when `req` asks for GET /api/v1/reports/<name> (any method: the
/// path decides), which HttpSession hands to Deps::reports.
bool isReportRequest(const Request& req);

/// The checks of a report request that are cheap and come first (the
/// protocol header, 405 for another method, the bearer token: 401/403),
/// made on the I/O thread before the report is queued, so a request that
/// would be refused never takes a place in the report queue. Throws
/// ApiError; takes db.lock() itself.
Principal authorizeReport(const Request& req, Deps& deps);

/// 503 `reports_busy` with `Retry-After` (seconds, RFC 9110 §10.2.3): the
/// report threads and their queue are full (docs/protocol.md "Errors").
Response reportsBusyResponse(const Request& req, std::size_t running, std::size_t waiting);

/// A JSON error response with the request's HTTP version and keep-alive.
Response errorResponse(unsigned version, bool keepAlive, int status, std::string_view code,
                       std::string_view message);

} // namespace fieldbook::server
