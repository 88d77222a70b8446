// SPDX-License-Identifier: MIT
#include "store/pull.h"

#include <sqlite3.h>

#include "domain/clock.h"
#include "domain/entities.h"
#include "store/epochs.h"
#include "store/scope.h"
#include "sync/schema.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

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
/// The test of the changed rows `r` of an entity a pull sends: after the
/// cursor ?2, up to ?4, tombstones only above ?5 (the live-only first
/// download), in the scope `cond` (scopeCondition()). One text for the
/// pull's page and for usersWithChanges(), so both keep the same rule.
std::string changedRowsTest(const std::string& cond) {
    return "r.seq > ?2 AND r.seq <= ?4 AND (r.deleted = 0 OR r.seq > ?5) AND " + cond;
}

/// The test of the scope-change items `i` of entity ?5 (joined to its rows
/// `r`) a pull sends: positions in (?2, ?4] and above ?6 (a first
/// download's snapshot, liveBelowOf()); a granted card's record when it is
/// in the scope `cond` now, live and not newer than the cursor; a withdrawn
/// one's when it is out of scope now. Shared as changedRowsTest() is.
/// Grants up to the snapshot are left out like removals (break-it F3: each
/// sent the card again, once per earlier grant): they came before the
/// download began, so a record they grant that is in scope now and live
/// came at its own seq in the download's pages (docs/protocol.md "First
/// download").
std::string scopeItemsTest(const std::string& cond) {
    return "i.entity = ?5 AND i.pos > ?2 AND i.pos <= ?4 AND i.pos > ?6 AND ((i.granted = 1"
           " AND r.seq <= ?2 AND r.deleted = 0 AND " +
           cond + ") OR (i.granted = 0 AND COALESCE(" + cond + ", 0) = 0))";
}

/// `cond` (scopeCondition(): the user is parameter ?1) with the user read
/// from the SQL expression `user` instead, for a test of many users in one
/// statement. scopeCondition()'s texts hold no other parameter.
std::string forUserIn(std::string cond, const std::string& user) {
    for (auto at = cond.find("?1"); at != std::string::npos; at = cond.find("?1", at)) {
        if (at + 2 < cond.size() && std::isdigit(static_cast<unsigned char>(cond[at + 2]))) {
            throw std::logic_error("scope condition with a parameter other than ?1: " + cond);
        }
        cond.replace(at, 2, user);
        at += user.size();
    }
    return cond;
}

/// Where a pull from `cursor` (with the snapshot of a first download's
/// later pages, 0: none) leaves out tombstones and scope changes (removals
/// and grants): at and below the answer's value. A first download is
/// live-only: the device holds nothing older than its first page's
/// sequence.
std::int64_t liveBelowOf(std::int64_t cursor, std::int64_t snapshot, std::int64_t upTo) {
    return cursor == 0 ? upTo : std::min(snapshot, upTo);
}

/// The records that scope changes at positions in (cursor, upTo] send or
/// withdraw (store/scope_changes.h), as the snapshot sees them, at most
/// `limit`, by position. A record of a card that entered the scope comes
/// whole when it is in scope now, live, and not newer than the cursor (a
/// newer one comes at its own seq anyway). A record of a card that left
/// comes as a removal when it is out of scope now. `seq` is the position.
/// Grants and removals at positions up to `snapshot` are left out (see
/// scopeItemsTest()).
store::Statement& scopeChangeItems(ServerDb& db, const Principal& who, const domain::EntityDef& e,
                                   std::int64_t cursor, std::int64_t upTo, std::int64_t snapshot,
                                   int limit) {
    auto& st = db.cached("SELECT " + selectColumns(e) + ", i.pos, i.granted FROM " +
                         "scope_change_items i JOIN " + std::string(e.table) +
                         " r ON r.id = i.record_id WHERE i.user_id = ?1 AND " +
                         scopeItemsTest(scopeCondition(who, e.name)) + " ORDER BY i.pos LIMIT ?3");
    st.bind(1, who.userId)
        .bind(2, cursor)
        .bind(3, limit)
        .bind(4, upTo)
        .bind(5, std::string(e.name))
        .bind(6, snapshot);
    return st;
}

/// Appends `text` as nlohmann::json's dump (sync::dumpSafe) writes a
/// string: printable ASCII without '"' and '\\' (ids, most names) as it is,
/// anything else through nlohmann itself, so escapes and the replacement
/// of bytes that are not UTF-8 stay exactly its own.
void appendJsonString(std::string& out, std::string_view text) {
    const bool plain = std::all_of(text.begin(), text.end(), [](char ch) {
        return ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\';
    });
    if (plain) {
        out += '"';
        out += text;
        out += '"';
    } else {
        out += sync::dumpSafe(json(std::string(text)));
    }
}

/// The indexes of `e`'s fields in the order of their names (the order of
/// a nlohmann::json object's keys).
const std::vector<std::size_t>& fieldsByName(const domain::EntityDef& e) {
    static const auto orders = [] {
        std::map<std::string_view, std::vector<std::size_t>> out;
        for (const auto& entity : domain::entities()) {
            std::vector<std::size_t> order(entity.fields.size());
            for (std::size_t i = 0; i < order.size(); ++i) {
                order[i] = i;
            }
            std::sort(order.begin(), order.end(), [&entity](std::size_t a, std::size_t b) {
                return std::string_view(entity.fields[a].name) <
                       std::string_view(entity.fields[b].name);
            });
            out[entity.name] = std::move(order);
        }
        return out;
    }();
    return orders.at(e.name);
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
    /// Appends the current row as sync::toJson(take()) dumps it (keys in
    /// nlohmann's order: sorted), straight from the columns, and advances.
    void write(std::string& out) {
        const int posCol = 6 + static_cast<int>(entity->fields.size());
        const bool removed = scopeItems && statement.int64(posCol + 1) == 0;
        out += "{\"deleted\":";
        out += removed || statement.int64(4) != 0 ? "true" : "false";
        out += ",\"entity\":";
        appendJsonString(out, entity->name);
        out += ",\"fields\":";
        writeFields(out);
        out += ",\"id\":";
        appendJsonString(out, statement.text(0));
        if (removed) {
            out += ",\"removed\":true";
        }
        out += ",\"seq\":";
        out += std::to_string(scopeItems ? statement.int64(posCol) : statement.int64(5));
        out += ",\"updated_at\":";
        out += std::to_string(statement.int64(2));
        out += ",\"updated_by\":";
        appendJsonString(out, statement.text(3));
        out += ",\"version\":";
        out += std::to_string(statement.int64(1));
        out += '}';
        advance();
    }

  private:
    /// The fields object: sync::readField() of each column, by field name.
    void writeFields(std::string& out) const {
        const auto& order = fieldsByName(*entity);
        out += '{';
        bool first = true;
        for (std::size_t i : order) {
            const auto& f = entity->fields[i];
            out += first ? "\"" : ",\"";
            first = false;
            out += f.name; // registry names: lower-case ASCII, nothing to escape
            out += "\":";
            const int col = 6 + static_cast<int>(i);
            if (statement.isNull(col)) {
                out += "null";
                continue;
            }
            switch (f.type) {
            case domain::FieldType::Text:
            case domain::FieldType::Ref:
                appendJsonString(out, statement.text(col));
                break;
            case domain::FieldType::Int:
            case domain::FieldType::TimeMs:
                out += std::to_string(statement.int64(col));
                break;
            case domain::FieldType::Bool:
                out += statement.int64(col) != 0 ? "true" : "false";
                break;
            }
        }
        out += '}';
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

namespace {
/// Where a page ended (mergePage()).
struct PageEnd {
    std::int64_t cursor = 0;   ///< the answer's cursor
    bool hasMore = false;      ///< more changes wait after the cursor
    std::int64_t snapshot = 0; ///< the answer's snapshot (0: none)
};

/// The merge of pull(), in its read snapshot: calls `take(source)` for each
/// change of the page in position order (take() must advance the source:
/// PullSource::take() or write()), and says where the page ended.
template <class Take>
PageEnd mergePage(ServerDb& db, const Principal& who, std::int64_t cursor, int limit,
                  std::int64_t snapshot, Take take) {
    const auto upTo = db.currentSeq();
    // A first download is live-only: the device holds nothing older than its
    // first page's sequence, so tombstones and removals up to it are skipped.
    const std::int64_t liveBelow = liveBelowOf(cursor, snapshot, upTo);
    // A merge of the per-entity streams by seq: only the rows of this page
    // are read (issue 6: reading limit + 1 rows of every entity and sorting
    // them cost seven times the page).
    // The statements are prepared once per server (ServerDb::cached): a
    // live fan-out runs this for every connected user after every commit.
    std::vector<PullSource> sources;
    sources.reserve(2 * domain::entities().size());
    ResetSources resetSources{sources};
    for (const auto& e : domain::entities()) {
        auto& st =
            db.cached("SELECT " + selectColumns(e) + " FROM " + std::string(e.table) + " r WHERE " +
                      changedRowsTest(scopeCondition(who, e.name)) + " ORDER BY r.seq LIMIT ?3");
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
    PageEnd end;
    int taken = 0;
    std::int64_t last = 0;
    PullSource* source = next();
    while (source && taken < limit) {
        last = source->key; // the change's seq: its position
        take(*source);
        ++taken;
        source = next();
    }
    if (source) {
        end.hasMore = true;
        end.cursor = last;
        end.snapshot = liveBelow;
    } else {
        end.cursor = std::max(cursor, upTo);
    }
    return end;
}

/// Opens `snapshot` unless the caller is in a read transaction already
/// (the pull route's checks, a live fan-out keep their snapshot).
void snapshotUnlessInOne(ServerDb& db, std::optional<store::ReadTransaction>& snapshot) {
    if (sqlite3_get_autocommit(db.db().handle()) != 0) {
        snapshot.emplace(db.db());
    }
}
} // namespace

sync::PullResponse pull(ServerDb& db, const Principal& who, std::int64_t cursor, int limit,
                        std::int64_t snapshot) {
    sync::PullResponse resp;
    // One snapshot: the sequence read first bounds every row scanned after it,
    // even while another process (import-sample) writes. A caller already in
    // a read transaction (the pull route's checks, a live fan-out) keeps its
    // snapshot.
    std::optional<store::ReadTransaction> readSnapshot;
    snapshotUnlessInOne(db, readSnapshot);
    resp.changes.reserve(static_cast<std::size_t>(limit));
    const auto end = mergePage(db, who, cursor, limit, snapshot, [&resp](PullSource& source) {
        resp.changes.push_back(source.take());
    });
    resp.cursor = end.cursor;
    resp.hasMore = end.hasMore;
    resp.snapshot = end.snapshot;
    resp.serverTimeMs = domain::nowMs();
    resp.databaseId = databaseId(db);
    resp.epoch = currentEpoch(db);
    return resp;
}

std::string pullJson(ServerDb& db, const Principal& who, std::int64_t cursor, int limit,
                     std::int64_t snapshot, std::size_t* records) {
    std::optional<store::ReadTransaction> readSnapshot;
    snapshotUnlessInOne(db, readSnapshot);
    // Keys in nlohmann's (sorted) order, as sync::dumpSafe(sync::toJson(pull())).
    std::string out = "{\"changes\":[";
    std::size_t written = 0;
    const auto end = mergePage(db, who, cursor, limit, snapshot, [&](PullSource& source) {
        if (written++ > 0) {
            out += ',';
        }
        source.write(out);
    });
    if (records) {
        *records = written;
    }
    out += "],\"cursor\":";
    out += std::to_string(end.cursor);
    if (auto id = databaseId(db); !id.empty()) {
        out += ",\"database_id\":";
        appendJsonString(out, id);
    }
    if (auto epoch = currentEpoch(db); !epoch.empty()) {
        out += ",\"epoch\":";
        appendJsonString(out, epoch);
    }
    out += ",\"has_more\":";
    out += end.hasMore ? "true" : "false";
    out += ",\"server_time\":";
    out += std::to_string(domain::nowMs());
    if (end.snapshot > 0) {
        out += ",\"snapshot\":";
        out += std::to_string(end.snapshot);
    }
    out += '}';
    return out;
}

std::set<std::string> usersWithChanges(ServerDb& db, const std::vector<Principal>& candidates,
                                       std::int64_t cursor) {
    std::set<std::string> out;
    if (candidates.empty()) {
        return out;
    }
    std::optional<store::ReadTransaction> readSnapshot;
    snapshotUnlessInOne(db, readSnapshot);
    const auto upTo = db.currentSeq();
    const auto liveBelow = liveBelowOf(cursor, 0, upTo);
    for (const auto& e : domain::entities()) {
        // The candidates not yet known to be concerned, by the text of their
        // scope condition (one per role class): one statement each.
        std::map<std::string, std::vector<std::string>> byCondition;
        for (const auto& who : candidates) {
            if (!out.count(who.userId)) {
                byCondition[scopeCondition(who, e.name)].push_back(who.userId);
            }
        }
        for (const auto& [cond, users] : byCondition) {
            const auto ids = json(users).dump();
            // CROSS JOIN: the changed rows (by their seq index) outside, so
            // that the scope probes run for those rows only.
            auto& rows = db.cached("SELECT DISTINCT u.value FROM " + std::string(e.table) +
                                   " r CROSS JOIN json_each(?7) u WHERE " +
                                   changedRowsTest(forUserIn(cond, "u.value")));
            rows.bind(2, cursor).bind(4, upTo).bind(5, liveBelow).bind(7, ids);
            auto& items = db.cached(
                "SELECT DISTINCT i.user_id FROM scope_change_items i JOIN " + std::string(e.table) +
                " r ON r.id = i.record_id WHERE i.user_id IN (SELECT value FROM json_each(?7))"
                " AND " +
                scopeItemsTest(forUserIn(cond, "i.user_id")));
            items.bind(2, cursor)
                .bind(4, upTo)
                .bind(5, std::string(e.name))
                .bind(6, liveBelow)
                .bind(7, ids);
            // Reset (cached statements) before the snapshot ends, also on error.
            struct Reset {
                store::Statement& a;
                store::Statement& b;
                ~Reset() {
                    a.reset();
                    b.reset();
                }
            } reset{rows, items};
            for (auto* st : {&rows, &items}) {
                while (st->step()) {
                    out.insert(st->text(0));
                }
            }
        }
    }
    return out;
}

} // namespace fieldbook::server
