// SPDX-License-Identifier: MIT
#include "store/records.h"

#include "sync/schema.h"

#include <vector>

namespace fieldbook::server {

using nlohmann::json;
using store::Statement;

std::optional<StoredRecord> loadRecord(ServerDb& db, const domain::EntityDef& e,
                                       const std::string& id) {
    auto st = db.statement("SELECT version, deleted, field_meta, " + sync::fieldColumns(e) +
                           " FROM " + std::string(e.table) + " WHERE id = ?");
    st->bind(1, id);
    if (!st->step()) {
        return std::nullopt;
    }
    StoredRecord s;
    s.version = st->int64(0);
    s.deleted = st->int64(1) != 0;
    s.meta = json::parse(st->text(2));
    s.fields = json::object();
    int col = 3;
    for (const auto& f : e.fields) {
        s.fields[std::string(f.name)] = sync::readField(*st, col++, f);
    }
    return s;
}

bool liveRecordExists(ServerDb& db, std::string_view entity, const std::string& id) {
    const auto* e = domain::findEntity(entity);
    if (!e) {
        return false;
    }
    auto st =
        db.statement("SELECT 1 FROM " + std::string(e->table) + " WHERE id = ? AND deleted = 0");
    st->bind(1, id);
    return st->step();
}

namespace {

/// The entity's fields an UPDATE writes: all of them, or with `before` the
/// ones whose value differs when there are at most kNarrowFields of them
/// (each set of columns is its own cached statement: the bound keeps their
/// number small whatever devices send).
std::vector<std::size_t> columnsToWrite(const domain::EntityDef& e, const json& fields,
                                        const json* before) {
    constexpr std::size_t kNarrowFields = 2;
    std::vector<std::size_t> all(e.fields.size());
    for (std::size_t i = 0; i < all.size(); ++i) {
        all[i] = i;
    }
    if (!before || !before->is_object()) {
        return all;
    }
    std::vector<std::size_t> changed;
    for (std::size_t i = 0; i < e.fields.size(); ++i) {
        std::string name(e.fields[i].name);
        auto now = fields.find(name);
        auto was = before->find(name);
        bool nowNull = now == fields.end() || now->is_null();
        bool wasNull = was == before->end() || was->is_null();
        if (nowNull != wasNull || (!nowNull && *now != *was)) {
            if (changed.size() == kNarrowFields) {
                return all;
            }
            changed.push_back(i);
        }
    }
    return changed;
}

} // namespace

void writeRecord(ServerDb& db, const domain::EntityDef& e, const std::string& id, bool insert,
                 std::int64_t version, bool deleted, const json& fields, const json& meta,
                 const std::string& userId, std::int64_t now, const StoredRecord* before) {
    std::string table(e.table);
    std::string sql;
    std::vector<std::size_t> columns;
    if (insert) {
        sql = "INSERT INTO " + table + "(id, version, updated_at, updated_by, deleted, seq, " +
              "field_meta, " + sync::fieldColumns(e) + ") VALUES(?9, ?1, ?2, ?3, ?4, ?5, ?6";
        for (size_t i = 0; i < e.fields.size(); ++i) {
            sql += ", ?" + std::to_string(10 + i);
            columns.push_back(i);
        }
        sql += ")";
    } else {
        columns = columnsToWrite(e, fields, before ? &before->fields : nullptr);
        // Every report index holds `deleted`: set, even to its value, it
        // makes SQLite rewrite each of them.
        sql = "UPDATE " + table + " SET version = ?1, updated_at = ?2, updated_by = ?3, " +
              (before && before->deleted == deleted ? "" : "deleted = ?4, ") +
              "seq = ?5, field_meta = ?6";
        for (auto i : columns) {
            sql += ", " + std::string(e.fields[i].name) + " = ?" + std::to_string(10 + i);
        }
        sql += " WHERE id = ?9";
    }
    auto st = db.statement(sql);
    st->bind(1, version)
        .bind(2, now)
        .bind(3, userId)
        .bind(4, std::int64_t{deleted ? 1 : 0})
        .bind(5, db.nextSeq())
        .bind(6, meta.dump())
        .bind(9, id);
    for (auto i : columns) {
        const auto& f = e.fields[i];
        sync::bindField(*st, static_cast<int>(10 + i), f,
                        fields.value(std::string(f.name), json()));
    }
    st->run();
}

std::int64_t writeDerived(ServerDb& db, std::string_view entity, const std::string& id,
                          const json& changes, bool deleted, const std::string& stamp,
                          const std::string& userId, std::int64_t now) {
    const auto* e = domain::findEntity(entity);
    auto stored = loadRecord(db, *e, id);
    json fields = stored ? stored->fields : json::object();
    json meta = stored ? stored->meta : json::object();
    std::int64_t version = stored ? stored->version + 1 : 1;
    bool changed = !stored || stored->deleted != deleted;
    for (const auto& f : e->fields) {
        std::string name(f.name);
        if (!fields.contains(name)) {
            fields[name] = nullptr;
        }
        if (changes.contains(name) && fields[name] != changes[name]) {
            fields[name] = changes[name];
            changed = true;
        }
        if (!fields[name].is_null() && (!stored || stored->fields[name] != fields[name])) {
            meta[name] = json::array({stamp, version, userId});
        }
    }
    if (!changed) {
        return stored->version;
    }
    writeRecord(db, *e, id, !stored, version, deleted, fields, meta, userId, now,
                stored ? &*stored : nullptr);
    return version;
}

} // namespace fieldbook::server
