// SPDX-License-Identifier: MIT
#pragma once

#include "sync/hlc.h"

#include <span>
#include <string>
#include <string_view>

namespace fieldbook::sync {

/// How concurrent writes to one field are decided (docs/conflicts.md, SPEC §4).
enum class Rule {
    LastWriterWins, ///< greater hybrid logical clock wins (server-bounded skew)
    AppendOnly,     ///< history entries: only the author may correct; no concurrent loss
    Immutable,      ///< set once at creation (e.g. a history entry's client)
    ServerOwned,    ///< only the server writes it (author_id, conflict records)
};

/// One row of the conflict-rule table. `field` "*" is the entity's default.
struct RuleRow {
    std::string_view entity;
    std::string_view field;
    Rule rule;
    std::string_view why; ///< the SPEC.md clause the row implements
};

/// The whole table, in the order docs/conflicts.md lists it.
std::span<const RuleRow> ruleTable();
/// The rule for (entity, field): an exact row if there is one, else the
/// entity's "*" row, else LastWriterWins.
Rule ruleFor(std::string_view entity, std::string_view field);
std::string_view ruleName(Rule rule);

/// A write to one field, as the merge sees it.
struct FieldWrite {
    Hlc stamp;
    std::string userId;
};

/// Decides a same-field collision between the stored write and a concurrent
/// incoming one under `rule`. Returns true when the incoming write wins.
bool incomingWins(Rule rule, const FieldWrite& stored, const FieldWrite& incoming);

} // namespace fieldbook::sync
