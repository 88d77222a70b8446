// SPDX-License-Identifier: MIT
#pragma once

#include "store/auth.h"
#include "store/server_db.h"
#include "sync/protocol.h"

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace fieldbook::server {

inline constexpr int kDefaultPullLimit = 500;
inline constexpr int kMaxPullLimit = 5000;

/// The record `id` of `entity` as the principal may read it now, or nullopt
/// when it does not exist or is outside their scope. Caller holds db.lock().
std::optional<sync::RecordChange> currentRecord(ServerDb& db, const Principal& who,
                                                std::string_view entity, const std::string& id);

/// The principal's change stream after `cursor` (docs/protocol.md "GET
/// /api/v1/sync/pull"), in one read snapshot, by position, at most `limit`
/// (1..kMaxPullLimit): records in their scope (store/scope.h) changed after
/// the cursor, and the records of the principal's scope changes after the
/// cursor (store/scope_changes.h): older records of a card that entered the
/// scope as whole records, records that left it as removals (`removed` and
/// `deleted` true). Each change's `seq` is its position. The answer's cursor
/// resumes after the last change sent; when nothing more is pending it is
/// the server's current sequence, so the next pull starts there.
///
/// Live-only first download (docs/protocol.md "First download"): at cursor 0
/// the snapshot is the current sequence; tombstones, removals and grants at
/// positions up to the snapshot are left out (the device cannot hold those
/// records; a granted record in scope now comes at its own seq), later ones
/// are sent. While `has_more`, the answer carries the snapshot;
/// the device passes it back as `snapshot` on the next pages (0: none).
/// The answer carries the database id and the current epoch (store/epochs.h).
/// Caller holds db.lock(); `db` may be a read connection (store/read_pool.h).
/// Runs in the caller's read transaction when there is one, else in its own.
sync::PullResponse pull(ServerDb& db, const Principal& who, std::int64_t cursor, int limit,
                        std::int64_t snapshot = 0);

/// The same page as pull(), as the JSON text of its answer: byte for byte
/// sync::dumpSafe(sync::toJson(pull(...))) (only `server_time` is read at
/// its own moment), written straight from the SQLite columns without a
/// sync::RecordChange or a nlohmann::json per record (issue 6: the
/// server's side of an initial sync). The pull route answers with it.
/// Same preconditions and errors as pull(). `records`, when given, is set
/// to the number of records in the page (the request log's count).
std::string pullJson(ServerDb& db, const Principal& who, std::int64_t cursor, int limit,
                     std::int64_t snapshot = 0, std::size_t* records = nullptr);

/// The users among `candidates` whose pull() from `cursor` (no snapshot)
/// would return at least one change now: the same rows and scope-change
/// items, tested with the same conditions, but read once for all of them
/// (two statements per entity and kind of scope, whatever the number of
/// users) instead of one pull(db, who, cursor, 1) each. The live hub's
/// fan-out confirms its possibly concerned users with it (issue 6: one
/// confirming pull per user was most of a fan-out's work). Runs in the
/// caller's read transaction when there is one, else in its own. Same
/// preconditions and errors as pull(); only `userId` and `role` of each
/// candidate are read.
std::set<std::string> usersWithChanges(ServerDb& db, const std::vector<Principal>& candidates,
                                       std::int64_t cursor);

} // namespace fieldbook::server
