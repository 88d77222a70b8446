// SPDX-License-Identifier: MIT
#pragma once

#include "store/server_db.h"

#include <nlohmann/json.hpp>

#include <string>

namespace fieldbook::server {

/// Imports the public CRM sample (tests/data/crm-sample/README.md) from `dir`:
/// sales_teams.csv -> users (agents role "manager", their managers role
/// "head", login "first.last" lower-case, password `password`),
/// products.csv -> products, accounts.csv -> clients (sector -> industry,
/// office_location -> region, as codes of reference items it adds),
/// sales_pipeline.csv -> deals (opened_by the agent) and their deal_stage
/// records (sampleDealStages). Ids are name-based (domain::stableUuid), so a second run finds
/// every record and changes nothing. Known flaws are handled as documented
/// in docs/import.md and each is listed in the returned JSON report; no row
/// is dropped silently. Throws std::runtime_error for a missing file or
/// column (nothing is written: one transaction).
nlohmann::json importSample(ServerDb& db, const std::string& dir, const std::string& password);

} // namespace fieldbook::server
