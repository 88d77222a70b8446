// SPDX-License-Identifier: MIT
// The replica's secondary indexes in one list (issue 6).
#include "device/replica_indexes.h"

#include <array>
#include <set>
#include <string>

namespace fieldbook::device {

namespace {
// Schema 1 made the first eight, schema 2 the rest (docs/data-model.md).
constexpr std::array kIndexes = {
    ReplicaIndex{"outbox_record",
                 "CREATE INDEX IF NOT EXISTS outbox_record ON outbox(entity, record_id)", true},
    ReplicaIndex{"deals_client", "CREATE INDEX IF NOT EXISTS deals_client ON deals(client_id)"},
    ReplicaIndex{"deals_manager",
                 "CREATE INDEX IF NOT EXISTS deals_manager ON deals(manager_id, outcome)"},
    ReplicaIndex{"history_client", "CREATE INDEX IF NOT EXISTS history_client ON "
                                   "history_entries(client_id, occurred_at)"},
    ReplicaIndex{"contacts_client",
                 "CREATE INDEX IF NOT EXISTS contacts_client ON contacts(client_id)"},
    ReplicaIndex{"activities_assignee", "CREATE INDEX IF NOT EXISTS activities_assignee ON "
                                        "planned_activities(assignee_id, starts_at)"},
    ReplicaIndex{"activities_client",
                 "CREATE INDEX IF NOT EXISTS activities_client ON planned_activities(client_id)"},
    ReplicaIndex{"users_login", "CREATE INDEX IF NOT EXISTS users_login ON users(login)"},
    ReplicaIndex{"reference_items_list", "CREATE INDEX IF NOT EXISTS reference_items_list ON "
                                         "reference_items(list, sort_order)"},
    ReplicaIndex{"deal_lines_deal",
                 "CREATE INDEX IF NOT EXISTS deal_lines_deal ON deal_lines(deal_id)"},
    ReplicaIndex{"deal_stages_deal",
                 "CREATE INDEX IF NOT EXISTS deal_stages_deal ON deal_stages(deal_id)"},
    ReplicaIndex{"payments_deal", "CREATE INDEX IF NOT EXISTS payments_deal ON payments(deal_id)"},
    ReplicaIndex{"deliveries_deal",
                 "CREATE INDEX IF NOT EXISTS deliveries_deal ON deliveries(deal_id)"},
    ReplicaIndex{
        "mailing_requests_client",
        "CREATE INDEX IF NOT EXISTS mailing_requests_client ON mailing_requests(client_id)"},
    ReplicaIndex{"busy_slots_user",
                 "CREATE INDEX IF NOT EXISTS busy_slots_user ON busy_slots(user_id, starts_at)"},
    ReplicaIndex{"history_activity", "CREATE INDEX IF NOT EXISTS history_activity ON "
                                     "history_entries(planned_activity_id)"},
};

/// The meta key of the deferral mark (replicaIndexesDeferred()).
constexpr const char* kDeferredKey = "indexes_deferred";

std::set<std::string> existingIndexes(store::Database& db) {
    std::set<std::string> names;
    store::Statement st(db, "SELECT name FROM sqlite_master WHERE type = 'index'");
    while (st.step()) {
        names.insert(st.text(0));
    }
    return names;
}
} // namespace

std::span<const ReplicaIndex> replicaIndexes() {
    return kIndexes;
}

int createMissingReplicaIndexes(store::Database& db) {
    const auto existing = existingIndexes(db);
    int created = 0;
    for (const auto& index : kIndexes) {
        if (existing.count(std::string(index.name)) == 0) {
            db.exec(index.ddl);
            ++created;
        }
    }
    if (replicaIndexesDeferred(db)) {
        store::Statement clear(db, "DELETE FROM meta WHERE key = ?");
        clear.bind(1, kDeferredKey).run();
    }
    return created;
}

bool replicaIndexesDeferred(store::Database& db) {
    store::Statement st(db, "SELECT EXISTS(SELECT 1 FROM meta WHERE key = ?)");
    st.bind(1, kDeferredKey);
    st.step();
    return st.int64(0) != 0;
}

int dropIndexesForDownload(store::Database& db) {
    const auto existing = existingIndexes(db);
    int dropped = 0;
    for (const auto& index : kIndexes) {
        if (!index.usedByDownload && existing.count(std::string(index.name)) != 0) {
            db.exec("DROP INDEX IF EXISTS " + std::string(index.name));
            ++dropped;
        }
    }
    store::Statement mark(db, "INSERT OR REPLACE INTO meta(key, value) VALUES(?, '1')");
    mark.bind(1, kDeferredKey).run();
    return dropped;
}

} // namespace fieldbook::device
