// SPDX-License-Identifier: MIT
#pragma once

#include "store/auth.h"
#include "store/server_db.h"
#include "sync/protocol.h"

#include <cstdint>

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
/// authenticated `who` under it). Throws ApiError for a request
/// that is wrong as a whole (too many mutations).
sync::PushResponse applyPush(ServerDb& db, const Principal& who, const sync::PushRequest& req,
                             const PushOptions& options);

} // namespace fieldbook::server
