// SPDX-License-Identifier: MIT
#pragma once

// One rule for what a change of a user record means for that user's
// sessions and devices, whichever path made it: the operator's
// `fieldbook-server user set|deactivate|activate|password` (store/users.h)
// or an admin's device pushing a `user` update (store/push.cpp). SPEC §1
// (the admin manages users), §4 (a device holds its user's scope);
// docs/permissions.md "When a user's access changes".

#include "store/server_db.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace fieldbook::server {

/// The access-relevant part of a user record.
struct UserAccess {
    std::string role;
    bool active = true;
};

/// The access part of a user record's fields as a push sees them (`role`
/// text; `active` true, false, 1, 0 or null: null is active).
UserAccess accessOfRecord(const nlohmann::json& fields);

/// What a change from `before` to `after` does to the user's sessions:
/// - a role change revokes their tokens (every device logs in again) and
///   resets their scope (each device downloads afresh: 410 cursor_expired,
///   checkScopeNotReset() in store/users.h), since the scope depends on the
///   role only (store/scope.cpp; `team` and `manager_id` do not change it);
/// - an activation revokes the tokens kept while deactivated;
/// - a deactivation keeps the tokens, which authenticate() answers 403
///   user_inactive (not "log in again", which cannot help).
struct AccessEffect {
    bool revokeTokens = false;
    bool resetScope = false;
    bool deactivated = false;
    /// The user's devices are refused from now on (revoked or deactivated).
    bool sessionsEnd() const { return revokeTokens || deactivated; }
};

/// The effect of changing a user from `before` to `after` (pure).
AccessEffect accessEffect(const UserAccess& before, const UserAccess& after);

/// Applies `effect` to user `userId` in the caller's transaction: deletes the
/// user's tokens when it revokes them; records `changeSeq` (the seq the
/// changed user record took) as the user's scope reset when it resets the
/// scope. Caller holds db.lock() inside a transaction.
void applyAccessEffect(ServerDb& db, const std::string& userId, const AccessEffect& effect,
                       std::int64_t changeSeq);

/// Revokes every token of user `userId` (a new password: a stolen phone's
/// session ends with it; docs/permissions.md). Caller holds db.lock().
void revokeTokens(ServerDb& db, const std::string& userId);

/// The refusal message when changing user `userId` from `before` to `after`
/// would leave the server without an active admin (SPEC §1: someone must
/// manage users), nullopt otherwise. `login` names the user in it. Reads
/// only; caller holds db.lock().
std::optional<std::string> lastAdminRefusal(ServerDb& db, const std::string& userId,
                                            const std::string& login, const UserAccess& before,
                                            const UserAccess& after);

} // namespace fieldbook::server
