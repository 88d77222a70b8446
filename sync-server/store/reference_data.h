// SPDX-License-Identifier: MIT
#pragma once

#include "store/database.h"

#include <cstdint>
#include <string>

namespace fieldbook::server {

/// Writes one reference-list item (SPEC §2 "Reference lists") unless a live
/// item with the same (list, code) exists. The id is stable
/// (domain::stableUuid("reference_item", list + "/" + code)) so that every
/// server and import run names the same item alike; a deleted item with that
/// id is brought back (deleted = 0, active, version + 1). Takes a fresh change
/// sequence number from seq_counter. Returns true when it wrote a row. Run
/// inside a write transaction. Throws store::StoreError.
bool ensureReferenceItem(store::Database& db, const std::string& list, const std::string& code,
                         const std::string& label, std::int64_t sortOrder);

/// Seeds the default reference lists, the eight default deal stages of SPEC §2
/// (with duration norms in days) and three document templates; existing items
/// are left as they are. Used by the schema migration (new and upgraded
/// databases alike). Returns the number of records written.
int seedReferenceData(store::Database& db);

/// Takes the next change sequence number from the counter row (the pull
/// cursor's unit) inside the caller's transaction.
std::int64_t takeSeq(store::Database& db);

} // namespace fieldbook::server
