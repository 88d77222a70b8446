// SPDX-License-Identifier: MIT
// Deleting a record on the device (SPEC §4, docs/conflicts.md "Edit versus
// delete"): the record is marked deleted here at once and one delete
// mutation is queued; the server decides (an edit it had not seen beats a
// manager's delete and the record comes back; the head's delete wins).
#include "device/replica.h"

#include "domain/clock.h"
#include "domain/entities.h"
#include "domain/permissions.h"
#include "store/database.h"

namespace fieldbook::device {

using nlohmann::json;

void Replica::deleteRecord(const std::string& entity, const std::string& id) {
    const auto* def = domain::findEntity(entity);
    if (!def) {
        throw DomainError("unknown_entity", "no entity \"" + entity + "\"");
    }
    const auto& e = *def;
    if (!e.devicePushable) {
        throw DomainError("read_only_entity", entity + " records are managed by the server");
    }
    auto s = requireSession();
    store::Transaction tx(db_);
    auto stored = record(entity, id);
    if (stored.is_null() || stored["deleted"].get<bool>()) {
        throw DomainError("unknown_record", entity + " " + id + " is not on this device");
    }
    if (entity == "history_entry") {
        throw DomainError("history_append_only", "history entries cannot be deleted (SPEC §2)");
    }
    const json none = json::object();
    domain::MutationIntent m{entity, false, true, &stored, &none, s.userId};
    auto needed = domain::requiredActions(m); // firstRefused points into it
    if (const auto* refused = domain::firstRefused(s.role, needed)) {
        throw DomainError("forbidden", domain::refusalMessage(s.role, *refused));
    }
    if (entity == "mailing_request" && stored.value("status", json()) != "queued") {
        throw DomainError("invalid_status", "only a queued mailing request can be withdrawn");
    }
    store::Statement st(db_, "UPDATE " + std::string(e.table) +
                                 " SET deleted = 1, updated_at = ?, updated_by = ? WHERE id = ?");
    st.bind(1, domain::nowMs()).bind(2, s.userId).bind(3, id).run();
    enqueue(entity, id, "delete", stored["version"].get<std::int64_t>(), none);
    tx.commit();
}

} // namespace fieldbook::device
