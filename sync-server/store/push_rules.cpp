// SPDX-License-Identifier: MIT
#include "store/push_rules.h"

#include "domain/clock.h"
#include "domain/permissions.h"
#include "domain/sales_rules.h"
#include "store/busy_slots.h"
#include "store/conflict_decisions.h"
#include "store/duplicates.h"
#include "store/user_access.h"

#include <vector>

namespace fieldbook::server {

using domain::Action;
using nlohmann::json;

namespace {
std::string textOf(const json& v) {
    return v.is_string() ? v.get<std::string>() : std::string();
}

bool isClosed(const json& outcome) {
    return outcome == "won" || outcome == "lost";
}

json liveStages(ServerDb& db) {
    json out = json::array();
    auto st = db.statement("SELECT code, sort_order, active FROM stages WHERE deleted = 0");
    while (st->step()) {
        out.push_back({{"code", st->text(0)},
                       {"sort_order", st->isNull(1) ? 0 : st->int64(1)},
                       {"active", st->isNull(2) || st->int64(2) != 0}});
    }
    return out;
}

bool mayOverride(const MutationContext& ctx) {
    return domain::allowed(ctx.who.role, Action::OverrideStageOrder);
}

/// The stored deal's {outcome, stage}; nulls when there is no such deal.
std::pair<json, json> dealState(ServerDb& db, const json& dealId) {
    auto st = db.statement("SELECT outcome, stage FROM deals WHERE id = ?");
    st->bind(1, textOf(dealId));
    if (!st->step()) {
        return {json(), json()};
    }
    return {st->isNull(0) ? json() : json(st->text(0)), st->isNull(1) ? json() : json(st->text(1))};
}

void raise(const domain::RuleViolation& v) {
    if (v) {
        throw Reject{v.code, v.message};
    }
}

void dealRules(const MutationContext& ctx, json& after) {
    bool override = domain::allowed(ctx.who.role, Action::OverrideStageOrder);
    bool wasClosed = !ctx.creating() && isClosed(ctx.before("outcome"));
    if (wasClosed && !override && (ctx.changes(after, "stage") || ctx.changes(after, "outcome"))) {
        throw Reject{"deal_closed", "this deal is " + textOf(ctx.before("outcome")) +
                                        "; only the head or an admin may move its stage or "
                                        "reopen it (SPEC §2)"};
    }
    if (ctx.changes(after, "closed_at")) {
        if (wasClosed && !override) {
            throw Reject{"deal_closed", "this deal is " + textOf(ctx.before("outcome")) +
                                            "; only the head or an admin may change closed_at"};
        }
        if (!after["closed_at"].is_null() && !isClosed(after["outcome"])) {
            throw Reject{"invalid_value",
                         "closed_at is set only when the deal is won or lost (SPEC §2)"};
        }
    }
    if (ctx.changes(after, "stage")) {
        auto v = domain::checkStageMove(liveStages(ctx.db), textOf(ctx.before("stage")),
                                        textOf(after["stage"]), false);
        if (v.code == "unknown_stage" || (v && !override)) {
            raise(v);
        }
    }
    if (ctx.creating() || ctx.changes(after, "outcome") || ctx.changes(after, "refusal_reason") ||
        ctx.changes(after, "contract_no") || ctx.changes(after, "invoice_no")) {
        raise(domain::checkDealOutcome(after));
    }
    if (isClosed(after["outcome"]) && !wasClosed && after["closed_at"].is_null()) {
        after["closed_at"] = ctx.nowMs;
    }
    if (wasClosed && after["outcome"] == "open") {
        after["closed_at"] = nullptr; // reopened by the head or an admin
    }
    if (ctx.creating()) {
        after["opened_by"] = ctx.who.userId;
        if (after["opened_at"].is_null()) {
            after["opened_at"] = ctx.nowMs;
        }
    }
}

void dealStageRules(const MutationContext& ctx, const json& after) {
    bool override = mayOverride(ctx);
    for (const auto& dealId : {ctx.before("deal_id"), after["deal_id"]}) {
        auto [outcome, stage] = dealState(ctx.db, dealId);
        if (!override && isClosed(outcome)) {
            throw Reject{"deal_closed", "this deal is " + textOf(outcome) +
                                            "; its stage records are final (SPEC §2)"};
        }
    }
    if (ctx.m.op == "delete") {
        return;
    }
    if (ctx.changes(after, "stage")) {
        auto code = textOf(after["stage"]);
        bool known = false;
        for (const auto& s : liveStages(ctx.db)) {
            known = known || (s["code"] == code && s["active"] == true);
        }
        if (!known) {
            throw Reject{"unknown_stage", "\"" + code + "\" is not an active stage"};
        }
        // A stage record follows the deal's stage order like deal.stage does.
        auto current = textOf(dealState(ctx.db, after["deal_id"]).second);
        if (code != current && !override) {
            raise(domain::checkStageMove(liveStages(ctx.db), current, code, false));
        }
    }
}

/// SPEC §2-3: a closed deal's products are final, and a lost deal takes no
/// payment or delivery (a won one does: payment and delivery follow the
/// contract). The head or an admin may still correct them.
void dealChildRules(const MutationContext& ctx, const json& after) {
    const auto& e = ctx.entity.name;
    if (mayOverride(ctx)) {
        return;
    }
    // The deal it belongs to now and the one it would belong to after.
    for (const auto& dealId : {ctx.before("deal_id"), after["deal_id"]}) {
        auto outcome = textOf(dealState(ctx.db, dealId).first);
        if ((e == "deal_line" && isClosed(json(outcome))) || outcome == "lost") {
            throw Reject{"deal_closed", "this deal is " + outcome + "; it takes no " +
                                            (e == "deal_line" ? std::string("product line changes")
                                                              : std::string(e) + " changes")};
        }
    }
}

/// SPEC §2: a done or cancelled activity is closed: no change (status or
/// otherwise) and no deletion unless by the head or an admin.
void activityRules(const MutationContext& ctx, const json& after) {
    bool privileged = ctx.who.role == "head" || ctx.who.role == "admin";
    auto from = textOf(ctx.before("status"));
    if (ctx.creating()) {
        raise(domain::checkActivityStatusChange({}, textOf(after["status"]), privileged));
        return;
    }
    bool closed = from == "done" || from == "cancelled";
    if (closed && !privileged && (ctx.m.op == "delete" || after != ctx.stored->fields)) {
        throw Reject{"activity_closed", "this activity is " + from +
                                            "; only the head or an admin may change it (SPEC §2)"};
    }
    if (ctx.m.op != "delete" && ctx.changes(after, "status")) {
        raise(domain::checkActivityStatusChange(from, textOf(after["status"]), privileged));
    }
}

/// SPEC §1: a user is active or not (never null); an admin does not lock
/// themselves out: another admin deactivates them.
void userRules(const MutationContext& ctx, const json& after) {
    if (ctx.m.fields.contains("active") && ctx.m.fields["active"].is_null()) {
        throw Reject{"invalid_value", "active is true or false"};
    }
    if (ctx.m.recordId == ctx.who.userId && ctx.changes(after, "active") &&
        after["active"] == false) {
        throw Reject{"forbidden", "you cannot deactivate yourself: another admin must do it"};
    }
    if (!ctx.stored) {
        return; // users are not created by devices (checkPermission)
    }
    if (auto refusal =
            lastAdminRefusal(ctx.db, ctx.m.recordId, textOf(after["login"]),
                             accessOfRecord(ctx.stored->fields), accessOfRecord(after))) {
        throw Reject{"last_admin", *refusal};
    }
}

/// The same effect on the user's sessions as the operator's `user set`
/// (store/user_access.h): a role change logs their devices out and makes
/// them download afresh; an activation ends the sessions kept meanwhile.
void applyUserAccess(const MutationContext& ctx, const json& after) {
    auto effect = accessEffect(accessOfRecord(ctx.stored->fields), accessOfRecord(after));
    auto seq = ctx.db.statement("SELECT seq FROM users WHERE id = ?");
    seq->bind(1, ctx.m.recordId);
    applyAccessEffect(ctx.db, ctx.m.recordId, effect, seq->step() ? seq->int64(0) : 0);
}

void historyRules(const MutationContext& ctx, json& after) {
    if (ctx.creating() || !ctx.changes(after, "summary")) {
        return;
    }
    // Nobody's text is ever lost (SPEC §2): the corrected text moves to revisions.
    json revisions = json::array();
    auto stored = ctx.before("revisions");
    if (stored.is_string()) {
        auto parsed = json::parse(stored.get<std::string>(), nullptr, false);
        if (parsed.is_array()) {
            revisions = std::move(parsed);
        }
    }
    revisions.push_back(
        {{"summary", ctx.before("summary")}, {"at", ctx.nowMs}, {"by", ctx.who.userId}});
    after["revisions"] = revisions.dump();
}

void mailingRules(const MutationContext& ctx, json& after) {
    auto from = textOf(ctx.before("status"));
    if (ctx.creating() || ctx.changes(after, "status") || from != "queued") {
        raise(domain::checkMailingStatusChange(from, textOf(after["status"])));
    }
    if (ctx.creating() && after["requested_at"].is_null()) {
        after["requested_at"] = ctx.nowMs;
    }
    if (ctx.changes(after, "contact_id") || ctx.changes(after, "client_id")) {
        auto st = ctx.db.statement("SELECT client_id FROM contacts WHERE id = ?");
        st->bind(1, textOf(after["contact_id"]));
        if (!after["contact_id"].is_null() &&
            (!st->step() || st->text(0) != textOf(after["client_id"]))) {
            throw Reject{"invalid_value", "contact_id is not a contact of this client"};
        }
    }
    if (ctx.creating() && !after["template_id"].is_null()) {
        auto st = ctx.db.statement("SELECT COALESCE(active, 1) FROM document_templates "
                                   "WHERE id = ? AND deleted = 0");
        st->bind(1, textOf(after["template_id"]));
        if (!st->step() || st->int64(0) == 0) {
            throw Reject{"invalid_value", "template_id names a retired (inactive) template"};
        }
    }
}
} // namespace

void applyRecordRules(const MutationContext& ctx, json& after) {
    const auto& e = ctx.entity.name;
    if (e == "deal") {
        dealRules(ctx, after);
    } else if (e == "deal_stage") {
        dealStageRules(ctx, after);
    } else if (e == "deal_line" || e == "payment" || e == "delivery") {
        dealChildRules(ctx, after);
    } else if (e == "planned_activity") {
        activityRules(ctx, after);
    } else if (e == "user") {
        userRules(ctx, after);
    } else if (e == "history_entry") {
        historyRules(ctx, after);
    } else if (e == "client" && ctx.creating() && after["duplicate_of"].is_null()) {
        auto dups = findDuplicateClients(ctx.db, after, ctx.m.recordId);
        if (!dups.empty()) {
            after["duplicate_of"] = dups[0]["id"];
            logProbableDuplicate(ctx, dups[0]);
        }
    } else if (e == "mailing_request") {
        mailingRules(ctx, after);
    }
}

void applyDeleteRules(const MutationContext& ctx) {
    const auto& e = ctx.entity.name;
    json after = ctx.stored->fields;
    if (e == "deal_stage") {
        dealStageRules(ctx, after);
    } else if (e == "deal_line" || e == "payment" || e == "delivery") {
        dealChildRules(ctx, after);
    } else if (e == "planned_activity") {
        activityRules(ctx, after);
    }
}

namespace {
void endOpenStages(const MutationContext& ctx, const json& deal) {
    std::vector<std::string> open;
    auto st = ctx.db.statement("SELECT id FROM deal_stages WHERE deal_id = ? AND "
                               "deleted = 0 AND ended_at IS NULL");
    st->bind(1, ctx.m.recordId);
    while (st->step()) {
        open.push_back(st->text(0));
    }
    for (const auto& id : open) {
        writeDerived(ctx.db, "deal_stage", id, {{"ended_at", deal["closed_at"]}}, false, ctx.stamp,
                     ctx.who.userId, ctx.nowMs);
    }
}

void writeDoneHistory(const MutationContext& ctx, const json& activity) {
    auto id = domain::stableUuid("activity_done", ctx.m.recordId);
    {
        auto st = ctx.db.statement("SELECT planned_activity_id IS ?2 AND client_id IS ?3 AND "
                                   "author_id IS ?4 FROM history_entries WHERE id = ?1");
        st->bind(1, id).bind(2, ctx.m.recordId).bind(3, textOf(activity["client_id"]));
        st->bind(4, ctx.who.userId);
        if (st->step()) {
            if (st->int64(0) != 0) {
                return; // the device wrote it in the same outbox transaction
            }
            // Someone else took that id first (it is derivable): the completion
            // still gets its own entry, under an id of this moment.
            id = domain::stableUuid("activity_done",
                                    ctx.m.recordId + "/" + std::to_string(ctx.nowMs));
        }
    }
    auto kind = textOf(activity["kind"]);
    auto summary = textOf(activity["result"]);
    if (summary.find_first_not_of(" \t\r\n") == std::string::npos) {
        summary = textOf(activity["purpose"]);
    }
    if (summary.find_first_not_of(" \t\r\n") == std::string::npos) {
        summary = kind + " done";
    }
    json entry = {{"client_id", activity["client_id"]},           {"deal_id", activity["deal_id"]},
                  {"planned_activity_id", ctx.m.recordId},        {"author_id", ctx.who.userId},
                  {"kind", domain::historyKindForActivity(kind)}, {"summary", summary},
                  {"occurred_at", activity["starts_at"]}};
    // Done before its planned start: it happened now (a history time never
    // lies in the future; as Replica::completeActivity writes it).
    if (entry["occurred_at"].is_number_integer() &&
        entry["occurred_at"].get<std::int64_t>() > ctx.nowMs) {
        entry["occurred_at"] = ctx.nowMs;
    }
    writeDerived(ctx.db, "history_entry", id, entry, false, ctx.stamp, ctx.who.userId, ctx.nowMs);
}
} // namespace

void applyFollowUps(const MutationContext& ctx, const json& after, bool deleted) {
    const auto& e = ctx.entity.name;
    if (e == "deal" && !deleted && isClosed(after["outcome"]) &&
        (ctx.creating() || !isClosed(ctx.before("outcome")))) {
        endOpenStages(ctx, after);
    }
    if (e == "planned_activity") {
        if (!deleted && after["status"] == "done" && ctx.before("status") != "done") {
            writeDoneHistory(ctx, after);
        }
        syncBusySlot(ctx.db, ctx.m.recordId, after, deleted, ctx.stamp, ctx.who.userId, ctx.nowMs);
    }
    if (e == "user" && !deleted && ctx.stored) {
        applyUserAccess(ctx, after);
    }
}

} // namespace fieldbook::server
