// SPDX-License-Identifier: MIT
#include "store/pull.h"

#include <sqlite3.h>

#include "domain/clock.h"
#include "domain/entities.h"
#include "store/epochs.h"
#include "store/scope.h"
#include "sync/schema.h"

#include <algorithm>
#include <optional>

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
store::Statement& scopeChangeItems(ServerDb& db, const Principal& who, const domain::EntityDef& e,
                                   std::int64_t cursor, std::int64_t upTo, std::int64_t snapshot,
                                   int limit) {
    auto cond = scopeCondition(who, e.name);
    auto& st = db.cached("SELECT " + selectColumns(e) + ", i.pos, i.granted FROM " +
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
    return st;
}

/// One ordered stream of a pull page: an entity's changed rows by seq, or
/// its scope-change items by position. Rows are read (readChange) only when
/// the merge takes them.
struct PullSource {
    const domain::EntityDef* entity;
    store::Statement& statement; ///< ServerDb::cached(): reset by ResetSources

    bool scopeItems;
    bool hasRow = false;
    std::int64_t key = 0;

    void advance() {
        hasRow = statement.step();
        if (hasRow) {
            key = statement.int64(scopeItems ? 6 + static_cast<int>(entity->fields.size()) : 5);
        }
    }
    sync::RecordChange take() {
        auto c = readChange(*entity, statement);
        if (scopeItems) {
            int posCol = 6 + static_cast<int>(entity->fields.size());
            c.seq = statement.int64(posCol);
            if (statement.int64(posCol + 1) == 0) {
                c.removed = true;
                c.deleted = true;
            }
        }
        advance();
        return c;
    }
};

/// Resets the sources' cached statements when the page is done (or failed),
/// before the read snapshot ends.
struct ResetSources {
    std::vector<PullSource>& sources;
    ~ResetSources() {
        for (auto& s : sources) {
            s.statement.reset();
        }
    }
};
} // namespace

std::optional<sync::RecordChange> currentRecord(ServerDb& db, const Principal& who,
                                                std::string_view entity, const std::string& id) {
    const auto* e = domain::findEntity(entity);
    if (!e) {
        return std::nullopt;
    }
    // Prepared once per server (ServerDb::statement): a push asks this for
    // every mutation it answers (issue 6).
    auto st = db.statement("SELECT " + selectColumns(*e) + " FROM " + std::string(e->table) +
                           " r WHERE r.id = ?2 AND " + scopeCondition(who, e->name));
    st->bind(1, who.userId).bind(2, id);
    if (!st->step()) {
        return std::nullopt;
    }
    return readChange(*e, *st);
}

sync::PullResponse pull(ServerDb& db, const Principal& who, std::int64_t cursor, int limit,
                        std::int64_t snapshot) {
    sync::PullResponse resp;
    // One snapshot: the sequence read first bounds every row scanned after it,
    // even while another process (import-sample) writes. A caller already in
    // a read transaction (the pull route's checks, a live fan-out) keeps its
    // snapshot.
    std::optional<store::ReadTransaction> readSnapshot;
    if (sqlite3_get_autocommit(db.db().handle()) != 0) {
        readSnapshot.emplace(db.db());
    }
    const auto upTo = db.currentSeq();
    // A first download is live-only: the device holds nothing older than its
    // first page's sequence, so tombstones and removals up to it are skipped.
    const std::int64_t liveBelow = cursor == 0 ? upTo : std::min(snapshot, upTo);
    // A merge of the per-entity streams by seq: only the rows of this page
    // are read (issue 6: reading limit + 1 rows of every entity and sorting
    // them cost seven times the page).
    // The statements are prepared once per server (ServerDb::cached): a
    // live fan-out runs this for every connected user after every commit.
    std::vector<PullSource> sources;
    sources.reserve(2 * domain::entities().size());
    ResetSources resetSources{sources};
    for (const auto& e : domain::entities()) {
        auto& st = db.cached("SELECT " + selectColumns(e) + " FROM " + std::string(e.table) +
                             " r WHERE r.seq > ?2 AND r.seq <= ?4 AND (r.deleted = 0 "
                             "OR r.seq > ?5) AND " +
                             scopeCondition(who, e.name) + " ORDER BY r.seq LIMIT ?3");
        st.bind(1, who.userId).bind(2, cursor).bind(3, limit + 1).bind(4, upTo).bind(5, liveBelow);
        sources.push_back({&e, st, false});
        sources.push_back(
            {&e, scopeChangeItems(db, who, e, cursor, upTo, liveBelow, limit + 1), true});
    }
    for (auto& s : sources) {
        s.advance();
    }
    auto next = [&sources]() -> PullSource* {
        PullSource* best = nullptr;
        for (auto& s : sources) {
            if (s.hasRow && (!best || s.key < best->key)) {
                best = &s;
            }
        }
        return best;
    };
    resp.changes.reserve(static_cast<std::size_t>(limit));
    PullSource* source = next();
    while (source && resp.changes.size() < static_cast<std::size_t>(limit)) {
        resp.changes.push_back(source->take());
        source = next();
    }
    if (source) {
        resp.hasMore = true;
        resp.cursor = resp.changes.back().seq;
        resp.snapshot = liveBelow;
    } else {
        resp.cursor = std::max(cursor, upTo);
    }
    resp.serverTimeMs = domain::nowMs();
    resp.databaseId = databaseId(db);
    resp.epoch = currentEpoch(db);
    return resp;
}

} // namespace fieldbook::server
