// SPDX-License-Identifier: MIT
#pragma once

#include "store/auth.h"
#include "store/server_db.h"

#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <vector>

namespace fieldbook::server {

/// True for the entities every user reads whole (reference items, stages,
/// document templates, products, users, busy slots; SPEC §4).
bool everyoneReads(std::string_view entity);
/// True for the records that hang under a deal (lines, stages, payments,
/// deliveries): their scope is their deal's.
bool isDealChild(std::string_view entity);

/// The SQL condition selecting the rows of `entity` (table alias "r") in the
/// principal's scope (SPEC §4; docs/architecture.md "Scope"). Parameter ?1
/// is the user id. Everyone: reference items, stages, document templates,
/// products, users, busy slots. A manager: the scope clients (curated, or
/// with a deal, a planned activity or a deal stage of theirs) with their
/// contacts, history, plans and mailing requests (plus those they wrote or
/// are assigned); deals they are responsible for, of clients they curate or
/// with a stage they worked, and those deals' lines, stages, payments and
/// deliveries. Other roles: every record. Conflict records: only the ones
/// the user took part in, for every role.
std::string scopeCondition(const Principal& who, std::string_view entity);

/// True when the record with these (stored or proposed) field values is in
/// the principal's scope: the same rules as scopeCondition(), for one record.
/// `record` holds at least the entity's reference fields.
bool inScope(ServerDb& db, const Principal& who, std::string_view entity, const std::string& id,
             const nlohmann::json& record);

/// True when the record is in the scope the principal may write (SPEC §4;
/// what the role may do at all is domain::requiredActions and the
/// permission matrix, checked before). Full-scope roles write everywhere.
/// A manager writes clients they curate or work with, and the contacts,
/// history entries, planned activities and mailing requests of those
/// clients (authoring a record for a foreign client does not bring it into
/// scope); deals they are responsible for at a client already in their
/// scope (or with no client) and deals of clients they curate, with those
/// deals' lines, stages, payments and deliveries. Reference data, users and
/// busy slots have no scope limit. Conflict records: nobody.
bool canWrite(ServerDb& db, const Principal& who, std::string_view entity, const std::string& id,
              const nlohmann::json& record);

/// Of `clientIds`, the ones among a manager's scope clients (SPEC §4): the
/// manager curates the client, or has a live deal, a live planned activity
/// or a live stage of a live deal there. The same rule as scopeCondition(),
/// for a few given clients (cheap: no whole-scope query).
std::set<std::string> scopeClientsAmong(ServerDb& db, const std::string& userId,
                                        const std::vector<std::string>& clientIds);

/// Of `dealIds`, the ones among a manager's scope deals: the manager's own,
/// those of clients the manager curates, those with a stage the manager
/// worked (tombstones included, so that a deleted deal still reaches them).
std::set<std::string> scopeDealsAmong(ServerDb& db, const std::string& userId,
                                      const std::vector<std::string>& dealIds);

/// The users without full scope (managers, domain::hasFullScope) whom these clients or deals can be
/// in scope for, through any record, live or not: curators, deal managers, activity assignees and
/// stage managers of the clients; managers, curators and stage managers of the deals. A superset of
/// those who have them in scope now.
std::set<std::string> usersWithScopeAt(ServerDb& db, const std::vector<std::string>& clientIds,
                                       const std::vector<std::string>& dealIds);

} // namespace fieldbook::server
