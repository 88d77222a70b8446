// SPDX-License-Identifier: MIT
#include "store/busy_slots.h"

#include "store/records.h"

namespace fieldbook::server {

using nlohmann::json;

void syncBusySlot(ServerDb& db, const std::string& activityId, const json& activity,
                  bool activityDeleted, const std::string& stamp, const std::string& userId,
                  std::int64_t now) {
    bool busy = !activityDeleted && activity.value("status", json()) == "planned";
    if (busy) {
        json slot = {{"user_id", activity.value("assignee_id", json())},
                     {"starts_at", activity.value("starts_at", json())},
                     {"duration_min", activity.value("duration_min", json())}};
        writeDerived(db, "busy_slot", activityId, slot, false, stamp, userId, now);
        return;
    }
    // Not busy: only a slot that exists needs a tombstone.
    if (liveRecordExists(db, "busy_slot", activityId)) {
        writeDerived(db, "busy_slot", activityId, json::object(), true, stamp, userId, now);
    }
}

} // namespace fieldbook::server
