// SPDX-License-Identifier: MIT
#include "store/conflict_decisions.h"

#include "domain/clock.h"
#include "domain/permissions.h"

namespace fieldbook::server {

using nlohmann::json;
using store::Statement;

namespace {

struct MetaWrite {
    sync::FieldWrite write;
    std::int64_t version = 0;
};

/// A field metadata entry [stamp, version, user]; version 0 when missing or malformed.
MetaWrite metaOf(const json& meta, const std::string& name) {
    MetaWrite out;
    auto it = meta.find(name);
    if (it == meta.end() || !it->is_array() || it->size() != 3 || !(*it)[0].is_string() ||
        !(*it)[1].is_number_integer() || !(*it)[2].is_string()) {
        return out;
    }
    out.write.stamp = sync::Hlc::parse((*it)[0].get<std::string>()).value_or(sync::Hlc{});
    out.version = (*it)[1].get<std::int64_t>();
    out.write.userId = (*it)[2].get<std::string>();
    return out;
}

std::string roleOf(ServerDb& db, const std::string& userId) {
    auto st = db.statement("SELECT role FROM users WHERE id = ?");
    st->bind(1, userId);
    return st->step() && !st->isNull(0) ? st->text(0) : std::string();
}

bool mayReassign(const std::string& role) {
    return domain::allowed(role, domain::Action::Reassign);
}

std::int64_t stageRank(ServerDb& db, const json& code) {
    if (!code.is_string()) {
        return -1; // no stage: before the first
    }
    auto st = db.statement("SELECT sort_order FROM stages WHERE code = ? AND deleted = 0");
    st->bind(1, code.get<std::string>());
    return st->step() && !st->isNull(0) ? st->int64(0) : -1;
}

bool terminal(const json& outcome) {
    return outcome == "won" || outcome == "lost";
}

/// Fills what `rule` ranks before the stamps, for one side's value of `field`.
void rank(ServerDb& db, sync::Rule rule, const std::string& field, const json& value,
          const std::string& role, sync::FieldWrite& w) {
    switch (rule) {
    case sync::Rule::LaterStageWins:
        w.rank = stageRank(db, value);
        break;
    case sync::Rule::TerminalOutcomeWins:
        w.rank = field == "outcome" && terminal(value) ? 1 : 0;
        break;
    case sync::Rule::HeadAssignmentWins:
        w.privileged = mayReassign(role);
        break;
    default:
        break;
    }
}

} // namespace

void logConflict(ServerDb& db, const std::string& entity, const std::string& recordId,
                 const sync::ConflictNote& note, const std::string& winnerId,
                 const std::string& loserId, std::int64_t nowMs) {
    auto st =
        db.statement("INSERT INTO conflicts(id, version, updated_at, updated_by, deleted, "
                     "entity, record_id, field, rule, winner_value, loser_value, winner_id, "
                     "loser_id, decided_at, seq) VALUES(?,1,?,'server',0,?,?,?,?,?,?,?,?,?,?)");
    st->bind(1, domain::newUuid())
        .bind(2, nowMs)
        .bind(3, entity)
        .bind(4, recordId)
        .bind(5, note.field)
        .bind(6, note.rule)
        .bind(7, note.winnerValue.dump())
        .bind(8, note.loserValue.dump())
        .bind(9, winnerId)
        .bind(10, loserId)
        .bind(11, nowMs)
        .bind(12, db.nextSeq())
        .run();
}

std::optional<sync::FieldWrite> unseenClose(const MutationContext& ctx, const sync::Hlc& stamp) {
    if (ctx.m.entity != "deal" || !ctx.stored || !terminal(ctx.stored->fields["outcome"])) {
        return std::nullopt;
    }
    auto closed = metaOf(ctx.stored->meta, "outcome");
    bool editCloses = terminal(ctx.m.fields.value("outcome", json()));
    if (!sync::closeBeatsStaleEdit(closed.version, closed.write.stamp.node, ctx.m.baseVersion,
                                   stamp.node, editCloses)) {
        return std::nullopt;
    }
    return closed.write;
}

FieldDecision decideField(const MutationContext& ctx, const sync::Hlc& stamp,
                          const std::string& name, const json& value,
                          const std::optional<sync::FieldWrite>& close) {
    FieldDecision d;
    d.rule = sync::ruleFor(ctx.m.entity, name);
    if (close) {
        d.concurrent = true;
        d.apply = false;
        d.rule = sync::Rule::TerminalOutcomeWins;
        d.storedUserId = close->userId;
        return d;
    }
    auto stored = metaOf(ctx.stored->meta, name);
    d.storedUserId = stored.write.userId;
    d.concurrent = stored.version > ctx.m.baseVersion && stored.write.stamp.node != stamp.node;
    if (!d.concurrent) {
        return d;
    }
    sync::FieldWrite incoming{stamp, ctx.who.userId};
    rank(ctx.db, d.rule, name, ctx.stored->fields[name], roleOf(ctx.db, stored.write.userId),
         stored.write);
    rank(ctx.db, d.rule, name, value, ctx.who.role, incoming);
    d.apply = sync::incomingWins(d.rule, stored.write, incoming);
    return d;
}

std::optional<sync::FieldWrite> unseenWrite(const MutationContext& ctx) {
    std::optional<MetaWrite> latest;
    for (const auto& [name, entry] : ctx.stored->meta.items()) {
        (void)entry;
        auto w = metaOf(ctx.stored->meta, name);
        if (w.version > ctx.m.baseVersion && w.write.stamp.node != ctx.who.deviceId &&
            (!latest || w.version > latest->version)) {
            latest = w;
        }
    }
    if (!latest) {
        return std::nullopt;
    }
    return latest->write;
}

bool mayDeleteRecords(ServerDb& db, const std::string& userId) {
    return domain::allowed(roleOf(db, userId), domain::Action::DeleteRecords);
}

void markDeleted(const MutationContext& ctx, json& meta, std::int64_t version) {
    meta["deleted"] = json::array({ctx.stamp, version, ctx.who.userId});
}

std::optional<sync::FieldWrite> unseenDelete(const MutationContext& ctx) {
    auto del = metaOf(ctx.stored->meta, "deleted");
    if (del.version != ctx.stored->version || del.version <= ctx.m.baseVersion ||
        del.write.stamp.node == ctx.who.deviceId) {
        return std::nullopt;
    }
    return del.write;
}

void logEditsLostToDelete(const MutationContext& ctx, sync::MutationResult& result) {
    const auto& stored = *ctx.stored;
    for (const auto& [name, entry] : stored.meta.items()) {
        (void)entry;
        auto w = metaOf(stored.meta, name);
        if (name == "deleted" || w.version <= ctx.m.baseVersion ||
            w.write.stamp.node == ctx.who.deviceId) {
            continue;
        }
        sync::ConflictNote note{name, std::string(sync::ruleName(sync::Rule::HeadDeleteWins)),
                                json(), stored.fields.value(name, json()), false};
        logConflict(ctx.db, ctx.m.entity, ctx.m.recordId, note, ctx.who.userId, w.write.userId,
                    ctx.nowMs);
        result.conflicts.push_back(std::move(note));
    }
}

void logEditLostToDelete(const MutationContext& ctx, const sync::FieldWrite& del,
                         sync::MutationResult& result) {
    for (const auto& [name, value] : ctx.m.fields.items()) {
        if (ctx.stored->fields.value(name, json()) == value) {
            continue;
        }
        sync::ConflictNote note{name, std::string(sync::ruleName(sync::Rule::HeadDeleteWins)),
                                json(), value, true};
        logConflict(ctx.db, ctx.m.entity, ctx.m.recordId, note, del.userId, ctx.who.userId,
                    ctx.nowMs);
        result.conflicts.push_back(std::move(note));
    }
}

void logProbableDuplicate(const MutationContext& ctx, const json& other) {
    auto otherUser = other.value("curator_id", json());
    if (!otherUser.is_string()) {
        otherUser = other.value("first_contact_by", json());
    }
    if (!otherUser.is_string() || otherUser == ctx.who.userId) {
        return;
    }
    sync::ConflictNote note{"duplicate_of",
                            std::string(sync::ruleName(sync::Rule::ProbableDuplicate)),
                            other.value("id", json()), json(ctx.m.recordId), false};
    logConflict(ctx.db, "client", ctx.m.recordId, note, otherUser.get<std::string>(),
                ctx.who.userId, ctx.nowMs);
}

} // namespace fieldbook::server
