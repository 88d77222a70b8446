// SPDX-License-Identifier: MIT
#include "store/users.h"

#include "domain/clock.h"
#include "domain/entities.h"
#include "store/auth.h"
#include "store/records.h"
#include "store/user_access.h"
#include "sync/hlc.h"

#include <nlohmann/json.hpp>

namespace fieldbook::server {

using nlohmann::json;
using store::Statement;

namespace {
constexpr const char* kScopeResetKey = "scope_reset:"; // written by applyAccessEffect()

UserRow readUser(Statement& st) {
    return {st.text(0),
            st.text(1),
            st.isNull(2) ? std::string() : st.text(2),
            st.isNull(3) ? std::string() : st.text(3),
            st.isNull(4) || st.int64(4) != 0,
            st.isNull(5) ? std::string() : st.text(5)};
}

constexpr const char* kUserColumns =
    "SELECT id, login, full_name, role, active, team FROM users WHERE deleted = 0";
} // namespace

std::vector<UserRow> listUsers(ServerDb& db) {
    Statement st(db.db(), std::string(kUserColumns) + " ORDER BY login");
    std::vector<UserRow> out;
    while (st.step()) {
        out.push_back(readUser(st));
    }
    return out;
}

UserChangeResult changeUser(ServerDb& db, const std::string& login, const UserChange& change) {
    if (!change.role && !change.fullName && !change.active && !change.password && !change.team) {
        throw ApiError(400, "no_change",
                       "nothing to change: give --role, --name or --team (a new password: user "
                       "password; deactivate / activate)");
    }
    auto& d = db.db();
    store::Transaction tx(d);
    UserRow before;
    {
        Statement st(d, std::string(kUserColumns) + " AND login = ?");
        st.bind(1, login);
        if (!st.step()) {
            throw ApiError(404, "unknown_user", "no user with login \"" + login + "\"");
        }
        before = readUser(st);
    }
    // The same rules as user add (store/auth.h) for what changes.
    validateNewUser("operator", change.fullName.value_or("-"), change.role.value_or("admin"),
                    change.password.value_or("unchanged"));
    UserRow after = before;
    after.role = change.role.value_or(before.role);
    after.fullName = change.fullName.value_or(before.fullName);
    after.active = change.active.value_or(before.active);
    after.team = change.team.value_or(before.team);
    const UserAccess accessBefore{before.role, before.active};
    const UserAccess accessAfter{after.role, after.active};
    if (auto refusal = lastAdminRefusal(db, before.id, login, accessBefore, accessAfter)) {
        throw ApiError(409, "last_admin", *refusal);
    }
    json fields = json::object();
    if (after.role != before.role) {
        fields["role"] = after.role;
    }
    if (after.fullName != before.fullName) {
        fields["full_name"] = after.fullName;
    }
    if (after.active != before.active) {
        fields["active"] = after.active;
    }
    if (after.team != before.team) {
        fields["team"] = after.team;
    }
    if (fields.empty() && !change.password) {
        throw ApiError(
            400, "no_change",
            login + " already has that " +
                (change.active ? std::string("state") : std::string("role, name and team")));
    }
    UserChangeResult result;
    result.user = after;
    auto now = domain::nowMs();
    if (!fields.empty()) {
        // Stamped by the server: the operator's write is the latest one.
        auto stamp = sync::HlcClock("server").tick(now).toString();
        result.version = writeDerived(db, "user", before.id, fields, false, stamp, "system", now);
    }
    if (change.password) {
        Statement cred(d, "UPDATE credentials SET password_hash = ? WHERE user_id = ?");
        cred.bind(1, hashPassword(*change.password)).bind(2, before.id).run();
    }
    // The same rule as an admin's device pushing the change (store/user_access.h).
    const auto effect = accessEffect(accessBefore, accessAfter);
    applyAccessEffect(db, before.id, effect, db.currentSeq());
    if (change.password) {
        revokeTokens(db, before.id); // a stolen phone's session ends with the old password
    }
    result.tokensRevoked = effect.sessionsEnd() || change.password.has_value();
    result.freshDownload = effect.resetScope;
    if (!result.version) {
        Statement v(d, "SELECT version FROM users WHERE id = ?");
        v.bind(1, before.id);
        v.step();
        result.version = v.int64(0);
    }
    tx.commit();
    return result;
}

void checkScopeNotReset(ServerDb& db, const std::string& userId, std::int64_t cursor) {
    if (cursor <= 0) {
        return;
    }
    Statement st(db.db(), "SELECT value FROM server_meta WHERE key = ?");
    st.bind(1, std::string(kScopeResetKey) + userId);
    if (!st.step()) {
        return;
    }
    auto resetSeq = std::stoll(st.text(0));
    if (cursor < resetSeq) {
        throw ApiError(410, "cursor_expired",
                       "this user's role changed (at " + std::to_string(resetSeq) + ", cursor " +
                           std::to_string(cursor) +
                           "): the records this device holds were chosen for the old role; it "
                           "keeps its pending edits and downloads its data again");
    }
}

} // namespace fieldbook::server
