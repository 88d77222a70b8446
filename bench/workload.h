// SPDX-License-Identifier: MIT
#pragma once

#include "store/server_db.h"

#include <cstdint>
#include <string>
#include <vector>

namespace fieldbook::bench {

/// What generateWorkload() wrote (docs/performance.md "Workload").
struct Workload {
    std::string headLogin;    ///< the department's head ("bench.head")
    std::string managerLogin; ///< the manager whose scope is the big one ("bench.m000")
    std::string managerId;    ///< that manager's user id
    std::vector<std::string> managerLogins; ///< every manager of the department, m000 first
    std::vector<std::string> clientIds;     ///< the big scope's clients
    std::vector<std::string> contactIds;    ///< the big scope's contacts
    std::vector<std::string> dealIds;       ///< the big scope's deals
    std::vector<std::string> historyIds;    ///< the big scope's history entries
    std::vector<std::string> activityIds;   ///< the big scope's planned activities
    std::int64_t scopeRecords = 0;          ///< rows of the big scope (clients ... busy slots)
    std::int64_t totalRecords = 0;          ///< every row written (all managers, users)
};

/// Writes a sales department into an empty server database that already
/// holds the imported sample (server::importSample: products, stages,
/// reference items, the sample's client names): a head and 100 managers
/// (password "demo"), and for the first manager (bench.m000) a scope of
/// 10,000 clients, 30,000 contacts, 100,000 history entries, 20,000 deals
/// with their deal-stage records and 5,000 planned activities (with the busy
/// slots the server derives from them), each count multiplied by `scale`
/// (1.0 = the issue 6 workload; CI runs 0.01). The other 99 managers get a
/// small scope each (20 clients x scale) so the scope filter has rows to
/// skip. Rows are stored as an import stores them (version 1, field_meta
/// '{}', one change sequence number each), with direct prepared inserts in
/// one transaction. Deterministic for a given `seed`. Throws store::StoreError.
Workload generateWorkload(server::ServerDb& db, double scale, std::uint64_t seed = 6);

} // namespace fieldbook::bench
