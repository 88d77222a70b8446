// SPDX-License-Identifier: MIT
#include "store/push.h"

#include "domain/clock.h"
#include "domain/entities.h"
#include "store/pull.h"
#include "store/scope.h"
#include "sync/conflict_rules.h"
#include "sync/hlc.h"
#include "sync/schema.h"

#include <optional>

namespace fieldbook::server {

using nlohmann::json;
using store::Statement;

namespace {

/// Thrown inside one mutation to reject it; the savepoint rolls it back.
struct Reject {
    std::string code;
    std::string message;
};

struct Stored {
    std::int64_t version = 0;
    bool deleted = false;
    json fields;
    json meta; ///< field -> [hlc, version, user id]
};

std::optional<Stored> load(ServerDb& db, const domain::EntityDef& e, const std::string& id) {
    Statement st(db.db(), "SELECT version, deleted, field_meta, " + sync::fieldColumns(e) +
                              " FROM " + std::string(e.table) + " WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) {
        return std::nullopt;
    }
    Stored s;
    s.version = st.int64(0);
    s.deleted = st.int64(1) != 0;
    s.meta = json::parse(st.text(2));
    s.fields = json::object();
    int col = 3;
    for (const auto& f : e.fields) {
        s.fields[std::string(f.name)] = sync::readField(st, col++, f);
    }
    return s;
}

bool exists(ServerDb& db, std::string_view entity, const std::string& id) {
    const auto* e = domain::findEntity(entity);
    Statement st(db.db(),
                 "SELECT 1 FROM " + std::string(e->table) + " WHERE id = ? AND deleted = 0");
    st.bind(1, id);
    return st.step();
}

bool isPrivileged(const Principal& who) {
    return who.role == "head" || who.role == "admin";
}

void write(ServerDb& db, const domain::EntityDef& e, const std::string& id, bool insert,
           std::int64_t version, bool deleted, const json& fields, const json& meta,
           const Principal& who, std::int64_t now) {
    std::string table(e.table);
    std::string sql;
    if (insert) {
        sql = "INSERT INTO " + table + "(id, version, updated_at, updated_by, deleted, seq, " +
              "field_meta, " + sync::fieldColumns(e) + ") VALUES(?9, ?1, ?2, ?3, ?4, ?5, ?6";
        for (size_t i = 0; i < e.fields.size(); ++i) {
            sql += ", ?" + std::to_string(10 + i);
        }
        sql += ")";
    } else {
        sql = "UPDATE " + table +
              " SET version = ?1, updated_at = ?2, updated_by = ?3, deleted = ?4, seq = ?5, "
              "field_meta = ?6";
        for (size_t i = 0; i < e.fields.size(); ++i) {
            sql += ", " + std::string(e.fields[i].name) + " = ?" + std::to_string(10 + i);
        }
        sql += " WHERE id = ?9";
    }
    Statement st(db.db(), sql);
    st.bind(1, version)
        .bind(2, now)
        .bind(3, who.userId)
        .bind(4, std::int64_t{deleted ? 1 : 0})
        .bind(5, db.nextSeq())
        .bind(6, meta.dump())
        .bind(9, id);
    for (size_t i = 0; i < e.fields.size(); ++i) {
        const auto& f = e.fields[i];
        sync::bindField(st, static_cast<int>(10 + i), f, fields.value(std::string(f.name), json()));
    }
    st.run();
}

void logConflict(ServerDb& db, const std::string& entity, const std::string& recordId,
                 const sync::ConflictNote& note, const std::string& winnerId,
                 const std::string& loserId, std::int64_t now) {
    Statement st(db.db(),
                 "INSERT INTO conflicts(id, version, updated_at, updated_by, deleted, "
                 "entity, record_id, field, rule, winner_value, loser_value, winner_id, "
                 "loser_id, decided_at, seq) VALUES(?,1,?,'server',0,?,?,?,?,?,?,?,?,?,?)");
    st.bind(1, domain::newUuid())
        .bind(2, now)
        .bind(3, entity)
        .bind(4, recordId)
        .bind(5, note.field)
        .bind(6, note.rule)
        .bind(7, note.winnerValue.dump())
        .bind(8, note.loserValue.dump())
        .bind(9, winnerId)
        .bind(10, loserId)
        .bind(11, now)
        .bind(12, db.nextSeq())
        .run();
}

sync::MutationResult applyOne(ServerDb& db, const Principal& who, const sync::Mutation& m,
                              const PushOptions& options) {
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
    if (m.recordId.size() != 36) {
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
    for (const auto& [name, value] : m.fields.items()) {
        const auto* f = domain::findField(*e, name);
        if (!f) {
            throw Reject{"unknown_field", m.entity + " has no field \"" + name + "\""};
        }
        if (!f->deviceWritable) {
            throw Reject{"read_only_field", name + " is set by the server"};
        }
        if (auto msg = domain::validateField(e->name, *f, value); !msg.empty()) {
            throw Reject{"invalid_value", msg};
        }
        auto target = domain::referencedEntity(e->name, name);
        if (!target.empty() && value.is_string() && !exists(db, target, value.get<std::string>())) {
            throw Reject{"unknown_reference",
                         name + " names no " + std::string(target) + " on the server"};
        }
    }

    auto stored = load(db, *e, m.recordId);
    if (m.op == "delete") {
        if (!stored) {
            throw Reject{"not_found", m.entity + " " + m.recordId + " does not exist"};
        }
        if (!canWrite(db, who, m.entity, m.recordId, stored->fields)) {
            throw Reject{"out_of_scope", "this record is not in your scope"};
        }
        if (m.entity == "history_entry") {
            throw Reject{"history_append_only", "history entries cannot be deleted (SPEC §2)"};
        }
        if (m.entity == "client" && !isPrivileged(who)) {
            throw Reject{"forbidden", "only the head or an admin deletes a client card (SPEC §1)"};
        }
        if (m.baseVersion > stored->version) {
            throw Reject{"invalid_base_version", "base_version is newer than the record"};
        }
        if (stored->deleted) {
            result.version = stored->version;
            return result;
        }
        if (stored->version > m.baseVersion && !isPrivileged(who)) {
            throw Reject{"edit_beats_delete",
                         "the record was edited after you last saw it; the edit wins (SPEC §4)"};
        }
        write(db, *e, m.recordId, false, stored->version + 1, true, stored->fields, stored->meta,
              who, now);
        result.version = stored->version + 1;
        return result;
    }

    if (!stored) {
        json fields = json::object();
        for (const auto& f : e->fields) {
            std::string name(f.name);
            fields[name] = m.fields.value(name, json());
            if (f.required && f.deviceWritable && fields[name].is_null()) {
                throw Reject{"invalid_value", name + " is required"};
            }
        }
        if (domain::findField(*e, "author_id")) {
            fields["author_id"] = who.userId;
        }
        if (m.entity == "client") {
            if (fields["curator_id"].is_null() && who.role == "manager") {
                fields["curator_id"] = who.userId;
            }
            if (fields["first_contact_by"].is_null()) {
                fields["first_contact_by"] = who.userId;
            }
            if (fields["first_contact_at"].is_null()) {
                fields["first_contact_at"] = now;
            }
        }
        if (!canWrite(db, who, m.entity, m.recordId, fields)) {
            throw Reject{"out_of_scope", "you cannot create this record outside your scope"};
        }
        json meta = json::object();
        for (const auto& [name, value] : fields.items()) {
            if (!value.is_null()) {
                meta[name] = json::array({stamp.toString(), 1, who.userId});
            }
        }
        write(db, *e, m.recordId, true, 1, false, fields, meta, who, now);
        result.version = 1;
        return result;
    }

    if (!canWrite(db, who, m.entity, m.recordId, stored->fields)) {
        throw Reject{"out_of_scope", "this record is not in your scope"};
    }
    if (stored->deleted) {
        throw Reject{"record_deleted", m.entity + " " + m.recordId + " was deleted"};
    }
    if (m.baseVersion > stored->version) {
        throw Reject{"invalid_base_version", "base_version " + std::to_string(m.baseVersion) +
                                                 " is newer than the record's version " +
                                                 std::to_string(stored->version)};
    }
    json fields = stored->fields;
    json meta = stored->meta;
    bool changed = false;
    for (const auto& [name, value] : m.fields.items()) {
        if (stored->fields[name] == value) {
            continue;
        }
        auto rule = sync::ruleFor(m.entity, name);
        if (rule == sync::Rule::Immutable || rule == sync::Rule::ServerOwned) {
            throw Reject{"immutable_field", name + " cannot change after creation (SPEC §2)"};
        }
        if (rule == sync::Rule::AppendOnly &&
            stored->fields.value("author_id", json()) != who.userId) {
            throw Reject{"not_author", "only the author may correct a history entry"};
        }
        if (name == "curator_id" && !isPrivileged(who)) {
            throw Reject{"forbidden", "only the head or an admin reassigns a curator (SPEC §1)"};
        }
        json fieldMeta = meta.value(name, json::array());
        sync::FieldWrite storedWrite;
        std::int64_t changedAt = 0;
        if (fieldMeta.is_array() && fieldMeta.size() == 3) {
            storedWrite.stamp =
                sync::Hlc::parse(fieldMeta[0].get<std::string>()).value_or(sync::Hlc{});
            changedAt = fieldMeta[1].get<std::int64_t>();
            storedWrite.userId = fieldMeta[2].get<std::string>();
        }
        bool concurrent = changedAt > m.baseVersion && storedWrite.stamp.node != stamp.node;
        bool apply = !concurrent || sync::incomingWins(rule, storedWrite, {stamp, who.userId});
        if (concurrent) {
            sync::ConflictNote note{name, std::string(sync::ruleName(rule)),
                                    apply ? value : stored->fields[name],
                                    apply ? stored->fields[name] : value, !apply};
            logConflict(db, m.entity, m.recordId, note, apply ? who.userId : storedWrite.userId,
                        apply ? storedWrite.userId : who.userId, now);
            result.conflicts.push_back(std::move(note));
        }
        if (apply) {
            fields[name] = value;
            meta[name] = json::array({stamp.toString(), stored->version + 1, who.userId});
            changed = true;
        }
    }
    if (!changed) {
        result.version = stored->version;
        return result;
    }
    if (!canWrite(db, who, m.entity, m.recordId, fields)) {
        throw Reject{"out_of_scope", "this change would move the record out of your scope"};
    }
    write(db, *e, m.recordId, false, stored->version + 1, false, fields, meta, who, now);
    result.version = stored->version + 1;
    return result;
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

sync::PushResponse applyPush(ServerDb& db, const Principal& who, const sync::PushRequest& req,
                             const PushOptions& options) {
    if (req.mutations.size() > options.maxMutations) {
        throw ApiError(400, "too_many_mutations",
                       "push at most " + std::to_string(options.maxMutations) +
                           " mutations per request");
    }
    auto& d = db.db();
    sync::PushResponse resp;
    store::Transaction tx(d);
    Statement seen(d,
                   "SELECT result FROM applied_mutations WHERE device_id = ? AND mutation_id = ?");
    Statement remember(d,
                       "INSERT INTO applied_mutations(device_id, mutation_id, result, applied_at) "
                       "VALUES(?,?,?,?)");
    for (const auto& m : req.mutations) {
        seen.reset();
        seen.bind(1, who.deviceId).bind(2, m.mutationId);
        if (seen.step()) {
            auto earlier = sync::mutationResultFromJson(json::parse(seen.text(0)));
            earlier.duplicate = true;
            withCurrent(db, who, m, earlier);
            resp.results.push_back(std::move(earlier));
            continue;
        }
        sync::MutationResult result;
        {
            store::Savepoint sp(d, "mutation");
            try {
                result = applyOne(db, who, m, options);
                sp.release();
            } catch (const Reject& r) {
                result = {};
                result.mutationId = m.mutationId;
                result.status = "rejected";
                result.errorCode = r.code;
                result.errorMessage = r.message;
            }
        }
        remember.reset();
        remember.bind(1, who.deviceId)
            .bind(2, m.mutationId)
            .bind(3, sync::dumpSafe(sync::toJson(result)))
            .bind(4, domain::nowMs())
            .run();
        withCurrent(db, who, m, result);
        resp.results.push_back(std::move(result));
    }
    tx.commit();
    resp.serverTimeMs = domain::nowMs();
    return resp;
}

} // namespace fieldbook::server
