// SPDX-License-Identifier: MIT
#include "reports/reports.h"

#include "reports/report_sql.h"

#include <algorithm>
#include <array>

namespace fieldbook::reports {

using nlohmann::json;

namespace detail {

namespace {
thread_local bool tExplain = false; // queryPlan(): prepare() explains instead
} // namespace

Sql& Sql::add(std::string_view fragment, std::initializer_list<json> vals) {
    text += fragment;
    values.insert(values.end(), vals.begin(), vals.end());
    return *this;
}

store::Statement Sql::prepare(store::Database& db) const {
    store::Statement st(db, tExplain ? "EXPLAIN QUERY PLAN " + text : text);
    for (size_t i = 0; i < values.size(); ++i) {
        const auto& v = values[i];
        int index = static_cast<int>(i) + 1;
        if (v.is_null()) {
            st.bindNull(index);
        } else if (v.is_number_integer()) {
            st.bind(index, v.get<std::int64_t>());
        } else if (v.is_number()) {
            st.bind(index, v.get<double>());
        } else {
            st.bind(index, v.get_ref<const std::string&>());
        }
    }
    return st;
}

Table collectDeclared(std::string report, store::Statement& st, std::vector<Column> declared) {
    if (tExplain) {
        return collect(std::move(report), st);
    }
    return collect(std::move(report), st, std::move(declared));
}

void dealFilters(Sql& sql, const Filters& f, std::string_view d) {
    std::string p(d);
    if (!f.managerId.empty()) {
        sql.add(" AND " + p + ".manager_id = ?", {f.managerId});
    }
    if (!f.team.empty()) {
        sql.add(" AND " + p + ".manager_id IN (SELECT id FROM users WHERE team = ?)", {f.team});
    }
    if (!f.segment.empty()) {
        sql.add(" AND " + p +
                    ".client_id IN (SELECT id FROM clients WHERE industry = ? OR region = ? OR "
                    "size = ?)",
                {f.segment, f.segment, f.segment});
    }
    if (!f.productId.empty()) {
        sql.add(" AND (" + p + ".product_id = ? OR " + p +
                    ".id IN (SELECT deal_id FROM deal_lines WHERE product_id = ? AND deleted = 0))",
                {f.productId, f.productId});
    }
}

void clientFilters(Sql& sql, const Filters& f, std::string_view c) {
    std::string p(c);
    if (!f.segment.empty()) {
        sql.add(" AND (" + p + ".industry = ? OR " + p + ".region = ? OR " + p + ".size = ?)",
                {f.segment, f.segment, f.segment});
    }
    if (!f.productId.empty()) {
        sql.add(" AND " + p +
                    ".id IN (SELECT client_id FROM deals WHERE deleted = 0 AND (product_id = ? "
                    "OR id IN (SELECT deal_id FROM deal_lines WHERE product_id = ? AND "
                    "deleted = 0)))",
                {f.productId, f.productId});
    }
}

void periodFilter(Sql& sql, const Filters& f, std::string_view column) {
    if (f.fromMs) {
        sql.add(" AND " + std::string(column) + " >= ?", {*f.fromMs});
    }
    if (f.toMs) {
        sql.add(" AND " + std::string(column) + " < ?", {*f.toMs});
    }
}

} // namespace detail

namespace {
constexpr std::array<std::string_view, 11> kAllNames = {
    "manager_load",         "deals_outcome",   "deal_durations",   "durations_by_product",
    "durations_by_segment", "stage_durations", "stages_over_norm", "funnel",
    "refusal_reasons",      "sources",         "completeness"};
} // namespace

std::span<const std::string_view> reportNames() {
    return kAllNames;
}

bool isReport(std::string_view name) {
    return std::find(kAllNames.begin(), kAllNames.end(), name) != kAllNames.end();
}

Table runReport(store::Database& db, std::string_view name, const Filters& f, std::int64_t nowMs) {
    using namespace detail;
    if (!isReport(name)) {
        std::string names;
        for (auto n : kAllNames) {
            names += (names.empty() ? "" : ", ") + std::string(n);
        }
        throw ReportError("unknown_report",
                          "no report \"" + std::string(name) + "\"; reports: " + names);
    }
    store::ReadTransaction tx(db);
    if (name == "manager_load") {
        return managerLoad(db, f, nowMs);
    }
    if (name == "deals_outcome") {
        return dealsOutcome(db, f);
    }
    if (name == "deal_durations") {
        return dealDurations(db, f);
    }
    if (name == "durations_by_product" || name == "durations_by_segment") {
        return durationsBy(db, f, name == "durations_by_segment");
    }
    if (name == "stage_durations") {
        return stageDurations(db, f, nowMs);
    }
    if (name == "stages_over_norm") {
        return stagesOverNorm(db, f, nowMs);
    }
    if (name == "funnel") {
        return funnel(db, f);
    }
    if (name == "refusal_reasons") {
        return refusalReasons(db, f);
    }
    if (name == "sources") {
        return sources(db, f);
    }
    return completeness(db, f);
}

std::vector<std::string> queryPlan(store::Database& db, std::string_view name,
                                   const Filters& filters, std::int64_t nowMs) {
    struct Explain {
        Explain() { detail::tExplain = true; }
        ~Explain() { detail::tExplain = false; }
    } explain;
    auto plan = runReport(db, name, filters, nowMs);
    std::vector<std::string> out;
    int detailColumn = plan.column("detail");
    for (const auto& row : plan.rows) {
        if (detailColumn >= 0 && row[detailColumn].is_string()) {
            out.push_back(row[detailColumn].get<std::string>());
        }
    }
    return out;
}

std::string_view indexDdl() {
    // "deleted" leads the covering indexes (every report reads live rows
    // only, `deleted = 0`): a scan of them never touches the wide table rows.
    return "CREATE INDEX IF NOT EXISTS deals_closed_facts ON deals(deleted, outcome, closed_at, "
           "manager_id, product_id, client_id, opened_at, amount_cents, refusal_reason, id);"
           "CREATE INDEX IF NOT EXISTS deals_id_facts ON deals(id, deleted, outcome, opened_at, "
           "manager_id, product_id, client_id);"
           "CREATE INDEX IF NOT EXISTS deals_manager_facts ON deals(manager_id, deleted, outcome, "
           "closed_at, amount_cents, product_id, client_id, opened_at, refusal_reason, id);"
           "CREATE INDEX IF NOT EXISTS deals_product ON deals(product_id);"
           "CREATE INDEX IF NOT EXISTS deal_lines_product ON deal_lines(product_id);"
           "CREATE INDEX IF NOT EXISTS deal_stages_deal_stage ON deal_stages(deal_id, stage, "
           "deleted, started_at, ended_at);"
           "CREATE INDEX IF NOT EXISTS history_author_kind ON history_entries(author_id, "
           "occurred_at, deleted, kind);"
           "CREATE INDEX IF NOT EXISTS activities_assignee_status ON "
           "planned_activities(assignee_id, starts_at, deleted, status, duration_min);"
           "CREATE INDEX IF NOT EXISTS clients_first_contact_by ON clients(first_contact_by, "
           "first_contact_at);";
}

std::string_view obsoleteIndexDdl() {
    // Schema 7's, each replaced by a covering one above, and deals_opened_facts
    // of the first schema-8 builds (replaced by deals_id_facts).
    return "DROP INDEX IF EXISTS deals_outcome_closed;"
           "DROP INDEX IF EXISTS deals_opened;"
           "DROP INDEX IF EXISTS deals_manager_outcome;"
           "DROP INDEX IF EXISTS deals_opened_facts;"
           "DROP INDEX IF EXISTS history_author_time;"
           "DROP INDEX IF EXISTS activities_assignee_start;";
}

void tuneReadConnection(store::Database& db) {
    // A report reads tens of MB of index pages once: map the file instead of
    // copying each page through read() into a 2 MiB cache.
    db.exec("PRAGMA mmap_size=268435456; PRAGMA cache_size=-16384; PRAGMA query_only=1;");
}

ReportAccess reportAccess(std::string_view role) {
    if (role == "marketing" || role == "head" || role == "admin") {
        return ReportAccess::All;
    }
    if (role == "manager" || role == "telemarketing" || role == "support") {
        return ReportAccess::Own;
    }
    return ReportAccess::None;
}

} // namespace fieldbook::reports
