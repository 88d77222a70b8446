// SPDX-License-Identifier: MIT
#pragma once

#include "domain/entities.h"
#include "store/server_db.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fieldbook::server {

/// A synced record as the server stores it (docs/conflicts.md "Field metadata").
struct StoredRecord {
    std::int64_t version = 0;
    bool deleted = false;
    nlohmann::json fields; ///< every field of the entity (null when empty)
    nlohmann::json meta;   ///< field -> [hlc, version, user id]
};

/// Reads record `id` of `entity` (tombstones included); nullopt when there is
/// none. Throws store::StoreError.
std::optional<StoredRecord> loadRecord(ServerDb& db, const domain::EntityDef& entity,
                                       const std::string& id);

/// True when a record `id` of `entity` (a protocol name) exists and is not a
/// tombstone.
bool liveRecordExists(ServerDb& db, std::string_view entity, const std::string& id);

/// Writes a record: INSERT of the whole row when `insert`, else UPDATE.
/// Sets updated_at = `nowMs`, updated_by = `userId` and the next change
/// sequence number, so the row syncs out at the next pull. With `before`
/// (the record as stored) an UPDATE that changes at most two fields writes
/// only those columns, and `deleted` only when it changes, so SQLite
/// leaves the indexes of the other columns alone (issue 6: a deal's notes
/// rewrote its seven indexes, and the `deleted` every report index holds
/// rewrote three of them); the row afterwards is the same either way.
/// Inside the caller's transaction. Throws store::StoreError.
void writeRecord(ServerDb& db, const domain::EntityDef& entity, const std::string& id, bool insert,
                 std::int64_t version, bool deleted, const nlohmann::json& fields,
                 const nlohmann::json& meta, const std::string& userId, std::int64_t nowMs,
                 const StoredRecord* before = nullptr);

/// A record the server writes as a consequence of a pushed mutation (a
/// closed deal's stages, an activity's history entry, a busy slot): creates
/// `id` with `changes` (version 1) or applies `changes` and `deleted` to the
/// stored record (version + 1). Fields that change get field metadata
/// [`stamp`, new version, `userId`]. Writes nothing and returns the stored
/// version when nothing changes. Returns the record's version after it.
std::int64_t writeDerived(ServerDb& db, std::string_view entity, const std::string& id,
                          const nlohmann::json& changes, bool deleted, const std::string& stamp,
                          const std::string& userId, std::int64_t nowMs);

} // namespace fieldbook::server
