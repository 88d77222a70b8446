// SPDX-License-Identifier: MIT
#pragma once

#include "store/server_db.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace fieldbook::server {

/// Keeps the busy_slot projection of one planned activity in step with it
/// (SPEC §3.4, §4: every device sees every user's busy times, without the
/// clients). The slot has the activity's id and holds {user_id = assignee,
/// starts_at, duration_min} while the activity is "planned" and not deleted;
/// otherwise it is a tombstone. Writes only when the slot changes; each
/// change takes version + 1 and a fresh change sequence number, so it
/// reaches every device at its next pull. `activity` is the activity's
/// fields after the change. Inside the caller's transaction.
void syncBusySlot(ServerDb& db, const std::string& activityId, const nlohmann::json& activity,
                  bool activityDeleted, const std::string& stamp, const std::string& userId,
                  std::int64_t nowMs);

} // namespace fieldbook::server
