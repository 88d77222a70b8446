// SPDX-License-Identifier: MIT
#pragma once

// Restore detection (docs/protocol.md "Restores"; issue 4): the database keeps
// a random identity made with it and one row per `serve` start (an epoch,
// with the change sequence it started at). A device sends back the epoch of
// its last pull with its cursor; if this database's history cannot have
// produced that pair (unknown epoch, or a cursor beyond what the epoch
// reached), the database was restored from an older copy or replaced.

#include "store/server_db.h"

#include <cstdint>
#include <string>

namespace fieldbook::server {

/// The database's identity: a random UUID made when the file was created (or
/// migrated to schema 4). A copy of the file keeps it.
std::string databaseId(ServerDb& db);

/// Starts a new epoch (called once per `serve` start): a random UUID and the
/// current sequence, in one transaction. Returns the epoch id.
std::string startEpoch(ServerDb& db);

/// The latest epoch's id; empty if no server was ever started on this file.
std::string currentEpoch(ServerDb& db);

/// Throws ApiError 409 `server_restored` when a device's position (the
/// `epoch` of its last pull, empty when unknown, and its `cursor`) is not
/// from this database's history: the epoch is unknown, the cursor is above
/// the current sequence, or a later epoch started below the cursor. Caller
/// holds db.lock(); reads only.
void checkDevicePosition(ServerDb& db, const std::string& epoch, std::int64_t cursor);

} // namespace fieldbook::server
