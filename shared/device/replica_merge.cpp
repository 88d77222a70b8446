// SPDX-License-Identifier: MIT
// Merging duplicate client cards on the device (docs/conflicts.md "Merging
// duplicates"): the merge is one queued mutation; the server does the moves.
#include "device/replica.h"

#include "domain/permissions.h"

namespace fieldbook::device {

using nlohmann::json;

void Replica::mergeClients(const std::string& survivorId, const std::string& mergedId) {
    auto s = requireSession();
    // The role first: a manager's device lacks the cards of others, and
    // "unknown_client" would send them looking for a card they may not
    // merge anyway (fresh-user).
    if (!domain::allowed(s.role, domain::Action::MergeClients)) {
        throw DomainError("forbidden",
                          domain::refusalMessage(s.role, domain::Action::MergeClients));
    }
    store::Transaction tx(db_);
    if (survivorId == mergedId) {
        throw DomainError("merge_into_self", "a client card cannot be merged into itself");
    }
    auto merged = liveRecord("client", mergedId, "unknown_client");
    liveRecord("client", survivorId, "unknown_client");
    json change = {{"merged_into", survivorId}};
    authorize(s, "client", &merged, change);
    patchInTx("client", mergedId, change);
    tx.commit();
}

} // namespace fieldbook::device
