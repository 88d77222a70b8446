// SPDX-License-Identifier: MIT
#include "http/report_route.h"

#include "domain/clock.h"
#include "reports/reports.h"
#include "store/auth.h"
#include "sync/protocol.h"

#include <boost/url/parse.hpp>

#include <sqlite3.h>

#include <map>
#include <optional>

namespace fieldbook::server {

namespace {

std::map<std::string, std::string> reportParams(std::string_view target) {
    auto url = boost::urls::parse_origin_form(target);
    if (!url) {
        throw ApiError(400, "invalid_query", "the query string is not valid URL syntax");
    }
    boost::urls::encoding_opts opts;
    opts.space_as_plus = true;
    std::map<std::string, std::string> out;
    for (auto p : url->params(opts)) {
        if (out.count(p.key)) {
            throw ApiError(400, "duplicate_filter", "give filter \"" + p.key + "\" once");
        }
        out[p.key] = p.value;
    }
    return out;
}

bool wantsCsv(const Request& req) {
    auto accept = req[http::field::accept];
    return accept.find("text/csv") != std::string_view::npos;
}

} // namespace

Response reportResponse(const Request& req, Deps& deps, std::string_view name) {
    if (req.method() != http::verb::get) {
        throw ApiError(405, "method_not_allowed", "use GET");
    }
    auto lock = deps.db.lock();
    auto who = authenticate(deps.db, std::string(req[http::field::authorization]));
    const char* file = sqlite3_db_filename(deps.db.db().handle(), "main");
    const std::string path = file ? file : "";
    // A report reads on its own connection, outside the server's lock: WAL
    // readers do not block the writer, so a long whole-company report does
    // not hold pushes and pulls (an in-memory database has no second one).
    std::optional<store::Database> own;
    if (!path.empty()) {
        lock.unlock();
        own.emplace(path);
        reports::tuneReadConnection(*own);
    }
    store::Database& db = own ? *own : deps.db.db();
    auto params = reportParams(req.target());
    if (!reports::isReport(name)) {
        std::string names;
        for (auto n : reports::reportNames()) {
            names += (names.empty() ? "" : ", ") + std::string(n);
        }
        throw ApiError(404, "unknown_report",
                       "no report \"" + std::string(name) + "\"; reports: " + names);
    }
    auto access = reports::reportAccess(who.role);
    if (access == reports::ReportAccess::None) {
        throw ApiError(403, "forbidden", who.role + " may not read reports (SPEC §1)");
    }
    reports::Filters filters;
    reports::Table table;
    try {
        filters = reports::parseFilters(db, params);
        if (access == reports::ReportAccess::Own) {
            if (!filters.managerId.empty() && filters.managerId != who.userId) {
                throw ApiError(403, "forbidden",
                               who.role + " reads only their own figures: leave out manager= "
                                          "or give your own login (SPEC §5)");
            }
            filters.managerId = who.userId;
        }
        table = reports::runReport(db, name, filters, domain::nowMs());
    } catch (const reports::ReportError& e) {
        throw ApiError(400, e.code(), e.what());
    }
    if (lock.owns_lock()) {
        lock.unlock();
    }
    Response res{http::status::ok, req.version()};
    res.set(http::field::cache_control, "no-store");
    res.keep_alive(req.keep_alive());
    if (wantsCsv(req)) {
        res.set(http::field::content_type, "text/csv; charset=utf-8");
        res.set(http::field::content_disposition,
                "attachment; filename=\"" + std::string(name) + ".csv\"");
        res.body() = table.toCsv();
    } else {
        auto body = table.toJson();
        body["filters"] = filters.toJson();
        res.set(http::field::content_type, "application/json");
        res.body() = sync::dumpSafe(body);
    }
    res.prepare_payload();
    return res;
}

} // namespace fieldbook::server
