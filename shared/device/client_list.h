// SPDX-License-Identifier: MIT
#pragma once

// The replica's reads behind the app's client list and its search field
// (SPEC §3 "Clients"; docs/performance.md "Client search"): the list's
// columns of every live client read once, and each search answered by the
// ids that match, so that a keystroke reads no more than it must.

#include "store/database.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace fieldbook::device {

/// What the client list shows of one client. Industry and region are the
/// reference-list codes (the caller shows their labels).
struct ClientListRow {
    std::string id;
    std::string name;
    std::string industry;
    std::string region;
    std::string status;
    std::string curatorName; ///< the curator's full name; empty when none or unknown
    std::int64_t openDeals = 0;
    bool operator==(const ClientListRow&) const = default;
};

/// The SQL condition (clients aliased `c`) a search matches: the name, the
/// industry or region code, or the stored label of that industry or region
/// contains `?2` = clientSearchPattern(search) (SQLite LIKE with `\` as its
/// escape: case-insensitive for ASCII only), or `?1` = search is empty. Live
/// clients only. Replica::clients and matchingClientIds share it.
const std::string& clientSearchCondition();

/// `search` as the LIKE pattern of clientSearchCondition(): `%search%` with
/// `%`, `_` and `\` escaped, so that each is matched as typed ("100%" finds
/// "Rate 100% Ltd", not every client).
std::string clientSearchPattern(const std::string& search);

/// The ORDER BY of every client list: by name (ASCII case folded), then id.
const std::string& clientListOrder();

/// Every live client of the replica, in clientListOrder(). Throws StoreError.
std::vector<ClientListRow> clientListRows(store::Database& db);

/// The ids of the live clients matching `search` (clientSearchCondition();
/// the caller trims it), in no particular order. `keepGoing`, when set, is
/// asked every few hundred rows: when it answers false the read stops and
/// the ids so far are returned (the caller drops them). Throws StoreError.
std::vector<std::string> matchingClientIds(store::Database& db, const std::string& search,
                                           const std::function<bool()>& keepGoing = {});

} // namespace fieldbook::device
