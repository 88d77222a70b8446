// SPDX-License-Identifier: MIT
#pragma once

// The operator's user administration (SPEC §1: the admin manages users;
// docs/cli.md "fieldbook-server user ..."): list users, change a role or a
// name, deactivate or activate, set a password. Each change is a server
// change of the user record (new version and seq: every device's directory
// gets it on its next pull), made in one transaction, also while a server
// serves the same file (a foreign writer: the server's foreign-write check
// tells live devices within 2 s).

#include "store/server_db.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fieldbook::server {

/// One row of the user directory as the operator sees it.
struct UserRow {
    std::string id;
    std::string login;
    std::string fullName;
    std::string role;
    bool active = true;
    std::string team; ///< empty when in none (store/teams.h)
};

/// Every user (not deleted), ordered by login. Caller holds db.lock().
std::vector<UserRow> listUsers(ServerDb& db);

/// What to change about a user; unset members stay as they are.
struct UserChange {
    std::optional<std::string> role;
    std::optional<std::string> fullName;
    std::optional<bool> active;
    std::optional<std::string> password;
    std::optional<std::string> team; ///< as resolveTeam() returned it (store/teams.h)
};

/// What a change did: the user after it, and whether the user's tokens were
/// revoked (a deactivation, a role change or a new password: their devices
/// log in again; the rule is store/user_access.h, shared with pushes) and
/// a fresh download was required of their devices (a role change: the scope
/// changed, SPEC §4).
struct UserChangeResult {
    UserRow user;
    std::int64_t version = 0;
    bool tokensRevoked = false;
    bool freshDownload = false;
};

/// Applies `change` to the user `login` in one transaction. A team change
/// is a field change like the name: it alters no scope. A changed role,
/// name, team or active flag is written as a server change of the user record
/// (field metadata stamped by the server); a new password replaces the hash
/// and deletes the user's tokens (a stolen phone's session ends with it).
/// As for a pushed change (store/user_access.h accessEffect()): a role
/// change or an activation deletes the user's tokens (their devices
/// log in again); a deactivation makes them answer 403 user_inactive until
/// then (store/auth.h authenticate()), so they never work again. A role change
/// also records the change's seq as the user's scope reset
/// (checkScopeNotReset()). Throws ApiError(404, "unknown_user"),
/// (400, "invalid_role" | "invalid_name" | "weak_password" | "no_change"),
/// (409, "last_admin") when the change would leave no active admin. Caller
/// holds db.lock(); hashes the password (argon2id) under it.
UserChangeResult changeUser(ServerDb& db, const std::string& login, const UserChange& change);

/// Throws ApiError 410 `cursor_expired` when the user's role changed after
/// the device's position (0 < `cursor` < the seq of the role change): its
/// records were chosen by the old scope, so it downloads afresh (keeping its
/// pending edits, as after a compaction; docs/protocol.md). Reads only.
void checkScopeNotReset(ServerDb& db, const std::string& userId, std::int64_t cursor);

} // namespace fieldbook::server
