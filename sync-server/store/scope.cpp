// SPDX-License-Identifier: MIT
#include "store/scope.h"

#include "domain/entities.h"

namespace fieldbook::server {

using nlohmann::json;

namespace {
// A manager's scope clients (SPEC §4): curated, or with a deal, a planned
// activity or a deal stage of theirs. ?1 is the manager's user id; `client`
// the SQL expression of the client id tested. A tombstoned deal, activity or
// stage no longer counts (it still syncs out itself: see scopeDealTest and
// the planned_activity rule). scopeClientsAmong() is the same rule for given
// clients. Correlated EXISTS probes, each one index lookup (clients' key,
// deals_client, activities_client, deal_stages_deal_manager), so that a
// page of a pull costs its own rows, not the whole scope: an IN (SELECT ...
// UNION ...) list was rebuilt by every statement, per entity and per page
// (issue 6: 270 ms a page for a 10,000-client scope at 1/10 of its size).
// Every term but the probed record's key carries a unary +, so that the only
// index SQLite can use is the one on that key: on sa.assignee_id it walked
// all the manager's planned activities for every record tested that is not
// theirs (issue 6: 0.64 s for the last page of a 22,000-record download, 60x
// that at full size); on sd.deleted and sd.manager_id it walked every live
// deal through the report index deals_closed_facts (deleted, ...), or all of
// the manager's through deals_manager_facts (a manager's first pull 45-60 s
// instead of 0.15 s at 1/10 of the bench's size). tst_pull_plans checks that
// every probe is keyed by the record tested.
std::string scopeClientTest(const std::string& client) {
    return "(EXISTS (SELECT 1 FROM clients sc WHERE sc.id = " + client +
           " AND sc.curator_id = ?1)"
           " OR EXISTS (SELECT 1 FROM deals sd WHERE sd.client_id = " +
           client +
           " AND +sd.manager_id = ?1 AND +sd.deleted = 0)"
           " OR EXISTS (SELECT 1 FROM planned_activities sa WHERE sa.client_id = " +
           client +
           " AND +sa.assignee_id = ?1 AND +sa.deleted = 0)"
           " OR EXISTS (SELECT 1 FROM deals sd CROSS JOIN deal_stages ss ON ss.deal_id = sd.id"
           " WHERE sd.client_id = " +
           client + " AND ss.manager_id = ?1 AND +ss.deleted = 0 AND +sd.deleted = 0))";
}

// A manager's deals: theirs, of clients they curate, or with a stage they
// worked; `deal` is the SQL expression of the deal id tested.
// scopeDealsAmong() is the same rule for given deals.
std::string scopeDealTest(const std::string& deal) {
    return "(EXISTS (SELECT 1 FROM deals sd LEFT JOIN clients sc ON sc.id = sd.client_id"
           " WHERE sd.id = " +
           deal +
           " AND (sd.manager_id = ?1 OR sc.curator_id = ?1))"
           " OR EXISTS (SELECT 1 FROM deal_stages ss WHERE ss.deal_id = " +
           deal + " AND ss.manager_id = ?1))";
}

bool clientInScope(ServerDb& db, const std::string& userId, const json& clientId) {
    return clientId.is_string() &&
           !scopeClientsAmong(db, userId, {clientId.get<std::string>()}).empty();
}

bool dealInScope(ServerDb& db, const std::string& userId, const json& dealId) {
    return dealId.is_string() && !scopeDealsAmong(db, userId, {dealId.get<std::string>()}).empty();
}

std::set<std::string> column(store::Statement& st) {
    std::set<std::string> out;
    while (st.step()) {
        if (!st.isNull(0)) {
            out.insert(st.text(0));
        }
    }
    return out;
}

bool curates(ServerDb& db, const std::string& userId, const json& clientId) {
    if (!clientId.is_string()) {
        return false;
    }
    auto st = db.statement("SELECT 1 FROM clients WHERE id = ? AND curator_id = ?");
    st->bind(1, clientId.get<std::string>()).bind(2, userId);
    return st->step();
}

bool is(const json& v, const std::string& s) {
    return v.is_string() && v == s;
}

json field(const json& r, const char* name) {
    return r.value(name, json());
}

/// The deal's client_id and manager_id, or nulls when there is no such deal.
json dealOf(ServerDb& db, const json& dealId) {
    json out = {{"client_id", nullptr}, {"manager_id", nullptr}};
    if (!dealId.is_string()) {
        return out;
    }
    auto st = db.statement("SELECT client_id, manager_id FROM deals WHERE id = ?");
    st->bind(1, dealId.get<std::string>());
    if (st->step()) {
        out["client_id"] = st->isNull(0) ? json() : json(st->text(0));
        out["manager_id"] = st->isNull(1) ? json() : json(st->text(1));
    }
    return out;
}

bool managerWritesDeal(ServerDb& db, const std::string& u, const json& deal) {
    // Owning the deal is not enough: the client must already be the manager's,
    // or a new deal would bring any client into their scope.
    auto client = field(deal, "client_id");
    bool ownClient = client.is_null() || clientInScope(db, u, client);
    return (is(field(deal, "manager_id"), u) && ownClient) || curates(db, u, client);
}
} // namespace

bool everyoneReads(std::string_view entity) {
    return entity == "user" || entity == "product" || entity == "reference_item" ||
           entity == "stage" || entity == "document_template" || entity == "busy_slot";
}

bool isDealChild(std::string_view entity) {
    return entity == "deal_line" || entity == "deal_stage" || entity == "payment" ||
           entity == "delivery";
}

std::string scopeCondition(const Principal& who, std::string_view entity) {
    if (entity == "conflict") {
        return "(r.winner_id = ?1 OR r.loser_id = ?1)";
    }
    if (domain::hasFullScope(who.role) || everyoneReads(entity)) {
        return "(?1 IS NOT NULL)";
    }
    if (entity == "client") {
        return scopeClientTest("r.id");
    }
    if (entity == "deal") {
        return scopeDealTest("r.id");
    }
    if (entity == "deal_stage") {
        return "(r.manager_id = ?1 OR " + scopeDealTest("r.deal_id") + ")";
    }
    if (isDealChild(entity)) {
        return scopeDealTest("r.deal_id");
    }
    if (entity == "contact") {
        return scopeClientTest("r.client_id");
    }
    if (entity == "history_entry" || entity == "mailing_request") {
        return "(r.author_id = ?1 OR " + scopeClientTest("r.client_id") + ")";
    }
    if (entity == "planned_activity") {
        return "(r.assignee_id = ?1 OR r.author_id = ?1 OR " + scopeClientTest("r.client_id") + ")";
    }
    return "(0)";
}

bool inScope(ServerDb& db, const Principal& who, std::string_view entity, const std::string& id,
             const json& r) {
    const auto& u = who.userId;
    if (entity == "conflict") {
        return is(field(r, "winner_id"), u) || is(field(r, "loser_id"), u);
    }
    if (domain::hasFullScope(who.role) || everyoneReads(entity)) {
        return true;
    }
    if (entity == "client") {
        return is(field(r, "curator_id"), u) || clientInScope(db, u, json(id));
    }
    if (entity == "deal") {
        return is(field(r, "manager_id"), u) || curates(db, u, field(r, "client_id")) ||
               dealInScope(db, u, json(id));
    }
    if (entity == "deal_stage" && is(field(r, "manager_id"), u)) {
        return true;
    }
    if (isDealChild(entity)) {
        return dealInScope(db, u, field(r, "deal_id"));
    }
    if (entity == "contact") {
        return clientInScope(db, u, field(r, "client_id"));
    }
    if (entity == "history_entry" || entity == "mailing_request") {
        return is(field(r, "author_id"), u) || clientInScope(db, u, field(r, "client_id"));
    }
    if (entity == "planned_activity") {
        return is(field(r, "assignee_id"), u) || is(field(r, "author_id"), u) ||
               clientInScope(db, u, field(r, "client_id"));
    }
    return false;
}

std::set<std::string> scopeClientsAmong(ServerDb& db, const std::string& userId,
                                        const std::vector<std::string>& clientIds) {
    if (clientIds.empty()) {
        return {};
    }
    // The pull's test, so that both keep the same rule and the same plan.
    auto st =
        db.statement("SELECT c.value FROM json_each(?2) c WHERE " + scopeClientTest("c.value"));
    st->bind(1, userId).bind(2, json(clientIds).dump());
    return column(*st);
}

std::set<std::string> scopeDealsAmong(ServerDb& db, const std::string& userId,
                                      const std::vector<std::string>& dealIds) {
    if (dealIds.empty()) {
        return {};
    }
    auto st = db.statement("SELECT d.id FROM deals d LEFT JOIN clients c ON c.id = d.client_id"
                           " WHERE d.id IN (SELECT value FROM json_each(?2)) AND (d.manager_id = ?1"
                           " OR c.curator_id = ?1 OR EXISTS (SELECT 1 FROM deal_stages s"
                           " WHERE s.deal_id = d.id AND s.manager_id = ?1))");
    st->bind(1, userId).bind(2, json(dealIds).dump());
    return column(*st);
}

std::set<std::string> usersWithScopeAt(ServerDb& db, const std::vector<std::string>& clientIds,
                                       const std::vector<std::string>& dealIds) {
    auto st = db.statement(
        "WITH cl(id) AS (SELECT value FROM json_each(?1)), dl(id) AS (SELECT value FROM "
        "json_each(?2)) SELECT u.id, u.role FROM users u WHERE u.id IN ("
        " SELECT curator_id FROM clients WHERE id IN cl"
        " UNION SELECT manager_id FROM deals WHERE client_id IN cl"
        " UNION SELECT assignee_id FROM planned_activities WHERE client_id IN cl"
        " UNION SELECT s.manager_id FROM deal_stages s JOIN deals d ON d.id = s.deal_id"
        " WHERE d.client_id IN cl"
        " UNION SELECT manager_id FROM deals WHERE id IN dl"
        " UNION SELECT c.curator_id FROM deals d JOIN clients c ON c.id = d.client_id"
        " WHERE d.id IN dl"
        " UNION SELECT manager_id FROM deal_stages WHERE deal_id IN dl)");
    st->bind(1, json(clientIds).dump()).bind(2, json(dealIds).dump());
    std::set<std::string> out;
    while (st->step()) {
        if (!domain::hasFullScope(st->isNull(1) ? std::string() : st->text(1))) {
            out.insert(st->text(0));
        }
    }
    return out;
}

bool canWrite(ServerDb& db, const Principal& who, std::string_view entity, const std::string& id,
              const json& r) {
    if (entity == "conflict") {
        return false;
    }
    if (domain::hasFullScope(who.role) || everyoneReads(entity)) {
        return true; // what the role may do is the permission matrix's business
    }
    const auto& u = who.userId;
    if (entity == "client") {
        return is(field(r, "curator_id"), u) || clientInScope(db, u, json(id));
    }
    if (entity == "deal") {
        return managerWritesDeal(db, u, r);
    }
    if (isDealChild(entity)) {
        return managerWritesDeal(db, u, dealOf(db, field(r, "deal_id")));
    }
    if (entity == "contact" || entity == "history_entry" || entity == "planned_activity" ||
        entity == "mailing_request") {
        return clientInScope(db, u, field(r, "client_id"));
    }
    return false;
}

} // namespace fieldbook::server
