// SPDX-License-Identifier: MIT
#pragma once

// Merging duplicate client cards (SPEC §3.7; issue 4; docs/conflicts.md
// "Merging duplicates"). A merge is an ordinary pushed mutation: a client
// update that sets `merged_into` alone, which only a role allowed
// `merge_clients` (head, admin) may push, online or offline. The server
// moves the merged card's records to the survivor as versioned writes in
// the mutation's savepoint and turns the merged card into a tombstone that
// points to the survivor; later mutations that still name the merged card
// are redirected to the survivor.

#include "store/auth.h"
#include "store/server_db.h"
#include "sync/protocol.h"

#include <cstdint>
#include <optional>
#include <string>

namespace fieldbook::server {

/// The live end of a merge chain: follows clients.merged_into from
/// `clientId` until a card that was not merged. nullopt when `clientId` was
/// not merged (or does not exist). Follows chains of any length (one
/// indexed lookup per merge in the chain).
std::optional<std::string> survivorOf(ServerDb& db, const std::string& clientId);

/// True when the mutation is a merge: a client upsert that sends `merged_into`.
bool isMerge(const sync::Mutation& m);

/// A pushed mutation after merge redirects.
struct Redirected {
    sync::Mutation mutation; ///< what the server applies
    bool redirected = false; ///< something named a merged card
    /// The user could write the record as the device wrote it (under the
    /// merged card), so the redirected write is in scope for writing too:
    /// work done at the merged card before the device heard of the merge
    /// is not refused as out_of_scope.
    bool writableBeforeMerge = false;
};

/// Redirects a mutation that names a merged client card (docs/conflicts.md
/// "Merging duplicates"): an upsert of a merged client becomes an upsert of
/// its survivor with base_version 0 (the device never saw the survivor, so
/// every field another device wrote there is concurrent and the rule table
/// decides, losers logged); a client_id, parent_client_id or duplicate_of
/// naming a merged card names its survivor. Deletes and merges themselves
/// are never redirected. Reads only.
Redirected redirectToSurvivor(ServerDb& db, const Principal& who, const sync::Mutation& m);

/// Applies a merge mutation (isMerge) of `m.recordId` into the card its
/// `merged_into` names, inside the caller's savepoint; `stamp` is the
/// mutation's HLC after skew bound, `nowMs` the server time (ms UTC).
/// Throws Reject: forbidden (role lacks merge_clients), invalid_value
/// (merged_into not alone, or null), not_found (no such card),
/// merge_into_self (the card itself, or a chain back to it),
/// unknown_reference (no client with that id), merge_target_deleted (the survivor
/// is a deleted card), already_merged (merged into another card before),
/// record_deleted (the card was deleted), invalid_base_version. Merging
/// again into the same survivor is applied and changes nothing.
void applyMerge(ServerDb& db, const Principal& who, const sync::Mutation& m,
                const std::string& stamp, std::int64_t nowMs, sync::MutationResult& result);

} // namespace fieldbook::server
