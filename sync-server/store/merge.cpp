// SPDX-License-Identifier: MIT
#include "store/merge.h"

#include "domain/clock.h"
#include "domain/entities.h"
#include "domain/permissions.h"
#include "store/push_checks.h"
#include "store/records.h"
#include "store/scope.h"
#include "store/scope_changes.h"

#include <set>
#include <vector>

namespace fieldbook::server {

using nlohmann::json;
using store::Statement;

namespace {
constexpr const char* kRule = "merge_clients";

// Client fields a merge does not fill from the merged card: the survivor's
// curator stays, duplicate_of and merged_into are the merge's own, and the
// first contact is decided as a pair (the earlier one).
const std::set<std::string> kNotFilled = {"curator_id",       "duplicate_of",
                                          "merged_into",      "first_contact_at",
                                          "first_contact_by", "parent_client_id"};

const domain::EntityDef& clientDef() {
    return *domain::findEntity("client");
}

std::optional<json> mergedInto(ServerDb& db, const std::string& clientId) {
    auto st = db.statement("SELECT merged_into FROM clients WHERE id = ?");
    st->bind(1, clientId);
    if (!st->step()) {
        return std::nullopt;
    }
    return st->isNull(0) ? json() : json(st->text(0));
}

/// [stamp, version, user] of a field's last write, when the metadata has one.
const json* writeOf(const json& meta, const std::string& name) {
    auto it = meta.find(name);
    return it != meta.end() && it->is_array() && it->size() == 3 ? &*it : nullptr;
}

std::string userOf(const json& meta, const std::string& name, const std::string& fallback) {
    const auto* w = writeOf(meta, name);
    return w && (*w)[2].is_string() ? (*w)[2].get<std::string>() : fallback;
}

void logDropped(ServerDb& db, const std::string& survivor, const std::string& field,
                const json& kept, const json& dropped, const std::string& keptBy,
                const std::string& droppedBy, std::int64_t now) {
    auto st = db.statement(
        "INSERT INTO conflicts(id, version, updated_at, updated_by, deleted, "
        "entity, record_id, field, rule, winner_value, loser_value, winner_id, "
        "loser_id, decided_at, seq) VALUES(?,1,?,'server',0,'client',?,?,?,?,?,?,?,?,?)");
    st->bind(1, domain::newUuid())
        .bind(2, now)
        .bind(3, survivor)
        .bind(4, field)
        .bind(5, std::string(kRule))
        .bind(6, kept.dump())
        .bind(7, dropped.dump())
        .bind(8, keptBy)
        .bind(9, droppedBy)
        .bind(10, now)
        .bind(11, db.nextSeq())
        .run();
}

std::vector<std::string> liveIdsWhere(ServerDb& db, const domain::EntityDef& e,
                                      const std::string& column, const std::string& value) {
    auto st = db.statement("SELECT id FROM " + std::string(e.table) + " WHERE " + column +
                           " = ? AND deleted = 0 ORDER BY id");
    st->bind(1, value);
    std::vector<std::string> out;
    while (st->step()) {
        out.push_back(st->text(0));
    }
    return out;
}

/// Moves every live record under the merged card to the survivor, each one
/// a versioned write, all under one ScopeWatch (the net change of the
/// whole move, linear in the records: one watch per record re-read both
/// cards for every manager, and two 200-deal cards took 34 s), so the
/// managers whose scope a record leaves withdraw it and those it enters
/// receive it (with a deal's whole card) in their next pull. Busy slots
/// follow activities, not clients.
void moveRecords(ServerDb& db, const std::string& merged, const std::string& survivor,
                 const Principal& who, const std::string& stamp, std::int64_t now) {
    const json change = {{"client_id", survivor}};
    std::vector<WatchedRecord> moving;
    ScopeTouch touch;
    for (const auto& e : domain::entities()) {
        if (e.name == "client") {
            // Cards that name the merged card as parent or probable duplicate.
            for (const char* column : {"parent_client_id", "duplicate_of"}) {
                for (const auto& id : liveIdsWhere(db, e, column, merged)) {
                    if (id != survivor) {
                        writeDerived(db, e.name, id, {{column, survivor}}, false, stamp, who.userId,
                                     now);
                    }
                }
            }
            continue;
        }
        if (!domain::findField(e, "client_id")) {
            continue;
        }
        for (const auto& id : liveIdsWhere(db, e, "client_id", merged)) {
            auto before = loadRecord(db, e, id);
            auto t = touchOfMutation(e.name, id, &before->fields, change, false);
            touch.clients.merge(t.clients);
            touch.deals.merge(t.deals);
            touch.users.merge(t.users);
            moving.push_back({std::string(e.name), id, std::move(before->fields)});
        }
    }
    ScopeWatch watch(db, moving, std::move(touch), "client", merged);
    for (const auto& r : moving) {
        writeDerived(db, r.entity, r.id, change, false, stamp, who.userId, now);
    }
    watch.record();
}

/// The survivor takes the merged card's values for its empty fields (with
/// the merged card's field metadata, so a later edit is weighed against
/// when the value was really written) and the earlier first contact; its
/// curator stays; a duplicate_of naming the merged card is cleared. Every
/// merged value that differs from a kept one goes to the conflict log.
void updateSurvivor(ServerDb& db, const StoredRecord& merged, const std::string& mergedId,
                    const std::string& survivorId, const Principal& who, const std::string& stamp,
                    std::int64_t now) {
    const auto& e = clientDef();
    auto survivor = *loadRecord(db, e, survivorId);
    auto fields = survivor.fields;
    auto meta = survivor.meta;
    auto version = survivor.version + 1;
    auto fallbackLoser = merged.fields["curator_id"].is_string()
                             ? merged.fields["curator_id"].get<std::string>()
                             : who.userId;
    bool changed = false;
    auto take = [&](const std::string& name) {
        fields[name] = merged.fields[name];
        const auto* w = writeOf(merged.meta, name);
        meta[name] =
            json::array({w ? (*w)[0] : json(stamp), version, w ? (*w)[2] : json(who.userId)});
        changed = true;
    };
    for (const auto& f : e.fields) {
        std::string name(f.name);
        const auto& theirs = merged.fields[name];
        if (kNotFilled.count(name) || theirs.is_null() || theirs == fields[name]) {
            continue;
        }
        if (fields[name].is_null()) {
            take(name);
        } else {
            logDropped(db, survivorId, name, fields[name], theirs,
                       userOf(survivor.meta, name, who.userId),
                       userOf(merged.meta, name, fallbackLoser), now);
        }
    }
    // SPEC §3.7: who found this client first stays decidable: the earlier.
    const auto& theirAt = merged.fields["first_contact_at"];
    const auto& mineAt = fields["first_contact_at"];
    if (theirAt.is_number_integer()) {
        bool theirsFirst =
            !mineAt.is_number_integer() || theirAt.get<std::int64_t>() < mineAt.get<std::int64_t>();
        for (const char* name : {"first_contact_at", "first_contact_by"}) {
            const auto& theirs = merged.fields[name];
            const auto& mine = fields[name];
            if (theirs == mine) {
                continue;
            }
            if (theirsFirst) {
                if (!mine.is_null()) {
                    logDropped(db, survivorId, name, theirs, mine,
                               userOf(merged.meta, name, fallbackLoser),
                               userOf(survivor.meta, name, who.userId), now);
                }
                take(name);
            } else if (!theirs.is_null()) {
                logDropped(db, survivorId, name, mine, theirs,
                           userOf(survivor.meta, name, who.userId),
                           userOf(merged.meta, name, fallbackLoser), now);
            }
        }
    }
    for (const char* name : {"duplicate_of", "parent_client_id"}) {
        if (fields[name] == mergedId) {
            fields[name] = nullptr;
            meta[name] = json::array({stamp, version, who.userId});
            changed = true;
        }
    }
    if (changed) {
        writeRecord(db, e, survivorId, false, version, false, fields, meta, who.userId, now);
    }
}
} // namespace

std::optional<std::string> survivorOf(ServerDb& db, const std::string& clientId) {
    // As long as the chain is (break-it M4: 66 merges of card i into i + 1
    // outran a fixed bound of 64 and late edits were refused); the visited
    // set stops a cycle, which applyMerge never writes.
    std::string at = clientId;
    std::set<std::string> visited{clientId};
    while (true) {
        auto next = mergedInto(db, at);
        if (!next || !next->is_string() || !visited.insert(next->get<std::string>()).second) {
            break;
        }
        at = next->get<std::string>();
    }
    return at == clientId ? std::nullopt : std::optional<std::string>(at);
}

bool isMerge(const sync::Mutation& m) {
    return m.entity == "client" && m.op != "delete" && m.fields.is_object() &&
           m.fields.contains("merged_into");
}

Redirected redirectToSurvivor(ServerDb& db, const Principal& who, const sync::Mutation& m) {
    Redirected r;
    r.mutation = m;
    const auto* e = domain::findEntity(m.entity);
    if (!e || !e->devicePushable || m.op == "delete" || isMerge(m) || !m.fields.is_object()) {
        return r;
    }
    if (m.entity == "client" && m.recordId.size() == 36) {
        if (auto end = survivorOf(db, m.recordId)) {
            r.mutation.recordId = *end;
            r.mutation.baseVersion = 0;
            r.redirected = true;
        }
    }
    for (const char* name : {"client_id", "parent_client_id", "duplicate_of"}) {
        auto it = m.fields.find(name);
        if (it == m.fields.end() || !it->is_string() || !domain::findField(*e, name)) {
            continue;
        }
        if (auto end = survivorOf(db, it->get<std::string>())) {
            r.mutation.fields[name] = *end;
            r.redirected = true;
        }
    }
    if (r.redirected) {
        auto stored = m.recordId.size() == 36 ? loadRecord(db, *e, m.recordId) : std::nullopt;
        json asWritten = stored ? stored->fields : json::object();
        for (const auto& [name, value] : m.fields.items()) {
            asWritten[name] = value;
        }
        r.writableBeforeMerge = canWrite(db, who, m.entity, m.recordId, asWritten);
    }
    return r;
}

void applyMerge(ServerDb& db, const Principal& who, const sync::Mutation& m,
                const std::string& stamp, std::int64_t now, sync::MutationResult& result) {
    if (!domain::allowed(who.role, domain::Action::MergeClients)) {
        throw Reject{"forbidden",
                     domain::refusalMessage(who.role, domain::Action::MergeClients) + " (SPEC §1)"};
    }
    if (m.fields.size() != 1) {
        throw Reject{"invalid_value",
                     "merged_into is sent alone: a merge changes nothing else on the card"};
    }
    const auto& target = m.fields["merged_into"];
    const auto& e = clientDef();
    if (!target.is_string()) {
        throw Reject{"invalid_value", "merged_into must name the surviving client card; a merge "
                                      "cannot be undone"};
    }
    if (auto msg = domain::validateValue(*domain::findField(e, "merged_into"), target);
        !msg.empty()) {
        throw Reject{"invalid_value", msg};
    }
    auto stored = loadRecord(db, e, m.recordId);
    if (!stored) {
        throw Reject{"not_found", "client " + m.recordId + " does not exist"};
    }
    std::string survivorId = target.get<std::string>();
    if (survivorId == m.recordId) {
        throw Reject{"merge_into_self", "a client card cannot be merged into itself"};
    }
    if (!loadRecord(db, e, survivorId)) {
        throw Reject{"unknown_reference", "merged_into: client " + survivorId + " does not exist"};
    }
    // A survivor that was merged itself: its own survivor takes the card.
    survivorId = survivorOf(db, survivorId).value_or(survivorId);
    if (survivorId == m.recordId) {
        throw Reject{"merge_into_self", "client " + target.get<std::string>() +
                                            " was merged into this card; merge it the other way"};
    }
    auto survivor = *loadRecord(db, e, survivorId);
    if (survivor.deleted) {
        throw Reject{"merge_target_deleted",
                     "client " + survivorId + " was deleted; merge into a live card"};
    }
    if (stored->deleted) {
        if (stored->fields["merged_into"].is_null()) {
            throw Reject{"record_deleted", "client " + m.recordId + " was deleted"};
        }
        if (survivorOf(db, m.recordId) != survivorId) {
            throw Reject{"already_merged", "client " + m.recordId + " was already merged into " +
                                               stored->fields["merged_into"].get<std::string>()};
        }
        result.version = stored->version; // the same merge again: nothing to do
        return;
    }
    if (m.baseVersion > stored->version) {
        throw Reject{"invalid_base_version", "base_version is newer than the record"};
    }
    moveRecords(db, m.recordId, survivorId, who, stamp, now);
    updateSurvivor(db, *stored, m.recordId, survivorId, who, stamp, now);
    auto fields = stored->fields;
    auto meta = stored->meta;
    auto version = stored->version + 1;
    fields["merged_into"] = survivorId;
    meta["merged_into"] = json::array({stamp, version, who.userId});
    writeRecord(db, e, m.recordId, false, version, true, fields, meta, who.userId, now);
    result.version = version;
}

} // namespace fieldbook::server
