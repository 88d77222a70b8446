// SPDX-License-Identifier: MIT
#include "bench/push_floor.h"

#include "bench/bench_support.h"
#include "domain/entities.h"
#include "store/database.h"

#include <sqlite3.h>

#include <cstring>
#include <ctime>
#include <filesystem>
#include <map>
#include <set>
#include <utility>

namespace fieldbook::bench {

namespace {

void check(int rc, sqlite3* db, const char* what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
        throw store::StoreError(rc, std::string(what) + ": " + sqlite3_errmsg(db));
    }
}

/// A raw prepared statement: the floor binds sqlite3_value copies, which
/// store::Statement does not take.
class Raw {
  public:
    Raw(sqlite3* db, const std::string& sql) : db_(db) {
        check(sqlite3_prepare_v2(db, sql.c_str(), -1, &st_, nullptr), db, sql.c_str());
    }
    ~Raw() { sqlite3_finalize(st_); }
    Raw(const Raw&) = delete;
    Raw& operator=(const Raw&) = delete;
    sqlite3_stmt* get() const { return st_; }
    bool step() {
        int rc = sqlite3_step(st_);
        check(rc, db_, sqlite3_sql(st_));
        return rc == SQLITE_ROW;
    }

  private:
    sqlite3* db_;
    sqlite3_stmt* st_ = nullptr;
};

bool sameValue(sqlite3_value* a, sqlite3_value* b) {
    int t = sqlite3_value_type(a);
    if (t != sqlite3_value_type(b)) {
        return false;
    }
    switch (t) {
    case SQLITE_NULL:
        return true;
    case SQLITE_INTEGER:
        return sqlite3_value_int64(a) == sqlite3_value_int64(b);
    case SQLITE_FLOAT:
        return sqlite3_value_double(a) == sqlite3_value_double(b);
    default: {
        int n = sqlite3_value_bytes(a);
        if (n != sqlite3_value_bytes(b)) {
            return false;
        }
        const void* pa = t == SQLITE_TEXT ? static_cast<const void*>(sqlite3_value_text(a))
                                          : sqlite3_value_blob(a);
        const void* pb = t == SQLITE_TEXT ? static_cast<const void*>(sqlite3_value_text(b))
                                          : sqlite3_value_blob(b);
        return n == 0 || std::memcmp(pa, pb, static_cast<std::size_t>(n)) == 0;
    }
    }
}

std::vector<std::string> columnsOf(store::Database& db, const std::string& table) {
    std::vector<std::string> out;
    store::Statement st(db, "SELECT name FROM pragma_table_info(?)");
    st.bind(1, table);
    while (st.step()) {
        out.push_back(st.text(0));
    }
    return out;
}

std::string insertSql(const std::string& table, const std::vector<std::string>& columns) {
    std::string names;
    std::string marks;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        names += (i ? ", " : "") + columns[i];
        marks += (i ? ", ?" : "?") + std::to_string(i + 1);
    }
    return "INSERT INTO " + table + "(" + names + ") VALUES(" + marks + ")";
}

double threadCpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

} // namespace

PushWrites::~PushWrites() {
    for (auto& r : rows) {
        for (auto* v : r.values) {
            sqlite3_value_free(v);
        }
    }
}

void snapshotServerDb(const std::string& server, const std::string& copy) {
    store::Database from(server);
    store::Database to(copy);
    auto* b = sqlite3_backup_init(to.handle(), "main", from.handle(), "main");
    if (!b) {
        check(sqlite3_errcode(to.handle()), to.handle(), "backup");
    }
    int rc = sqlite3_backup_step(b, -1);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) {
        throw store::StoreError(rc, "backup of " + server + " failed");
    }
}

PushWrites readPushWrites(const std::string& server, const std::string& snapshot) {
    PushWrites out;
    store::Database now(server);
    store::Database before(snapshot);
    store::ReadTransaction readNow(now);
    std::int64_t seqBefore = 0;
    {
        store::Statement st(before, "SELECT value FROM seq_counter WHERE id = 1");
        st.step();
        seqBefore = st.int64(0);
        store::Statement after(now, "SELECT value FROM seq_counter WHERE id = 1");
        after.step();
        out.seq = after.int64(0);
    }
    for (const auto& e : domain::entities()) {
        const std::string table(e.table);
        const auto columns = columnsOf(now, table);
        std::string list;
        for (std::size_t i = 0; i < columns.size(); ++i) {
            list += (i ? ", " : "") + columns[i];
        }
        Raw changed(now.handle(), "SELECT " + list + " FROM " + table + " WHERE seq > ?1");
        sqlite3_bind_int64(changed.get(), 1, seqBefore);
        Raw old(before.handle(), "SELECT " + list + " FROM " + table + " WHERE id = ?1");
        const int n = static_cast<int>(columns.size());
        int idColumn = 0;
        while (idColumn < n && columns[static_cast<std::size_t>(idColumn)] != "id") {
            ++idColumn;
        }
        while (changed.step()) {
            PushWrites::Row row;
            sqlite3_reset(old.get());
            sqlite3_bind_value(old.get(), 1, sqlite3_column_value(changed.get(), idColumn));
            if (old.step()) {
                std::string sets;
                for (int c = 0; c < n; ++c) {
                    auto* v = sqlite3_column_value(changed.get(), c);
                    if (!sameValue(v, sqlite3_column_value(old.get(), c))) {
                        row.values.push_back(sqlite3_value_dup(v));
                        sets += (sets.empty() ? "" : ", ") + columns[static_cast<std::size_t>(c)] +
                                " = ?" + std::to_string(row.values.size());
                    }
                }
                row.values.push_back(
                    sqlite3_value_dup(sqlite3_column_value(changed.get(), idColumn)));
                row.sql = "UPDATE " + table + " SET " + sets + " WHERE id = ?" +
                          std::to_string(row.values.size());
                ++out.updated;
            } else {
                for (int c = 0; c < n; ++c) {
                    row.values.push_back(sqlite3_value_dup(sqlite3_column_value(changed.get(), c)));
                }
                row.sql = insertSql(table, columns);
                ++out.inserted;
            }
            out.rows.push_back(std::move(row));
        }
    }
    // The idempotency log: each row not in the snapshot, inserted whole.
    std::set<std::pair<std::string, std::string>> logged;
    {
        store::Statement st(before, "SELECT device_id, mutation_id FROM applied_mutations");
        while (st.step()) {
            logged.emplace(st.text(0), st.text(1));
        }
    }
    const auto columns = columnsOf(now, "applied_mutations");
    std::string list;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        list += (i ? ", " : "") + columns[i];
    }
    const auto sql = insertSql("applied_mutations", columns);
    Raw log(now.handle(),
            "SELECT device_id, mutation_id, " + list + " FROM applied_mutations ORDER BY rowid");
    while (log.step()) {
        auto text = [&](int c) {
            return std::string(reinterpret_cast<const char*>(sqlite3_column_text(log.get(), c)));
        };
        if (logged.count({text(0), text(1)})) {
            continue;
        }
        PushWrites::Row row{sql, {}};
        for (int c = 0; c < static_cast<int>(columns.size()); ++c) {
            row.values.push_back(sqlite3_value_dup(sqlite3_column_value(log.get(), c + 2)));
        }
        out.rows.push_back(std::move(row));
        ++out.logRows;
    }
    return out;
}

FloorTime writePushFloor(const std::string& snapshot, const std::string& path,
                         const PushWrites& writes) {
    std::filesystem::copy_file(snapshot, path, std::filesystem::copy_options::overwrite_existing);
    store::Database db(path);
    // As ServerDb: a 64 MiB page cache; the WAL is checkpointed by another
    // thread there, so none inside this commit.
    db.exec("PRAGMA cache_size=-65536; PRAGMA wal_autocheckpoint=0;");
    std::map<std::string, std::unique_ptr<Raw>> prepared;
    for (const auto& r : writes.rows) {
        auto& st = prepared[r.sql];
        if (!st) {
            st = std::make_unique<Raw>(db.handle(), r.sql);
        }
    }
    std::vector<sqlite3_stmt*> statements;
    statements.reserve(writes.rows.size());
    for (const auto& r : writes.rows) {
        statements.push_back(prepared[r.sql]->get());
    }
    Raw counter(db.handle(), "UPDATE seq_counter SET value = ?1 WHERE id = 1");
    const double cpu0 = threadCpuSeconds();
    const auto t0 = Clock::now();
    {
        store::Transaction tx(db);
        for (std::size_t n = 0; n < writes.rows.size(); ++n) {
            const auto& r = writes.rows[n];
            auto* st = statements[n];
            for (std::size_t i = 0; i < r.values.size(); ++i) {
                sqlite3_bind_value(st, static_cast<int>(i + 1), r.values[i]);
            }
            int rc = sqlite3_step(st);
            check(rc, db.handle(), r.sql.c_str());
            sqlite3_reset(st);
        }
        sqlite3_bind_int64(counter.get(), 1, writes.seq);
        counter.step();
        tx.commit();
    }
    FloorTime t{secondsSince(t0), threadCpuSeconds() - cpu0};
    db.exec("PRAGMA wal_checkpoint(TRUNCATE);");
    return t;
}

} // namespace fieldbook::bench
