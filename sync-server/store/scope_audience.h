// SPDX-License-Identifier: MIT
#pragma once

#include "store/auth.h"
#include "store/server_db.h"

#include <cstdint>
#include <set>
#include <string>

namespace fieldbook::server {

/// Who can be concerned by the changes at change-sequence positions
/// (from, upTo]: the live fan-out's first cut (issue 6), computed once per
/// commit from the changed rows instead of one pull per connected user.
/// A user outside every part of it has an empty pull from `from`.
struct ScopeAudience {
    bool everyone = false;      ///< a record everyone reads changed (busy slot, stage, user ...)
    bool fullScope = false;     ///< a record other than a conflict changed: head, admin, marketing
    std::set<std::string> told; ///< the parties of a logged conflict: their pull returns it
    /// In the scope of a changed record (usersWithScopeAt of its client or
    /// deal, its author, assignee or stage manager) or named by a scope
    /// change: possibly concerned; the caller confirms with a pull.
    std::set<std::string> maybe;

    /// True when `who`'s pull from `from` returns something for sure.
    bool surelyConcerned(const Principal& who) const;
};

/// The audience of the positions (from, upTo] (from > 0: a pull from a
/// cursor, which sends tombstones too). One indexed range scan of each
/// entity's seq index plus one usersWithScopeAt(); a superset of the users
/// whose scopeCondition() (store/scope.h) holds for a changed row, kept in
/// step with it. Hold lock(). Throws store::StoreError.
ScopeAudience scopeAudience(ServerDb& db, std::int64_t from, std::int64_t upTo);

} // namespace fieldbook::server
