// SPDX-License-Identifier: MIT
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

struct sqlite3;

namespace fieldbook::server {

/// Checkpoints the server database's WAL on a thread and connection of its
/// own instead of inside the commit that crossed the threshold (issue 6:
/// SQLite's auto-checkpoint ran in the push's commit, copying the WAL into
/// the database file and its fdatasync, 6 % of the server's CPU in a
/// 10,000-edit push, under the writer's lock). A commit is durable once in
/// the WAL (journal_mode=WAL, synchronous=NORMAL: it survives the process's
/// crash), so where the checkpoint runs changes no acknowledged push.
///
/// attach() replaces the writer connection's auto-checkpoint with a WAL
/// hook that wakes the thread when the WAL holds `thresholdPages` or more
/// (SQLite's default, 1,000 pages); the thread runs a PASSIVE checkpoint (it
/// never waits for readers or the writer). Should the WAL still reach
/// `kSyncFactor` times the threshold (the thread cannot keep up), the commit
/// checkpoints itself, as SQLite's auto-checkpoint would. The destructor
/// stops and joins the thread. Errors of a checkpoint are left to the next
/// one (a later checkpoint or the last connection's close copies the rest).
class WalCheckpointer {
  public:
    /// The commit checkpoints itself beyond this many times the threshold.
    static constexpr int kSyncFactor = 16;

    WalCheckpointer(std::string path, int thresholdPages = 1000);
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;

    /// Installs the WAL hook on `writer` (an open connection to the same
    /// file, used by one thread at a time) and starts the thread.
    void attach(sqlite3* writer);
    /// Checkpoints the thread has run so far (for tests and logs).
    std::uint64_t checkpoints() const { return done_.load(); }

  private:
    static int onCommit(void* self, sqlite3* db, const char* schema, int pages);
    void run();

    std::string path_;
    int threshold_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool wanted_ = false;
    bool stop_ = false;
    std::atomic<std::uint64_t> done_{0};
    std::thread thread_;
};

} // namespace fieldbook::server
