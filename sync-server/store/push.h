// SPDX-License-Identifier: MIT
#pragma once

#include "store/auth.h"
#include "store/server_db.h"
#include "sync/protocol.h"

#include <cstdint>
#include <functional>

namespace fieldbook::server {

/// Server-side tuning of push, documented in docs/protocol.md.
struct PushOptions {
    std::int64_t maxClockSkewMs = 5 * 60 * 1000; ///< HLC stamps further ahead are re-stamped
    std::size_t maxMutations = 1000;             ///< per request; more is 400 too_many_mutations
};

/// Applies a batch of mutations from one device (SPEC §4), in one
/// transaction with a savepoint per mutation, and answers each one:
/// "applied" (with the record's new version and any conflict it lost or
/// won) or "rejected" (with a stable error code; nothing of it is applied).
/// Every answer is stored under (device, mutation id), so a retried push
/// gets the same answer and applies nothing twice. Field-level merge and
/// same-field rules follow sync/conflict_rules.h; losing values go to the
/// conflicts table. A mutation of the pusher's own user record that changes
/// their role holds for the mutations after it in the same push (checked
/// with the new role; docs/permissions.md). Caller holds db.lock() (and
/// authenticated `who` under it). `authorise`, when given, is called right
/// after the push's write transaction begins (BEGIN IMMEDIATE: no other
/// process commits until it ends) and the principal it returns is the
/// pusher: a role change, deactivation or new password another process
/// (`fieldbook-server user ...`) committed after the caller's check is not
/// bypassed; what it throws (ApiError 401/403) refuses the whole push with
/// nothing applied (break-it F2). Throws ApiError for a request that is
/// wrong as a whole (too many mutations).
sync::PushResponse applyPush(ServerDb& db, const Principal& who, const sync::PushRequest& req,
                             const PushOptions& options,
                             const std::function<Principal()>& authorise = {});

} // namespace fieldbook::server
