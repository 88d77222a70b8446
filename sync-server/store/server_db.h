// SPDX-License-Identifier: MIT
#pragma once

#include "store/database.h"
#include "store/wal_checkpointer.h"

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

namespace fieldbook::server {

/// The schema this program writes (PRAGMA user_version): ServerDb(path)
/// migrates an older file to it (docs/data-model.md "Schema versions").
int currentServerSchema();

/// The schema number (PRAGMA user_version) of the server database at
/// `path`, read without writing anything: no migration, no switch to WAL,
/// no -wal or -shm file made (the file header, or a read-only connection
/// when a -wal file with content exists). 0 for a missing or empty file or
/// one that is not SQLite (ServerDb(path) then creates or refuses it).
/// Throws store::StoreError when SQLite cannot read the file.
int serverSchemaOf(const std::string& path);

/// The server's database: every synced entity (with change sequence and
/// per-field clock metadata), credentials, devices, tokens and the
/// idempotency log of applied mutations. Opens or creates the file and
/// migrates it (PRAGMA user_version ladder). Throws store::StoreError,
/// including for a database newer than this program.
///
/// One connection guarded by a mutex: callers hold `lock()` for the whole
/// of a request's database work and never during network I/O.
class ServerDb {
  public:
    explicit ServerDb(const std::string& path);

    /// Tag of the read-connection constructor.
    struct Reader {};
    /// A read connection to the server database at `path`, which a
    /// ServerDb(path) made and migrated (store/read_pool.h): no migration,
    /// PRAGMA query_only (a write throws store::StoreError; nextSeq() and
    /// reserveSeq() too), its own statement caches and its own lock(). A WAL
    /// reader: it neither waits for the writer nor holds it up. Throws
    /// store::StoreError.
    ServerDb(const std::string& path, Reader);

    std::unique_lock<std::mutex> lock() { return std::unique_lock(mutex_); }
    /// The mutex lock() takes (for a try_lock, store/read_pool.h).
    std::mutex& lockable() { return mutex_; }
    store::Database& db() { return db_; }

    /// Next change sequence number (the pull cursor's unit), from the
    /// database's counter row so that every process writing the file (serve,
    /// import-sample, user add) shares one order. Call inside a write
    /// transaction: the counter commits or rolls back with the change.
    std::int64_t nextSeq();
    /// Reserves `count` (>= 1) consecutive sequence numbers at once, like
    /// `count` calls of nextSeq(); returns the first. Same transaction rule.
    std::int64_t reserveSeq(std::int64_t count);
    /// Highest sequence number committed (or written by this transaction).
    std::int64_t currentSeq();

    /// WAL checkpoints run off the writer's commits so far (store/
    /// wal_checkpointer.h; 0 on a read connection).
    std::uint64_t walCheckpoints() const {
        return checkpointer_ ? checkpointer_->checkpoints() : 0;
    }

    /// Sequence numbers for one write transaction handed out from memory
    /// (issue 6: a push wrote the counter row once per record write). While
    /// a SeqBatch lives, nextSeq(), reserveSeq() and currentSeq() use a
    /// counter read once at its start; finish() writes it back once (call it
    /// before the commit). Destroyed unfinished (an exception, a rollback),
    /// nothing is written. Hold lock() and an open write transaction for its
    /// whole life. Throws store::StoreError.
    class SeqBatch {
      public:
        explicit SeqBatch(ServerDb& db);
        ~SeqBatch();
        SeqBatch(const SeqBatch&) = delete;
        SeqBatch& operator=(const SeqBatch&) = delete;
        /// The next number to be handed out: give it to rewind() to take
        /// back what a rolled-back savepoint took, so that committed numbers
        /// stay without gaps.
        std::int64_t mark() const;
        void rewind(std::int64_t mark);
        /// Writes the counter row once (if any number was taken) and ends
        /// the batch.
        void finish();

      private:
        ServerDb& db_;
        std::int64_t start_ = 0;
    };

    /// A statement prepared once per distinct `sql` and kept for the
    /// connection's life, reset with its bindings cleared. For hot queries
    /// whose text is built at run time (the pull's per-entity scope queries:
    /// preparing them took most of a live fan-out, issue 6). Hold lock();
    /// reset() it when done (an unfinished statement keeps its read snapshot
    /// open), and never use the same text twice at once. Throws
    /// store::StoreError.
    store::Statement& cached(const std::string& sql);

    /// A statement of ServerDb::statement(), in use until it goes out of
    /// scope, when it is reset (its read snapshot ends, its bindings are
    /// cleared). Use it as a store::Statement through `->` or `*`.
    class Reused {
      public:
        Reused(store::Statement& cachedStatement, bool* busy)
            : st_(&cachedStatement), busy_(busy) {}
        explicit Reused(store::Statement&& fresh) : own_(std::move(fresh)), st_(&*own_) {}
        Reused(Reused&& other) noexcept
            : own_(std::move(other.own_)), st_(own_ ? &*own_ : other.st_),
              busy_(std::exchange(other.busy_, nullptr)) {
            other.st_ = nullptr;
        }
        Reused& operator=(Reused&&) = delete;
        Reused(const Reused&) = delete;
        Reused& operator=(const Reused&) = delete;
        ~Reused();

        store::Statement* operator->() { return st_; }
        store::Statement& operator*() { return *st_; }

      private:
        std::optional<store::Statement> own_;
        store::Statement* st_ = nullptr;
        bool* busy_ = nullptr;
    };

    /// The statement for `sql`, prepared once per server and kept for the
    /// connection's life (issue 6: a push prepared some twenty statements per
    /// mutation, most of its time), reset when the returned handle goes out
    /// of scope. Safe to nest: while the cached statement of the same text is
    /// in use, a fresh one is prepared for the caller. Hold lock(). Throws
    /// store::StoreError.
    Reused statement(const std::string& sql);

  private:
    struct CachedEntry {
        store::Statement statement;
        bool busy = false;
    };
    std::mutex mutex_;
    store::Database db_;
    std::optional<store::Statement> next_;
    std::optional<store::Statement> current_;
    std::optional<store::Statement> setSeq_;
    std::optional<std::int64_t> batchNext_; ///< next number while a SeqBatch lives
    std::map<std::string, store::Statement, std::less<>> cache_;
    std::unordered_map<std::string, CachedEntry> reused_;
    /// The writer's WAL checkpoints, on a thread of their own; declared
    /// last so that it stops before the connection closes.
    std::unique_ptr<WalCheckpointer> checkpointer_;
};

} // namespace fieldbook::server
