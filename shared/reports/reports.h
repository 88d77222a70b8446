// SPDX-License-Identifier: MIT
// The analytics reports of SPEC §5 (issue 5), one definition each, as SQL
// over the synced tables: the same code answers on the server's database and
// on a device's replica (which holds the same tables for its scope).
// Definitions, columns and indexes: docs/reports.md.
#pragma once

#include "reports/report_table.h"
#include "store/database.h"
#include "sync/protocol.h"

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace fieldbook::reports {

/// A report request the reports refuse: a stable code (unknown_report,
/// unknown_filter, invalid_from, invalid_to, invalid_period, unknown_manager,
/// unknown_team, unknown_segment, unknown_product) and a message that says
/// what to send instead. Nothing is read or written after it.
class ReportError : public std::runtime_error {
  public:
    /// `message` may quote user input: a NUL byte in it is written "\\0" so
    /// that what() (a C string) does not end there.
    ReportError(std::string code, const std::string& message)
        : std::runtime_error(sync::escapeNul(message)), code_(std::move(code)) {}
    const std::string& code() const { return code_; }

  private:
    std::string code_;
};

/// The filters every report takes, resolved against the database. Unset
/// fields do not filter. The period is half-open: fromMs <= t < toMs (ms UTC).
struct Filters {
    std::optional<std::int64_t> fromMs;
    std::optional<std::int64_t> toMs;
    std::string managerId; ///< a user's id (a deal's manager, an entry's author...)
    std::string team;      ///< users.team
    std::string segment;   ///< a client's industry or region code, or its size
    std::string productId; ///< a deal's product (its main product or one of its lines)

    /// The filters as given back in answers: {"from","to","manager","team",
    /// "segment","product"} with dates as ms UTC, unset ones omitted.
    nlohmann::json toJson() const;
};

/// Parses filter parameters as the API and the CLI take them (keys from, to,
/// manager, team, segment, product): `from`/`to` as a date "YYYY-MM-DD" (a
/// `to` date includes that whole day, UTC), an ISO 8601 time, or ms since
/// the epoch; `manager` as a login or user id; `product` as a name
/// (case-insensitive) or id; `segment` an industry or region code or a size;
/// `team` a team some user is in. Empty values are unset. Throws ReportError
/// (codes above) for an unknown key, a bad date, from >= to, or a name the
/// database does not know.
Filters parseFilters(store::Database& db, const std::map<std::string, std::string>& params);

/// The report names, in the order docs/reports.md lists them.
std::span<const std::string_view> reportNames();
/// True for a name of reportNames().
bool isReport(std::string_view name);

/// Runs report `name` with `filters`; `nowMs` (ms UTC) decides what is
/// "now" (missed activities, stages over norm now, deals open now). Runs in
/// one read transaction. Throws ReportError unknown_report, store::StoreError.
Table runReport(store::Database& db, std::string_view name, const Filters& filters,
                std::int64_t nowMs);

/// SQLite's plan for report `name` (EXPLAIN QUERY PLAN of its SQL), one
/// line per plan step, e.g. "SEARCH d USING INDEX deals_outcome_closed
/// (outcome=? AND closed_at>? AND closed_at<?)". For bench/ and
/// docs/reports.md "Indexes". Throws as runReport.
std::vector<std::string> queryPlan(store::Database& db, std::string_view name,
                                   const Filters& filters, std::int64_t nowMs);

/// CREATE INDEX IF NOT EXISTS statements for the indexes the reports use
/// (docs/reports.md "Indexes"), to run in a migration step (server schema
/// 7, the covering set since schema 8).
std::string_view indexDdl();

/// DROP INDEX IF EXISTS statements for report indexes of earlier schemas
/// that indexDdl() replaced (server schema 8).
std::string_view obsoleteIndexDdl();

/// Sets up a connection that only runs reports: read-only (query_only),
/// the file memory-mapped (256 MiB) and a 16 MiB page cache. Throws
/// store::StoreError.
void tuneReadConnection(store::Database& db);

/// Whose figures a role may read (SPEC §1, §5; docs/permissions.md
/// "Reports"): marketing, head and admin read everyone's, manager,
/// telemarketing and support only their own (the manager filter is their own
/// id), an unknown role none.
enum class ReportAccess { None, Own, All };
ReportAccess reportAccess(std::string_view role);

} // namespace fieldbook::reports
