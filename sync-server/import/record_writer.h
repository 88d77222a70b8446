// SPDX-License-Identifier: MIT
#pragma once

#include "store/server_db.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <string>

namespace fieldbook::server {

/// Inserts imported records into the server's entity tables as version 1,
/// `updated_by` = `updatedBy`, `updated_at` = `nowMs` (ms UTC), no field
/// metadata, and the next change sequence number (docs/import.md). One
/// prepared statement per entity. Use inside the caller's write transaction.
class RecordWriter {
  public:
    RecordWriter(ServerDb& db, std::int64_t nowMs, std::string updatedBy = "import");

    /// Inserts the record (`fields`: field name -> JSON value; missing fields
    /// are NULL) unless a record with this id exists. Returns true when it
    /// inserted; the sequence counter advances only then, so a re-import
    /// changes nothing. `entity` must be a registry name. Throws
    /// store::StoreError.
    bool insert(const std::string& entity, const std::string& id, const nlohmann::json& fields);

  private:
    store::Statement& statementFor(const std::string& entity);

    ServerDb& db_;
    std::int64_t now_;
    std::string updatedBy_;
    std::map<std::string, store::Statement> cache_;
};

} // namespace fieldbook::server
