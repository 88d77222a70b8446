// SPDX-License-Identifier: MIT
#pragma once

#include "domain/entities.h"
#include "store/database.h"

#include <nlohmann/json.hpp>

#include <string>

namespace fieldbook::sync {

/// Where a table lives: the server adds the change sequence and per-field
/// clock metadata; the replica holds the records as last seen plus local edits.
enum class Side { Server, Device };

/// CREATE TABLE for one entity: id, version, updated_at (ms UTC), updated_by,
/// deleted (tombstone), the entity's fields, and on the server `seq` and
/// `field_meta` (JSON: field -> [hlc, version that last changed it, user id]).
/// Table and column names come from the entity registry, never from input.
std::string entityTableDdl(const domain::EntityDef& entity, Side side);

/// Brings every entity table up to the registry without touching a row:
/// creates missing tables (entityTableDdl) and adds missing field columns
/// with ALTER TABLE ... ADD COLUMN (new columns are NULL in old rows). Run
/// inside the caller's migration transaction. Returns the number of tables
/// created plus columns added. Throws store::StoreError.
int addMissingTablesAndColumns(store::Database& db, Side side);

/// "name, tax_id, ..." — the entity's field columns in registry order.
std::string fieldColumns(const domain::EntityDef& entity);

/// Binds a JSON field value to a statement parameter by the field's type
/// (null binds NULL; Bool binds 0/1).
void bindField(store::Statement& st, int index, const domain::FieldDef& field,
               const nlohmann::json& value);

/// Reads a column back as the field's JSON value (NULL -> null).
nlohmann::json readField(const store::Statement& st, int column, const domain::FieldDef& field);

} // namespace fieldbook::sync
