// SPDX-License-Identifier: MIT
#include "http/router.h"

#include "http/report_executor.h"
#include "http/report_route.h"
#include "http/request_log.h"
#include "live/live_hub.h"
#include "store/auth.h"
#include "store/compaction.h"
#include "store/duplicates.h"
#include "store/epochs.h"
#include "store/pull.h"
#include "store/read_pool.h"
#include "store/users.h"
#include "sync/protocol.h"
#include "sync/push_text.h"

#include <boost/url/parse.hpp>

#include <algorithm>
#include <charconv>
#include <map>

namespace fieldbook::server {

using nlohmann::json;

namespace {

constexpr std::string_view kReportsPath = "/api/v1/reports/";

/// An answer whose body is JSON text already (`text`).
Response jsonTextResponse(const Request& req, int status, std::string text) {
    Response res{static_cast<http::status>(status), req.version()};
    res.set(http::field::content_type, "application/json");
    res.set(http::field::cache_control, "no-store");
    res.keep_alive(req.keep_alive());
    res.body() = std::move(text);
    res.prepare_payload();
    return res;
}

Response jsonResponse(const Request& req, int status, const json& body) {
    return jsonTextResponse(req, status, sync::dumpSafe(body));
}

std::map<std::string, std::string> queryParams(std::string_view target) {
    std::map<std::string, std::string> out;
    auto q = target.find('?');
    if (q == std::string_view::npos) {
        return out;
    }
    auto rest = target.substr(q + 1);
    while (!rest.empty()) {
        auto amp = rest.find('&');
        auto pair = rest.substr(0, amp);
        auto eq = pair.find('=');
        out[std::string(pair.substr(0, eq))] =
            eq == std::string_view::npos ? std::string() : std::string(pair.substr(eq + 1));
        if (amp == std::string_view::npos) {
            break;
        }
        rest = rest.substr(amp + 1);
    }
    return out;
}

std::int64_t intParam(const std::map<std::string, std::string>& q, const std::string& key,
                      std::int64_t fallback, std::int64_t lo, std::int64_t hi) {
    auto it = q.find(key);
    if (it == q.end()) {
        return fallback;
    }
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), v);
    if (ec != std::errc() || p != it->second.data() + it->second.size() || v < lo || v > hi) {
        throw ApiError(400, "invalid_" + key,
                       key + " must be an integer from " + std::to_string(lo) + " to " +
                           std::to_string(hi));
    }
    return v;
}

void checkProtocol(const Request& req, int minVersion) {
    auto it = req.find(sync::kProtocolHeader);
    if (it == req.end()) {
        return;
    }
    int v = 0;
    auto value = it->value();
    auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
    if (ec != std::errc() || p != value.data() + value.size()) {
        throw ApiError(400, "invalid_protocol_header",
                       std::string(sync::kProtocolHeader) + " must be an integer");
    }
    if (v < minVersion) {
        throw ApiError(426, "update_required",
                       "this app is too old for the server; please update Fieldbook");
    }
    if (v > sync::kProtocolVersion) {
        throw ApiError(400, "unsupported_protocol",
                       "the server speaks protocol " + std::to_string(sync::kProtocolVersion) +
                           "; update the server");
    }
}

json jsonBody(const Request& req) {
    auto ct = req[http::field::content_type];
    if (!ct.empty() && ct.find("application/json") == std::string_view::npos) {
        throw ApiError(415, "unsupported_media_type", "send the body as application/json");
    }
    try {
        return sync::parseJson(req.body());
    } catch (const sync::ProtocolError& e) {
        throw ApiError(400, e.code(), e.what());
    }
}

Principal principal(const Request& req, Deps& deps) {
    return authenticate(deps.db, std::string(req[http::field::authorization]));
}

/// The query of a duplicate check (percent-decoded, '+' as space) as client
/// fields: name, tax_id, phone, city. Other parameters are ignored.
json duplicateQuery(std::string_view target) {
    auto url = boost::urls::parse_origin_form(target);
    if (!url) {
        throw ApiError(400, "invalid_query", "the query string is not valid URL syntax");
    }
    json fields = json::object();
    boost::urls::encoding_opts opts;
    opts.space_as_plus = true;
    for (auto p : url->params(opts)) {
        if (p.key == "name" || p.key == "tax_id" || p.key == "phone" || p.key == "city") {
            fields[p.key] = p.value;
        }
    }
    auto blank = [&](const char* k) {
        return !fields.contains(k) || fields[k].get_ref<const std::string&>().find_first_not_of(
                                          " \t") == std::string::npos;
    };
    if (blank("name") && blank("tax_id")) {
        throw ApiError(400, "missing_name_or_tax_id",
                       "give name or tax_id (and optionally phone, city) to look for duplicates");
    }
    return fields;
}

} // namespace

Response errorResponse(unsigned version, bool keepAlive, int status, std::string_view code,
                       std::string_view message) {
    Response res{static_cast<http::status>(status), version};
    res.set(http::field::content_type, "application/json");
    res.set(http::field::cache_control, "no-store");
    res.keep_alive(keepAlive);
    res.body() = sync::dumpSafe(sync::errorBody(code, message));
    res.prepare_payload();
    return res;
}

void checkWebSocketHandshake(const Request& req) {
    if (req[http::field::sec_websocket_key].empty()) {
        throw ApiError(400, "websocket_handshake_invalid",
                       "the WebSocket upgrade lacks its Sec-WebSocket-Key header (RFC 6455)");
    }
    if (req[http::field::sec_websocket_version] != "13") {
        throw ApiError(400, "websocket_handshake_invalid",
                       "the WebSocket upgrade must send Sec-WebSocket-Version: 13 (RFC 6455)");
    }
}

Principal authorizeLive(const Request& req, Deps& deps) {
    checkProtocol(req, deps.config.minProtocolVersion);
    if (req.method() != http::verb::get) {
        throw ApiError(405, "method_not_allowed", "use GET");
    }
    auto lock = deps.db.lock();
    return principal(req, deps);
}

bool isReportRequest(const Request& req) {
    std::string_view target = req.target();
    return target.substr(0, target.find('?')).starts_with(kReportsPath);
}

Principal authorizeReport(const Request& req, Deps& deps) {
    return authorizeLive(req, deps); // the same checks: protocol, GET, token
}

Response reportsBusyResponse(const Request& req, std::size_t running, std::size_t waiting) {
    auto res =
        errorResponse(req.version(), req.keep_alive(), 503, "reports_busy",
                      "the server is running all the reports it takes at once "
                      "(report threads: " +
                          std::to_string(running) + ", queue: " + std::to_string(waiting) +
                          "); try again in " + std::to_string(ReportExecutor::kRetryAfterS) + " s");
    res.set(http::field::retry_after, std::to_string(ReportExecutor::kRetryAfterS));
    return res;
}

Response route(const Request& req, Deps& deps) {
    std::string_view target = req.target();
    auto path = target.substr(0, target.find('?'));
    auto method = req.method();
    try {
        if (path == "/healthz") {
            if (method != http::verb::get) {
                throw ApiError(405, "method_not_allowed", "use GET");
            }
            return jsonResponse(req, 200, {{"status", "ok"}, {"protocol", sync::kProtocolVersion}});
        }
        checkProtocol(req, deps.config.minProtocolVersion);
        if (path == "/api/v1/login") {
            if (method != http::verb::post) {
                throw ApiError(405, "method_not_allowed", "use POST");
            }
            auto body = jsonBody(req);
            sync::LoginRequest lr;
            try {
                lr = sync::loginRequestFromJson(body);
            } catch (const sync::ProtocolError& e) {
                throw ApiError(400, e.code(), e.what());
            }
            return jsonResponse(req, 200, sync::toJson(login(deps.db, lr, deps.config.tokenTtlMs)));
        }
        if (path == "/api/v1/sync/push") {
            if (method != http::verb::post) {
                throw ApiError(405, "method_not_allowed", "use POST");
            }
            {
                // Refused before its body is parsed: a request without a
                // valid token costs no JSON parse.
                auto lock = deps.db.lock();
                principal(req, deps);
            }
            auto body = jsonBody(req);
            sync::PushRequest pr;
            try {
                pr = sync::pushRequestFromJson(body);
            } catch (const sync::ProtocolError& e) {
                throw ApiError(400, e.code(), e.what());
            }
            if (deps.afterPushParsed) {
                deps.afterPushParsed();
            }
            auto lock = deps.db.lock();
            // The token, role and active flag read again under the lock the
            // push is applied under: a role change, deactivation or new
            // password committed while the body was parsed is not bypassed
            // (docs/permissions.md; break-it: a head's push applied after
            // her demotion).
            Principal who = principal(req, deps);
            if (!pr.epoch.empty()) {
                // Nothing is applied on a restored database or an expired cursor:
                // the device first downloads afresh and re-bases its edits.
                checkDevicePosition(deps.db, pr.epoch, pr.cursor);
                checkCursorNotExpired(deps.db, pr.cursor);
                checkScopeNotReset(deps.db, who.userId, pr.cursor); // a role change
            }
            if (deps.beforePushApplied) {
                deps.beforePushApplied();
            }
            const auto before = deps.db.currentSeq();
            // And once more inside the push's write transaction: another
            // process (`fieldbook-server user set|deactivate|password`)
            // may commit between this lock and that transaction (break-it F2).
            auto answer = applyPush(deps.db, who, pr, deps.config.push,
                                    [&req, &deps] { return principal(req, deps); });
            std::size_t applied = 0;
            for (const auto& r : answer.results) {
                applied += r.status == "applied" ? 1 : 0;
            }
            noteRequestCounts("applied=" + std::to_string(applied) +
                              " rejected=" + std::to_string(answer.results.size() - applied));
            const auto after = deps.db.currentSeq();
            lock.unlock();
            if (after > before && deps.live) {
                // (before, after]: this push's numbers, and maybe another
                // process's committed just before it, which the device's pull
                // after its push sees anyway.
                deps.live->committed(who.deviceId, before + 1, after);
            }
            // Written as text straight from the answer (issue 6).
            return jsonTextResponse(req, 200, sync::pushResponseText(answer));
        }
        if (path == "/api/v1/sync/pull") {
            if (method != http::verb::get) {
                throw ApiError(405, "method_not_allowed", "use GET");
            }
            // On a read connection, outside the writer's lock (store/read_pool.h),
            // in one snapshot for the checks and the page.
            auto reader = ReadPool::leaseFrom(deps.readers, deps.db);
            ServerDb& db = *reader;
            store::ReadTransaction snapshotOfPull(db.db());
            auto who = authenticate(db, std::string(req[http::field::authorization]));
            auto q = queryParams(target);
            auto cursor = intParam(q, "cursor", 0, 0, INT64_MAX);
            auto limit = intParam(q, "limit", kDefaultPullLimit, 1, kMaxPullLimit);
            auto snapshot = intParam(q, "snapshot", 0, 0, INT64_MAX);
            auto epoch = q.count("epoch") ? q["epoch"] : std::string();
            if (epoch.size() > 64) {
                throw ApiError(400, "invalid_epoch", "epoch must be at most 64 characters");
            }
            // The server hands out a snapshot on a first download's first
            // page (its sequence then): one above the sequence now was never
            // handed out, and would skip deletions (break-it finding).
            if (snapshot > db.currentSeq()) {
                throw ApiError(400, "invalid_snapshot",
                               "snapshot " + std::to_string(snapshot) +
                                   " is above the server's sequence: send the snapshot of the "
                                   "first page of this download");
            }
            checkDevicePosition(db, epoch, cursor);
            // A first download's pages lie below its snapshot: what a
            // compaction deleted up to the snapshot is skipped by it anyway.
            checkCursorNotExpired(db, std::max(cursor, snapshot));
            checkScopeNotReset(db, who.userId, std::max(cursor, snapshot)); // a role change
            // The page is written from the columns to JSON text (pullJson()).
            std::size_t records = 0;
            auto page = pullJson(db, who, cursor, static_cast<int>(limit), snapshot, &records);
            noteRequestCounts("records=" + std::to_string(records));
            return jsonTextResponse(req, 200, std::move(page));
        }
        if (path == "/api/v1/live") {
            authorizeLive(req, deps);
            throw ApiError(400, "websocket_required",
                           "GET /api/v1/live is a WebSocket: send Upgrade: websocket");
        }
        if (path == "/api/v1/clients/duplicates") {
            if (method != http::verb::get) {
                throw ApiError(405, "method_not_allowed", "use GET");
            }
            auto lock = deps.db.lock();
            principal(req, deps); // every role reads every card (SPEC §1)
            auto query = duplicateQuery(target);
            return jsonResponse(req, 200, {{"duplicates", findDuplicateClients(deps.db, query)}});
        }
        if (path.starts_with(kReportsPath)) {
            return reportResponse(req, deps, path.substr(kReportsPath.size()));
        }
        throw ApiError(404, "not_found", "no such endpoint: " + std::string(path));
    } catch (const ApiError& e) {
        return errorResponse(req.version(), req.keep_alive(), e.status(), e.code(), e.what());
    } catch (const std::exception& e) {
        return errorResponse(req.version(), false, 500, "internal_error",
                             std::string("the server failed: ") + e.what());
    }
}

} // namespace fieldbook::server
