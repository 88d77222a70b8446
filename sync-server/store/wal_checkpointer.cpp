// SPDX-License-Identifier: MIT
#include "store/wal_checkpointer.h"

#include "store/database.h"

#include <sqlite3.h>

#include <optional>

namespace fieldbook::server {

WalCheckpointer::WalCheckpointer(std::string path, int thresholdPages)
    : path_(std::move(path)), threshold_(thresholdPages) {}

WalCheckpointer::~WalCheckpointer() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable()) {
        thread_.join();
    }
}

void WalCheckpointer::attach(sqlite3* writer) {
    if (!thread_.joinable()) {
        thread_ = std::thread([this] { run(); });
    }
    // Replaces SQLite's auto-checkpoint (itself a WAL hook) on this connection.
    sqlite3_wal_hook(writer, &WalCheckpointer::onCommit, this);
}

int WalCheckpointer::onCommit(void* self, sqlite3* db, const char* schema, int pages) {
    auto* c = static_cast<WalCheckpointer*>(self);
    if (pages >= c->threshold_ * kSyncFactor) {
        // The thread is far behind: checkpoint here, as SQLite would have.
        sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        return SQLITE_OK;
    }
    if (pages >= c->threshold_) {
        {
            std::lock_guard lock(c->mutex_);
            c->wanted_ = true;
        }
        c->wake_.notify_one();
    }
    return SQLITE_OK;
}

void WalCheckpointer::run() {
    std::optional<store::Database> conn;
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return wanted_ || stop_; });
            if (stop_) {
                return;
            }
            wanted_ = false;
        }
        try {
            if (!conn) {
                conn.emplace(path_);
            }
            sqlite3_wal_checkpoint_v2(conn->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr,
                                      nullptr);
            ++done_;
        } catch (...) { // NOLINT(bugprone-empty-catch): the next checkpoint or the close copies it
        }
    }
}

} // namespace fieldbook::server
