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
/// creates any of them that is missing; a first download into an empty
/// replica drops those it does not read before its first page and builds
/// them after its last (SyncEngine, DeferredIndexes in sync_engine.cpp).
std::span<const ReplicaIndex> replicaIndexes();

/// Creates every index of replicaIndexes() missing from `db` (one read of
/// sqlite_master; writes only when one is missing). Returns how many it
/// created. Throws store::StoreError.
int createMissingReplicaIndexes(store::Database& db);

/// Drops the indexes of replicaIndexes() a download does not read. Returns
/// how many it dropped. Throws store::StoreError.
int dropIndexesForDownload(store::Database& db);

} // namespace fieldbook::device
