// SPDX-License-Identifier: MIT
#include "domain/client_rules.h"

namespace fieldbook::domain {

RuleViolation checkClientParent(const std::string& clientId, const std::string& parentId,
                                const std::function<std::string(const std::string&)>& parentOf) {
    std::string at = parentId;
    for (int depth = 0; !at.empty() && depth < kMaxClientDepth; ++depth) {
        if (at == clientId) {
            return {"client_cycle", depth == 0
                                        ? "a client card cannot be its own parent company"
                                        : "parent_client_id " + parentId +
                                              " is a subsidiary of this card (directly or further "
                                              "down); a card cannot be its own parent company"};
        }
        at = parentOf(at);
    }
    return {};
}

} // namespace fieldbook::domain
