// SPDX-License-Identifier: MIT
#include "store/push_checks.h"

#include "domain/client_rules.h"
#include "domain/clock.h"
#include "domain/field_rules.h"
#include "domain/permissions.h"
#include "domain/sales_rules.h"
#include "domain/time_rules.h"

namespace fieldbook::server {

using nlohmann::json;

bool MutationContext::changes(const json& after, std::string_view name) const {
    std::string key(name);
    auto value = after.value(key, json());
    return stored ? stored->fields.value(key, json()) != value : !value.is_null();
}

json MutationContext::before(std::string_view name) const {
    return stored ? stored->fields.value(std::string(name), json()) : json();
}

namespace {
/// For a client_id naming a client, or a deal_id naming a deal, that is a
/// tombstone (not merged): "client <id> (<name>) was deleted by <login> on
/// <date>". Empty when the field names no such tombstone.
std::string deletedParent(ServerDb& db, std::string_view field, std::string_view target,
                          const std::string& id) {
    bool parentField =
        (field == "client_id" && target == "client") || (field == "deal_id" && target == "deal");
    if (!parentField) {
        return {};
    }
    auto st = db.statement(
        target == "client"
            ? "SELECT r.name, COALESCE(u.login, r.updated_by), r.updated_at FROM clients r "
              "LEFT JOIN users u ON u.id = r.updated_by "
              "WHERE r.id = ? AND r.deleted = 1 AND r.merged_into IS NULL"
            : "SELECT r.title, COALESCE(u.login, r.updated_by), r.updated_at FROM deals r "
              "LEFT JOIN users u ON u.id = r.updated_by WHERE r.id = ? AND r.deleted = 1");
    st->bind(1, id);
    if (!st->step()) {
        return {};
    }
    return std::string(target) + " " + id + " (" + st->text(0) + ") was deleted by " + st->text(1) +
           " on " + domain::formatIso8601(st->int64(2));
}
} // namespace

void checkPushedFields(ServerDb& db, const domain::EntityDef& e, const sync::Mutation& m) {
    for (const auto& [name, value] : m.fields.items()) {
        const auto* f = domain::findField(e, name);
        if (!f) {
            throw Reject{"unknown_field", m.entity + " has no field \"" + name + "\""};
        }
        if (!f->deviceWritable) {
            throw Reject{"read_only_field", name + " is set by the server"};
        }
        if (auto msg = domain::validateField(e.name, *f, value); !msg.empty()) {
            throw Reject{"invalid_value", msg};
        }
        auto target = domain::referencedEntity(e.name, name);
        if (!target.empty() && value.is_string() &&
            !liveRecordExists(db, target, value.get<std::string>())) {
            // SPEC §4: the head's delete of a card or deal wins over a new
            // record under it too; the device keeps it in its rejected log.
            if (auto gone = deletedParent(db, name, target, value.get<std::string>());
                !gone.empty()) {
                throw Reject{"parent_deleted",
                             gone + "; this " + m.entity +
                                 " was not saved under it (the delete wins over records under "
                                 "it; what you sent is kept in the conflict log)"};
            }
            throw Reject{"unknown_reference",
                         name + " names no " + std::string(target) + " on the server"};
        }
    }
}

void checkParentLive(ServerDb& db, const domain::EntityDef& e, const sync::Mutation& m,
                     const json& storedFields) {
    bool dealChild = e.name == "deal_line" || e.name == "deal_stage" || e.name == "payment" ||
                     e.name == "delivery";
    const char* field = dealChild ? "deal_id" : "client_id";
    if (e.name == "client" || !domain::findField(e, field)) {
        return;
    }
    auto parent = m.fields.contains(field) ? m.fields[field] : storedFields.value(field, json());
    if (!parent.is_string()) {
        return;
    }
    std::string target = dealChild ? "deal" : "client";
    if (auto gone = deletedParent(db, field, target, parent.get<std::string>()); !gone.empty()) {
        throw Reject{"parent_deleted", gone + "; its records can no longer be edited (the " +
                                           "delete of a " + target +
                                           " wins over edits under it; your change is kept in "
                                           "the conflict log)"};
    }
}

void checkPermission(const MutationContext& ctx) {
    const auto& role = ctx.who.role;
    if (ctx.entity.name == "user" && ctx.creating() && ctx.m.op != "delete") {
        throw Reject{"forbidden", "users are created with `fieldbook-server user add`, not by "
                                  "a device (SPEC §1)"};
    }
    if (ctx.entity.name == "user" && ctx.m.op == "delete") {
        throw Reject{"forbidden", "users are never deleted; set active to false (SPEC §1)"};
    }
    domain::MutationIntent intent{ctx.entity.name,      ctx.creating(),
                                  ctx.m.op == "delete", ctx.stored ? &ctx.stored->fields : nullptr,
                                  &ctx.m.fields,        ctx.who.userId};
    auto needed = domain::requiredActions(intent);
    if (const auto* refused = domain::firstRefused(role, needed)) {
        throw Reject{"forbidden", domain::refusalMessage(role, *refused) + " (SPEC §1)"};
    }
}

namespace {
bool liveReferenceItem(ServerDb& db, std::string_view list, const std::string& code) {
    auto st = db.statement("SELECT 1 FROM reference_items WHERE list = ? AND code = ? AND "
                           "deleted = 0 AND COALESCE(active, 1) <> 0");
    st->bind(1, std::string(list)).bind(2, code);
    return st->step();
}

bool otherLiveRecord(ServerDb& db, const std::string& sqlWhere, const std::string& id,
                     const std::vector<std::string>& params) {
    auto st = db.statement(sqlWhere);
    int i = 1;
    for (const auto& p : params) {
        st->bind(i++, p);
    }
    st->bind(i, id);
    return st->step();
}
} // namespace

void checkValues(const MutationContext& ctx, const json& after) {
    for (const auto& f : ctx.entity.fields) {
        if (f.referenceList.empty() || !ctx.changes(after, f.name)) {
            continue;
        }
        auto value = after.value(std::string(f.name), json());
        if (value.is_string() &&
            !liveReferenceItem(ctx.db, f.referenceList, value.get<std::string>())) {
            throw Reject{"invalid_value", std::string(f.name) + " \"" + value.get<std::string>() +
                                              "\" is not an item of the " +
                                              std::string(f.referenceList) +
                                              " reference list (ask an admin to add it)"};
        }
    }
    // Work goes to active users only; a stored assignment stays (a
    // deactivated manager's cards keep their curator until reassigned).
    for (const auto& f : ctx.entity.fields) {
        if (!domain::assignsWork(ctx.entity.name, f.name) || !ctx.changes(after, f.name)) {
            continue;
        }
        auto value = after.value(std::string(f.name), json());
        if (!value.is_string()) {
            continue;
        }
        auto st = ctx.db.statement(
            "SELECT login FROM users WHERE id = ?1 AND deleted = 0 AND active = 0");
        st->bind(1, value.get<std::string>());
        if (st->step()) {
            throw Reject{"inactive_user",
                         std::string(f.name) + ": " + st->text(0) + " is not an active user"};
        }
    }
    // A new curator is a manager or a head (SPEC §2: the responsible manager).
    if (ctx.entity.name == "client" && ctx.changes(after, "curator_id")) {
        if (auto value = after.value("curator_id", json()); value.is_string()) {
            auto st = ctx.db.statement(
                "SELECT login, COALESCE(role, '') FROM users WHERE id = ?1 AND deleted = 0");
            st->bind(1, value.get<std::string>());
            if (st->step()) {
                if (auto why = domain::curatorRoleProblem(st->text(0), st->text(1)); !why.empty()) {
                    throw Reject{"invalid_value", "curator_id: " + why};
                }
            }
        }
    }
    const auto& e = ctx.entity.name;
    if (e == "reference_item" && (ctx.changes(after, "list") || ctx.changes(after, "code")) &&
        otherLiveRecord(ctx.db,
                        "SELECT 1 FROM reference_items WHERE list = ?1 AND code = ?2 AND "
                        "deleted = 0 AND id <> ?3",
                        ctx.m.recordId,
                        {after.value("list", std::string()), after.value("code", std::string())})) {
        throw Reject{"duplicate_code", "the " + after.value("list", std::string()) +
                                           " list already has an item with code \"" +
                                           after.value("code", std::string()) + "\""};
    }
    if (e == "stage" && ctx.changes(after, "code") &&
        otherLiveRecord(ctx.db, "SELECT 1 FROM stages WHERE code = ?1 AND deleted = 0 AND id <> ?2",
                        ctx.m.recordId, {after.value("code", std::string())})) {
        throw Reject{"duplicate_code",
                     "a stage with code \"" + after.value("code", std::string()) + "\" exists"};
    }
    if (auto v = domain::checkRecordValues(e, after)) {
        throw Reject{v.code, v.message};
    }
    json times = json::object(); // the past-event times this change sets
    for (const auto& f : ctx.entity.fields) {
        if (domain::isPastEventTime(e, f.name) && ctx.changes(after, f.name)) {
            times[std::string(f.name)] = after.value(std::string(f.name), json());
        }
    }
    if (auto v = domain::checkPastEventTimes(e, times, ctx.nowMs)) {
        throw Reject{v.code, v.message};
    }
    if (e == "client" && ctx.changes(after, "parent_client_id") &&
        after["parent_client_id"].is_string()) {
        auto parentOf = [&ctx](const std::string& id) {
            auto st = ctx.db.statement("SELECT parent_client_id FROM clients WHERE id = ?");
            st->bind(1, id);
            return st->step() && !st->isNull(0) ? st->text(0) : std::string();
        };
        if (auto v = domain::checkClientParent(
                ctx.m.recordId, after["parent_client_id"].get<std::string>(), parentOf)) {
            throw Reject{v.code, v.message};
        }
    }
}

} // namespace fieldbook::server
