// SPDX-License-Identifier: MIT
#pragma once

#include "store/server_db.h"

#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

namespace fieldbook::server {

/// The server's read connections (docs/architecture.md "Reads outside the
/// write lock", issue 6): pulls, the live hub's fan-outs and the check for
/// other processes' writes run on one of these WAL readers instead of under
/// the writer's lock, so a push never waits for a pull and a pull never for
/// a push. A read transaction on one of them sees a prefix of the change
/// sequence (every seq up to the counter it reads, none above it): sequence
/// numbers are taken from the seq_counter row inside the write transaction
/// that uses them, and SQLite lets one writer at a time (of any process)
/// hold that row.
///
/// Thread-safe. Each connection has its own statement caches and lock; a
/// lease holds one of them for a request's database work.
class ReadPool {
  public:
    /// `size` read connections to the file of `main` (which must outlive the
    /// pool). None for an in-memory database or `size` 0: lease() then hands
    /// out `main` under its lock. Throws store::StoreError.
    ReadPool(ServerDb& main, std::size_t size);

    /// A connection held for one piece of work: its lock is held until the
    /// lease goes out of scope. Use it as a ServerDb through `*` or `->`.
    class Lease {
      public:
        Lease(ServerDb& db, std::unique_lock<std::mutex> lock) : db_(&db), lock_(std::move(lock)) {}
        ServerDb& operator*() { return *db_; }
        ServerDb* operator->() { return db_; }

      private:
        ServerDb* db_;
        std::unique_lock<std::mutex> lock_;
    };

    /// A free read connection, or (all busy) waits for one. Never nest two
    /// leases on one thread.
    Lease lease();
    /// lease() of `pool`, or `main` under its lock when `pool` is null (unit
    /// tests of route() without a pool).
    static Lease leaseFrom(ReadPool* pool, ServerDb& main);

    /// sqlite3_interrupt() on every read connection and on the main one: the
    /// statements running now end with SQLITE_INTERRUPT (a write transaction
    /// rolls back). For a prompt stop (`serve` on SIGTERM); safe from any
    /// thread while the connections are open.
    void interruptAll();

    /// Read connections (0: leases are of the main connection).
    std::size_t size() const { return readers_.size(); }

  private:
    ServerDb& main_;
    std::vector<std::unique_ptr<ServerDb>> readers_;
    std::mutex nextMutex_;
    std::size_t next_ = 0; ///< the reader waited for when all are busy (round robin)
};

} // namespace fieldbook::server
