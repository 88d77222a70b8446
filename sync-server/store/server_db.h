// SPDX-License-Identifier: MIT
#pragma once

#include "store/database.h"

#include <cstdint>
#include <mutex>
#include <string>

namespace fieldbook::server {

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

    std::unique_lock<std::mutex> lock() { return std::unique_lock(mutex_); }
    store::Database& db() { return db_; }

    /// Next change sequence number (the pull cursor's unit). Call inside a
    /// transaction while holding lock(); gaps after a rollback are harmless.
    std::int64_t nextSeq() { return ++seq_; }
    /// Highest sequence number handed out so far.
    std::int64_t currentSeq() const { return seq_; }

  private:
    std::mutex mutex_;
    store::Database db_;
    std::int64_t seq_ = 0;
};

} // namespace fieldbook::server
