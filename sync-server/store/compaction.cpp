// SPDX-License-Identifier: MIT
#include "store/compaction.h"

#include "domain/entities.h"
#include "store/auth.h"

#include <algorithm>
#include <string>

namespace fieldbook::server {

namespace {
std::int64_t scalar(store::Database& db, const std::string& sql, std::int64_t cutoff) {
    store::Statement st(db, sql);
    st.bind(1, cutoff);
    return st.step() ? st.int64(0) : 0;
}
} // namespace

std::int64_t compactionWatermark(ServerDb& db) {
    store::Statement st(db.db(),
                        "SELECT value FROM server_meta WHERE key = 'compaction_watermark'");
    return st.step() ? std::stoll(st.text(0)) : 0;
}

void checkCursorNotExpired(ServerDb& db, std::int64_t cursor) {
    auto watermark = compactionWatermark(db);
    if (cursor > 0 && cursor < watermark) {
        throw ApiError(410, "cursor_expired",
                       "this device was offline longer than the server keeps deletions (cursor " +
                           std::to_string(cursor) + " is below the compaction watermark " +
                           std::to_string(watermark) +
                           "); it keeps its pending edits and downloads its data again");
    }
}

CompactionResult compact(ServerDb& db, std::int64_t horizonMs, std::int64_t nowMs) {
    auto lock = db.lock();
    auto& d = db.db();
    store::Transaction tx(d);
    CompactionResult r;
    const std::int64_t cutoff = nowMs - horizonMs;
    std::int64_t watermark = compactionWatermark(db);
    for (const auto& e : domain::entities()) {
        std::string table(e.table);
        // A merged card's tombstone stays: its merged_into redirects edits
        // made offline before the merge, however late they arrive.
        std::string purge = " WHERE deleted = 1 AND updated_at < ?1";
        if (e.name == "client") {
            purge += " AND merged_into IS NULL";
        }
        watermark = std::max(
            watermark, scalar(d, "SELECT COALESCE(MAX(seq), 0) FROM " + table + purge, cutoff));
        store::Statement del(d, "DELETE FROM " + table + purge);
        del.bind(1, cutoff).run();
        r.tombstones += d.changes();
    }
    watermark = std::max(watermark,
                         scalar(d,
                                "SELECT COALESCE(MAX(i.pos), 0) FROM scope_change_items i JOIN "
                                "scope_changes c ON c.seq = i.change_seq WHERE c.changed_at < ?1",
                                cutoff));
    watermark = std::max(
        watermark,
        scalar(d, "SELECT COALESCE(MAX(seq), 0) FROM scope_changes WHERE changed_at < ?1", cutoff));
    {
        store::Statement del(d, "DELETE FROM scope_change_items WHERE change_seq IN (SELECT seq "
                                "FROM scope_changes WHERE changed_at < ?1)");
        del.bind(1, cutoff).run();
        r.scopeChangeItems = d.changes();
    }
    {
        store::Statement del(d, "DELETE FROM scope_changes WHERE changed_at < ?1");
        del.bind(1, cutoff).run();
        r.scopeChanges = d.changes();
    }
    {
        store::Statement del(d, "DELETE FROM applied_mutations WHERE applied_at < ?1");
        del.bind(1, cutoff).run();
        r.appliedMutations = d.changes();
    }
    store::Statement up(d, "UPDATE server_meta SET value = ?1 WHERE key = 'compaction_watermark'");
    up.bind(1, std::to_string(watermark)).run();
    tx.commit();
    r.watermark = watermark;
    return r;
}

} // namespace fieldbook::server
