// SPDX-License-Identifier: MIT
#include "store/server_db.h"

#include <sqlite3.h>

#include "domain/clock.h"
#include "domain/entities.h"
#include "import/reference_lookup.h"
#include "reports/reports.h"
#include "store/duplicates.h"
#include "store/reference_data.h"
#include "sync/schema.h"

#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

namespace fieldbook::server {

namespace {
constexpr int kApplicationId = 0x46425356; // "FBSV"
constexpr int kSchemaVersion = 10;

/// Step 10's drops (see migrateTo10).
std::string_view prefixIndexDropDdl() {
    return "DROP INDEX IF EXISTS history_author;"
           "DROP INDEX IF EXISTS deals_manager;"
           "DROP INDEX IF EXISTS activities_assignee;"
           "DROP INDEX IF EXISTS deal_stages_deal;";
}

/// Step 2 (issue 3, the whole sales process): new entities and fields,
/// indexes, default reference data, and records derived from v1 rows
/// (each deal's current stage becomes a deal_stage record; each planned
/// activity still planned becomes its owner's busy slot).
/// Schema 1 kept reference-list fields as free text ("United States"); schema
/// 2 stores codes of reference items (docs/data-model.md). Each distinct
/// value becomes (or finds) an item — by code, label or lower_snake_case code,
/// as imports do — and every row holding it gets the code, a new version and
/// a fresh seq so devices receive the change.
void convertReferenceValues(store::Database& db) {
    ReferenceLookup lookup(db);
    auto now = domain::nowMs();
    for (const auto& e : domain::entities()) {
        for (const auto& f : e.fields) {
            if (f.referenceList.empty()) {
                continue;
            }
            std::string table(e.table);
            std::string field(f.name);
            std::string list(f.referenceList);
            std::vector<std::string> values;
            {
                store::Statement st(db, "SELECT DISTINCT " + field + " FROM " + table + " WHERE " +
                                            field + " IS NOT NULL AND " + field + " <> ''");
                while (st.step()) {
                    values.push_back(st.text(0));
                }
            }
            for (const auto& value : values) {
                const auto* item = lookup.findOrAdd(list, value);
                if (!item) {
                    continue; // nothing usable in the value: kept as it was, reported by push
                }
                std::string code = item->code;
                if (!item->stored) {
                    lookup.store(db, list, code);
                }
                if (code == value) {
                    continue;
                }
                std::vector<std::string> ids;
                {
                    store::Statement st(db, "SELECT id FROM " + table + " WHERE " + field + " = ?");
                    st.bind(1, value);
                    while (st.step()) {
                        ids.push_back(st.text(0));
                    }
                }
                for (const auto& id : ids) {
                    store::Statement up(db, "UPDATE " + table + " SET " + field +
                                                " = ?1, version = version + 1, updated_at = ?2, "
                                                "updated_by = 'system', seq = ?3 WHERE id = ?4");
                    up.bind(1, code).bind(2, now).bind(3, takeSeq(db)).bind(4, id).run();
                }
            }
        }
    }
}

void migrateTo2(store::Database& db) {
    sync::addMissingTablesAndColumns(db, sync::Side::Server);
    db.exec(R"sql(
CREATE INDEX IF NOT EXISTS reference_items_list ON reference_items(list, code);
CREATE INDEX IF NOT EXISTS deal_lines_deal ON deal_lines(deal_id);
CREATE INDEX IF NOT EXISTS deal_stages_deal ON deal_stages(deal_id);
CREATE INDEX IF NOT EXISTS deal_stages_manager ON deal_stages(manager_id);
CREATE INDEX IF NOT EXISTS payments_deal ON payments(deal_id);
CREATE INDEX IF NOT EXISTS deliveries_deal ON deliveries(deal_id);
CREATE INDEX IF NOT EXISTS mailing_requests_client ON mailing_requests(client_id);
CREATE INDEX IF NOT EXISTS busy_slots_user ON busy_slots(user_id, starts_at);
CREATE INDEX IF NOT EXISTS clients_tax_id ON clients(tax_id);
CREATE INDEX IF NOT EXISTS history_activity ON history_entries(planned_activity_id);
CREATE INDEX IF NOT EXISTS mailing_requests_author ON mailing_requests(author_id);
CREATE INDEX IF NOT EXISTS activities_author ON planned_activities(author_id);
CREATE INDEX IF NOT EXISTS stages_code ON stages(code);
)sql");
    seedReferenceData(db);
    convertReferenceValues(db);
    auto now = domain::nowMs();
    {
        std::vector<std::string> ids;
        store::Statement st(db, "SELECT d.id FROM deals d WHERE d.stage IS NOT NULL AND NOT "
                                "EXISTS (SELECT 1 FROM deal_stages s WHERE s.deal_id = d.id)");
        while (st.step()) {
            ids.push_back(st.text(0));
        }
        for (const auto& id : ids) {
            store::Statement ins(
                db, "INSERT INTO deal_stages(id, version, updated_at, updated_by, deleted, seq, "
                    "deal_id, stage, started_at, ended_at, manager_id) "
                    "SELECT ?1, 1, ?2, 'system', 0, ?3, id, stage, COALESCE(opened_at, ?2), "
                    "CASE WHEN outcome = 'open' THEN NULL ELSE closed_at END, manager_id "
                    "FROM deals WHERE id = ?4");
            ins.bind(1, domain::stableUuid("deal_stage", id + "/migrated"))
                .bind(2, now)
                .bind(3, takeSeq(db))
                .bind(4, id)
                .run();
        }
    }
    {
        std::vector<std::string> ids;
        store::Statement st(db, "SELECT id FROM planned_activities WHERE deleted = 0 AND "
                                "status = 'planned'");
        while (st.step()) {
            ids.push_back(st.text(0));
        }
        for (const auto& id : ids) {
            store::Statement ins(
                db, "INSERT OR REPLACE INTO busy_slots(id, version, updated_at, updated_by, "
                    "deleted, seq, user_id, starts_at, duration_min) SELECT ?4, 1, ?1, "
                    "'system', 0, ?2, assignee_id, starts_at, duration_min "
                    "FROM planned_activities WHERE id = ?3");
            // Derived id, as store/busy_slots.cpp: activity ids are not disclosed.
            ins.bind(1, now).bind(2, takeSeq(db)).bind(3, id);
            ins.bind(4, domain::stableUuid("busy_slot", id)).run();
        }
    }
    db.exec("PRAGMA user_version=2;");
}

/// Step 3 (issue 4, scope changes): the log of scope membership changes and
/// the pull-stream positions of the records each one sends or withdraws
/// (store/scope_changes.h), and an index for "did this manager work a
/// stage of this deal", which the scope checks ask per deal. Nothing to
/// back-fill: a device that synced before has the scope the rules gave it.
void migrateTo3(store::Database& db) {
    db.exec(R"sql(
CREATE TABLE IF NOT EXISTS scope_changes (
  seq INTEGER PRIMARY KEY NOT NULL,
  user_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  entity TEXT NOT NULL,
  record_id TEXT NOT NULL,
  granted INTEGER NOT NULL,
  changed_at INTEGER NOT NULL,
  cause_entity TEXT,
  cause_id TEXT);
CREATE INDEX IF NOT EXISTS scope_changes_user ON scope_changes(user_id, seq);
CREATE TABLE IF NOT EXISTS scope_change_items (
  pos INTEGER PRIMARY KEY NOT NULL,
  change_seq INTEGER NOT NULL,
  user_id TEXT NOT NULL,
  entity TEXT NOT NULL,
  record_id TEXT NOT NULL,
  granted INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS scope_change_items_user ON scope_change_items(user_id, entity, pos);
CREATE INDEX IF NOT EXISTS deal_stages_deal_manager ON deal_stages(deal_id, manager_id);
PRAGMA user_version=3;
)sql");
}

/// Step 4 (issue 4, restores and compaction; docs/protocol.md "Restores"):
/// the database's identity (a random id made once, so a copy keeps it), the
/// server epochs (one per `serve` start, with the sequence it started at)
/// and the compaction watermark (store/compaction.h).
void migrateTo4(store::Database& db) {
    db.exec(R"sql(
CREATE TABLE IF NOT EXISTS server_meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS server_epochs (
  n INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  started_seq INTEGER NOT NULL,
  started_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS applied_mutations_at ON applied_mutations(applied_at);
CREATE INDEX IF NOT EXISTS scope_changes_at ON scope_changes(changed_at);
CREATE INDEX IF NOT EXISTS scope_change_items_change ON scope_change_items(change_seq);
PRAGMA user_version=4;
)sql");
    store::Statement st(db, "INSERT OR IGNORE INTO server_meta(key, value) VALUES "
                            "('database_id', ?1), ('compaction_watermark', '0')");
    st.bind(1, domain::newUuid()).run();
}

/// Step 5 (issue 4, merging duplicates): clients.merged_into, the card a
/// merged tombstone points to. Old rows get NULL: no card was merged before.
void migrateTo5(store::Database& db) {
    sync::addMissingTablesAndColumns(db, sync::Side::Server);
    db.exec("CREATE INDEX IF NOT EXISTS clients_merged_into ON clients(merged_into);"
            "PRAGMA user_version=5;");
}

/// Step 6 (break-it F13): the idempotency log keeps the fingerprint of each
/// answered mutation (store/mutation_log.h) so that a mutation id reused for
/// a different change is refused. Rows logged before stay NULL and are
/// answered from the log as before.
void migrateTo6(store::Database& db) {
    db.exec("ALTER TABLE applied_mutations ADD COLUMN fingerprint TEXT;"
            "PRAGMA user_version=6;");
}

/// Step 7 (issue 5, reports): the indexes the analytics reports use
/// (reports::indexDdl(), docs/reports.md "Indexes"). No row changes.
void migrateTo7(store::Database& db) {
    db.exec(reports::indexDdl());
    db.exec("PRAGMA user_version=7;");
}

/// Step 8 (issue 5, report speed): covering indexes replace four of step
/// 7's (reports::obsoleteIndexDdl(); docs/reports.md "Indexes"). No row
/// changes.
void migrateTo8(store::Database& db) {
    db.exec(reports::obsoleteIndexDdl());
    db.exec(reports::indexDdl());
    db.exec("PRAGMA user_version=8;");
}

/// Step 9 (issue 6, push speed): the indexes the duplicate check of a new
/// client reads by (duplicateIndexDdl(): clients by normalised name, an
/// expression on the SQL function fieldbook_name_key that store::Database
/// registers, and by trimmed tax id). No row changes. A server of schema 8
/// does not know that function and could not write a client: it refuses
/// the file as newer than itself.
void migrateTo9(store::Database& db) {
    db.exec(duplicateIndexDdl());
    db.exec("PRAGMA user_version=9;");
}

/// Step 10 (issue 6, push speed): fewer B-trees written per mutation. Four
/// indexes of step 1 and 2 are each a prefix of a later one that every
/// query they served uses as well (EXPLAIN QUERY PLAN, docs/performance.md
/// "Fewer indexes"): history_author of the reports' history_author_kind,
/// deals_manager of deals_manager_facts, activities_assignee of
/// activities_assignee_status, deal_stages_deal of deal_stages_deal_manager.
/// Each still cost a B-tree write per written row. No row changes.
void migrateTo10(store::Database& db) {
    db.exec(prefixIndexDropDdl());
    db.exec("PRAGMA user_version=10;");
}

void migrate(store::Database& db) {
    {
        store::Statement st(db, "PRAGMA application_id");
        st.step();
        auto app = st.int64(0);
        if (app != 0 && app != kApplicationId) {
            throw store::StoreError(0, "not a Fieldbook server database (application_id mismatch)");
        }
        // Every Fieldbook server database has its application_id from its
        // first step: an unmarked file with a schema is another program's.
        if (app == 0) {
            store::Statement tables(db, "SELECT count(*) FROM sqlite_master");
            tables.step();
            if (db.userVersion() != 0 || tables.int64(0) != 0) {
                throw store::StoreError(0, "not a Fieldbook server database (an SQLite file "
                                           "of another program: no Fieldbook application_id)");
            }
        }
    }
    // BEGIN IMMEDIATE before reading the version: serve and import-sample
    // opening a new file at once must not both run the first step.
    store::Transaction tx(db);
    int version = db.userVersion();
    if (version > kSchemaVersion) {
        throw store::StoreError(0, "database schema " + std::to_string(version) +
                                       " is newer than this server (" +
                                       std::to_string(kSchemaVersion) + "); update the server");
    }
    if (version < 1) {
        std::string ddl;
        for (const auto& e : domain::entities()) {
            ddl += sync::entityTableDdl(e, sync::Side::Server);
        }
        ddl += R"sql(
CREATE UNIQUE INDEX users_login ON users(login);
CREATE INDEX clients_curator ON clients(curator_id);
CREATE INDEX deals_manager ON deals(manager_id);
CREATE INDEX deals_client ON deals(client_id);
CREATE INDEX contacts_client ON contacts(client_id);
CREATE INDEX history_client ON history_entries(client_id);
CREATE INDEX history_author ON history_entries(author_id);
CREATE INDEX activities_assignee ON planned_activities(assignee_id);
CREATE INDEX activities_client ON planned_activities(client_id);
CREATE INDEX conflicts_winner ON conflicts(winner_id);
CREATE INDEX conflicts_loser ON conflicts(loser_id);
CREATE TABLE credentials (
  user_id TEXT PRIMARY KEY NOT NULL REFERENCES users(id),
  password_hash TEXT NOT NULL);
CREATE TABLE devices (
  id TEXT PRIMARY KEY NOT NULL,
  user_id TEXT NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL);
CREATE TABLE tokens (
  token_hash TEXT PRIMARY KEY NOT NULL,
  user_id TEXT NOT NULL REFERENCES users(id),
  device_id TEXT NOT NULL REFERENCES devices(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL);
CREATE TABLE seq_counter (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  value INTEGER NOT NULL);
INSERT INTO seq_counter(id, value) VALUES (1, 0);
CREATE TABLE applied_mutations (
  device_id TEXT NOT NULL,
  mutation_id TEXT NOT NULL,
  result TEXT NOT NULL,
  applied_at INTEGER NOT NULL,
  PRIMARY KEY (device_id, mutation_id));
)sql";
        ddl += "PRAGMA application_id=" + std::to_string(kApplicationId) + ";";
        ddl += "PRAGMA user_version=1;";
        db.exec(ddl);
        version = 1;
    }
    if (version < 2) {
        migrateTo2(db);
    }
    if (version < 3) {
        migrateTo3(db);
    }
    if (version < 4) {
        migrateTo4(db);
    }
    if (version < 5) {
        migrateTo5(db);
    }
    if (version < 6) {
        migrateTo6(db);
    }
    if (version < 7) {
        migrateTo7(db);
    }
    if (version < 8) {
        migrateTo8(db);
    }
    if (version < 9) {
        migrateTo9(db);
    }
    if (version < 10) {
        migrateTo10(db);
    }
    // The report indexes follow this build at every open (both statements
    // are IF [NOT] EXISTS): a database of the current schema number made by
    // an earlier build of it gets the current set (break-it, issue 5).
    db.exec(reports::obsoleteIndexDdl());
    db.exec(reports::indexDdl());
    tx.commit();
}
} // namespace

int currentServerSchema() {
    return kSchemaVersion;
}

int serverSchemaOf(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        return 0;
    }
    const auto walSize = std::filesystem::file_size(path + "-wal", ec);
    if (ec || walSize == 0) {
        // Nothing in a WAL: the header holds the committed user_version
        // (bytes 60-63, big-endian; sqlite.org/fileformat2.html). A
        // read-only connection would leave a -wal and -shm file behind.
        std::ifstream file(path, std::ios::binary);
        unsigned char header[64] = {};
        if (!file.read(reinterpret_cast<char*>(header), sizeof header) ||
            std::memcmp(header, "SQLite format 3", 16) != 0) {
            return 0;
        }
        return static_cast<int>((std::uint32_t{header[60]} << 24) |
                                (std::uint32_t{header[61]} << 16) |
                                (std::uint32_t{header[62]} << 8) | std::uint32_t{header[63]});
    }
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
    std::unique_ptr<sqlite3, int (*)(sqlite3*)> db(raw, sqlite3_close_v2);
    sqlite3_stmt* st = nullptr;
    if (rc == SQLITE_OK) {
        sqlite3_busy_timeout(raw, 5000);
        rc = sqlite3_prepare_v2(raw, "PRAGMA user_version", -1, &st, nullptr);
    }
    if (rc != SQLITE_OK) {
        throw store::StoreError(rc, "cannot read " + path + ": " +
                                        (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
    }
    rc = sqlite3_step(st);
    const int version = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW) {
        throw store::StoreError(rc, "cannot read " + path + ": " + sqlite3_errmsg(raw));
    }
    return version;
}

ServerDb::ServerDb(const std::string& path) try : db_(path) {
    // A push of 500 mutations dirties pages of every touched table and index
    // (random UUID keys): with SQLite's default 2 MiB cache they spilled to the
    // WAL mid-transaction and were read back through the kernel (issue 6).
    db_.exec("PRAGMA cache_size=-65536;");
    migrate(db_);
    next_.emplace(db_, "UPDATE seq_counter SET value = value + 1 WHERE id = 1 RETURNING value");
    current_.emplace(db_, "SELECT value FROM seq_counter WHERE id = 1");
    // The WAL is copied into the file by a thread of its own, not by the
    // commit that filled it (issue 6; store/wal_checkpointer.h).
    checkpointer_ = std::make_unique<WalCheckpointer>(path);
    checkpointer_->attach(db_.handle());
} catch (const store::StoreError& e) {
    if ((e.code() & 0xff) == SQLITE_NOTADB) {
        throw store::StoreError(e.code(), path + " is not a Fieldbook server database "
                                                 "(not an SQLite database file)");
    }
    throw;
}

ServerDb::ServerDb(const std::string& path, Reader) : db_(path) {
    db_.exec("PRAGMA query_only=1;");
    current_.emplace(db_, "SELECT value FROM seq_counter WHERE id = 1");
}

std::int64_t ServerDb::nextSeq() {
    if (!next_) {
        throw store::StoreError(0, "nextSeq() on a read connection");
    }
    if (batchNext_) {
        return (*batchNext_)++;
    }
    next_->reset();
    if (!next_->step()) {
        throw store::StoreError(0, "seq_counter row is missing");
    }
    auto v = next_->int64(0);
    next_->run();
    return v;
}

std::int64_t ServerDb::reserveSeq(std::int64_t count) {
    if (batchNext_ && next_) {
        auto first = *batchNext_;
        *batchNext_ += count;
        return first;
    }
    store::Statement st(db_,
                        "UPDATE seq_counter SET value = value + ? WHERE id = 1 RETURNING value");
    st.bind(1, count);
    if (!st.step()) {
        throw store::StoreError(0, "seq_counter row is missing");
    }
    auto last = st.int64(0);
    st.run();
    return last - count + 1;
}

store::Statement& ServerDb::cached(const std::string& sql) {
    auto it = cache_.find(sql);
    if (it == cache_.end()) {
        it = cache_.emplace(sql, store::Statement(db_, sql)).first;
    }
    it->second.reset();
    return it->second;
}

ServerDb::Reused::~Reused() {
    if (!st_) {
        return;
    }
    st_->reset();
    if (busy_) {
        *busy_ = false;
    }
}

ServerDb::Reused ServerDb::statement(const std::string& sql) {
    auto it = reused_.find(sql);
    if (it == reused_.end()) {
        it = reused_.emplace(sql, CachedEntry{store::Statement(db_, sql), false}).first;
    } else if (it->second.busy) {
        return Reused(store::Statement(db_, sql));
    }
    it->second.busy = true;
    return Reused(it->second.statement, &it->second.busy);
}

std::int64_t ServerDb::currentSeq() {
    if (batchNext_) {
        return *batchNext_ - 1;
    }
    current_->reset();
    current_->step();
    auto v = current_->int64(0);
    current_->run();
    return v;
}

ServerDb::SeqBatch::SeqBatch(ServerDb& db) : db_(db) {
    if (!db_.next_) {
        throw store::StoreError(0, "SeqBatch on a read connection");
    }
    if (db_.batchNext_) {
        throw store::StoreError(0, "SeqBatch inside a SeqBatch");
    }
    start_ = db_.currentSeq() + 1;
    db_.batchNext_ = start_;
}

ServerDb::SeqBatch::~SeqBatch() {
    db_.batchNext_.reset();
}

std::int64_t ServerDb::SeqBatch::mark() const {
    return *db_.batchNext_;
}

void ServerDb::SeqBatch::rewind(std::int64_t mark) {
    db_.batchNext_ = mark;
}

void ServerDb::SeqBatch::finish() {
    auto next = *db_.batchNext_;
    db_.batchNext_.reset();
    if (next == start_) {
        return;
    }
    if (!db_.setSeq_) {
        db_.setSeq_.emplace(db_.db_, "UPDATE seq_counter SET value = ? WHERE id = 1");
    }
    db_.setSeq_->reset();
    db_.setSeq_->bind(1, next - 1).run();
}

} // namespace fieldbook::server
