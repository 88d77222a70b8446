// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

struct sqlite3_value;

namespace fieldbook::bench {

/// The push floor of issue 6, figure 2 (docs/performance.md "Method"): what
/// SQLite itself costs for the rows a push wrote, with the server's schema
/// and indexes, without any of the server's C++ (parsing, rules, scope
/// checks, conflict merge, JSON answers).
///
/// Use: snapshotServerDb() before the push, readPushWrites() after it, then
/// writePushFloor() as often as wanted, each time into a fresh copy of the
/// snapshot.
class PushWrites {
  public:
    PushWrites() = default;
    ~PushWrites();
    PushWrites(PushWrites&&) noexcept = default;
    PushWrites& operator=(PushWrites&&) noexcept = default;
    PushWrites(const PushWrites&) = delete;
    PushWrites& operator=(const PushWrites&) = delete;

    /// One row to write: an INSERT of every column, or an UPDATE (by id) of
    /// only the columns whose value differs from the snapshot's row, which
    /// is what a narrow UPDATE of the server costs at best.
    struct Row {
        std::string sql;                    ///< the statement (prepared once per distinct text)
        std::vector<sqlite3_value*> values; ///< bound as ?1, ?2, ... (owned)
    };
    std::vector<Row> rows;
    int inserted = 0;     ///< record rows new since the snapshot
    int updated = 0;      ///< record rows changed since the snapshot
    int logRows = 0;      ///< idempotency-log rows (applied_mutations)
    std::int64_t seq = 0; ///< the change sequence counter after the push
};

/// Copies the server database `server` (live, in WAL mode: SQLite's online
/// backup, page by page) to the new file `copy`. Throws store::StoreError.
void snapshotServerDb(const std::string& server, const std::string& copy);

/// The rows the push wrote: every entity table's rows whose `seq` is above
/// the snapshot's change counter, compared with the snapshot's row of the
/// same id, and every `applied_mutations` row not in the snapshot. Reads
/// `server` (live) and `snapshot`. Throws store::StoreError.
PushWrites readPushWrites(const std::string& server, const std::string& snapshot);

/// CPU and wall time of one floor run, seconds.
struct FloorTime {
    double wall = 0;
    double cpu = 0; ///< this thread's CPU (CLOCK_THREAD_CPUTIME_ID)
};

/// Copies `snapshot` to `path`, opens it as the server opens its database
/// (store::Database: WAL, synchronous=NORMAL; the server's 64 MiB page
/// cache; no checkpoint inside the commit, as the server's WalCheckpointer)
/// and writes `writes` with prepared statements in one transaction, the
/// counter row once, one commit. Returns that transaction's time. Throws
/// store::StoreError.
FloorTime writePushFloor(const std::string& snapshot, const std::string& path,
                         const PushWrites& writes);

} // namespace fieldbook::bench
