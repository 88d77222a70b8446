// SPDX-License-Identifier: MIT
#pragma once

#include <nlohmann/json.hpp>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace fieldbook::domain {

/// What a user may do, one row of the role × action matrix (SPEC §1;
/// docs/permissions.md). Reading is not an action: every role reads
/// everything it can reach (SPEC §1 "no black box"); a manager's device
/// replicates only the manager's scope.
enum class Action {
    CreateClient,       ///< open a client card
    AssignNewClient,    ///< name another user as curator of a card one creates
    EditClient,         ///< change a card's fields (not the curator)
    Reassign,           ///< change a curator (or a card's duplicate flag), a deal's manager
                        ///< or an activity's assignee
    DeleteRecords,      ///< delete a client card or a deal
    EditContact,        ///< add, change or remove a contact person
    LogHistory,         ///< add a history entry
    CorrectOwnHistory,  ///< correct the text of one's own history entry
    OpenDeal,           ///< open a deal
    EditDeal,           ///< change a deal's fields and product lines
    MoveStage,          ///< move a deal to its next stage
    OverrideStageOrder, ///< skip stages or move a deal back
    CloseDeal,          ///< close a deal as won or lost
    RecordPayment,      ///< add or change a payment
    RecordDelivery,     ///< add or change a delivery
    PlanOwnWork,        ///< plan, change or cancel one's own activities
    PlanForOthers,      ///< plan work for another user
    CompleteActivity,   ///< mark an activity done (its assignee; head/admin for anyone)
    QueueMailing,       ///< queue or cancel a mailing request
    EditReferenceLists, ///< reference lists, stages, document templates, products
    ManageUsers,        ///< change users' roles, teams, stages, segments, active flag
    MergeClients,       ///< merge a duplicate client card into another (issue 4)
};

/// Every action, in the order of the matrix.
std::span<const Action> allActions();
/// Stable snake_case name, e.g. "create_client" (used in error messages and docs).
std::string_view actionName(Action action);

/// What the action lets a user do, in words for a refusal, e.g. "plan or
/// change activities assigned to another user" for plan_for_others.
std::string_view actionDescription(Action action);
/// A refusal in words (SPEC §1): "manager may not plan or change activities
/// assigned to another user (plan_for_others)": the role, what it may not
/// do, and the action's stable name for support and docs/permissions.md.
std::string refusalMessage(std::string_view role, Action action);

/// True when `role` (manager, telemarketing, support, marketing, head, admin)
/// may perform `action`. Unknown roles may do nothing.
bool allowed(std::string_view role, Action action);

/// One mutation as the permission check sees it.
struct MutationIntent {
    std::string_view entity;      ///< protocol entity name
    bool creating = false;        ///< no stored record yet
    bool deleting = false;        ///< op == "delete"
    const nlohmann::json* stored; ///< stored fields (null when creating)
    const nlohmann::json* fields; ///< incoming fields (only the changed ones matter)
    std::string_view userId;      ///< who pushes
};

/// The actions a mutation needs, derived from what it changes (e.g. a deal
/// whose outcome becomes won needs close_deal; a planned activity for
/// someone else needs plan_for_others; curator_id changing needs reassign).
/// Stage order (override_stage_order) is decided by the caller, which knows
/// the configured stage order. Never empty for a known entity.
std::vector<Action> requiredActions(const MutationIntent& m);

/// The first action of `needed` that `role` may not perform, or nullptr
/// when all are allowed.
const Action* firstRefused(std::string_view role, const std::vector<Action>& needed);

} // namespace fieldbook::domain
