// SPDX-License-Identifier: MIT
// Fresh downloads and the acknowledged-mutation log (issue 4; docs/architecture.md
// "Fresh downloads", docs/protocol.md "Restores" and "Compaction").
#include "device/replica.h"

#include "domain/clock.h"
#include "domain/entities.h"

namespace fieldbook::device {

using store::Statement;
using store::Transaction;

PullPosition Replica::pullPosition() {
    PullPosition p;
    auto num = [this](const char* key) {
        auto v = meta(key);
        return v.empty() ? std::int64_t{0} : std::stoll(v);
    };
    p.cursor = num("cursor");
    p.epoch = meta("epoch");
    p.snapshot = num("snapshot");
    p.fresh = meta("fresh_download") == "1";
    return p;
}

bool Replica::holdsNoRecords() {
    for (const auto& e : domain::entities()) {
        Statement any(db_, "SELECT EXISTS(SELECT 1 FROM " + std::string(e.table) + ")");
        any.step();
        if (any.int64(0) != 0) {
            return false;
        }
    }
    return true;
}

void Replica::beginFreshDownload(bool resendAcked) {
    Transaction tx(db_);
    if (resendAcked) {
        // Original outbox positions: the re-sent edits go ahead of the pending
        // ones, in the order they were first made.
        db_.exec("INSERT OR IGNORE INTO outbox(seq, mutation_id, entity, record_id, op, "
                 "base_version, fields, hlc, created_at) SELECT seq, mutation_id, entity, "
                 "record_id, op, base_version, fields, hlc, created_at FROM acked_mutations "
                 "WHERE seq NOT IN (SELECT seq FROM outbox) ORDER BY seq;"
                 "DELETE FROM acked_mutations;");
    }
    db_.exec("DELETE FROM resync_seen;");
    setMeta("cursor", "0");
    setMeta("epoch", "");
    setMeta("snapshot", "0");
    setMeta("fresh_download", "1");
    tx.commit();
}

void Replica::finishFreshDownload() {
    for (const auto& e : domain::entities()) {
        std::string table(e.table);
        // Not on the server (for this user) any more, and nothing waits to be pushed.
        Statement drop(db_, "DELETE FROM " + table +
                                " WHERE id NOT IN (SELECT id FROM resync_seen WHERE entity = ?1)"
                                " AND id NOT IN (SELECT record_id FROM outbox WHERE entity = ?1)");
        drop.bind(1, std::string(e.name)).run();
        // Re-base: an edit may not claim a newer version than the server holds
        // (a restored server's versions went back).
        Statement rebase(db_, "UPDATE outbox SET base_version = (SELECT version FROM " + table +
                                  " t WHERE t.id = outbox.record_id) WHERE entity = ?1 AND "
                                  "record_id IN (SELECT id FROM resync_seen WHERE entity = ?1) "
                                  "AND base_version > (SELECT version FROM " +
                                  table + " t WHERE t.id = outbox.record_id)");
        rebase.bind(1, std::string(e.name)).run();
    }
    db_.exec("DELETE FROM resync_seen;");
    setMeta("fresh_download", "0");
}

void Replica::trimAckedLog() {
    Statement old(db_, "DELETE FROM acked_mutations WHERE acked_at < ?1");
    old.bind(1, domain::nowMs() - kAckedLogMaxAgeMs).run();
    Statement many(db_, "DELETE FROM acked_mutations WHERE seq <= (SELECT seq FROM "
                        "acked_mutations ORDER BY seq DESC LIMIT 1 OFFSET ?1)");
    many.bind(1, kAckedLogLimit).run();
}

} // namespace fieldbook::device
