// SPDX-License-Identifier: MIT
#pragma once

#include "store/auth.h"
#include "store/server_db.h"

#include <nlohmann/json.hpp>

#include <string>

namespace fieldbook::server {

/// The SQL condition selecting the rows of `entity` (table alias "r") in the
/// principal's scope (SPEC §4). Parameter ?1 is the user id. A manager's
/// scope: clients they curate, have a deal with or a planned activity at;
/// deals they are responsible for or of clients they curate; contacts,
/// history and planned activities of scope clients (plus their own); the
/// product catalogue and user directory; conflict records they took part in.
/// Other roles see every record (conflicts: their own).
std::string scopeCondition(const Principal& who, std::string_view entity);

/// True when the record with these (stored or proposed) field values is in
/// the principal's scope. `record` holds at least the entity's reference fields.
bool inScope(ServerDb& db, const Principal& who, std::string_view entity, const std::string& id,
             const nlohmann::json& record);

/// True when the principal may create or change this record (SPEC §1, §4).
/// Marketing reads only. A manager writes clients they curate or work with,
/// contacts, history entries and planned activities of those clients only
/// (authoring a record for a foreign client does not bring it into scope),
/// deals they are responsible for at a client already in their scope (or
/// with no client), and deals of clients they curate. Other
/// roles write everywhere (role-by-action rules are issue 3).
bool canWrite(ServerDb& db, const Principal& who, std::string_view entity, const std::string& id,
              const nlohmann::json& record);

} // namespace fieldbook::server
