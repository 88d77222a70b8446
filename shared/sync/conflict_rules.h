// SPDX-License-Identifier: MIT
#pragma once

#include "sync/hlc.h"

#include <cstdint>
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
    /// Deals: a won/lost outcome beats a concurrent open one, and a close the
    /// pusher had not seen beats every field of its stale edit
    /// (closeBeatsStaleEdit); otherwise the greater stamp wins.
    TerminalOutcomeWins,
    LaterStageWins,     ///< deal stage: greater stage sort_order wins, whatever the stamps
    HeadAssignmentWins, ///< curator/manager/assignee: a write by a role that may reassign wins
    // Record-level rules: not rows of the table; named in conflict records.
    EditBeatsDelete,   ///< a concurrent edit beats a non-privileged delete (the record stays)
    HeadDeleteWins,    ///< a head's/admin's delete beats a concurrent edit
    ProbableDuplicate, ///< two cards of one company: both kept, flagged (SPEC §3.7)
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
/// The rule named `name` (a ruleName(), or "merge_clients" for a value a
/// merge dropped) in plain English for people reading the conflict log, e.g.
/// "the later change wins"; an unknown name is returned as it is.
std::string ruleExplanation(std::string_view name);

/// A write to one field, as the merge sees it.
struct FieldWrite {
    Hlc stamp;
    std::string userId;
    /// What the rule ranks before the stamp: LaterStageWins the stage's
    /// sort_order; TerminalOutcomeWins 1 for a won/lost outcome, else 0.
    std::int64_t rank = 0;
    /// HeadAssignmentWins: the writer's role may reassign (head, admin).
    bool privileged = false;
};

/// Decides a same-field collision between the stored write and a concurrent
/// incoming one under `rule`. Returns true when the incoming write wins:
/// LastWriterWins/AppendOnly the greater stamp; TerminalOutcomeWins and
/// LaterStageWins the greater rank, then the greater stamp;
/// HeadAssignmentWins the privileged writer, then the greater stamp;
/// Immutable/ServerOwned (and the record-level rules) never.
bool incomingWins(Rule rule, const FieldWrite& stored, const FieldWrite& incoming);

/// SPEC §4 "a terminal deal outcome beats stale edits": true when an edit of
/// a deal made on `baseVersion` loses every field it changes because the
/// deal was closed (won/lost) at version `closedAtVersion` by a device other
/// than `pusherNode` (`closerNode`). An edit that itself closes the deal is
/// not stale: its fields are decided one by one.
bool closeBeatsStaleEdit(std::int64_t closedAtVersion, std::string_view closerNode,
                         std::int64_t baseVersion, std::string_view pusherNode, bool editCloses);

/// The rule of a concurrent edit and delete of one record (SPEC §4):
/// HeadDeleteWins when the deleter's role may delete records (head, admin),
/// else EditBeatsDelete.
Rule deleteRule(bool deleterPrivileged);

} // namespace fieldbook::sync
