// SPDX-License-Identifier: MIT
#include "store/database.h"

#include "domain/sales_rules.h"

#include <sqlite3.h>

#include <chrono>
#include <thread>
#include <utility>

namespace fieldbook::store {

namespace {
[[noreturn]] void fail(sqlite3* db, int rc, std::string_view what) {
    int ext = db ? sqlite3_extended_errcode(db) : rc;
    std::string msg(what);
    msg += ": ";
    msg += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    throw StoreError(ext, msg);
}

/// SQL fieldbook_name_key(text): domain::normaliseName of a client's name
/// (NULL for NULL), for the server's index of client cards by name
/// (server/store/duplicates.h). Deterministic and innocuous, so an index
/// may use it.
void nameKey(sqlite3_context* ctx, int /*argc*/, sqlite3_value** argv) {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
    auto key = domain::normaliseName(
        std::string_view(text ? text : "", static_cast<std::size_t>(sqlite3_value_bytes(argv[0]))));
    sqlite3_result_text(ctx, key.data(), static_cast<int>(key.size()), SQLITE_TRANSIENT);
}
} // namespace

StoreError::StoreError(int extendedCode, const std::string& message)
    : std::runtime_error(message), code_(extendedCode) {}

Database::Database(const std::string& path) {
    int rc =
        sqlite3_open_v2(path.c_str(), &db_,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        std::string msg = "cannot open database " + path + ": " +
                          (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
        sqlite3_close(db_);
        db_ = nullptr;
        throw StoreError(rc, msg);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, 5000);
    // Every connection knows the functions an index of the schema uses (a
    // write to the indexed table needs them).
    sqlite3_create_function_v2(db_, "fieldbook_name_key", 1,
                               SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                               nameKey, nullptr, nullptr, nullptr);
    // Switching a new file to WAL needs an exclusive lock and may answer BUSY
    // without calling the busy handler (another process opening the same new
    // file at once): retry for up to the busy timeout.
    for (int attempt = 0;; ++attempt) {
        try {
            exec("PRAGMA journal_mode=WAL;");
            break;
        } catch (const StoreError& e) {
            if ((e.code() & 0xff) != SQLITE_BUSY || attempt >= 100) {
                sqlite3_close_v2(db_);
                db_ = nullptr;
                throw;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }
    exec("PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;");
}

Database::~Database() {
    if (db_) {
        sqlite3_close_v2(db_);
    }
}

Database::Database(Database&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        if (db_) {
            sqlite3_close_v2(db_);
        }
        db_ = std::exchange(other.db_, nullptr);
    }
    return *this;
}

void Database::exec(std::string_view sql) {
    std::string s(sql);
    char* err = nullptr;
    int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        throw StoreError(sqlite3_extended_errcode(db_), "exec failed: " + msg);
    }
}

int Database::userVersion() {
    Statement st(*this, "PRAGMA user_version");
    st.step();
    return static_cast<int>(st.int64(0));
}

std::int64_t Database::lastInsertRowId() const {
    return sqlite3_last_insert_rowid(db_);
}

int Database::changes() const {
    return sqlite3_changes(db_);
}

Statement::Statement(Database& db, std::string_view sql) : db_(&db) {
    int rc = sqlite3_prepare_v3(db.handle(), sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
    if (rc != SQLITE_OK) {
        fail(db.handle(), rc, "prepare failed");
    }
}

Statement::~Statement() {
    sqlite3_finalize(stmt_);
}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(stmt_);
        db_ = other.db_;
        stmt_ = std::exchange(other.stmt_, nullptr);
    }
    return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
    int rc = sqlite3_bind_int64(stmt_, index, value);
    if (rc != SQLITE_OK) {
        fail(db_->handle(), rc, "bind failed");
    }
    return *this;
}

Statement& Statement::bind(int index, double value) {
    int rc = sqlite3_bind_double(stmt_, index, value);
    if (rc != SQLITE_OK) {
        fail(db_->handle(), rc, "bind failed");
    }
    return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
    int rc = sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()),
                               SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) {
        fail(db_->handle(), rc, "bind failed");
    }
    return *this;
}

Statement& Statement::bindStatic(int index, std::string_view value) {
    int rc = sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()),
                               SQLITE_STATIC);
    if (rc != SQLITE_OK) {
        fail(db_->handle(), rc, "bind failed");
    }
    return *this;
}

Statement& Statement::bindNull(int index) {
    int rc = sqlite3_bind_null(stmt_, index);
    if (rc != SQLITE_OK) {
        fail(db_->handle(), rc, "bind failed");
    }
    return *this;
}

Statement& Statement::bind(int index, const std::optional<std::string>& value) {
    return value ? bind(index, std::string_view(*value)) : bindNull(index);
}

bool Statement::step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc == SQLITE_DONE) {
        return false;
    }
    fail(db_->handle(), rc, "step failed");
}

void Statement::run() {
    while (step()) {
    }
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

bool Statement::isNull(int column) const {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::int64_t Statement::int64(int column) const {
    return sqlite3_column_int64(stmt_, column);
}

double Statement::real(int column) const {
    return sqlite3_column_double(stmt_, column);
}

std::string Statement::text(int column) const {
    const auto* p = sqlite3_column_text(stmt_, column);
    int n = sqlite3_column_bytes(stmt_, column);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(n))
             : std::string();
}

std::optional<std::string> Statement::optText(int column) const {
    if (isNull(column)) {
        return std::nullopt;
    }
    return text(column);
}

int Statement::columnType(int column) const {
    return sqlite3_column_type(stmt_, column);
}

int Statement::columnCount() const {
    return sqlite3_column_count(stmt_);
}

std::string Statement::columnName(int column) const {
    return sqlite3_column_name(stmt_, column);
}

Transaction::Transaction(Database& db) : db_(db) {
    db_.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
    if (!done_) {
        try {
            db_.exec("ROLLBACK");
        } catch (...) { // NOLINT(bugprone-empty-catch): a destructor must not throw
        }
    }
}

void Transaction::commit() {
    db_.exec("COMMIT");
    done_ = true;
}

ReadTransaction::ReadTransaction(Database& db) : db_(db) {
    db_.exec("BEGIN DEFERRED");
}

ReadTransaction::~ReadTransaction() {
    try {
        db_.exec("COMMIT");
    } catch (...) { // NOLINT(bugprone-empty-catch): a destructor must not throw
    }
}

Savepoint::Savepoint(Database& db, std::string name) : db_(db), name_(std::move(name)) {
    db_.exec("SAVEPOINT " + name_);
}

Savepoint::~Savepoint() {
    if (!done_) {
        try {
            db_.exec("ROLLBACK TO " + name_);
            db_.exec("RELEASE " + name_);
        } catch (...) { // NOLINT(bugprone-empty-catch): a destructor must not throw
        }
    }
}

void Savepoint::release() {
    db_.exec("RELEASE " + name_);
    done_ = true;
}

} // namespace fieldbook::store
