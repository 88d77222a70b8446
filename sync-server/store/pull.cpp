// SPDX-License-Identifier: MIT
#include "store/pull.h"

#include "domain/clock.h"
#include "domain/entities.h"
#include "store/epochs.h"
#include "store/scope.h"
#include "sync/schema.h"

#include <algorithm>

namespace fieldbook::server {

using nlohmann::json;

namespace {
std::string selectColumns(const domain::EntityDef& e) {
    std::string cols = "r.id, r.version, r.updated_at, r.updated_by, r.deleted, r.seq";
    for (const auto& f : e.fields) {
        cols += ", r." + std::string(f.name);
    }
    return cols;
}

sync::RecordChange readChange(const domain::EntityDef& e, const store::Statement& st) {
    sync::RecordChange c;
    c.entity = std::string(e.name);
    c.id = st.text(0);
    c.version = st.int64(1);
    c.updatedAt = st.int64(2);
    c.updatedBy = st.text(3);
    c.deleted = st.int64(4) != 0;
    c.seq = st.int64(5);
    int col = 6;
    for (const auto& f : e.fields) {
        c.fields[std::string(f.name)] = sync::readField(st, col++, f);
    }
    return c;
}
/// The records that scope changes at positions in (cursor, upTo] send or
/// withdraw (store/scope_changes.h), as the snapshot sees them, at most
/// `limit`, by position. A record of a card that entered the scope comes
/// whole when it is in scope now, live, and not newer than the cursor (a
/// newer one comes at its own seq anyway). A record of a card that left
/// comes as a removal when it is out of scope now. `seq` is the position.
/// Removals at positions up to `snapshot` are left out (see pull()).
void scopeChangeItems(ServerDb& db, const Principal& who, const domain::EntityDef& e,
                      std::int64_t cursor, std::int64_t upTo, std::int64_t snapshot, int limit,
                      std::vector<sync::RecordChange>& out) {
    auto cond = scopeCondition(who, e.name);
    store::Statement st(db.db(),
                        "SELECT " + selectColumns(e) + ", i.pos, i.granted FROM " +
                            "scope_change_items i JOIN " + std::string(e.table) +
                            " r ON r.id = i.record_id WHERE i.user_id = ?1 AND i.entity = ?5"
                            " AND i.pos > ?2 AND i.pos <= ?4 AND ((i.granted = 1 AND r.seq <= ?2"
                            " AND r.deleted = 0 AND " +
                            cond + ") OR (i.granted = 0 AND i.pos > ?6 AND COALESCE(" + cond +
                            ", 0) = 0)) ORDER BY i.pos LIMIT ?3");
    st.bind(1, who.userId)
        .bind(2, cursor)
        .bind(3, limit)
        .bind(4, upTo)
        .bind(5, std::string(e.name))
        .bind(6, snapshot);
    int posCol = 6 + static_cast<int>(e.fields.size());
    while (st.step()) {
        auto c = readChange(e, st);
        c.seq = st.int64(posCol);
        if (st.int64(posCol + 1) == 0) {
            c.removed = true;
            c.deleted = true;
        }
        out.push_back(std::move(c));
    }
}
} // namespace

std::optional<sync::RecordChange> currentRecord(ServerDb& db, const Principal& who,
                                                std::string_view entity, const std::string& id) {
    const auto* e = domain::findEntity(entity);
    if (!e) {
        return std::nullopt;
    }
    store::Statement st(db.db(), "SELECT " + selectColumns(*e) + " FROM " + std::string(e->table) +
                                     " r WHERE r.id = ?2 AND " + scopeCondition(who, e->name));
    st.bind(1, who.userId).bind(2, id);
    if (!st.step()) {
        return std::nullopt;
    }
    return readChange(*e, st);
}

sync::PullResponse pull(ServerDb& db, const Principal& who, std::int64_t cursor, int limit,
                        std::int64_t snapshot) {
    sync::PullResponse resp;
    std::vector<sync::RecordChange> all;
    // One snapshot: the sequence read first bounds every row scanned after it,
    // even while another process (import-sample) writes.
    store::ReadTransaction readSnapshot(db.db());
    const auto upTo = db.currentSeq();
    // A first download is live-only: the device holds nothing older than its
    // first page's sequence, so tombstones and removals up to it are skipped.
    const std::int64_t liveBelow = cursor == 0 ? upTo : std::min(snapshot, upTo);
    for (const auto& e : domain::entities()) {
        store::Statement st(db.db(), "SELECT " + selectColumns(e) + " FROM " +
                                         std::string(e.table) +
                                         " r WHERE r.seq > ?2 AND r.seq <= ?4 AND (r.deleted = 0 "
                                         "OR r.seq > ?5) AND " +
                                         scopeCondition(who, e.name) + " ORDER BY r.seq LIMIT ?3");
        st.bind(1, who.userId).bind(2, cursor).bind(3, limit + 1).bind(4, upTo).bind(5, liveBelow);
        while (st.step()) {
            auto c = readChange(e, st);
            all.push_back(std::move(c));
        }
        scopeChangeItems(db, who, e, cursor, upTo, liveBelow, limit + 1, all);
    }
    std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.seq < b.seq; });
    if (all.size() > static_cast<size_t>(limit)) {
        all.resize(static_cast<size_t>(limit));
        resp.hasMore = true;
        resp.cursor = all.back().seq;
        resp.snapshot = liveBelow;
    } else {
        resp.cursor = std::max(cursor, upTo);
    }
    resp.changes = std::move(all);
    resp.serverTimeMs = domain::nowMs();
    resp.databaseId = databaseId(db);
    resp.epoch = currentEpoch(db);
    return resp;
}

} // namespace fieldbook::server
