// SPDX-License-Identifier: MIT
#include "store/scope_audience.h"

#include "domain/entities.h"
#include "domain/permissions.h"
#include "store/scope.h"

#include <vector>

namespace fieldbook::server {

bool ScopeAudience::surelyConcerned(const Principal& who) const {
    return everyone || (fullScope && domain::hasFullScope(who.role)) || told.count(who.userId);
}

namespace {
/// The columns of a changed row that name who sees it (scopeCondition()):
/// users directly, and the client and the deal whose scope it follows.
struct AudienceColumns {
    std::vector<std::string> users;
    std::string client;
    std::string deal;
};

AudienceColumns audienceColumns(std::string_view entity) {
    if (entity == "client") {
        return {{}, "id", ""};
    }
    if (entity == "deal") {
        return {{}, "", "id"};
    }
    if (entity == "deal_stage") {
        return {{"manager_id"}, "", "deal_id"};
    }
    if (isDealChild(entity)) {
        return {{}, "", "deal_id"};
    }
    if (entity == "contact") {
        return {{}, "client_id", ""};
    }
    if (entity == "history_entry" || entity == "mailing_request") {
        return {{"author_id"}, "client_id", ""};
    }
    if (entity == "planned_activity") {
        return {{"assignee_id", "author_id"}, "client_id", ""};
    }
    return {}; // "(0)" for a manager: nobody but the full scope
}

void addText(ServerDb::Reused& st, int col, std::set<std::string>& out) {
    if (!st->isNull(col)) {
        out.insert(st->text(col));
    }
}
} // namespace

ScopeAudience scopeAudience(ServerDb& db, std::int64_t from, std::int64_t upTo) {
    ScopeAudience out;
    std::set<std::string> clients;
    std::set<std::string> deals;
    for (const auto& e : domain::entities()) {
        const std::string table(e.table);
        const std::string range = " FROM " + table + " WHERE seq > ?1 AND seq <= ?2";
        if (e.name == "conflict") {
            auto st = db.statement("SELECT winner_id, loser_id" + range);
            st->bind(1, from).bind(2, upTo);
            while (st->step()) {
                addText(st, 0, out.told);
                addText(st, 1, out.told);
            }
            continue;
        }
        if (everyoneReads(e.name)) {
            auto st = db.statement("SELECT 1" + range + " LIMIT 1");
            st->bind(1, from).bind(2, upTo);
            if (st->step()) {
                out.everyone = out.fullScope = true;
            }
            continue;
        }
        auto cols = audienceColumns(e.name);
        std::string select = "SELECT 1";
        for (const auto& c : cols.users) {
            select += ", " + c;
        }
        select += cols.client.empty() ? ", NULL" : ", " + cols.client;
        select += cols.deal.empty() ? ", NULL" : ", " + cols.deal;
        auto st = db.statement(select + range);
        st->bind(1, from).bind(2, upTo);
        const int n = static_cast<int>(cols.users.size());
        while (st->step()) {
            out.fullScope = true;
            for (int i = 0; i < n; ++i) {
                addText(st, 1 + i, out.maybe);
            }
            addText(st, 1 + n, clients);
            addText(st, 2 + n, deals);
        }
    }
    {
        auto st = db.statement(
            "SELECT DISTINCT user_id FROM scope_change_items WHERE pos > ?1 AND pos <= ?2");
        st->bind(1, from).bind(2, upTo);
        while (st->step()) {
            addText(st, 0, out.maybe);
        }
    }
    if (!clients.empty() || !deals.empty()) {
        auto users =
            usersWithScopeAt(db, {clients.begin(), clients.end()}, {deals.begin(), deals.end()});
        out.maybe.insert(users.begin(), users.end());
    }
    return out;
}

} // namespace fieldbook::server
