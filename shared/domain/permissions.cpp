// SPDX-License-Identifier: MIT
#include "domain/permissions.h"

#include <algorithm>
#include <array>

namespace fieldbook::domain {

namespace {
struct Row {
    Action action;
    std::string_view name;
    // manager, telemarketing, support, marketing, head, admin (SPEC §1)
    std::array<bool, 6> roles;
};

constexpr bool Y = true;
constexpr bool N = false;

// The role × action matrix; docs/permissions.md shows the same table and
// tests/server/tst_permissions.cpp checks every cell against the server.
constexpr std::array<Row, 22> kMatrix = {{
    //                                              mgr tele supp mkt head admin
    {Action::CreateClient, "create_client", {Y, Y, Y, N, Y, Y}},
    {Action::AssignNewClient, "assign_new_client", {N, Y, Y, N, Y, Y}},
    {Action::EditClient, "edit_client", {Y, Y, Y, N, Y, Y}},
    {Action::Reassign, "reassign", {N, N, N, N, Y, Y}},
    {Action::DeleteRecords, "delete_records", {N, N, N, N, Y, Y}},
    {Action::EditContact, "edit_contact", {Y, Y, Y, N, Y, Y}},
    {Action::LogHistory, "log_history", {Y, Y, Y, N, Y, Y}},
    {Action::CorrectOwnHistory, "correct_own_history", {Y, Y, Y, N, Y, Y}},
    {Action::OpenDeal, "open_deal", {Y, N, N, N, Y, Y}},
    {Action::EditDeal, "edit_deal", {Y, N, N, N, Y, Y}},
    {Action::MoveStage, "move_stage", {Y, N, N, N, Y, Y}},
    {Action::OverrideStageOrder, "override_stage_order", {N, N, N, N, Y, Y}},
    {Action::CloseDeal, "close_deal", {Y, N, N, N, Y, Y}},
    {Action::RecordPayment, "record_payment", {Y, N, N, N, Y, Y}},
    {Action::RecordDelivery, "record_delivery", {Y, N, N, N, Y, Y}},
    {Action::PlanOwnWork, "plan_own_work", {Y, Y, Y, N, Y, Y}},
    {Action::PlanForOthers, "plan_for_others", {N, Y, Y, N, Y, Y}},
    {Action::CompleteActivity, "complete_activity", {Y, Y, Y, N, Y, Y}},
    {Action::QueueMailing, "queue_mailing", {Y, Y, Y, N, Y, Y}},
    {Action::EditReferenceLists, "edit_reference_lists", {N, N, N, N, Y, Y}},
    {Action::ManageUsers, "manage_users", {N, N, N, N, N, Y}},
    {Action::MergeClients, "merge_clients", {N, N, N, N, Y, Y}},
}};

constexpr std::array<std::string_view, 6> kRoleOrder = {"manager",   "telemarketing", "support",
                                                        "marketing", "head",          "admin"};

const std::array<Action, kMatrix.size()>& actionList() {
    static const auto list = [] {
        std::array<Action, kMatrix.size()> out{};
        for (std::size_t i = 0; i < kMatrix.size(); ++i) {
            out[i] = kMatrix[i].action;
        }
        return out;
    }();
    return list;
}

/// True when the mutation sets `name` to a value other than the stored one.
bool changes(const MutationIntent& m, const char* name) {
    if (!m.fields || !m.fields->contains(name)) {
        return false;
    }
    if (m.creating || !m.stored) {
        return !(*m.fields)[name].is_null();
    }
    return m.stored->value(name, nlohmann::json()) != (*m.fields)[name];
}

bool changesOtherThan(const MutationIntent& m, std::initializer_list<const char*> except) {
    if (!m.fields) {
        return false;
    }
    for (const auto& [name, value] : m.fields->items()) {
        bool skip =
            std::any_of(except.begin(), except.end(), [&](const char* e) { return name == e; });
        if (!skip && changes(m, name.c_str())) {
            return true;
        }
    }
    return false;
}

nlohmann::json valueAfter(const MutationIntent& m, const char* name) {
    if (m.fields && m.fields->contains(name)) {
        return (*m.fields)[name];
    }
    return m.stored ? m.stored->value(name, nlohmann::json()) : nlohmann::json();
}

bool isUser(const nlohmann::json& v, std::string_view userId) {
    return v.is_string() && v.get_ref<const std::string&>() == userId;
}
} // namespace

std::span<const Action> allActions() {
    return actionList();
}

std::string_view actionName(Action action) {
    for (const auto& row : kMatrix) {
        if (row.action == action) {
            return row.name;
        }
    }
    return "unknown";
}

std::string_view actionDescription(Action action) {
    switch (action) {
    case Action::CreateClient:
        return "create client cards";
    case Action::AssignNewClient:
        return "make another user the curator of a new client";
    case Action::EditClient:
        return "edit client cards";
    case Action::Reassign:
        return "reassign clients or activities to another user";
    case Action::DeleteRecords:
        return "delete clients, deals or history entries";
    case Action::EditContact:
        return "edit contacts";
    case Action::LogHistory:
        return "log history entries";
    case Action::CorrectOwnHistory:
        return "correct their own history entries";
    case Action::OpenDeal:
        return "open deals";
    case Action::EditDeal:
        return "edit deals";
    case Action::MoveStage:
        return "move deals through their stages";
    case Action::OverrideStageOrder:
        return "move a deal out of the stage order";
    case Action::CloseDeal:
        return "close deals";
    case Action::RecordPayment:
        return "record payments";
    case Action::RecordDelivery:
        return "record deliveries";
    case Action::PlanOwnWork:
        return "plan their own work";
    case Action::PlanForOthers:
        return "plan or change activities assigned to another user";
    case Action::CompleteActivity:
        return "complete activities";
    case Action::QueueMailing:
        return "queue or withdraw mailings";
    case Action::EditReferenceLists:
        return "edit reference lists, stages, templates or products";
    case Action::ManageUsers:
        return "manage users";
    case Action::MergeClients:
        return "merge client cards";
    }
    return "do this";
}

std::string refusalMessage(std::string_view role, Action action) {
    return std::string(role) + " may not " + std::string(actionDescription(action)) + " (" +
           std::string(actionName(action)) + ")";
}

bool allowed(std::string_view role, Action action) {
    auto r = std::find(kRoleOrder.begin(), kRoleOrder.end(), role);
    if (r == kRoleOrder.end()) {
        return false;
    }
    auto col = static_cast<std::size_t>(r - kRoleOrder.begin());
    for (const auto& row : kMatrix) {
        if (row.action == action) {
            return row.roles[col];
        }
    }
    return false;
}

std::vector<Action> requiredActions(const MutationIntent& m) {
    std::vector<Action> out;
    auto e = m.entity;
    if (e == "client") {
        if (m.deleting) {
            return {Action::DeleteRecords};
        }
        // A merge (merged_into set) is sent alone: docs/conflicts.md
        // "Merging duplicates".
        if (m.creating ? !valueAfter(m, "merged_into").is_null() : changes(m, "merged_into")) {
            return {Action::MergeClients};
        }
        if (m.creating) {
            out.push_back(Action::CreateClient);
            auto curator = valueAfter(m, "curator_id");
            if (curator.is_string() && !isUser(curator, m.userId)) {
                out.push_back(Action::AssignNewClient);
            }
            return out;
        }
        // Clearing or changing a duplicate flag decides whose card it is
        // (SPEC §3.7): the head's call, like a curator.
        if (changes(m, "curator_id") || changes(m, "duplicate_of")) {
            out.push_back(Action::Reassign);
        }
        if (out.empty() || changesOtherThan(m, {"curator_id", "duplicate_of"})) {
            out.push_back(Action::EditClient);
        }
        return out;
    }
    if (e == "contact") {
        return {Action::EditContact};
    }
    if (e == "history_entry") {
        if (m.deleting) {
            return {Action::DeleteRecords};
        }
        return {m.creating ? Action::LogHistory : Action::CorrectOwnHistory};
    }
    if (e == "deal") {
        if (m.deleting) {
            return {Action::DeleteRecords};
        }
        if (m.creating) {
            out.push_back(Action::OpenDeal);
            if (!isUser(valueAfter(m, "manager_id"), m.userId)) {
                out.push_back(Action::Reassign);
            }
            auto outcome = valueAfter(m, "outcome");
            if (outcome.is_string() && outcome != "open") {
                out.push_back(Action::CloseDeal);
            }
            return out;
        }
        if (changes(m, "manager_id")) {
            out.push_back(Action::Reassign);
        }
        if (changes(m, "outcome") || changes(m, "closed_at") || changes(m, "refusal_reason")) {
            out.push_back(Action::CloseDeal);
        }
        if (changes(m, "stage")) {
            out.push_back(Action::MoveStage);
        }
        if (out.empty() || changesOtherThan(m, {"manager_id", "outcome", "closed_at",
                                                "refusal_reason", "stage"})) {
            out.push_back(Action::EditDeal);
        }
        return out;
    }
    if (e == "deal_line") {
        return {Action::EditDeal};
    }
    if (e == "deal_stage") {
        out.push_back(Action::MoveStage);
        // Who works the stage brings the client into their scope (SPEC §4):
        // naming someone else is a reassignment.
        if (!m.deleting && changes(m, "manager_id") &&
            !isUser(valueAfter(m, "manager_id"), m.userId)) {
            out.push_back(Action::Reassign);
        }
        return out;
    }
    if (e == "payment") {
        return {Action::RecordPayment};
    }
    if (e == "delivery") {
        return {Action::RecordDelivery};
    }
    if (e == "planned_activity") {
        bool ownNow = isUser(m.creating ? valueAfter(m, "assignee_id")
                                        : m.stored->value("assignee_id", nlohmann::json()),
                             m.userId);
        auto done = [&] { return valueAfter(m, "status") == "done"; };
        if (m.creating) {
            out.push_back(ownNow ? Action::PlanOwnWork : Action::PlanForOthers);
            if (done()) { // created already done: a completion like any other
                out.push_back(Action::CompleteActivity);
                if (!ownNow) {
                    out.push_back(Action::Reassign);
                }
            }
            return out;
        }
        // Someone else's activity: its author (who planned it for them) may
        // plan it further (plan_for_others); anyone else needs reassign.
        auto plan = Action::PlanOwnWork;
        if (!ownNow) {
            plan = isUser(m.stored->value("author_id", nlohmann::json()), m.userId)
                       ? Action::PlanForOthers
                       : Action::Reassign;
        }
        if (m.deleting) {
            return {plan};
        }
        if (changes(m, "assignee_id")) {
            out.push_back(Action::Reassign);
        }
        if (changes(m, "status") && done()) {
            out.push_back(Action::CompleteActivity);
            if (!ownNow) {
                out.push_back(Action::Reassign); // someone else's visit: head or admin only
            }
        }
        if (out.empty() || changesOtherThan(m, {"assignee_id", "status", "result"})) {
            out.push_back(plan);
        }
        return out;
    }
    if (e == "mailing_request") {
        return {Action::QueueMailing};
    }
    if (e == "reference_item" || e == "stage" || e == "document_template" || e == "product") {
        return {Action::EditReferenceLists};
    }
    if (e == "user") {
        return {Action::ManageUsers};
    }
    return out;
}

const Action* firstRefused(std::string_view role, const std::vector<Action>& needed) {
    for (const auto& a : needed) {
        if (!allowed(role, a)) {
            return &a;
        }
    }
    return nullptr;
}

} // namespace fieldbook::domain
