// SPDX-License-Identifier: MIT
#include "sync/conflict_rules.h"

#include <array>
#include <utility>

namespace fieldbook::sync {

namespace {
// Keep in step with docs/conflicts.md (one test per row in tests/shared).
constexpr std::array<RuleRow, 28> kTable = {{
    {"client", "*", Rule::LastWriterWins, "SPEC §4: field-level merge, then last writer by HLC"},
    {"client", "first_contact_at", Rule::Immutable,
     "SPEC §3.7: who found the client first must stay decidable"},
    {"client", "first_contact_by", Rule::ServerOwned,
     "SPEC §3.7: the user who created the card (or filled in its first contact)"},
    {"contact", "*", Rule::LastWriterWins, "SPEC §4: field-level merge, then last writer by HLC"},
    {"deal", "*", Rule::TerminalOutcomeWins, "SPEC §4: a terminal deal outcome beats stale edits"},
    {"deal", "stage", Rule::LaterStageWins, "SPEC §4: a later stage beats an earlier one"},
    {"deal", "manager_id", Rule::HeadAssignmentWins,
     "SPEC §4: the head's assignment beats a manager's"},
    {"client", "curator_id", Rule::HeadAssignmentWins,
     "SPEC §4: the head's assignment beats a manager's"},
    {"planned_activity", "assignee_id", Rule::HeadAssignmentWins,
     "SPEC §4: the head's assignment beats a manager's"},
    {"deal_stage", "manager_id", Rule::HeadAssignmentWins,
     "SPEC §4: the head's assignment beats a manager's"},
    {"planned_activity", "*", Rule::LastWriterWins, "SPEC §4: last writer by HLC"},
    {"product", "*", Rule::LastWriterWins, "SPEC §4: last writer by HLC"},
    {"user", "*", Rule::LastWriterWins, "SPEC §4: last writer by HLC (admin edits)"},
    {"reference_item", "*", Rule::LastWriterWins, "SPEC §4: last writer by HLC"},
    {"stage", "*", Rule::LastWriterWins, "SPEC §4: last writer by HLC"},
    {"document_template", "*", Rule::LastWriterWins, "SPEC §4: last writer by HLC"},
    {"deal_line", "*", Rule::LastWriterWins, "SPEC §4: field-level merge, then last writer"},
    {"deal_stage", "*", Rule::LastWriterWins, "SPEC §4: field-level merge, then last writer"},
    {"payment", "*", Rule::LastWriterWins, "SPEC §4: field-level merge, then last writer"},
    {"delivery", "*", Rule::LastWriterWins, "SPEC §4: field-level merge, then last writer"},
    {"mailing_request", "*", Rule::LastWriterWins, "SPEC §4: last writer by HLC"},
    {"history_entry", "*", Rule::Immutable, "SPEC §2: history is an append-only journal"},
    {"history_entry", "summary", Rule::AppendOnly, "SPEC §2: the author may correct an entry"},
    {"history_entry", "author_id", Rule::ServerOwned, "SPEC §2: the author is who logged it"},
    {"history_entry", "revisions", Rule::ServerOwned, "SPEC §2: corrections keep the old text"},
    {"deal", "opened_by", Rule::ServerOwned, "SPEC §2: opened by whoever created the deal"},
    {"planned_activity", "author_id", Rule::ServerOwned, "SPEC §2: created by, set by the server"},
    {"mailing_request", "author_id", Rule::ServerOwned, "SPEC §2: who queued the request"},
}};
} // namespace

std::span<const RuleRow> ruleTable() {
    return kTable;
}

Rule ruleFor(std::string_view entity, std::string_view field) {
    const RuleRow* fallback = nullptr;
    for (const auto& row : kTable) {
        if (row.entity != entity) {
            continue;
        }
        if (row.field == field) {
            return row.rule;
        }
        if (row.field == "*") {
            fallback = &row;
        }
    }
    return fallback ? fallback->rule : Rule::LastWriterWins;
}

std::string_view ruleName(Rule rule) {
    switch (rule) {
    case Rule::LastWriterWins:
        return "last_writer_wins";
    case Rule::AppendOnly:
        return "append_only";
    case Rule::Immutable:
        return "immutable";
    case Rule::ServerOwned:
        return "server_owned";
    case Rule::TerminalOutcomeWins:
        return "terminal_outcome_wins";
    case Rule::LaterStageWins:
        return "later_stage_wins";
    case Rule::HeadAssignmentWins:
        return "head_assignment_wins";
    case Rule::EditBeatsDelete:
        return "edit_beats_delete";
    case Rule::HeadDeleteWins:
        return "head_delete_wins";
    case Rule::ProbableDuplicate:
        return "probable_duplicate";
    }
    return "unknown";
}

std::string ruleExplanation(std::string_view name) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 11> kTexts{{
        {"last_writer_wins", "the later change wins"},
        {"append_only", "history is only added to; the author's later correction wins"},
        {"immutable", "this field is set once and then kept"},
        {"server_owned", "only the server sets this field"},
        {"terminal_outcome_wins", "a won or lost deal beats an edit made without seeing the close"},
        {"later_stage_wins", "the later stage of the deal wins"},
        {"head_assignment_wins", "the head's assignment beats a manager's"},
        {"edit_beats_delete", "an edit beats a delete made at the same time; the record stays"},
        {"head_delete_wins", "a delete by the head or an admin beats an edit"},
        {"probable_duplicate", "both cards are kept and marked as probable duplicates"},
        {"merge_clients", "the card was merged into another; the surviving card's value is kept"},
    }};
    for (const auto& [rule, text] : kTexts) {
        if (rule == name) {
            return std::string(text);
        }
    }
    return std::string(name);
}

bool incomingWins(Rule rule, const FieldWrite& stored, const FieldWrite& incoming) {
    switch (rule) {
    case Rule::LastWriterWins:
    case Rule::AppendOnly: // only the author writes; their later correction wins
        return incoming.stamp > stored.stamp;
    case Rule::TerminalOutcomeWins:
    case Rule::LaterStageWins:
        if (incoming.rank != stored.rank) {
            return incoming.rank > stored.rank;
        }
        return incoming.stamp > stored.stamp;
    case Rule::HeadAssignmentWins:
        if (incoming.privileged != stored.privileged) {
            return incoming.privileged;
        }
        return incoming.stamp > stored.stamp;
    case Rule::Immutable:
    case Rule::ServerOwned:
    case Rule::EditBeatsDelete:
    case Rule::HeadDeleteWins:
    case Rule::ProbableDuplicate:
        return false;
    }
    return false;
}

bool closeBeatsStaleEdit(std::int64_t closedAtVersion, std::string_view closerNode,
                         std::int64_t baseVersion, std::string_view pusherNode, bool editCloses) {
    return !editCloses && closedAtVersion > baseVersion && closerNode != pusherNode;
}

Rule deleteRule(bool deleterPrivileged) {
    return deleterPrivileged ? Rule::HeadDeleteWins : Rule::EditBeatsDelete;
}

} // namespace fieldbook::sync
