// SPDX-License-Identifier: MIT
#include "store/busy_slots.h"

#include "domain/clock.h"
#include "store/records.h"

namespace fieldbook::server {

using nlohmann::json;

void syncBusySlot(ServerDb& db, const std::string& activityId, const json& activity,
                  bool activityDeleted, const std::string& stamp, const std::string& userId,
                  std::int64_t now) {
    // The slot's id is derived from the activity's, never equal to it: every
    // device receives every slot, and activity ids outside a user's scope
    // must not be disclosed (a known id would let anyone pre-empt the
    // activity's "done" history entry).
    const auto slotId = domain::stableUuid("busy_slot", activityId);
    bool busy = !activityDeleted && activity.value("status", json()) == "planned";
    if (busy) {
        json slot = {{"user_id", activity.value("assignee_id", json())},
                     {"starts_at", activity.value("starts_at", json())},
                     {"duration_min", activity.value("duration_min", json())}};
        writeDerived(db, "busy_slot", slotId, slot, false, stamp, userId, now);
        return;
    }
    // Not busy: only a slot that exists needs a tombstone.
    if (liveRecordExists(db, "busy_slot", slotId)) {
        writeDerived(db, "busy_slot", slotId, json::object(), true, stamp, userId, now);
    }
}

} // namespace fieldbook::server
