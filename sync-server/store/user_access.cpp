// SPDX-License-Identifier: MIT
#include "store/user_access.h"

namespace fieldbook::server {

using store::Statement;

namespace {
constexpr const char* kScopeResetKey = "scope_reset:"; // read by checkScopeNotReset()

bool isActiveAdmin(const UserAccess& u) {
    return u.active && u.role == "admin";
}
} // namespace

UserAccess accessOfRecord(const nlohmann::json& fields) {
    UserAccess out;
    if (auto r = fields.find("role"); r != fields.end() && r->is_string()) {
        out.role = r->get<std::string>();
    }
    if (auto a = fields.find("active"); a != fields.end()) {
        out.active = !(*a == false || *a == 0);
    }
    return out;
}

AccessEffect accessEffect(const UserAccess& before, const UserAccess& after) {
    AccessEffect e;
    const bool roleChanged = before.role != after.role;
    const bool activated = !before.active && after.active;
    e.deactivated = before.active && !after.active;
    e.revokeTokens = roleChanged || activated;
    e.resetScope = roleChanged;
    return e;
}

void revokeTokens(ServerDb& db, const std::string& userId) {
    Statement revoke(db.db(), "DELETE FROM tokens WHERE user_id = ?");
    revoke.bind(1, userId).run();
}

void applyAccessEffect(ServerDb& db, const std::string& userId, const AccessEffect& effect,
                       std::int64_t changeSeq) {
    if (effect.revokeTokens) {
        revokeTokens(db, userId);
    }
    if (effect.resetScope) {
        // A device positioned below the user record's new seq has the old scope.
        Statement reset(db.db(), "INSERT INTO server_meta(key, value) VALUES(?, ?) "
                                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
        reset.bind(1, std::string(kScopeResetKey) + userId)
            .bind(2, std::to_string(changeSeq))
            .run();
    }
}

std::optional<std::string> lastAdminRefusal(ServerDb& db, const std::string& userId,
                                            const std::string& login, const UserAccess& before,
                                            const UserAccess& after) {
    if (!isActiveAdmin(before) || isActiveAdmin(after)) {
        return std::nullopt;
    }
    Statement admins(db.db(), "SELECT count(*) FROM users WHERE deleted = 0 AND role = 'admin' AND "
                              "COALESCE(active, 1) != 0 AND id != ?");
    admins.bind(1, userId);
    admins.step();
    if (admins.int64(0) != 0) {
        return std::nullopt;
    }
    return login + " is the last active admin: make another user admin first";
}

} // namespace fieldbook::server
