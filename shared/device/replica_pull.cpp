// SPDX-License-Identifier: MIT
// A pull page read flat (sync::PulledPage) into the replica: each record
// bound straight from the page into its entity's prepared upsert (issue 6,
// docs/performance.md). The page stays one transaction with its cursor.
#include "device/replica.h"

#include "domain/entities.h"

#include <sqlite3.h>

#include <algorithm>
#include <optional>
#include <vector>

namespace fieldbook::device {

using store::Statement;
using store::Transaction;

namespace {
/// Resets the upserts a page bound without copies (Statement::bindStatic)
/// before the page's text goes, also when the page is refused half-way.
class ResetOnExit {
  public:
    ResetOnExit() = default;
    ResetOnExit(const ResetOnExit&) = delete;
    ResetOnExit& operator=(const ResetOnExit&) = delete;
    ~ResetOnExit() {
        for (auto* st : used_) {
            st->reset();
        }
    }
    void add(Statement& st) {
        if (std::find(used_.begin(), used_.end(), &st) == used_.end()) {
            used_.push_back(&st);
        }
    }

  private:
    std::vector<Statement*> used_;
};
} // namespace

void Replica::applyPull(const sync::PulledPage& page) {
    // Its own transaction, or a savepoint inside a download batch's
    // (DownloadBatch): either way the page and its cursor go in whole or not.
    std::optional<Transaction> tx;
    std::optional<store::Savepoint> inBatch;
    if (sqlite3_get_autocommit(db_.handle()) != 0) {
        tx.emplace(db_);
    } else {
        inBatch.emplace(db_, "pull_page");
    }
    const bool fresh = meta("fresh_download") == "1";
    // With an empty outbox no record has pending edits: none is looked up
    // (a first download's usual case).
    Statement pendingAny(db_, "SELECT EXISTS(SELECT 1 FROM outbox)");
    pendingAny.step();
    const bool outboxEmpty = pendingAny.int64(0) == 0;
    Statement seen(db_, "INSERT OR IGNORE INTO resync_seen(entity, id) VALUES(?,?)");
    ResetOnExit unbind;
    for (const auto& r : page.rows) {
        if (r.deleted || r.removed || !outboxEmpty) {
            applyServerRecord(page.change(r), fresh);
        } else {
            auto& up = upsertFor(*r.entity, fresh);
            unbind.add(up);
            up.reset();
            up.bindStatic(1, page.id(r))
                .bind(2, r.version)
                .bind(3, r.updatedAt)
                .bindStatic(4, page.updatedBy(r))
                .bind(5, std::int64_t{0});
            int i = 6;
            for (std::size_t k = 0; k < r.entity->fields.size(); ++k, ++i) {
                const auto& v = page.values[r.firstValue + k];
                switch (v.kind) {
                case sync::PulledValue::Kind::Absent:
                case sync::PulledValue::Kind::Null:
                    up.bindNull(i);
                    break;
                case sync::PulledValue::Kind::Integer:
                    up.bind(i, v.integer);
                    break;
                case sync::PulledValue::Kind::Text:
                    up.bindStatic(i, page.textOf(v));
                    break;
                }
            }
            up.run();
        }
        if (fresh && !r.deleted) {
            seen.reset();
            seen.bind(1, r.entity->name).bind(2, page.id(r)).run();
        }
    }
    finishPullPage(page.position, fresh);
    // The server's clock in the same commit: a write of its own after each
    // page was a commit (and a WAL checkpoint) more per page (issue 6).
    observeServerTime(page.position.serverTimeMs);
    if (tx) {
        tx->commit();
    } else {
        inBatch->release();
    }
}

} // namespace fieldbook::device
