// SPDX-License-Identifier: MIT
// The per-person reports: a manager's load and the completeness of the cards
// a manager curates (docs/reports.md).
#include "reports/report_sql.h"

#include <algorithm>

namespace fieldbook::reports::detail {

namespace {

/// The client's card fields a complete card has filled (SPEC §2, §5).
constexpr const char* kCardFields[] = {
    "industry",    "region",         "size",       "address",          "phone",           "email",
    "info_source", "contact_reason", "initiative", "triggering_event", "first_contact_at"};

/// Segment and product conditions on a record `r` with client_id and deal_id.
void recordFilters(Sql& sql, const Filters& f, const std::string& r) {
    if (!f.segment.empty()) {
        sql.add(" AND " + r +
                    ".client_id IN (SELECT id FROM clients WHERE industry = ? OR region = ? OR "
                    "size = ?)",
                {f.segment, f.segment, f.segment});
    }
    if (!f.productId.empty()) {
        sql.add(" AND " + r +
                    ".deal_id IN (SELECT id FROM deals WHERE product_id = ? OR id IN (SELECT "
                    "deal_id FROM deal_lines WHERE product_id = ? AND deleted = 0))",
                {f.productId, f.productId});
    }
}

/// The column of a history kind's count: "contacts_by_kind_" then the code
/// escaped injectively (a-z and 0-9 kept, every other byte as "_" and two hex
/// digits, "_" itself too), so two codes never share a column, no code meets
/// a fixed column (none starts with "contacts_by_kind_"), and the alias is
/// plain SQL identifier text.
std::string kindColumn(const std::string& code) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out = "contacts_by_kind_";
    for (char c : code) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            out += c;
        } else {
            const auto b = static_cast<unsigned char>(c);
            out += '_';
            out += kHex[b >> 4];
            out += kHex[b & 0xf];
        }
    }
    return out;
}

} // namespace

LoadPeriod loadPeriod(const Filters& f, std::int64_t nowMs) {
    LoadPeriod p;
    p.toMs = f.toMs.value_or(nowMs);
    p.fromMs = f.fromMs.value_or(p.toMs - kLoadDays * kDayMs);
    if (p.fromMs >= p.toMs) { // a `from` after now, without `to`
        p.toMs = p.fromMs + kLoadDays * kDayMs;
    }
    if (p.toMs - p.fromMs < kDayMs) {
        // A per-day rate over minutes is no load figure (break-it: one hour
        // over a 2-minute period read 716 h a day): a period is a day at least.
        p.toMs = p.fromMs + kDayMs;
    }
    return p;
}

Table managerLoad(store::Database& db, const Filters& f, std::int64_t nowMs) {
    std::vector<std::string> kinds;
    {
        store::Statement st(db, "SELECT DISTINCT code FROM reference_items WHERE list = "
                                "'history_kind' AND deleted = 0 ORDER BY sort_order, code");
        while (st.step()) {
            kinds.push_back(st.text(0));
        }
    }
    Filters rest = f; // the row is the manager: only segment, product and period filter records
    rest.managerId.clear();
    rest.team.clear();
    // Each figure is one grouped pass over its table (by person), joined to
    // the managers: no per-manager subquery (bench: 35 managers x 12 kinds).
    auto person = [&](Sql& sql, const std::string& column) {
        if (!f.managerId.empty()) {
            sql.add(" AND " + column + " = ?", {f.managerId});
        }
    };
    const std::string end = "(a.starts_at + a.duration_min * 60000)";
    const auto load = loadPeriod(f, nowMs);
    Sql sql;
    sql.add("WITH dw AS (SELECT d.manager_id AS uid, COUNT(*) AS deals, "
            "COUNT(DISTINCT d.client_id) AS clients FROM deals d WHERE d.deleted = 0");
    person(sql, "d.manager_id");
    if (!f.fromMs && !f.toMs) {
        sql.add(" AND d.outcome = 'open'");
    }
    if (f.toMs) {
        sql.add(" AND (d.opened_at IS NULL OR d.opened_at < ?)", {*f.toMs});
    }
    if (f.fromMs) {
        sql.add(" AND (d.outcome = 'open' OR d.closed_at >= ?)", {*f.fromMs});
    }
    dealFilters(sql, rest, "d");
    sql.add(" GROUP BY d.manager_id), nc AS (SELECT c.first_contact_by AS uid, COUNT(*) AS n "
            "FROM clients c WHERE c.deleted = 0 AND c.merged_into IS NULL "
            "AND c.first_contact_by IS NOT NULL");
    person(sql, "c.first_contact_by");
    periodFilter(sql, f, "c.first_contact_at");
    clientFilters(sql, rest, "c");
    sql.add(" GROUP BY c.first_contact_by), he AS (SELECT h.author_id AS uid, COUNT(*) AS n");
    for (size_t i = 0; i < kinds.size(); ++i) {
        sql.add(", SUM(h.kind = ?) AS k" + std::to_string(i), {kinds[i]});
    }
    sql.add(" FROM history_entries h WHERE h.deleted = 0");
    person(sql, "h.author_id");
    periodFilter(sql, f, "h.occurred_at");
    recordFilters(sql, rest, "h");
    sql.add(" GROUP BY h.author_id), pa AS (SELECT a.assignee_id AS uid, "
            "SUM(a.status = 'planned' AND " +
                end +
                " >= ?) AS planned, SUM(a.status = 'done') AS done, "
                "SUM(a.status = 'missed' OR (a.status = 'planned' AND " +
                end +
                " < ?)) AS missed, SUM(a.status = 'cancelled') AS cancelled, "
                "TOTAL(CASE WHEN a.status <> 'cancelled' THEN a.duration_min END) AS minutes, "
                "TOTAL(CASE WHEN a.status <> 'cancelled' AND a.starts_at < ? AND " +
                end + " > ? THEN (MIN(" + end +
                ", ?) - MAX(a.starts_at, ?)) / 60000.0 END) "
                "AS load_minutes "
                "FROM planned_activities a WHERE a.deleted = 0",
            {nowMs, nowMs, load.toMs, load.fromMs, load.toMs, load.fromMs});
    person(sql, "a.assignee_id");
    periodFilter(sql, f, "a.starts_at");
    recordFilters(sql, rest, "a");
    sql.add(" GROUP BY a.assignee_id) "
            "SELECT u.login AS manager, u.full_name AS manager_name, u.team AS team, "
            "COALESCE(dw.deals, 0) AS deals_in_work, COALESCE(dw.clients, 0) AS clients_in_work, "
            "COALESCE(nc.n, 0) AS new_cards, COALESCE(he.n, 0) AS contacts_logged");
    for (size_t i = 0; i < kinds.size(); ++i) {
        sql.add(", COALESCE(he.k" + std::to_string(i) + ", 0) AS " + kindColumn(kinds[i]));
    }
    sql.add(", COALESCE(pa.planned, 0) AS activities_planned, COALESCE(pa.done, 0) AS "
            "activities_done, COALESCE(pa.missed, 0) AS activities_missed, "
            "COALESCE(pa.cancelled, 0) AS activities_cancelled, "
            "ROUND(COALESCE(pa.minutes, 0) / 60.0, 2) AS planned_hours, ");
    // In double: a difference of two int64 could overflow.
    const double days =
        (static_cast<double>(load.toMs) - static_cast<double>(load.fromMs)) / 86400000.0;
    sql.add("ROUND(COALESCE(pa.load_minutes, 0) / 60.0 / ?, 2) AS hours_per_day, "
            "ROUND(COALESCE(pa.load_minutes, 0) / 60.0 / ? * 7, 2) AS hours_per_week",
            {days, days});
    sql.add(" FROM users u LEFT JOIN dw ON dw.uid = u.id LEFT JOIN nc ON nc.uid = u.id "
            "LEFT JOIN he ON he.uid = u.id LEFT JOIN pa ON pa.uid = u.id WHERE u.deleted = 0");
    if (!f.managerId.empty()) {
        sql.add(" AND u.id = ?", {f.managerId});
    } else {
        sql.add(" AND u.role = 'manager'");
    }
    if (!f.team.empty()) {
        sql.add(" AND u.team = ?", {f.team});
    }
    sql.add(" ORDER BY u.login");
    std::vector<Column> columns = {{"manager", kText}, {"manager_name", kText}, {"team", kText}};
    for (const char* name : {"deals_in_work", "clients_in_work", "new_cards", "contacts_logged"}) {
        columns.push_back({name, kInteger});
    }
    for (const auto& kind : kinds) {
        columns.push_back({kindColumn(kind), kInteger});
    }
    for (const char* name :
         {"activities_planned", "activities_done", "activities_missed", "activities_cancelled"}) {
        columns.push_back({name, kInteger});
    }
    for (const char* name : {"planned_hours", "hours_per_day", "hours_per_week"}) {
        columns.push_back({name, kReal});
    }
    auto st = sql.prepare(db);
    return collectDeclared("manager_load", st, std::move(columns));
}

Table completeness(store::Database& db, const Filters& f) {
    auto empty = [](const std::string& field) {
        return "COALESCE(trim(c." + field + "), '') = ''";
    };
    std::string anyEmpty;
    Sql sql;
    sql.add("SELECT u.login AS manager, u.full_name AS manager_name, COUNT(*) AS cards");
    for (const char* field : kCardFields) {
        sql.add(", SUM(" + empty(field) + ") AS empty_" + field);
        anyEmpty += (anyEmpty.empty() ? "" : " OR ") + empty(field);
    }
    sql.add(", SUM(" + anyEmpty + ") AS incomplete_cards, ROUND(100.0 * SUM(NOT (" + anyEmpty +
            ")) / COUNT(*), 1) AS complete_pct "
            "FROM clients c LEFT JOIN users u ON u.id = c.curator_id "
            "WHERE c.deleted = 0 AND c.merged_into IS NULL");
    if (!f.managerId.empty()) {
        sql.add(" AND c.curator_id = ?", {f.managerId});
    }
    if (!f.team.empty()) {
        sql.add(" AND c.curator_id IN (SELECT id FROM users WHERE team = ?)", {f.team});
    }
    clientFilters(sql, f, "c");
    sql.add(" GROUP BY c.curator_id ORDER BY manager");
    std::vector<Column> columns = {
        {"manager", kText}, {"manager_name", kText}, {"cards", kInteger}};
    for (const char* field : kCardFields) {
        columns.push_back({std::string("empty_") + field, kInteger});
    }
    columns.push_back({"incomplete_cards", kInteger});
    columns.push_back({"complete_pct", kReal});
    auto st = sql.prepare(db);
    return collectDeclared("completeness", st, std::move(columns));
}

} // namespace fieldbook::reports::detail
