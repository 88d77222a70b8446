// SPDX-License-Identifier: MIT
#include "store/push.h"

#include "domain/clock.h"
#include "domain/entities.h"
#include "domain/permissions.h"
#include "domain/sales_rules.h"
#include "store/conflict_decisions.h"
#include "store/merge.h"
#include "store/mutation_log.h"
#include "store/mutation_savepoint.h"
#include "store/pull.h"
#include "store/push_checks.h"
#include "store/push_rules.h"
#include "store/records.h"
#include "store/scope.h"
#include "store/scope_changes.h"
#include "sync/conflict_rules.h"
#include "sync/hlc.h"

#include <algorithm>
#include <optional>

namespace fieldbook::server {

using nlohmann::json;
using store::Statement;

namespace {

/// Field metadata [stamp, version, user] for every field of `after` that
/// differs from `before` and has no entry of this version yet (values the
/// server filled in by rule included).
void stampChangedFields(const MutationContext& ctx, const json& after, json& meta,
                        std::int64_t version) {
    for (const auto& [name, value] : after.items()) {
        bool changed = ctx.creating() ? !value.is_null() : ctx.changes(after, name);
        if (changed) {
            meta[name] = json::array({ctx.stamp, version, ctx.who.userId});
        }
    }
}

/// A client's first_contact_at sent by the device (SPEC §3.7): within the
/// window of domain::checkFirstContactAt around the mutation's stamp. A date
/// after the server's time (a device clock running fast) is taken as the
/// server's time, as the hybrid logical clock's skew bound does, rather than
/// refusing the card a manager just made. Returns the value to store.
json checkFirstContact(const MutationContext& ctx, const json& at) {
    auto atMs = std::min(at.get<std::int64_t>(), ctx.nowMs);
    auto stamp = sync::Hlc::parse(ctx.stamp);
    if (auto v = domain::checkFirstContactAt(
            atMs, stamp ? std::min(stamp->wallMs, ctx.nowMs) : ctx.nowMs, ctx.nowMs)) {
        throw Reject{v.code, v.message};
    }
    return atMs;
}

void applyDelete(MutationContext& ctx, sync::MutationResult& result) {
    const auto& m = ctx.m;
    if (!ctx.stored) {
        throw Reject{"not_found", m.entity + " " + m.recordId + " does not exist"};
    }
    const auto& stored = *ctx.stored;
    checkPermission(ctx);
    if (!canWrite(ctx.db, ctx.who, m.entity, m.recordId, stored.fields)) {
        throw Reject{"out_of_scope", "this record is not in your scope"};
    }
    if (m.entity == "history_entry") {
        throw Reject{"history_append_only", "history entries cannot be deleted (SPEC §2)"};
    }
    if (m.baseVersion > stored.version) {
        throw Reject{"invalid_base_version", "base_version is newer than the record"};
    }
    if (stored.deleted) {
        result.version = stored.version;
        return;
    }
    applyDeleteRules(ctx);
    if (m.entity == "mailing_request") {
        auto status = stored.fields.value("status", json());
        if (status != "queued") {
            throw Reject{"invalid_status", "only a queued mailing request can be withdrawn"};
        }
    }
    // SPEC §4: an edit the deleter had not seen beats the delete unless the
    // deleter may delete records at all (head, admin); either way it is logged.
    if (auto edit = unseenWrite(ctx)) {
        auto rule = sync::deleteRule(domain::allowed(ctx.who.role, domain::Action::DeleteRecords));
        if (rule == sync::Rule::EditBeatsDelete) {
            sync::ConflictNote note{"deleted", std::string(sync::ruleName(rule)), false, true,
                                    true};
            logConflict(ctx.db, m.entity, m.recordId, note, edit->userId, ctx.who.userId,
                        ctx.nowMs);
            result.conflicts.push_back(std::move(note));
            result.version = stored.version;
            return;
        }
        logEditsLostToDelete(ctx, result);
    }
    json meta = stored.meta;
    markDeleted(ctx, meta, stored.version + 1);
    writeRecord(ctx.db, ctx.entity, m.recordId, false, stored.version + 1, true, stored.fields,
                meta, ctx.who.userId, ctx.nowMs, &stored);
    applyFollowUps(ctx, stored.fields, true);
    result.version = stored.version + 1;
}

void applyCreate(MutationContext& ctx, sync::MutationResult& result) {
    const auto& m = ctx.m;
    const auto& who = ctx.who;
    checkPermission(ctx);
    json fields = json::object();
    for (const auto& f : ctx.entity.fields) {
        std::string name(f.name);
        fields[name] = m.fields.value(name, json());
        if (f.required && f.deviceWritable && fields[name].is_null()) {
            throw Reject{"invalid_value", name + " is required"};
        }
    }
    for (const auto& [name, value] : m.fields.items()) {
        if (!value.is_null() && domain::serverSetOnCreate(m.entity, name)) {
            throw Reject{"read_only_field",
                         name + " is set by the server's duplicate check on a new record"};
        }
    }
    if (fields.contains("author_id")) {
        fields["author_id"] = who.userId;
    }
    if (m.entity == "client") {
        if (fields["curator_id"].is_null() && who.role == "manager") {
            fields["curator_id"] = who.userId;
        }
        fields["first_contact_by"] = who.userId;
        if (fields["first_contact_at"].is_null()) {
            fields["first_contact_at"] = ctx.nowMs;
        } else {
            fields["first_contact_at"] = checkFirstContact(ctx, fields["first_contact_at"]);
        }
    }
    if (!ctx.writableBeforeMerge && !canWrite(ctx.db, who, m.entity, m.recordId, fields)) {
        throw Reject{"out_of_scope", "you cannot create this record outside your scope"};
    }
    checkValues(ctx, fields);
    applyRecordRules(ctx, fields);
    json meta = json::object();
    stampChangedFields(ctx, fields, meta, 1);
    writeRecord(ctx.db, ctx.entity, m.recordId, true, 1, false, fields, meta, who.userId,
                ctx.nowMs);
    applyFollowUps(ctx, fields, false);
    result.version = 1;
}

void applyUpdate(MutationContext& ctx, const sync::Hlc& stamp, sync::MutationResult& result) {
    const auto& m = ctx.m;
    const auto& who = ctx.who;
    const auto& stored = *ctx.stored;
    checkPermission(ctx);
    if (!ctx.writableBeforeMerge && !canWrite(ctx.db, who, m.entity, m.recordId, stored.fields)) {
        throw Reject{"out_of_scope", "this record is not in your scope"};
    }
    auto deleted = stored.deleted ? unseenDelete(ctx) : std::nullopt;
    if (stored.deleted && !deleted) {
        throw Reject{"record_deleted", m.entity + " " + m.recordId + " was deleted"};
    }
    if (m.baseVersion > stored.version) {
        throw Reject{"invalid_base_version", "base_version " + std::to_string(m.baseVersion) +
                                                 " is newer than the record's version " +
                                                 std::to_string(stored.version)};
    }
    if (deleted &&
        sync::deleteRule(mayDeleteRecords(ctx.db, deleted->userId)) == sync::Rule::HeadDeleteWins) {
        logEditLostToDelete(ctx, *deleted, result); // SPEC §4: the head's delete wins
        result.version = stored.version;
        return;
    }
    json fields = stored.fields;
    json meta = stored.meta;
    bool changed = deleted.has_value(); // SPEC §4: the edit brings the record back
    if (deleted) {
        sync::ConflictNote note{"deleted", std::string(sync::ruleName(sync::Rule::EditBeatsDelete)),
                                false, true, false};
        logConflict(ctx.db, m.entity, m.recordId, note, who.userId, deleted->userId, ctx.nowMs);
        result.conflicts.push_back(std::move(note));
        meta["deleted"] = json::array({ctx.stamp, stored.version + 1, who.userId});
        // A record deleted before its card was merged away stayed under the
        // merged tombstone (a merge moves live records): it comes back on
        // the survivor, where people see it (break-it H1).
        if (auto parent = fields.find("client_id"); parent != fields.end() && parent->is_string()) {
            if (auto end = survivorOf(ctx.db, parent->get<std::string>())) {
                *parent = *end;
            }
        }
    }
    auto close = unseenClose(ctx, stamp);
    std::optional<json> firstContactAt; // a filled-in first contact date, as it is stored
    for (const auto& [name, value] : m.fields.items()) {
        if (stored.fields[name] == value) {
            continue;
        }
        auto rule = sync::ruleFor(m.entity, name);
        // A client's first contact (date, author) may be filled in once, then
        // decides "who found this client first" for good (SPEC §2, §3.7).
        bool setOnce = m.entity == "client" && stored.fields[name].is_null();
        if ((rule == sync::Rule::Immutable && !setOnce) || rule == sync::Rule::ServerOwned) {
            throw Reject{"immutable_field", name + " cannot change once set (SPEC §2)"};
        }
        if (rule == sync::Rule::Immutable && name == "first_contact_at") {
            firstContactAt = checkFirstContact(ctx, value);
            if (fields["first_contact_by"].is_null()) {
                fields["first_contact_by"] = who.userId; // who fills it in made that contact
            }
        }
        if (rule == sync::Rule::AppendOnly &&
            stored.fields.value("author_id", json()) != who.userId) {
            throw Reject{"not_author", "only the author may correct a history entry"};
        }
        auto d = decideField(ctx, stamp, name, value, close);
        bool apply = d.apply;
        if (d.concurrent) {
            sync::ConflictNote note{name, std::string(sync::ruleName(d.rule)),
                                    apply ? value : stored.fields[name],
                                    apply ? stored.fields[name] : value, !apply};
            logConflict(ctx.db, m.entity, m.recordId, note, apply ? who.userId : d.storedUserId,
                        apply ? d.storedUserId : who.userId, ctx.nowMs);
            result.conflicts.push_back(std::move(note));
        }
        if (apply) {
            fields[name] = value;
            changed = true;
        }
    }
    if (firstContactAt && fields["first_contact_at"].is_number_integer()) {
        fields["first_contact_at"] = *firstContactAt;
    }
    if (!changed) {
        result.version = stored.version;
        return;
    }
    if (!ctx.writableBeforeMerge && !canWrite(ctx.db, who, m.entity, m.recordId, fields)) {
        throw Reject{"out_of_scope", "this change would move the record out of your scope"};
    }
    checkValues(ctx, fields);
    applyRecordRules(ctx, fields);
    stampChangedFields(ctx, fields, meta, stored.version + 1);
    writeRecord(ctx.db, ctx.entity, m.recordId, false, stored.version + 1, false, fields, meta,
                who.userId, ctx.nowMs, &stored);
    applyFollowUps(ctx, fields, false);
    result.version = stored.version + 1;
}

sync::MutationResult applyOne(ServerDb& db, const Principal& who, const sync::Mutation& pushed,
                              const PushOptions& options) {
    // Whatever still names a merged client card goes to its survivor
    // (store/merge.h, docs/conflicts.md "Merging duplicates").
    const auto redirect = redirectToSurvivor(db, who, pushed);
    const auto& m = redirect.mutation;
    sync::MutationResult result;
    result.mutationId = m.mutationId;
    result.status = "applied";

    const auto* e = domain::findEntity(m.entity);
    if (!e) {
        throw Reject{"unknown_entity", "unknown record type \"" + m.entity + "\""};
    }
    if (!e->devicePushable) {
        throw Reject{"read_only_entity", m.entity + " records are managed by the server"};
    }
    // The device's own rule (domain::isRecordId, sync::checkRecordId): an id
    // it would refuse in a pull page must never be stored (break-it 6 F1).
    if (m.recordId.size() != 36 || !domain::isRecordId(m.recordId)) {
        throw Reject{"invalid_record_id", "record_id must be a UUID"};
    }
    auto parsed = sync::Hlc::parse(m.hlc);
    if (!parsed) {
        throw Reject{"invalid_hlc", "hlc is not a hybrid logical clock stamp"};
    }
    auto now = domain::nowMs();
    bool clamped = false;
    auto stamp = sync::boundSkew(*parsed, now, options.maxClockSkewMs, clamped);
    // The node is the authenticated device, not what the device wrote: "same
    // device, never a conflict" must not be claimable by another device.
    stamp.node = who.deviceId;
    if (isMerge(m)) {
        applyMerge(db, who, m, stamp.toString(), now, result);
        return result;
    }
    checkPushedFields(db, *e, m);

    auto stored = loadRecord(db, *e, m.recordId);
    if (stored && m.op != "delete") {
        checkParentLive(db, *e, m, stored->fields);
    }
    const json* before = stored ? &stored->fields : nullptr;
    // An edit may bring a tombstone back (docs/conflicts.md "Edit versus
    // delete"): for scopes that touches what its delete touched.
    bool revives = stored && stored->deleted && m.op != "delete";
    ScopeWatch scope(
        db, m.entity, m.recordId, before,
        touchOfMutation(m.entity, m.recordId, before, m.fields, m.op == "delete" || revives));
    MutationContext ctx{db,
                        who,
                        m,
                        *e,
                        stored ? &*stored : nullptr,
                        stamp.toString(),
                        now,
                        redirect.writableBeforeMerge};
    if (m.op == "delete") {
        applyDelete(ctx, result);
    } else if (!stored) {
        applyCreate(ctx, result);
    } else {
        applyUpdate(ctx, stamp, result);
    }
    scope.record(); // in the mutation's savepoint: a rejection takes it back too
    return result;
}

/// A mutation refused parent_deleted (a new record, or an edit, under a
/// client or deal that was deleted): SPEC §4 "every value that lost is kept
/// in a conflict log the user can see". One head_delete_wins row per value
/// the mutation sent (winner: who deleted the parent, loser: the pusher),
/// written after the mutation's savepoint took its own writes back; the
/// device keeps the mutation in its rejected log besides.
void logLostUnderDeletedParent(ServerDb& db, const Principal& who, const sync::Mutation& m,
                               std::int64_t nowMs) {
    const auto* e = domain::findEntity(m.entity);
    if (!e) {
        return;
    }
    auto stored = loadRecord(db, *e, m.recordId);
    std::string deleter;
    for (const char* field : {"client_id", "deal_id"}) {
        auto parent = m.fields.contains(field) ? m.fields[field]
                      : stored                 ? stored->fields.value(field, json())
                                               : json();
        if (!parent.is_string() || !domain::findField(*e, field)) {
            continue;
        }
        auto st = db.statement(std::string(field) == "client_id"
                                   ? "SELECT updated_by FROM clients WHERE id = ? AND "
                                     "deleted = 1 AND merged_into IS NULL"
                                   : "SELECT updated_by FROM deals WHERE id = ? AND deleted = 1");
        st->bind(1, parent.get<std::string>());
        if (st->step()) {
            deleter = st->text(0);
            break;
        }
    }
    if (deleter.empty()) {
        return;
    }
    for (const auto& [name, value] : m.fields.items()) {
        if (value.is_null()) {
            continue;
        }
        sync::ConflictNote note{name, std::string(sync::ruleName(sync::Rule::HeadDeleteWins)),
                                json(), value, true};
        logConflict(db, m.entity, m.recordId, note, deleter, who.userId, nowMs);
    }
}

/// The stored role of user `userId` (empty when the record is gone).
std::string roleOf(ServerDb& db, const std::string& userId) {
    auto st = db.statement("SELECT role FROM users WHERE id = ?");
    st->bind(1, userId);
    return st->step() ? st->text(0) : std::string();
}

/// Attaches the record's state now (not stored in the idempotency log: a
/// retried push gets today's state, not the first answer's).
void withCurrent(ServerDb& db, const Principal& who, const sync::Mutation& m,
                 sync::MutationResult& result) {
    if (!domain::findEntity(m.entity)) {
        return;
    }
    result.hasCurrent = true;
    result.current = currentRecord(db, who, m.entity, m.recordId);
}

} // namespace

sync::PushResponse applyPush(ServerDb& db, const Principal& pusher, const sync::PushRequest& req,
                             const PushOptions& options,
                             const std::function<Principal()>& authorise) {
    if (req.mutations.size() > options.maxMutations) {
        throw ApiError(400, "too_many_mutations",
                       "push at most " + std::to_string(options.maxMutations) +
                           " mutations per request");
    }
    auto& d = db.db();
    sync::PushResponse resp;
    store::Transaction tx(d);
    // Read again inside the write transaction: a user change another
    // process committed after the caller's check is seen (break-it F2).
    const Principal checked = authorise ? authorise() : pusher;
    ServerDb::SeqBatch seq(db); // the counter row written once, before the commit
    MutationLog log(db);
    // The pusher as the mutations are checked: a mutation of their own user
    // record that changes their role holds for the ones after it (an admin
    // who demotes themself cannot go on granting roles in the same push).
    Principal who = checked;
    for (const auto& m : req.mutations) {
        if (auto earlier = log.find(who.deviceId, m.mutationId)) {
            sync::MutationResult answer;
            if (!earlier->fingerprint.empty() && earlier->fingerprint != mutationFingerprint(m)) {
                // Break-it F13: a reused id must not get the first answer
                // for a different change; nothing is logged for it.
                answer.mutationId = m.mutationId;
                answer.status = "rejected";
                answer.errorCode = "mutation_id_reused";
                answer.errorMessage = "mutation_id " + m.mutationId +
                                      " was already used for a different change; give each "
                                      "change a new mutation id";
            } else {
                answer = sync::mutationResultFromJson(earlier->result);
                answer.duplicate = true;
            }
            withCurrent(db, who, m, answer);
            resp.results.push_back(std::move(answer));
            continue;
        }
        sync::MutationResult result;
        {
            MutationSavepoint sp(db);
            const auto mark = seq.mark();
            try {
                result = applyOne(db, who, m, options);
                sp.release();
            } catch (const Reject& r) {
                seq.rewind(mark); // the savepoint takes its writes back: their numbers too
                result = {};
                result.mutationId = m.mutationId;
                result.status = "rejected";
                result.errorCode = r.code;
                result.errorMessage = r.message;
            }
        }
        if (result.errorCode == "parent_deleted") {
            logLostUnderDeletedParent(db, who, m, domain::nowMs());
        }
        log.remember(who.deviceId, m, result, domain::nowMs());
        withCurrent(db, who, m, result);
        const bool ownRecord =
            result.status == "applied" && m.entity == "user" && m.recordId == who.userId;
        resp.results.push_back(std::move(result));
        if (ownRecord) {
            who.role = roleOf(db, who.userId);
        }
    }
    seq.finish();
    tx.commit();
    resp.serverTimeMs = domain::nowMs();
    return resp;
}

} // namespace fieldbook::server
