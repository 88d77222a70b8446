// SPDX-License-Identifier: MIT
#pragma once

// Sales teams (SPEC §1; docs/data-model.md `user.team`): a team is the text
// of the users' `team` field (the sample's regional office), no table of
// its own. The operator puts a user in a team with `fieldbook-server user
// add|set --team NAME` (docs/cli.md "Users"). A team does not change what a
// user's devices hold (the scope depends on the role only: store/scope.cpp).

#include "store/server_db.h"

#include <string>
#include <vector>

namespace fieldbook::server {

/// The teams at least one user (not deleted) is in, sorted. Reads only;
/// caller holds db.lock().
std::vector<std::string> knownTeams(ServerDb& db);

/// The team `name` as stored (matched in any case, as `report --team`
/// does), or, with `allowNew`, `name` itself when no user is in that team
/// yet. Throws ApiError(400, "invalid_team") for an empty or blank name or
/// one over 100 characters, (400, "unknown_team") naming the known teams
/// when none matches and not `allowNew`. Reads only; caller holds db.lock().
std::string resolveTeam(ServerDb& db, const std::string& name, bool allowNew);

} // namespace fieldbook::server
