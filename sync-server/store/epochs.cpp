// SPDX-License-Identifier: MIT
#include "store/epochs.h"

#include "domain/clock.h"
#include "store/auth.h"

namespace fieldbook::server {

namespace {
[[noreturn]] void restored(const std::string& why) {
    throw ApiError(409, "server_restored",
                   "the server's database went back in time (" + why +
                       "); the device re-sends its acknowledged edits and downloads its data "
                       "again");
}
} // namespace

std::string databaseId(ServerDb& db) {
    store::Statement st(db.db(), "SELECT value FROM server_meta WHERE key = 'database_id'");
    return st.step() ? st.text(0) : std::string();
}

std::string startEpoch(ServerDb& db) {
    auto lock = db.lock();
    store::Transaction tx(db.db());
    auto id = domain::newUuid();
    store::Statement st(db.db(), "INSERT INTO server_epochs(id, started_seq, started_at) "
                                 "VALUES (?1, ?2, ?3)");
    st.bind(1, id).bind(2, db.currentSeq()).bind(3, domain::nowMs()).run();
    tx.commit();
    return id;
}

std::string currentEpoch(ServerDb& db) {
    store::Statement st(db.db(), "SELECT id FROM server_epochs ORDER BY n DESC LIMIT 1");
    return st.step() ? st.text(0) : std::string();
}

void checkDevicePosition(ServerDb& db, const std::string& epoch, std::int64_t cursor) {
    if (cursor > db.currentSeq()) {
        restored("the device's cursor " + std::to_string(cursor) +
                 " is beyond the server's sequence " + std::to_string(db.currentSeq()));
    }
    if (epoch.empty()) {
        return;
    }
    store::Statement find(db.db(), "SELECT n FROM server_epochs WHERE id = ?1");
    find.bind(1, epoch);
    if (!find.step()) {
        restored("the server does not know the device's epoch " + epoch);
    }
    store::Statement next(db.db(), "SELECT started_seq FROM server_epochs WHERE n > ?1 "
                                   "ORDER BY n LIMIT 1");
    next.bind(1, find.int64(0));
    if (next.step() && next.int64(0) < cursor) {
        restored("a later server start began at sequence " + std::to_string(next.int64(0)) +
                 ", below the device's cursor " + std::to_string(cursor));
    }
}

} // namespace fieldbook::server
