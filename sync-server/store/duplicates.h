// SPDX-License-Identifier: MIT
#pragma once

#include "store/server_db.h"

#include <nlohmann/json.hpp>

#include <string>

namespace fieldbook::server {

/// Live client cards that are probable duplicates of `candidate` (client
/// fields; uses name, tax_id, phone, city) by domain::duplicateReason (SPEC
/// §3.7: same tax id, or same normalised name plus phone or city), earliest
/// first contact first (cards without a first contact date last). The card
/// `excludeId` is skipped. Each item: {id, name, tax_id, phone, city,
/// curator_id, curator_name, first_contact_at, first_contact_by,
/// first_contact_by_name, reason}; every role may read every card (SPEC §1).
/// Reads only the cards with the candidate's tax id (trimmed) or normalised
/// name, through the indexes of duplicateIndexDdl() (it read every live card
/// for every new client, issue 6). Throws store::StoreError.
/// DDL (IF NOT EXISTS) of the indexes findDuplicateClients() reads by:
/// clients by fieldbook_name_key(name) (domain::normaliseName, an SQL function
/// every store::Database registers) and by trimmed tax_id. Run at every open.
std::string duplicateIndexDdl();

/// The candidates' query of findDuplicateClients() (?1 the card to skip, ?2
/// the normalised name, ?3 the trimmed tax id), for tests of its plan.
extern const char* const kDuplicateCandidatesSql;

nlohmann::json findDuplicateClients(ServerDb& db, const nlohmann::json& candidate,
                                    const std::string& excludeId = {});

} // namespace fieldbook::server
