// SPDX-License-Identifier: MIT
// The deal reports: outcomes, durations, stages against their norms, the
// funnel, refusal reasons and sources (docs/reports.md).
#include "reports/report_sql.h"

namespace fieldbook::reports::detail {

namespace {
constexpr const char* kDays = "((d.closed_at - d.opened_at) / 86400000.0)";
constexpr const char* kWonAmount =
    "SUM(CASE WHEN d.outcome = 'won' THEN COALESCE(d.amount_cents, 0) ELSE 0 END)";

std::string label(const char* list, const std::string& codeExpr) {
    return std::string("(SELECT label FROM reference_items WHERE list = '") + list +
           "' AND code = " + codeExpr + " AND deleted = 0 LIMIT 1)";
}
/// The selected deals as a subquery `d` read in id order: "(SELECT d.id,
/// d.outcome FROM deals d WHERE d.id >= '' AND live [period] [filters]) d".
/// Joined to deal_stages_deal_stage (deal_id first), the seeks into the stage
/// records then go in key order and stay on the pages just read: about half
/// the time of the same seeks in the order of another index (docs/reports.md
/// "Speed"). The range on id (every id is text, so it selects all) is the
/// one indexable term, so the planner reads the covering deals_id_facts in
/// id order; `+d.deleted` keeps it off the (deleted, ...) indexes. A manager
/// filter is indexable too and wins: one seek of deals_manager_facts. (An
/// ORDER BY in the subquery would not do: SQLite drops it as not affecting
/// the result.)
void dealsInIdOrder(Sql& sql, const Filters& f, const char* periodColumn) {
    sql.add("(SELECT d.id AS id, d.outcome AS outcome FROM deals d "
            "WHERE d.id >= '' AND +d.deleted = 0");
    if (periodColumn != nullptr) {
        periodFilter(sql, f, periodColumn);
    }
    dealFilters(sql, f, "d");
    sql.add(") d");
}
} // namespace

Table dealsOutcome(store::Database& db, const Filters& f) {
    // Grouped over the covering deals_closed_facts first, the managers'
    // names joined to the groups after (one lookup per group, not per deal).
    Sql sql;
    sql.add("SELECT u.login AS manager, u.full_name AS manager_name, u.team AS team, "
            "x.month AS month, x.won AS won, x.lost AS lost, x.won_amount_cents AS "
            "won_amount_cents FROM (SELECT d.manager_id AS manager_id, "
            "strftime('%Y-%m', d.closed_at / 1000, 'unixepoch') AS month, "
            "SUM(d.outcome = 'won') AS won, SUM(d.outcome = 'lost') AS lost, ");
    sql.add(std::string(kWonAmount) + " AS won_amount_cents FROM deals d "
                                      "WHERE d.deleted = 0 AND d.outcome IN ('won', 'lost')");
    periodFilter(sql, f, "d.closed_at");
    dealFilters(sql, f, "d");
    sql.add(" GROUP BY d.manager_id, month) x LEFT JOIN users u ON u.id = x.manager_id "
            "ORDER BY manager, month");
    auto st = sql.prepare(db);
    return collectDeclared("deals_outcome", st,
                           {{"manager", kText},
                            {"manager_name", kText},
                            {"team", kText},
                            {"month", kText},
                            {"won", kInteger},
                            {"lost", kInteger},
                            {"won_amount_cents", kInteger}});
}

Table dealDurations(store::Database& db, const Filters& f) {
    Sql sql;
    sql.add("SELECT d.id AS deal_id, d.external_ref AS external_ref, d.title AS title, "
            "u.login AS manager, p.name AS product, c.industry AS segment, d.outcome AS outcome, "
            "date(d.opened_at / 1000, 'unixepoch') AS opened, "
            "date(d.closed_at / 1000, 'unixepoch') AS closed, ");
    sql.add(std::string("ROUND(") + kDays +
            ", 2) AS days FROM deals d LEFT JOIN users u ON u.id = d.manager_id "
            "LEFT JOIN products p ON p.id = d.product_id "
            "LEFT JOIN clients c ON c.id = d.client_id "
            "WHERE d.deleted = 0 AND d.outcome IN ('won', 'lost') "
            "AND d.opened_at IS NOT NULL AND d.closed_at IS NOT NULL");
    periodFilter(sql, f, "d.closed_at");
    dealFilters(sql, f, "d");
    sql.add(" ORDER BY d.closed_at, d.id");
    auto st = sql.prepare(db);
    return collectDeclared("deal_durations", st,
                           {{"deal_id", kText},
                            {"external_ref", kText},
                            {"title", kText},
                            {"manager", kText},
                            {"product", kText},
                            {"segment", kText},
                            {"outcome", kText},
                            {"opened", kText},
                            {"closed", kText},
                            {"days", kReal}});
}

Table durationsBy(store::Database& db, const Filters& f, bool bySegment) {
    // Two steps: the closed deals grouped by client (or product) over the
    // covering deals_closed_facts, then those groups by segment (or product)
    // with the client's card joined once per client, not once per deal.
    // Averages are sums over counts, so the two steps give AVG's answer.
    const std::string days = kDays;
    const char* key = bySegment ? "d.client_id" : "d.product_id";
    Sql sql;
    sql.add(bySegment ? "SELECT c.industry AS segment, " + label("industry", "c.industry") +
                            " AS segment_label, "
                      : std::string("SELECT p.name AS product, "));
    sql.add("SUM(x.n) AS deals_closed, SUM(x.won) AS won, "
            "ROUND(SUM(x.days) / SUM(x.n), 2) AS avg_days, "
            "ROUND(SUM(x.won_days) / NULLIF(SUM(x.won), 0), 2) AS avg_days_won, "
            "ROUND(MIN(x.min_days), 2) AS min_days, ROUND(MAX(x.max_days), 2) AS max_days "
            "FROM (SELECT " +
            std::string(key) + " AS k, COUNT(*) AS n, SUM(d.outcome = 'won') AS won, TOTAL(" +
            days + ") AS days, TOTAL(CASE WHEN d.outcome = 'won' THEN " + days +
            " END) AS won_days, MIN(" + days + ") AS min_days, MAX(" + days +
            ") AS max_days FROM deals d "
            "WHERE d.deleted = 0 AND d.outcome IN ('won', 'lost') "
            "AND d.opened_at IS NOT NULL AND d.closed_at IS NOT NULL");
    periodFilter(sql, f, "d.closed_at");
    dealFilters(sql, f, "d");
    sql.add(" GROUP BY k) x ");
    sql.add(bySegment ? "LEFT JOIN clients c ON c.id = x.k GROUP BY c.industry "
                        "ORDER BY avg_days DESC, segment"
                      : "LEFT JOIN products p ON p.id = x.k GROUP BY x.k "
                        "ORDER BY avg_days DESC, product");
    auto st = sql.prepare(db);
    std::vector<Column> columns;
    if (bySegment) {
        columns = {{"segment", kText}, {"segment_label", kText}};
    } else {
        columns = {{"product", kText}};
    }
    for (const char* name : {"deals_closed", "won"}) {
        columns.push_back({name, kInteger});
    }
    for (const char* name : {"avg_days", "avg_days_won", "min_days", "max_days"}) {
        columns.push_back({name, kReal});
    }
    return collectDeclared(bySegment ? "durations_by_segment" : "durations_by_product", st,
                           std::move(columns));
}

Table stageDurations(store::Database& db, const Filters& f, std::int64_t nowMs) {
    // One pass over the stage records of the selected deals, grouped by stage,
    // then joined to the stage list (stages without records show zeros).
    const std::string span = "(ds.ended_at - ds.started_at)";
    const std::string overNorm = "st.norm_days > 0 AND ";
    Sql sql;
    sql.add("SELECT s.sort_order AS position, s.code AS stage, s.name AS name, "
            "s.norm_days AS norm_days, COALESCE(x.passes, 0) AS passes, "
            "COALESCE(x.finished, 0) AS finished, x.avg_days AS avg_days, "
            "x.max_days AS max_days, COALESCE(x.over_norm, 0) AS over_norm, "
            "COALESCE(x.current, 0) AS current, COALESCE(x.over_norm_now, 0) AS over_norm_now "
            "FROM stages s LEFT JOIN (SELECT ds.stage AS stage, COUNT(*) AS passes, "
            "SUM(ds.ended_at IS NOT NULL) AS finished, "
            "ROUND(AVG(" +
                span + " / 86400000.0), 2) AS avg_days, ROUND(MAX(" + span +
                " / 86400000.0), 2) AS max_days, SUM(ds.ended_at IS NOT NULL AND " + overNorm +
                span +
                " > st.norm_days * 86400000) AS over_norm, "
                "SUM(ds.ended_at IS NULL AND d.outcome = 'open') AS current, "
                "SUM(ds.ended_at IS NULL AND d.outcome = 'open' AND " +
                overNorm + "? - ds.started_at > st.norm_days * 86400000) AS over_norm_now ",
            {nowMs});
    // Deals first, in id order, then their stage records through the
    // covering index deal_stages_deal_stage: one seek per deal (CROSS JOIN
    // fixes the order).
    sql.add("FROM ");
    dealsInIdOrder(sql, f, nullptr);
    sql.add(" CROSS JOIN deal_stages ds ON ds.deal_id = d.id "
            "LEFT JOIN stages st ON st.code = ds.stage AND st.deleted = 0 "
            "WHERE ds.deleted = 0");
    periodFilter(sql, f, "ds.started_at");
    sql.add(" GROUP BY ds.stage) x ON x.stage = s.code WHERE s.deleted = 0 "
            "ORDER BY s.sort_order, s.code");
    auto st = sql.prepare(db);
    return collectDeclared("stage_durations", st,
                           {{"position", kInteger},
                            {"stage", kText},
                            {"name", kText},
                            {"norm_days", kInteger},
                            {"passes", kInteger},
                            {"finished", kInteger},
                            {"avg_days", kReal},
                            {"max_days", kReal},
                            {"over_norm", kInteger},
                            {"current", kInteger},
                            {"over_norm_now", kInteger}});
}

Table stagesOverNorm(store::Database& db, const Filters& f, std::int64_t nowMs) {
    Sql sql;
    sql.add("SELECT d.id AS deal_id, d.title AS title, u.login AS manager, s.code AS stage, "
            "s.name AS stage_name, date(ds.started_at / 1000, 'unixepoch') AS started, "
            "ROUND((? - ds.started_at) / 86400000.0, 1) AS days_in_stage, s.norm_days AS "
            "norm_days, ROUND((? - ds.started_at) / 86400000.0 - s.norm_days, 1) AS days_over "
            "FROM deal_stages ds JOIN deals d ON d.id = ds.deal_id "
            "JOIN stages s ON s.code = ds.stage AND s.deleted = 0 "
            "LEFT JOIN users u ON u.id = d.manager_id "
            "WHERE ds.deleted = 0 AND ds.ended_at IS NULL AND d.deleted = 0 "
            "AND d.outcome = 'open' AND s.norm_days > 0 "
            "AND ? - ds.started_at > s.norm_days * 86400000",
            {nowMs, nowMs, nowMs});
    periodFilter(sql, f, "ds.started_at");
    dealFilters(sql, f, "d");
    sql.add(" ORDER BY days_over DESC, d.id");
    auto st = sql.prepare(db);
    return collectDeclared("stages_over_norm", st,
                           {{"deal_id", kText},
                            {"title", kText},
                            {"manager", kText},
                            {"stage", kText},
                            {"stage_name", kText},
                            {"started", kText},
                            {"days_in_stage", kReal},
                            {"norm_days", kInteger},
                            {"days_over", kReal}});
}

Table funnel(store::Database& db, const Filters& f) {
    auto selected = [&](Sql& sql) {
        sql.add(" WHERE d.deleted = 0");
        periodFilter(sql, f, "d.opened_at");
        dealFilters(sql, f, "d");
    };
    Sql sql;
    sql.add("WITH totals AS (SELECT COUNT(*) AS opened, COALESCE(SUM(d.outcome = 'won'), 0) "
            "AS won FROM deals d");
    selected(sql);
    // The selected deals in id order, each seeking its stage records (see
    // dealsInIdOrder; bench at 108,800 deals: 0.20 s of CPU, against 0.49 s
    // for one IN list probed by every stage record).
    sql.add("), reached AS (SELECT ds.stage AS stage, COUNT(DISTINCT ds.deal_id) AS deals FROM ");
    dealsInIdOrder(sql, f, "d.opened_at");
    sql.add(" CROSS JOIN deal_stages ds ON ds.deal_id = d.id WHERE ds.deleted = 0 "
            "GROUP BY ds.stage), steps AS ("
            "SELECT -1 AS position, 'opened' AS step, 'Deals opened' AS name, "
            "(SELECT opened FROM totals) AS deals "
            "UNION ALL SELECT s.sort_order, s.code, s.name, COALESCE(r.deals, 0) "
            "FROM stages s LEFT JOIN reached r ON r.stage = s.code WHERE s.deleted = 0 "
            "UNION ALL SELECT 1000000000, 'won', 'Won', (SELECT won FROM totals)) "
            "SELECT step, name, deals, "
            "ROUND(100.0 * deals / MAX((SELECT opened FROM totals), 1), 1) "
            "AS pct_of_opened FROM steps ORDER BY position");
    auto st = sql.prepare(db);
    return collectDeclared(
        "funnel", st,
        {{"step", kText}, {"name", kText}, {"deals", kInteger}, {"pct_of_opened", kReal}});
}

Table refusalReasons(store::Database& db, const Filters& f) {
    Sql sql;
    sql.add("SELECT d.refusal_reason AS reason, " + label("refusal_reason", "d.refusal_reason") +
            " AS label, COUNT(*) AS deals, "
            "ROUND(100.0 * COUNT(*) / SUM(COUNT(*)) OVER (), 1) AS share_pct, "
            "SUM(COALESCE(d.amount_cents, 0)) AS amount_cents "
            "FROM deals d WHERE d.deleted = 0 AND d.outcome = 'lost'");
    periodFilter(sql, f, "d.closed_at");
    dealFilters(sql, f, "d");
    sql.add(" GROUP BY d.refusal_reason ORDER BY deals DESC, reason");
    auto st = sql.prepare(db);
    return collectDeclared("refusal_reasons", st,
                           {{"reason", kText},
                            {"label", kText},
                            {"deals", kInteger},
                            {"share_pct", kReal},
                            {"amount_cents", kInteger}});
}

Table sources(store::Database& db, const Filters& f) {
    // The closed deals summed per client once (covering deals_closed_facts),
    // then those sums grouped by each client dimension: the card is read
    // once per client, not once per deal and dimension.
    Sql sql;
    sql.add("WITH per_client AS MATERIALIZED (SELECT d.client_id AS client_id, "
            "SUM(d.outcome = 'won') AS won, " +
            std::string(kWonAmount) +
            " AS amount, COUNT(*) AS closed FROM deals d "
            "WHERE d.deleted = 0 AND d.outcome IN ('won', 'lost')");
    periodFilter(sql, f, "d.closed_at");
    dealFilters(sql, f, "d");
    sql.add(" GROUP BY d.client_id)");
    const std::pair<const char*, const char*> dims[] = {{"info_source", "information_source"},
                                                        {"triggering_event", "triggering_event"}};
    bool first = true;
    for (auto [field, list] : dims) {
        std::string col = std::string("c.") + field;
        sql.add(std::string(first ? " " : " UNION ALL ") + "SELECT '" + field + "' AS dimension, " +
                col + " AS code, " + label(list, col) +
                " AS label, SUM(x.won) AS deals_won, SUM(x.amount) AS won_amount_cents, "
                "SUM(x.closed) AS deals_closed, "
                "ROUND(100.0 * SUM(x.won) / SUM(x.closed), 1) AS win_rate_pct "
                "FROM per_client x LEFT JOIN clients c ON c.id = x.client_id GROUP BY " +
                col);
        first = false;
    }
    sql.add(" ORDER BY dimension, deals_won DESC, won_amount_cents DESC, code");
    auto st = sql.prepare(db);
    return collectDeclared("sources", st,
                           {{"dimension", kText},
                            {"code", kText},
                            {"label", kText},
                            {"deals_won", kInteger},
                            {"won_amount_cents", kInteger},
                            {"deals_closed", kInteger},
                            {"win_rate_pct", kReal}});
}

} // namespace fieldbook::reports::detail
