// SPDX-License-Identifier: MIT
#include "device/replica.h"

#include "device/replica_indexes.h"
#include "domain/clock.h"
#include "domain/entities.h"
#include "sync/schema.h"

namespace fieldbook::device {

using nlohmann::json;
using store::Statement;
using store::Transaction;

namespace {
constexpr int kApplicationId = 0x46424456; // "FBDV"
constexpr int kSchemaVersion = 4;

/// Step 2 (issue 3): new entities and fields. Outbox and session are
/// untouched, so pending edits survive the upgrade; the rows of the new
/// entities and fields arrive with a fresh download (startFreshDownloadIfSkipped).
/// Returns the number of tables created plus columns added.
int migrateTo2(store::Database& db) {
    int added = sync::addMissingTablesAndColumns(db, sync::Side::Device);
    // Its indexes: replicaIndexes(), created by every open (migrate).
    db.exec("PRAGMA user_version=2;");
    return added;
}

/// Step 3 (issue 4, restores and fresh downloads; docs/architecture.md
/// "Fresh downloads"): the log of acknowledged mutations (re-sent after a
/// server restore) and the records seen by a fresh download in progress.
void migrateTo3(store::Database& db) {
    db.exec(R"sql(
CREATE TABLE IF NOT EXISTS acked_mutations (
  seq INTEGER PRIMARY KEY NOT NULL,
  mutation_id TEXT NOT NULL UNIQUE,
  entity TEXT NOT NULL,
  record_id TEXT NOT NULL,
  op TEXT NOT NULL,
  base_version INTEGER NOT NULL,
  fields TEXT NOT NULL,
  hlc TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  acked_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS resync_seen (
  entity TEXT NOT NULL,
  id TEXT NOT NULL,
  PRIMARY KEY (entity, id));
PRAGMA user_version=3;
)sql");
}

/// Step 4 (issue 4, merging duplicates): clients.merged_into. Merged cards
/// arrive as tombstones with the next pull; the outbox is untouched.
/// Returns the number of columns added.
int migrateTo4(store::Database& db) {
    int added = sync::addMissingTablesAndColumns(db, sync::Side::Device);
    db.exec("PRAGMA user_version=4;");
    return added;
}

/// After a step that created entity tables or added field columns to a
/// replica that has pulled before: its next pull is a fresh download
/// (docs/protocol.md "Fresh downloads"; the same state as
/// Replica::beginFreshDownload without re-sending acknowledged edits). The
/// old program skipped the records of entities and the fields it did not
/// know while its cursor moved past them (a newer server sends them), so
/// only a download from cursor 0 brings them; the outbox is kept, and
/// records the download does not bring are dropped at its end as usual.
void startFreshDownloadIfSkipped(store::Database& db, int added) {
    if (added == 0) {
        return;
    }
    Statement cursor(db, "SELECT value FROM meta WHERE key = 'cursor'");
    if (!cursor.step() || cursor.text(0).empty() || cursor.text(0) == "0") {
        return; // never pulled: its first pull is a full download anyway
    }
    db.exec("DELETE FROM resync_seen;"
            "INSERT OR REPLACE INTO meta(key, value) VALUES ('cursor', '0'), ('epoch', ''), "
            "('snapshot', '0'), ('fresh_download', '1');");
}

void migrate(store::Database& db) {
    {
        Statement st(db, "PRAGMA application_id");
        st.step();
        auto app = st.int64(0);
        if (app != 0 && app != kApplicationId) {
            throw store::StoreError(0, "not a Fieldbook replica (application_id mismatch)");
        }
    }
    // BEGIN IMMEDIATE before reading the version: two processes opening a new
    // file at once must not both run the first step.
    Transaction tx(db);
    int version = db.userVersion();
    if (version > kSchemaVersion) {
        throw store::StoreError(0, "replica schema " + std::to_string(version) +
                                       " is newer than this program (" +
                                       std::to_string(kSchemaVersion) + "); update Fieldbook");
    }
    if (version < 1) {
        std::string ddl;
        for (const auto& e : domain::entities()) {
            ddl += sync::entityTableDdl(e, sync::Side::Device);
        }
        ddl += R"sql(
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  mutation_id TEXT NOT NULL UNIQUE,
  entity TEXT NOT NULL,
  record_id TEXT NOT NULL,
  op TEXT NOT NULL,
  base_version INTEGER NOT NULL,
  fields TEXT NOT NULL,
  hlc TEXT NOT NULL,
  created_at INTEGER NOT NULL);
CREATE TABLE rejected_mutations (
  mutation_id TEXT PRIMARY KEY NOT NULL,
  entity TEXT NOT NULL, record_id TEXT NOT NULL, op TEXT NOT NULL,
  fields TEXT NOT NULL, error_code TEXT NOT NULL, error_message TEXT NOT NULL,
  rejected_at INTEGER NOT NULL);
CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
)sql";
        ddl += "PRAGMA application_id=" + std::to_string(kApplicationId) + ";";
        ddl += "PRAGMA user_version=1;";
        db.exec(ddl);
        version = 1;
    }
    int added = 0;
    if (version < 2) {
        added += migrateTo2(db);
    }
    if (version < 3) {
        migrateTo3(db);
    }
    if (version < 4) {
        added += migrateTo4(db);
    }
    startFreshDownloadIfSkipped(db, added);
    // Every step's indexes, from one list; not those a first download
    // dropped (replicaIndexesDeferred()): an open beside a running download
    // (the app's search, a second CLI command) would build them half way
    // through it. A download cut off builds them at its next sync's start.
    if (!replicaIndexesDeferred(db)) {
        createMissingReplicaIndexes(db);
    }
    tx.commit();
}

json recordFromRow(const domain::EntityDef& e, const Statement& st) {
    json r = {{"id", st.text(0)},
              {"version", st.int64(1)},
              {"updated_at", st.int64(2)},
              {"updated_by", st.text(3)},
              {"deleted", st.int64(4) != 0}};
    int col = 5;
    for (const auto& f : e.fields) {
        r[std::string(f.name)] = sync::readField(st, col++, f);
    }
    return r;
}

const domain::EntityDef& entityOrThrow(const std::string& name) {
    const auto* e = domain::findEntity(name);
    if (!e) {
        throw DomainError("unknown_entity", "unknown record type \"" + name + "\"");
    }
    return *e;
}
} // namespace

Replica::Replica(const std::string& path) : db_(path) {
    migrate(db_);
    pendingFields_.emplace(
        db_, "SELECT fields, op FROM outbox WHERE entity=? AND record_id=? ORDER BY seq");
}

void Replica::setPageCacheKib(int kib) {
    // A negative cache_size is in KiB (https://sqlite.org/pragma.html#pragma_cache_size).
    db_.exec("PRAGMA cache_size=" + std::to_string(-std::max(1, kib)) + ";");
}

std::string Replica::meta(const std::string& key) {
    Statement st(db_, "SELECT value FROM meta WHERE key=?");
    st.bind(1, key);
    return st.step() ? st.text(0) : std::string();
}

void Replica::setMeta(const std::string& key, const std::string& value) {
    Statement st(db_, "INSERT INTO meta(key,value) VALUES(?,?) "
                      "ON CONFLICT(key) DO UPDATE SET value=excluded.value");
    st.bind(1, key).bind(2, value).run();
}

std::optional<Session> Replica::session() {
    auto raw = meta("session");
    if (raw.empty()) {
        return std::nullopt;
    }
    auto j = json::parse(raw);
    Session s;
    s.serverUrl = j.value("server_url", "");
    s.token = j.value("token", "");
    s.tokenExpiresAtMs = j.value("token_expires_at", std::int64_t{0});
    s.deviceId = j.value("device_id", "");
    s.userId = j.value("user_id", "");
    s.login = j.value("login", "");
    s.fullName = j.value("full_name", "");
    s.role = j.value("role", "");
    return s;
}

void Replica::saveSession(const Session& s) {
    json j = {{"server_url", s.serverUrl},
              {"token", s.token},
              {"token_expires_at", s.tokenExpiresAtMs},
              {"device_id", s.deviceId},
              {"user_id", s.userId},
              {"login", s.login},
              {"full_name", s.fullName},
              {"role", s.role}};
    setMeta("session", j.dump());
}

SyncStatus Replica::status() {
    SyncStatus s;
    auto num = [this](const char* key) {
        auto v = meta(key);
        return v.empty() ? std::int64_t{0} : std::stoll(v);
    };
    s.lastSyncAtMs = num("last_sync_at");
    s.lastAttemptAtMs = num("last_attempt_at");
    s.lastError = meta("last_error");
    s.cursor = num("cursor");
    auto count = [this](const char* sql) {
        Statement st(db_, sql);
        st.step();
        return static_cast<int>(st.int64(0));
    };
    s.pending = count("SELECT COUNT(*) FROM outbox");
    s.conflicts = count("SELECT COUNT(*) FROM conflicts WHERE deleted=0");
    s.rejected = count("SELECT COUNT(*) FROM rejected_mutations");
    return s;
}

void Replica::recordSyncAttempt(std::int64_t atMs, const std::string& error) {
    Transaction tx(db_);
    setMeta("last_attempt_at", std::to_string(atMs));
    setMeta("last_error", error);
    if (error.empty()) {
        setMeta("last_sync_at", std::to_string(atMs));
    }
    tx.commit();
}

void Replica::resetForNewOwner() {
    Transaction tx(db_);
    {
        Statement st(db_, "SELECT COUNT(*) FROM outbox");
        st.step();
        if (st.int64(0) > 0) {
            throw DomainError("pending_edits", "this device holds unsynced edits; sync them first");
        }
    }
    std::string sql = "DELETE FROM meta WHERE key IN ('cursor','hlc','last_sync_at','last_error',"
                      "'last_attempt_at','epoch','snapshot','fresh_download'); DELETE FROM "
                      "rejected_mutations; DELETE FROM acked_mutations; DELETE FROM resync_seen;";
    for (const auto& e : domain::entities()) {
        sql += "DELETE FROM " + std::string(e.table) + ";";
    }
    db_.exec(sql);
    tx.commit();
}

sync::Hlc Replica::nextHlc() {
    auto s = session();
    std::string node = s ? s.value().deviceId : std::string("local");
    auto last = sync::Hlc::parse(meta("hlc")).value_or(sync::Hlc{});
    sync::HlcClock clock(node, last);
    auto stamp = clock.tick(domain::nowMs());
    setMeta("hlc", stamp.toString());
    return stamp;
}

void Replica::observeServerTime(std::int64_t serverTimeMs) {
    auto s = session();
    auto last = sync::Hlc::parse(meta("hlc")).value_or(sync::Hlc{});
    sync::HlcClock clock(s ? s->deviceId : std::string("local"), last);
    clock.observe(sync::Hlc{serverTimeMs, 0, ""}, domain::nowMs());
    setMeta("hlc", clock.last().toString());
}

std::string Replica::enqueue(const std::string& entity, const std::string& id,
                             const std::string& op, std::int64_t baseVersion, const json& fields) {
    auto mutationId = domain::newUuid();
    Statement st(db_, "INSERT INTO outbox(mutation_id, entity, record_id, op, base_version, "
                      "fields, hlc, created_at) VALUES(?,?,?,?,?,?,?,?)");
    st.bind(1, mutationId)
        .bind(2, entity)
        .bind(3, id)
        .bind(4, op)
        .bind(5, baseVersion)
        .bind(6, fields.dump())
        .bind(7, nextHlc().toString())
        .bind(8, domain::nowMs())
        .run();
    return mutationId;
}

namespace {
void checkFields(const domain::EntityDef& e, const json& fields, bool creating) {
    if (!fields.is_object()) {
        throw DomainError("invalid_fields", "fields must be an object");
    }
    for (const auto& [name, value] : fields.items()) {
        const auto* f = domain::findField(e, name);
        if (!f) {
            throw DomainError("unknown_field",
                              std::string(e.name) + " has no field \"" + name + "\"");
        }
        if (!f->deviceWritable) {
            throw DomainError("read_only_field", name + " is set by the server");
        }
        if (creating && !value.is_null() && domain::serverSetOnCreate(e.name, name)) {
            throw DomainError("read_only_field",
                              name + " is set by the server's duplicate check on a new record");
        }
        if (auto msg = domain::validateField(e.name, *f, value); !msg.empty()) {
            throw DomainError("invalid_value", msg);
        }
    }
    if (creating) {
        for (const auto& f : e.fields) {
            if (f.required && f.deviceWritable && !fields.contains(std::string(f.name))) {
                throw DomainError("invalid_value", std::string(f.name) + " is required");
            }
        }
    }
}
} // namespace

std::string Replica::createRecord(const std::string& entity, const json& fields) {
    const auto& e = entityOrThrow(entity);
    if (!e.devicePushable) {
        throw DomainError("read_only_entity", entity + " records are managed by the server");
    }
    checkFields(e, fields, true);
    auto s = requireSession();
    Transaction tx(db_);
    checkEdit(s, entity, nullptr, fields);
    auto id = insertInTx(entity, fields);
    tx.commit();
    return id;
}

void Replica::updateRecord(const std::string& entity, const std::string& id, const json& fields) {
    const auto& e = entityOrThrow(entity);
    if (!e.devicePushable) {
        throw DomainError("read_only_entity", entity + " records are managed by the server");
    }
    checkFields(e, fields, false);
    auto s = requireSession();
    Transaction tx(db_);
    auto stored = record(entity, id);
    if (stored.is_null()) {
        throw DomainError("unknown_record", entity + " " + id + " is not on this device");
    }
    if (stored["deleted"].get<bool>()) {
        throw DomainError("record_deleted",
                          entity + " " + id + " was deleted on this device; it syncs next");
    }
    json changed = json::object();
    for (const auto& [name, value] : fields.items()) {
        if (stored[name] != value) {
            changed[name] = value;
        }
    }
    if (changed.empty()) {
        return;
    }
    checkEdit(s, entity, &stored, changed);
    patchInTx(entity, id, changed);
    tx.commit();
}

std::string Replica::insertInTx(const std::string& entity, const json& fields, std::string id) {
    const auto& e = entityOrThrow(entity);
    if (!e.devicePushable) {
        throw DomainError("read_only_entity", entity + " records are managed by the server");
    }
    checkFields(e, fields, true);
    auto s = session();
    if (id.empty()) {
        id = domain::newUuid();
    }
    std::string cols = "id, version, updated_at, updated_by, deleted";
    std::string qs = "?,0,?,?,0";
    std::vector<const domain::FieldDef*> bound;
    for (const auto& [name, value] : fields.items()) {
        cols += ", " + name;
        qs += ",?";
        bound.push_back(domain::findField(e, name));
    }
    // Server-owned "who did it" fields (first_contact_by of a new card too,
    // SPEC §3.7): the device shows itself until the server's copy arrives;
    // they never travel in the mutation.
    std::vector<std::string> localOnly;
    for (const char* name : {"author_id", "opened_by", "first_contact_by"}) {
        if (domain::findField(e, name) && s && !fields.contains(name)) {
            cols += ", " + std::string(name);
            qs += ",?";
            localOnly.emplace_back(name);
        }
    }
    Statement st(db_, "INSERT INTO " + std::string(e.table) + "(" + cols + ") VALUES(" + qs + ")");
    st.bind(1, id).bind(2, domain::nowMs()).bind(3, s ? s->userId : std::string());
    int i = 4;
    for (const auto* f : bound) {
        sync::bindField(st, i++, *f, fields[std::string(f->name)]);
    }
    for (std::size_t k = 0; k < localOnly.size(); ++k) {
        st.bind(i++, s->userId);
    }
    st.run();
    enqueue(entity, id, "upsert", 0, fields);
    return id;
}

json Replica::patchInTx(const std::string& entity, const std::string& id, const json& fields) {
    const auto& e = entityOrThrow(entity);
    if (!e.devicePushable) {
        throw DomainError("read_only_entity", entity + " records are managed by the server");
    }
    checkFields(e, fields, false);
    auto current = record(entity, id);
    if (current.is_null()) {
        throw DomainError("unknown_record", entity + " " + id + " is not on this device");
    }
    json changed = json::object();
    for (const auto& [name, value] : fields.items()) {
        if (current[name] != value) {
            changed[name] = value;
        }
    }
    if (changed.empty()) {
        return changed;
    }
    std::string sets = "updated_at=?, updated_by=?";
    for (const auto& [name, value] : changed.items()) {
        sets += ", " + name + "=?";
    }
    Statement st(db_, "UPDATE " + std::string(e.table) + " SET " + sets + " WHERE id=?");
    auto s = session();
    st.bind(1, domain::nowMs()).bind(2, s ? s->userId : std::string());
    int i = 3;
    for (const auto& [name, value] : changed.items()) {
        sync::bindField(st, i++, *domain::findField(e, name), value);
    }
    st.bind(i, id).run();
    enqueue(entity, id, "upsert", current["version"].get<std::int64_t>(), changed);
    return changed;
}

json Replica::record(const std::string& entity, const std::string& id) {
    const auto& e = entityOrThrow(entity);
    Statement st(db_, "SELECT id, version, updated_at, updated_by, deleted, " +
                          sync::fieldColumns(e) + " FROM " + std::string(e.table) + " WHERE id=?");
    st.bind(1, id);
    if (!st.step()) {
        return nullptr;
    }
    return recordFromRow(e, st);
}

std::vector<sync::Mutation> Replica::outbox(int limit, int skip) {
    Statement st(db_, "SELECT mutation_id, entity, record_id, op, base_version, fields, hlc "
                      "FROM outbox ORDER BY seq LIMIT ? OFFSET ?");
    st.bind(1, limit).bind(2, skip);
    std::vector<sync::Mutation> out;
    while (st.step()) {
        sync::Mutation m;
        m.mutationId = st.text(0);
        m.entity = st.text(1);
        m.recordId = st.text(2);
        m.op = st.text(3);
        m.baseVersion = st.int64(4);
        m.fields = json::parse(st.text(5));
        m.hlc = st.text(6);
        out.push_back(std::move(m));
    }
    return out;
}

void Replica::applyPushResults(const std::vector<sync::MutationResult>& results) {
    Transaction tx(db_);
    Statement find(db_, "SELECT entity, record_id, op, fields, base_version FROM outbox WHERE "
                        "mutation_id=?");
    // Applied mutations go to the acknowledged log (re-sent if the server is
    // restored from an older copy, docs/protocol.md "Restores").
    Statement ack(db_, "INSERT OR REPLACE INTO acked_mutations(seq, mutation_id, entity, "
                       "record_id, op, base_version, fields, hlc, created_at, acked_at) SELECT "
                       "seq, mutation_id, entity, record_id, op, base_version, fields, hlc, "
                       "created_at, ?2 FROM outbox WHERE mutation_id=?1");
    Statement drop(db_, "DELETE FROM outbox WHERE mutation_id=?");
    Statement keep(db_, "INSERT OR REPLACE INTO rejected_mutations(mutation_id, entity, record_id, "
                        "op, fields, error_code, error_message, rejected_at) "
                        "VALUES(?,?,?,?,?,?,?,?)");
    for (const auto& r : results) {
        find.reset();
        find.bind(1, r.mutationId);
        if (!find.step()) {
            continue;
        }
        if (r.status == "rejected") {
            keep.reset();
            keep.bind(1, r.mutationId)
                .bind(2, find.text(0))
                .bind(3, find.text(1))
                // An upsert of version 0 made the record: kept as "create",
                // so that `rejected` says a new entry, not an edit, was refused.
                .bind(4, find.text(2) == "upsert" && find.int64(4) == 0 ? std::string("create")
                                                                        : find.text(2))
                .bind(5, find.text(3))
                .bind(6, r.errorCode)
                .bind(7, r.errorMessage)
                .bind(8, domain::nowMs())
                .run();
        }
        std::string entity = find.text(0);
        std::string recordId = find.text(1);
        if (r.status == "applied") {
            ack.reset();
            ack.bind(1, r.mutationId).bind(2, domain::nowMs()).run();
        }
        drop.reset();
        drop.bind(1, r.mutationId).run();
        if (r.current) {
            applyServerRecord(*r.current);
        } else if (r.hasCurrent) {
            dropUnlessPending(entity, recordId);
        }
    }
    trimAckedLog();
    tx.commit();
}

void Replica::dropUnlessPending(const std::string& entity, const std::string& id) {
    const auto* e = domain::findEntity(entity);
    if (!e) {
        return;
    }
    auto& pending = *pendingFields_;
    pending.reset();
    pending.bind(1, entity).bind(2, id);
    bool hasPending = pending.step();
    pending.reset();
    if (hasPending) {
        return;
    }
    Statement del(db_, "DELETE FROM " + std::string(e->table) + " WHERE id=?");
    del.bind(1, id).run();
}

store::Statement& Replica::upsertFor(const domain::EntityDef& e, bool fresh) {
    // A fresh download takes the server's copy whatever its version (a
    // restored server's versions may be lower than the ones held).
    auto& cache = fresh ? freshUpserts_ : upserts_;
    auto found = cache.find(e.name);
    if (found == cache.end()) {
        std::string cols = "id, version, updated_at, updated_by, deleted";
        std::string qs = "?,?,?,?,?";
        std::string updates = "version=excluded.version, updated_at=excluded.updated_at, "
                              "updated_by=excluded.updated_by, deleted=excluded.deleted";
        for (const auto& f : e.fields) {
            cols += ", " + std::string(f.name);
            qs += ",?";
            updates += ", " + std::string(f.name) + "=excluded." + std::string(f.name);
        }
        // A copy older than the one held (e.g. a push answer after a newer pull) never wins.
        found = cache
                    .emplace(std::string(e.name),
                             Statement(db_, "INSERT INTO " + std::string(e.table) + "(" + cols +
                                                ") VALUES(" + qs +
                                                ") ON CONFLICT(id) DO UPDATE SET " + updates +
                                                (fresh ? std::string()
                                                       : " WHERE excluded.version >= version")))
                    .first;
    }
    return found->second;
}

void Replica::applyServerRecord(const sync::RecordChange& c, bool fresh) {
    const auto* e = domain::findEntity(c.entity);
    if (!e) {
        return; // an entity from a newer server: ignored until the app is updated
    }
    if (c.removed) {
        // Left the user's scope: gone unless an edit of it waits in the outbox;
        // then it stays until the server answers that edit (SPEC §4: never
        // silently dropped), and the answer's `current` decides.
        dropUnlessPending(c.entity, c.id);
        return;
    }
    auto& pending = *pendingFields_; // prepared once: this runs for every pulled record
    pending.reset();
    pending.bind(1, c.entity).bind(2, c.id);
    json overlay; // null unless edits are pending: no allocation per record
    bool hasPending = false;
    bool pendingDelete = false; // a local delete waits: the record stays deleted here
    while (pending.step()) {
        hasPending = true;
        pendingDelete = pending.text(1) == "delete";
        auto fields = json::parse(pending.text(0));
        for (const auto& [k, v] : fields.items()) {
            overlay[k] = v;
        }
    }
    if (c.deleted && !hasPending) {
        dropUnlessPending(c.entity, c.id);
        return;
    }
    auto& up = upsertFor(*e, fresh);
    up.reset();
    up.bind(1, c.id)
        .bind(2, c.version)
        .bind(3, c.updatedAt)
        .bind(4, c.updatedBy)
        .bind(5, std::int64_t{pendingDelete ? 1 : 0});
    // One lookup per field, no copies: this runs for every field of every
    // pulled record (issue 6).
    static const json missing;
    int i = 6;
    for (const auto& f : e->fields) {
        const json* v = &missing;
        if (hasPending) {
            if (auto o = overlay.find(f.name); o != overlay.end()) {
                v = &*o;
            }
        }
        if (v == &missing) {
            if (auto s = c.fields.find(f.name); s != c.fields.end()) {
                v = &*s;
            }
        }
        sync::bindField(up, i++, f, *v);
    }
    up.run();
}

void Replica::applyPull(const sync::PullResponse& page) {
    Transaction tx(db_);
    const bool fresh = meta("fresh_download") == "1";
    Statement seen(db_, "INSERT OR IGNORE INTO resync_seen(entity, id) VALUES(?,?)");
    for (const auto& c : page.changes) {
        applyServerRecord(c, fresh);
        if (fresh && !c.deleted && domain::findEntity(c.entity)) {
            seen.reset();
            seen.bind(1, c.entity).bind(2, c.id).run();
        }
    }
    finishPullPage(page, fresh);
    tx.commit();
}

void Replica::finishPullPage(const sync::PullResponse& position, bool fresh) {
    setMeta("cursor", std::to_string(position.cursor));
    if (!position.epoch.empty()) {
        setMeta("epoch", position.epoch);
    }
    setMeta("snapshot", position.hasMore ? std::to_string(position.snapshot) : std::string("0"));
    if (fresh && !position.hasMore) {
        finishFreshDownload();
    }
}

} // namespace fieldbook::device
