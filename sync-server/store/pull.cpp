// SPDX-License-Identifier: MIT
#include "store/pull.h"

#include "domain/clock.h"
#include "domain/entities.h"
#include "store/scope.h"
#include "sync/schema.h"

#include <algorithm>

namespace fieldbook::server {

using nlohmann::json;

sync::PullResponse pull(ServerDb& db, const Principal& who, std::int64_t cursor, int limit) {
    sync::PullResponse resp;
    std::vector<sync::RecordChange> all;
    for (const auto& e : domain::entities()) {
        store::Statement st(db.db(), "SELECT r.id, r.version, r.updated_at, r.updated_by, "
                                     "r.deleted, r.seq, " +
                                         [&] {
                                             std::string cols;
                                             for (const auto& f : e.fields) {
                                                 cols += (cols.empty() ? "r." : ", r.") +
                                                         std::string(f.name);
                                             }
                                             return cols;
                                         }() +
                                         " FROM " + std::string(e.table) +
                                         " r WHERE r.seq > ?2 AND " + scopeCondition(who, e.name) +
                                         " ORDER BY r.seq LIMIT ?3");
        st.bind(1, who.userId).bind(2, cursor).bind(3, limit + 1);
        while (st.step()) {
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
            all.push_back(std::move(c));
        }
    }
    std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.seq < b.seq; });
    if (all.size() > static_cast<size_t>(limit)) {
        all.resize(static_cast<size_t>(limit));
        resp.hasMore = true;
        resp.cursor = all.back().seq;
    } else {
        resp.cursor = std::max(cursor, db.currentSeq());
    }
    resp.changes = std::move(all);
    resp.serverTimeMs = domain::nowMs();
    return resp;
}

} // namespace fieldbook::server
