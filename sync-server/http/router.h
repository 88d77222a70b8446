// SPDX-License-Identifier: MIT
#pragma once

#include "store/push.h"
#include "store/server_db.h"

#include <boost/beast/http.hpp>

#include <cstdint>

namespace fieldbook::server {

namespace http = boost::beast::http;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

/// Server settings that requests see.
struct ServerConfig {
    std::int64_t tokenTtlMs = 30LL * 24 * 3600 * 1000; ///< bearer token lifetime
    std::size_t bodyLimit = 8 * 1024 * 1024;           ///< bytes; larger is 413
    PushOptions push;
};

/// What route() needs.
struct Deps {
    ServerDb& db;
    const ServerConfig& config;
};

/// Answers one HTTP request (docs/protocol.md): GET /healthz,
/// POST /api/v1/login, POST /api/v1/sync/push, GET /api/v1/sync/pull,
/// GET /api/v1/clients/duplicates (probable duplicate cards, SPEC §3.7).
/// Pure with respect to sockets: unit-testable without a network. Every
/// failure is a JSON body {"error":{"code","message"}} with the documented
/// status; nothing is written for a refused request.
Response route(const Request& req, Deps& deps);

/// A JSON error response with the request's HTTP version and keep-alive.
Response errorResponse(unsigned version, bool keepAlive, int status, std::string_view code,
                       std::string_view message);

} // namespace fieldbook::server
