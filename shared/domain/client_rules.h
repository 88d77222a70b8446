// SPDX-License-Identifier: MIT
#pragma once

#include "domain/sales_rules.h"

#include <functional>
#include <string>

namespace fieldbook::domain {

/// The longest chain of parent companies followed (a stored chain longer
/// than this, or a cycle among other cards, ends the walk).
inline constexpr int kMaxClientDepth = 1000;

/// Checks a client card's new parent_client_id (SPEC §2 "parent company"):
/// walking up from `parentId` through `parentOf` (a card's id -> its
/// parent_client_id, empty when it has none or is unknown) must not reach
/// `clientId`: a card cannot be its own parent nor its descendant's
/// subsidiary. Code client_cycle, the message naming the card reached.
RuleViolation checkClientParent(const std::string& clientId, const std::string& parentId,
                                const std::function<std::string(const std::string&)>& parentOf);

} // namespace fieldbook::domain
