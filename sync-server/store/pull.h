// SPDX-License-Identifier: MIT
#pragma once

#include "store/auth.h"
#include "store/server_db.h"
#include "sync/protocol.h"

#include <cstdint>
#include <optional>
#include <string_view>

namespace fieldbook::server {

inline constexpr int kDefaultPullLimit = 500;
inline constexpr int kMaxPullLimit = 5000;

/// Records in the principal's scope (store/scope.h) changed after `cursor`,
/// oldest change first, at most `limit` (1..kMaxPullLimit). The answer's
/// cursor resumes after the last record sent; when nothing more is pending
/// it is the server's current sequence, so the next pull starts there.
/// Caller holds db.lock().
/// The record `id` of `entity` as the principal may read it now, or nullopt
/// when it does not exist or is outside their scope. Caller holds db.lock().
std::optional<sync::RecordChange> currentRecord(ServerDb& db, const Principal& who,
                                                std::string_view entity, const std::string& id);

sync::PullResponse pull(ServerDb& db, const Principal& who, std::int64_t cursor, int limit);

} // namespace fieldbook::server
