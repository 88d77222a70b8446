// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace fieldbook::store {

/// Raised by every storage call that fails. Carries SQLite's extended result
/// code (https://www.sqlite.org/rescode.html) so callers can tell a constraint
/// violation from a busy database or a corrupt file.
class StoreError : public std::runtime_error {
  public:
    StoreError(int extendedCode, const std::string& message);
    int code() const noexcept { return code_; }

  private:
    int code_;
};

/// An open SQLite connection (RAII). Movable, not copyable. Opens in WAL mode
/// with foreign keys on and a 5000 ms busy timeout.
/// Throws StoreError when the file cannot be opened.
class Database {
  public:
    explicit Database(const std::string& path);
    ~Database();
    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    /// Runs one or more SQL statements without parameters (DDL, PRAGMAs).
    void exec(std::string_view sql);
    /// Returns PRAGMA user_version (the migration ladder's step).
    int userVersion();
    /// Rowid of the last INSERT on this connection.
    std::int64_t lastInsertRowId() const;
    /// Rows changed by the last statement.
    int changes() const;
    sqlite3* handle() const noexcept { return db_; }

  private:
    sqlite3* db_ = nullptr;
};

/// A prepared statement (RAII) with typed, 1-based bind() and column getters.
/// Parameters are always bound, never spliced into SQL text.
class Statement {
  public:
    Statement(Database& db, std::string_view sql);
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const std::string& value) {
        return bind(index, std::string_view(value));
    }
    Statement& bindNull(int index);
    /// Binds text without copying it (SQLITE_STATIC): `value` must stay alive
    /// and unchanged until this statement's next reset() (which clears the
    /// bindings) or its end. For hot loops over a buffer that outlives them.
    Statement& bindStatic(int index, std::string_view value);
    Statement& bind(int index, const std::optional<std::string>& value);

    /// Steps once. Returns true while a row is available, false when done.
    /// Throws StoreError on failure (constraint, busy, ...).
    bool step();
    /// Steps to completion, for statements that return no rows.
    void run();
    /// Resets and clears bindings so a hot statement can be reused.
    void reset();

    bool isNull(int column) const;
    std::int64_t int64(int column) const;
    double real(int column) const;
    std::string text(int column) const;
    std::optional<std::string> optText(int column) const;
    int columnType(int column) const;
    int columnCount() const;
    std::string columnName(int column) const;

  private:
    Database* db_ = nullptr;
    sqlite3_stmt* stmt_ = nullptr;
};

/// BEGIN IMMEDIATE on construction; rolls back in the destructor unless
/// commit() was called. Not nestable: use Savepoint inside.
class Transaction {
  public:
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

  private:
    Database& db_;
    bool done_ = false;
};

/// BEGIN DEFERRED: a consistent snapshot for several reads (WAL readers do not
/// block writers). Ends in the destructor.
class ReadTransaction {
  public:
    explicit ReadTransaction(Database& db);
    ~ReadTransaction();
    ReadTransaction(const ReadTransaction&) = delete;
    ReadTransaction& operator=(const ReadTransaction&) = delete;

  private:
    Database& db_;
};

/// A named SAVEPOINT; rolls back to it in the destructor unless released.
class Savepoint {
  public:
    Savepoint(Database& db, std::string name);
    ~Savepoint();
    Savepoint(const Savepoint&) = delete;
    Savepoint& operator=(const Savepoint&) = delete;
    void release();

  private:
    Database& db_;
    std::string name_;
    bool done_ = false;
};

} // namespace fieldbook::store
