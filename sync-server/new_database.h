// SPDX-License-Identifier: MIT
#pragma once

#include <filesystem>
#include <string>
#include <system_error>
#include <utility>

namespace fieldbook::server {

/// A refused command leaves nothing behind (docs/operations.md): made
/// before a command opens, and so may create, the database at `path`, it
/// removes the file and SQLite's companions (-wal, -shm, -journal) when the
/// command ends without keep() and the file was not there before (`user add
/// --team Nowhere` or an import-sample of a malformed file on a new path).
/// A database that was there is never touched: the commands change it in
/// a transaction that their refusal rolls back. Declare it before the
/// ServerDb, so that the database is closed before it is removed.
class NewDatabaseGuard {
  public:
    explicit NewDatabaseGuard(std::string path)
        : path_(std::move(path)), isNew_(!std::filesystem::exists(path_)) {}
    ~NewDatabaseGuard() {
        if (isNew_ && !kept_) {
            std::error_code ignored;
            for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
                std::filesystem::remove(path_ + suffix, ignored);
            }
        }
    }
    NewDatabaseGuard(const NewDatabaseGuard&) = delete;
    NewDatabaseGuard& operator=(const NewDatabaseGuard&) = delete;

    /// The command did its work: a database it created stays.
    void keep() { kept_ = true; }

  private:
    std::string path_;
    bool isNew_ = false;
    bool kept_ = false;
};

} // namespace fieldbook::server
