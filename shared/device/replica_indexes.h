// SPDX-License-Identifier: MIT
// The replica's secondary indexes in one list (issue 6; docs/architecture.md
// "Replica indexes").
#pragma once

#include "store/database.h"

#include <span>
#include <string_view>

namespace fieldbook::device {

/// One secondary index of the replica.
struct ReplicaIndex {
    std::string_view name;
    std::string_view ddl; ///< CREATE INDEX IF NOT EXISTS ...
    /// Read by a download's own statements (the pending-edit lookup of
    /// Replica::applyServerRecord): kept while a first download runs.
    bool usedByDownload = false;
};

/// Every secondary index of the replica (the entity tables' and the
/// outbox's; the primary keys are part of their tables). Opening a replica
/// creates any of them that is missing, unless a first download dropped
/// them (replicaIndexesDeferred()); a first download into an empty replica
/// drops those it does not read before its first page and builds them after
/// its last (SyncEngine, DeferredIndexes in sync_engine.cpp).
std::span<const ReplicaIndex> replicaIndexes();

/// Creates every index of replicaIndexes() missing from `db` (one read of
/// sqlite_master; writes only when one is missing or the deferral mark is
/// set) and clears the mark of dropIndexesForDownload(). Returns how many it
/// created. Throws store::StoreError.
int createMissingReplicaIndexes(store::Database& db);

/// Drops the indexes of replicaIndexes() a download does not read and sets
/// the deferral mark (meta `indexes_deferred`) in the same transaction as
/// the caller's. Returns how many it dropped. Throws store::StoreError.
int dropIndexesForDownload(store::Database& db);

/// True while a first download owns the dropped indexes (the mark of
/// dropIndexesForDownload(), cleared by createMissingReplicaIndexes()):
/// another connection opening the replica then leaves them to it instead of
/// building them half way through the download (and holding the write lock
/// for it). A download cut off builds them at the start of the next sync.
/// Throws store::StoreError.
bool replicaIndexesDeferred(store::Database& db);

} // namespace fieldbook::device
