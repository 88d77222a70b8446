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
/// Scans every live client. Throws store::StoreError.
nlohmann::json findDuplicateClients(ServerDb& db, const nlohmann::json& candidate,
                                    const std::string& excludeId = {});

} // namespace fieldbook::server
