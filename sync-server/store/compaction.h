// SPDX-License-Identifier: MIT
#pragma once

// Tombstone compaction (docs/protocol.md "Compaction"; issue 4). Tombstones,
// scope-change rows and idempotency-log rows older than a horizon are
// deleted; the server remembers the highest change position it deleted (the
// watermark). A device whose cursor is below the watermark may have missed a
// deletion or a scope change, so its pull and push get 410 cursor_expired and
// it downloads a fresh copy.

#include "store/server_db.h"

#include <cstdint>

namespace fieldbook::server {

/// `serve`'s default horizon: 30 days.
inline constexpr int kDefaultCompactionHorizonDays = 30;

/// What one compaction pass deleted.
struct CompactionResult {
    int tombstones = 0;         ///< deleted records (any entity) removed for good
    int scopeChanges = 0;       ///< scope_changes rows
    int scopeChangeItems = 0;   ///< scope_change_items rows (of those changes)
    int appliedMutations = 0;   ///< idempotency-log rows
    std::int64_t watermark = 0; ///< the compaction watermark after the pass
};

/// Deletes, in one transaction, what is older than `nowMs - horizonMs` (ms
/// UTC): tombstones by `updated_at` (the deletion time), scope changes by
/// `changed_at` with their items, and idempotency-log rows by `applied_at`.
/// Raises the watermark to the highest `seq`/position deleted (never lowers
/// it). `horizonMs` must be >= 0. Takes db.lock() itself. Throws
/// store::StoreError.
CompactionResult compact(ServerDb& db, std::int64_t horizonMs, std::int64_t nowMs);

/// The compaction watermark: a cursor below it (and above 0) is expired.
/// Caller holds db.lock().
std::int64_t compactionWatermark(ServerDb& db);

/// Throws ApiError 410 `cursor_expired` when 0 < cursor < the watermark.
/// Caller holds db.lock().
void checkCursorNotExpired(ServerDb& db, std::int64_t cursor);

} // namespace fieldbook::server
