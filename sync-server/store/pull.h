// SPDX-License-Identifier: MIT
#pragma once

#include "store/auth.h"
#include "store/server_db.h"
#include "sync/protocol.h"

#include <cstdint>

namespace fieldbook::server {

inline constexpr int kDefaultPullLimit = 500;
inline constexpr int kMaxPullLimit = 5000;

/// Records in the principal's scope (store/scope.h) changed after `cursor`,
/// oldest change first, at most `limit` (1..kMaxPullLimit). The answer's
/// cursor resumes after the last record sent; when nothing more is pending
/// it is the server's current sequence, so the next pull starts there.
/// Caller holds db.lock().
sync::PullResponse pull(ServerDb& db, const Principal& who, std::int64_t cursor, int limit);

} // namespace fieldbook::server
