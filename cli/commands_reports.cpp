// SPDX-License-Identifier: MIT
// fieldbook-cli report: the analytics of SPEC §5 (docs/reports.md) from the
// server, or with --offline over this device's replica (docs/cli.md "Reports").
#include "cli_context.h"
#include "device/online_lookup.h"
#include "device/sync_engine.h"
#include "domain/clock.h"
#include "reports/reports.h"

#include <algorithm>
#include <map>
#include <ostream>

namespace fieldbook::cli {

using nlohmann::json;

namespace {

/// The refusal of another user's figures to a role that reads its own only.
std::string ownFiguresOnly(const std::string& role) {
    return role + " reads only their own figures: leave out --manager or give your own login";
}

/// True for a money column: an amount in cents (docs/reports.md).
bool isCents(const reports::Column& c) {
    constexpr std::string_view kSuffix = "_cents";
    return c.name.size() > kSuffix.size() && c.name.ends_with(kSuffix);
}

/// The server's answer to GET /api/v1/reports/NAME as a table.
reports::Table fetchReport(Context& ctx, const std::string& name,
                           const std::map<std::string, std::string>& filters) {
    auto session = ctx.session();
    std::string target = "/api/v1/reports/" + device::urlEncode(name);
    char sep = '?';
    for (const auto& [k, v] : filters) {
        target += sep + k + "=" + device::urlEncode(v);
        sep = '&';
    }
    device::HttpResponse r;
    try {
        r = ctx.transport(session.serverUrl)->request("GET", target, "", session.token);
    } catch (const device::NetworkError& e) {
        throw CliError("offline",
                       std::string("cannot reach the server: ") + e.what() +
                           "; add --offline to compute the report over this device's replica "
                           "(only what it holds)",
                       1);
    }
    auto body = json::parse(r.body, nullptr, false);
    if (r.status != 200) {
        std::string code = "server_error";
        std::string message = "the server answered " + std::to_string(r.status);
        if (body.is_object() && body.contains("error") && body["error"].is_object()) {
            code = body["error"].value("code", code);
            message = body["error"].value("message", message);
        }
        if (code == "forbidden" && filters.count("manager")) {
            // The server's text names its query parameter (manager=); say the option.
            message = ownFiguresOnly(session.role);
        }
        throw CliError(code, message, r.status == 400 || r.status == 404 ? 2 : 1);
    }
    auto table = reports::Table::fromJson(body);
    if (!table) {
        throw CliError("bad_answer", "the server's report answer is not a report table", 1);
    }
    return *table;
}

/// The table as aligned text columns, then "N rows". A money column (its
/// name ends in _cents) shows currency units with two decimals, under its
/// name without "_cents".
void printText(std::ostream& out, const reports::Table& t) {
    auto cell = [&](const json& v, size_t column) {
        if (v.is_number_integer() && column < t.columns.size() && isCents(t.columns[column])) {
            return formatMoney(v.get<std::int64_t>());
        }
        if (!v.is_string()) {
            return v.is_null() ? std::string("-") : v.dump();
        }
        // A line break would break the table's lines: a space instead.
        auto text = v.get<std::string>();
        std::replace(text.begin(), text.end(), '\r', ' ');
        std::replace(text.begin(), text.end(), '\n', ' ');
        return text;
    };
    std::vector<size_t> width;
    std::vector<std::string> header;
    for (const auto& c : t.columns) {
        header.push_back(isCents(c) ? c.name.substr(0, c.name.size() - 6) : c.name);
        width.push_back(header.back().size());
    }
    for (const auto& r : t.rows) {
        for (size_t i = 0; i < r.size() && i < width.size(); ++i) {
            width[i] = std::max(width[i], cell(r[i], i).size());
        }
    }
    auto line = [&](const std::vector<std::string>& cells) {
        std::string s;
        for (size_t i = 0; i < cells.size(); ++i) {
            s += cells[i];
            if (i + 1 < cells.size()) {
                s += std::string(width[i] - cells[i].size() + 2, ' ');
            }
        }
        out << s << "\n";
    };
    line(header);
    for (const auto& r : t.rows) {
        std::vector<std::string> cells;
        for (size_t i = 0; i < r.size(); ++i) {
            cells.push_back(cell(r[i], i));
        }
        line(cells);
    }
    out << t.rows.size() << " rows\n";
}

} // namespace

int cmdReport(Context& ctx, const std::vector<std::string>& args) {
    po::options_description o;
    std::string name;
    std::map<std::string, std::string> filters;
    std::string from, to, manager, team, segment, product;
    o.add_options()("name", po::value(&name), "")("from", po::value(&from), "")(
        "to", po::value(&to), "")("manager", po::value(&manager), "")("team", po::value(&team), "")(
        "segment", po::value(&segment), "")("product", po::value(&product), "")("csv",
                                                                                "")("offline", "");
    po::positional_options_description p;
    p.add("name", 1);
    auto vm = parse(args, o, p);
    for (auto [k, v] : {std::pair<const char*, const std::string*>{"from", &from},
                        {"to", &to},
                        {"manager", &manager},
                        {"team", &team},
                        {"segment", &segment},
                        {"product", &product}}) {
        if (vm.count(k)) {
            filters[k] = *v;
        }
    }
    if (!reports::isReport(name)) {
        std::string names;
        for (auto n : reports::reportNames()) {
            names += (names.empty() ? "" : ", ") + std::string(n);
        }
        if (name.empty()) {
            throw CliError("missing_report", "report: name the report (one of: " + names + ")", 2);
        }
        throw CliError("unknown_report", "no report \"" + name + "\"; reports: " + names, 2);
    }
    if (vm.count("csv") && ctx.asJson()) {
        throw UsageError("report: give --csv or --json, not both");
    }
    reports::Table table;
    if (vm.count("offline")) {
        if (ctx.replica().status().lastSyncAtMs == 0) {
            // An empty replica would answer zeros that look like figures.
            throw CliError("not_synced", "this device has not synced yet: run fieldbook-cli sync",
                           1);
        }
        auto& db = ctx.replica().db();
        reports::Filters f;
        try {
            f = reports::parseFilters(db, filters);
            auto session = ctx.replica().session();
            if (session && reports::reportAccess(session->role) != reports::ReportAccess::All) {
                if (!f.managerId.empty() && f.managerId != session->userId) {
                    throw CliError("forbidden", ownFiguresOnly(session->role), 1);
                }
                f.managerId = session->userId;
            }
            table = reports::runReport(db, name, f, domain::nowMs());
        } catch (const reports::ReportError& e) {
            throw CliError(e.code(), e.what(), 2);
        }
        ctx.err() << "fieldbook-cli: offline report over this device's replica: it covers only "
                     "the records this device holds (its user's scope), not the whole server\n";
    } else {
        table = fetchReport(ctx, name, filters);
    }
    if (vm.count("csv")) {
        ctx.out() << table.toCsv();
    } else if (ctx.asJson()) {
        ctx.printJson(table.toJson());
    } else {
        printText(ctx.out(), table);
    }
    return 0;
}

} // namespace fieldbook::cli
