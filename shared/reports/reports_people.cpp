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

/// Identifier-safe column suffix for a code (codes are data, not input, but
/// an alias is SQL text: keep only [a-z0-9_]).
std::string aliasOf(const std::string& code) {
    std::string out;
    for (char c : code) {
        out += (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : '_';
    }
    return out;
}

} // namespace

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
    const std::string end = "(a.starts_at + a.duration_min * 60000)";

    Sql sql;
    sql.add("SELECT manager, manager_name, team, deals_in_work, clients_in_work, new_cards, "
            "contacts_logged");
    for (const auto& k : kinds) {
        sql.add(", contacts_" + aliasOf(k));
    }
    sql.add(", activities_planned, activities_done, activities_missed, activities_cancelled, "
            "ROUND(minutes / 60.0, 2) AS planned_hours, ");
    if (f.fromMs && f.toMs) {
        double days = static_cast<double>(*f.toMs - *f.fromMs) / 86400000.0;
        sql.add("ROUND(minutes / 60.0 / ?, 2) AS hours_per_day, "
                "ROUND(minutes / 60.0 / ? * 7, 2) AS hours_per_week",
                {days, days});
    } else {
        sql.add("ROUND(minutes / 60.0 / span_days, 2) AS hours_per_day, "
                "ROUND(minutes / 60.0 / span_days * 7, 2) AS hours_per_week");
    }
    sql.add(" FROM (SELECT u.login AS manager, u.full_name AS manager_name, u.team AS team");
    for (auto [what, alias] : {std::pair{"COUNT(*)", "deals_in_work"},
                               std::pair{"COUNT(DISTINCT d.client_id)", "clients_in_work"}}) {
        sql.add(", (SELECT " + std::string(what) +
                " FROM deals d WHERE d.manager_id = u.id AND d.deleted = 0");
        if (!f.fromMs && !f.toMs) {
            sql.add(" AND d.outcome = 'open'");
        } else {
            if (f.toMs) {
                sql.add(" AND (d.opened_at IS NULL OR d.opened_at < ?)", {*f.toMs});
            }
            if (f.fromMs) {
                sql.add(" AND (d.outcome = 'open' OR d.closed_at >= ?)", {*f.fromMs});
            }
        }
        dealFilters(sql, rest, "d");
        sql.add(std::string(") AS ") + alias);
    }
    sql.add(", (SELECT COUNT(*) FROM clients c WHERE c.first_contact_by = u.id "
            "AND c.deleted = 0 AND c.merged_into IS NULL");
    periodFilter(sql, f, "c.first_contact_at");
    clientFilters(sql, rest, "c");
    sql.add(") AS new_cards");
    auto history = [&](const std::string& alias, const std::string* kind) {
        sql.add(", (SELECT COUNT(*) FROM history_entries h WHERE h.author_id = u.id "
                "AND h.deleted = 0");
        if (kind) {
            sql.add(" AND h.kind = ?", {*kind});
        }
        periodFilter(sql, f, "h.occurred_at");
        recordFilters(sql, rest, "h");
        sql.add(") AS " + alias);
    };
    history("contacts_logged", nullptr);
    for (const auto& k : kinds) {
        history("contacts_" + aliasOf(k), &k);
    }
    auto activities = [&](const std::string& what, const std::string& cond,
                          std::initializer_list<nlohmann::json> vals, const std::string& alias) {
        sql.add(", (SELECT " + what +
                    " FROM planned_activities a WHERE a.assignee_id = u.id AND a.deleted = 0" +
                    cond,
                vals);
        periodFilter(sql, f, "a.starts_at");
        recordFilters(sql, rest, "a");
        sql.add(") AS " + alias);
    };
    activities("COUNT(*)", " AND a.status = 'planned' AND " + end + " >= ?", {nowMs},
               "activities_planned");
    activities("COUNT(*)", " AND a.status = 'done'", {}, "activities_done");
    activities("COUNT(*)",
               " AND (a.status = 'missed' OR (a.status = 'planned' AND " + end + " < ?))", {nowMs},
               "activities_missed");
    activities("COUNT(*)", " AND a.status = 'cancelled'", {}, "activities_cancelled");
    activities("COALESCE(SUM(a.duration_min), 0)", " AND a.status <> 'cancelled'", {}, "minutes");
    activities("COALESCE(MAX(a.starts_at) / 86400000 - MIN(a.starts_at) / 86400000 + 1, 1)",
               " AND a.status <> 'cancelled'", {}, "span_days");
    sql.add(" FROM users u WHERE u.deleted = 0");
    if (!f.managerId.empty()) {
        sql.add(" AND u.id = ?", {f.managerId});
    } else {
        sql.add(" AND u.role = 'manager'");
    }
    if (!f.team.empty()) {
        sql.add(" AND u.team = ?", {f.team});
    }
    sql.add(") ORDER BY manager");
    auto st = sql.prepare(db);
    return collect("manager_load", st);
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
    auto st = sql.prepare(db);
    return collect("completeness", st);
}

} // namespace fieldbook::reports::detail
