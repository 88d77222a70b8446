// SPDX-License-Identifier: MIT
#include "store/teams.h"

#include "store/auth.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace fieldbook::server {

using store::Statement;

std::vector<std::string> knownTeams(ServerDb& db) {
    Statement st(db.db(), "SELECT DISTINCT team FROM users WHERE deleted = 0 AND team IS NOT NULL "
                          "AND team != '' ORDER BY team");
    std::vector<std::string> out;
    while (st.step()) {
        out.push_back(st.text(0));
    }
    return out;
}

std::string resolveTeam(ServerDb& db, const std::string& name, bool allowNew) {
    if (name.find_first_not_of(" \t") == std::string::npos || name.size() > 100) {
        throw ApiError(400, "invalid_team", "a team name is 1 to 100 characters, not blank");
    }
    // One line of UTF-8 text: a line break would split `user list`'s row, and
    // bytes that are not UTF-8 would reach devices as U+FFFD (break-it).
    if (std::any_of(name.begin(), name.end(),
                    [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; })) {
        throw ApiError(400, "invalid_team", "a team name is one line without control characters");
    }
    try {
        (void)nlohmann::json(name).dump(); // the serializer checks UTF-8
    } catch (const nlohmann::json::type_error&) {
        throw ApiError(400, "invalid_team", "a team name must be UTF-8 text");
    }
    Statement st(db.db(), "SELECT team FROM users WHERE lower(team) = lower(?1) AND deleted = 0 "
                          "ORDER BY team = ?1 DESC, team LIMIT 1");
    st.bind(1, name);
    if (st.step()) {
        return st.text(0);
    }
    if (allowNew) {
        return name;
    }
    std::string teams;
    for (const auto& t : knownTeams(db)) {
        teams += (teams.empty() ? "" : ", ") + t;
    }
    throw ApiError(400, "unknown_team",
                   "no user is in team \"" + name +
                       "\"; teams: " + (teams.empty() ? std::string("none yet") : teams) +
                       " (a new team: add --new-team)");
}

} // namespace fieldbook::server
