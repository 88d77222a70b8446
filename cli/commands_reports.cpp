// SPDX-License-Identifier: MIT
// fieldbook-cli report: the analytics of SPEC §5 (docs/reports.md) from the
// server, or with --offline over this device's replica (docs/cli.md "Reports").
#include "cli_context.h"
#include "device/online_lookup.h"
#include "device/sync_engine.h"
#include "domain/clock.h"
#include "domain/count_text.h"
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

/// A column's name as a person reads it: a money column (its name ends in
/// _cents) without "_cents", a history kind's count column with its code
/// unescaped (docs/reports.md: "contacts_by_kind_demo_5fsent" reads
/// "contacts_by_kind_demo_sent").
std::string columnTitle(const reports::Column& c) {
    if (isCents(c)) {
        return c.name.substr(0, c.name.size() - 6);
    }
    constexpr std::string_view kKind = "contacts_by_kind_";
    if (!c.name.starts_with(kKind)) {
        return c.name;
    }
    std::string title(kKind);
    auto hex = [](char h) { return h >= 'a' ? h - 'a' + 10 : h - '0'; };
    auto isHex = [](char h) { return (h >= '0' && h <= '9') || (h >= 'a' && h <= 'f'); };
    for (size_t i = kKind.size(); i < c.name.size(); ++i) {
        // After the prefix every '_' starts an escape of two hex digits.
        if (c.name[i] == '_' && i + 2 < c.name.size() && isHex(c.name[i + 1]) &&
            isHex(c.name[i + 2])) {
            title += static_cast<char>(hex(c.name[i + 1]) * 16 + hex(c.name[i + 2]));
            i += 2;
        } else {
            title += c.name[i];
        }
    }
    return title;
}

/// A table of more columns than this, wider than kMaxTableWidth, prints each
/// row as a block of "column: value" lines (manager_load: 26 columns); the
/// listings keep a line per row however long a title.
constexpr size_t kMaxTableColumns = 12;
constexpr size_t kMaxTableWidth = 160;

/// The table as aligned text columns, then "N rows" ("1 row"); money in currency units
/// with two decimals; column names by columnTitle(). A table of more than
/// kMaxTableColumns columns and wider than kMaxTableWidth prints one block
/// per row instead, a blank line between.
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
        header.push_back(columnTitle(c));
        width.push_back(header.back().size());
    }
    for (const auto& r : t.rows) {
        for (size_t i = 0; i < r.size() && i < width.size(); ++i) {
            width[i] = std::max(width[i], cell(r[i], i).size());
        }
    }
    size_t total = 0;
    size_t titleWidth = 0;
    for (size_t i = 0; i < width.size(); ++i) {
        total += width[i] + 2;
        titleWidth = std::max(titleWidth, header[i].size());
    }
    if (t.columns.size() > kMaxTableColumns && total > kMaxTableWidth) {
        for (size_t n = 0; n < t.rows.size(); ++n) {
            out << (n ? "\n" : "");
            const auto& r = t.rows[n];
            for (size_t i = 0; i < r.size() && i < header.size(); ++i) {
                out << header[i] << ":" << std::string(titleWidth - header[i].size() + 1, ' ')
                    << cell(r[i], i) << "\n";
            }
        }
        out << domain::countText(std::ssize(t.rows), "row") << "\n";
        return;
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
    out << domain::countText(std::ssize(t.rows), "row") << "\n";
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
