// SPDX-License-Identifier: MIT
#include "store/read_pool.h"

#include <sqlite3.h>

namespace fieldbook::server {

ReadPool::ReadPool(ServerDb& main, std::size_t size) : main_(main) {
    const char* file = sqlite3_db_filename(main.db().handle(), "main");
    if (!file || *file == '\0') {
        return; // in memory: no second connection sees it
    }
    for (std::size_t i = 0; i < size; ++i) {
        readers_.push_back(std::make_unique<ServerDb>(file, ServerDb::Reader{}));
    }
}

ReadPool::Lease ReadPool::lease() {
    if (readers_.empty()) {
        return Lease(main_, main_.lock());
    }
    for (auto& r : readers_) {
        std::unique_lock lock(r->lockable(), std::try_to_lock);
        if (lock.owns_lock()) {
            return Lease(*r, std::move(lock));
        }
    }
    std::size_t i = 0;
    {
        std::lock_guard g(nextMutex_);
        i = next_++ % readers_.size();
    }
    return Lease(*readers_[i], readers_[i]->lock());
}

ReadPool::Lease ReadPool::leaseFrom(ReadPool* pool, ServerDb& main) {
    return pool ? pool->lease() : Lease(main, main.lock());
}

void ReadPool::interruptAll() {
    for (auto& r : readers_) {
        sqlite3_interrupt(r->db().handle());
    }
    sqlite3_interrupt(main_.db().handle());
}

} // namespace fieldbook::server
