// SPDX-License-Identifier: MIT
// Internal to shared/reports: an SQL text assembled from fixed fragments
// with every value bound as a parameter, and the filter fragments the
// reports share (docs/reports.md "Filters").
#pragma once

#include "reports/reports.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace fieldbook::reports::detail {

/// SQL text plus the values of its `?` parameters, in order. Fragments are
/// constants of this library; values never enter the text.
struct Sql {
    std::string text;
    std::vector<nlohmann::json> values;

    /// Appends `fragment`; each `?` in it takes the next of `vals`.
    Sql& add(std::string_view fragment, std::initializer_list<nlohmann::json> vals = {});
    /// Prepares the text and binds the values (text, integer or null).
    store::Statement prepare(store::Database& db) const;
};

/// " AND " conditions on a deal `d` (alias given) for the manager, team,
/// segment and product filters (not the period).
void dealFilters(Sql& sql, const Filters& f, std::string_view d);
/// " AND " conditions on a client `c` for the segment filter and, for the
/// product filter, "has a deal of that product".
void clientFilters(Sql& sql, const Filters& f, std::string_view c);
/// " AND from <= column < to" for the set ends of the period.
void periodFilter(Sql& sql, const Filters& f, std::string_view column);

/// collect() with the report's declared columns; while queryPlan() explains,
/// the plan's own columns instead.
Table collectDeclared(std::string report, store::Statement& st, std::vector<Column> declared);

/// Days of manager_load's hours per day and week when the period lacks an end.
constexpr std::int64_t kLoadDays = 28;
constexpr std::int64_t kDayMs = 86400000;

/// The period (ms UTC, half-open) over which manager_load spreads a
/// manager's hours (docs/reports.md "manager_load"): the filters' period;
/// a missing `to` is now, a missing `from` kLoadDays before the end; a
/// `from` at or after the end (after now, without `to`) runs kLoadDays.
struct LoadPeriod {
    std::int64_t fromMs = 0;
    std::int64_t toMs = 0;
};
LoadPeriod loadPeriod(const Filters& f, std::int64_t nowMs);

Table managerLoad(store::Database& db, const Filters& f, std::int64_t nowMs);
Table dealsOutcome(store::Database& db, const Filters& f);
Table dealDurations(store::Database& db, const Filters& f);
Table durationsBy(store::Database& db, const Filters& f, bool bySegment);
Table stageDurations(store::Database& db, const Filters& f, std::int64_t nowMs);
Table stagesOverNorm(store::Database& db, const Filters& f, std::int64_t nowMs);
Table funnel(store::Database& db, const Filters& f);
Table refusalReasons(store::Database& db, const Filters& f);
Table sources(store::Database& db, const Filters& f);
Table completeness(store::Database& db, const Filters& f);

} // namespace fieldbook::reports::detail
