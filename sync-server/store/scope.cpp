// SPDX-License-Identifier: MIT
#include "store/scope.h"

#include "domain/entities.h"

namespace fieldbook::server {

namespace {
constexpr const char* kScopeClients =
    "(SELECT id FROM clients WHERE curator_id = ?1"
    " UNION SELECT client_id FROM deals WHERE manager_id = ?1 AND client_id IS NOT NULL"
    " UNION SELECT client_id FROM planned_activities WHERE assignee_id = ?1)";

bool clientInScope(ServerDb& db, const std::string& userId, const nlohmann::json& clientId) {
    if (!clientId.is_string()) {
        return false;
    }
    store::Statement st(db.db(), std::string("SELECT 1 WHERE ?2 IN ") + kScopeClients);
    st.bind(1, userId).bind(2, clientId.get<std::string>());
    return st.step();
}

bool curates(ServerDb& db, const std::string& userId, const nlohmann::json& clientId) {
    if (!clientId.is_string()) {
        return false;
    }
    store::Statement st(db.db(), "SELECT 1 FROM clients WHERE id = ? AND curator_id = ?");
    st.bind(1, clientId.get<std::string>()).bind(2, userId);
    return st.step();
}

bool is(const nlohmann::json& v, const std::string& s) {
    return v.is_string() && v == s;
}
} // namespace

std::string scopeCondition(const Principal& who, std::string_view entity) {
    if (entity == "conflict") {
        return "(r.winner_id = ?1 OR r.loser_id = ?1)";
    }
    if (domain::hasFullScope(who.role) || entity == "user" || entity == "product") {
        return "(?1 IS NOT NULL)";
    }
    std::string clients = kScopeClients;
    if (entity == "client") {
        return "(r.id IN " + clients + ")";
    }
    if (entity == "deal") {
        return "(r.manager_id = ?1 OR r.client_id IN (SELECT id FROM clients WHERE curator_id = "
               "?1))";
    }
    if (entity == "contact") {
        return "(r.client_id IN " + clients + ")";
    }
    if (entity == "history_entry") {
        return "(r.author_id = ?1 OR r.client_id IN " + clients + ")";
    }
    if (entity == "planned_activity") {
        return "(r.assignee_id = ?1 OR r.author_id = ?1 OR r.client_id IN " + clients + ")";
    }
    return "(0)";
}

bool inScope(ServerDb& db, const Principal& who, std::string_view entity, const std::string& id,
             const nlohmann::json& r) {
    if (domain::hasFullScope(who.role) || entity == "product" || entity == "user") {
        return true;
    }
    const auto& u = who.userId;
    if (entity == "client") {
        return is(r.value("curator_id", nlohmann::json()), u) ||
               clientInScope(db, u, nlohmann::json(id));
    }
    if (entity == "deal") {
        return is(r.value("manager_id", nlohmann::json()), u) ||
               curates(db, u, r.value("client_id", nlohmann::json()));
    }
    if (entity == "contact") {
        return clientInScope(db, u, r.value("client_id", nlohmann::json()));
    }
    if (entity == "history_entry") {
        return is(r.value("author_id", nlohmann::json()), u) ||
               clientInScope(db, u, r.value("client_id", nlohmann::json()));
    }
    if (entity == "planned_activity") {
        return is(r.value("assignee_id", nlohmann::json()), u) ||
               is(r.value("author_id", nlohmann::json()), u) ||
               clientInScope(db, u, r.value("client_id", nlohmann::json()));
    }
    return false;
}

bool canWrite(ServerDb& db, const Principal& who, std::string_view entity, const std::string& id,
              const nlohmann::json& r) {
    if (who.role == "marketing") {
        return false;
    }
    if (entity == "product" || entity == "user") {
        return who.role == "head" || who.role == "admin"; // reference data (SPEC §1)
    }
    if (domain::hasFullScope(who.role)) {
        return true;
    }
    const auto& u = who.userId;
    auto client = r.value("client_id", nlohmann::json());
    if (entity == "client") {
        return is(r.value("curator_id", nlohmann::json()), u) ||
               clientInScope(db, u, nlohmann::json(id));
    }
    if (entity == "deal") {
        // Owning the deal is not enough: the client must already be the manager's,
        // or a new deal would bring any client into their scope.
        bool ownClient = client.is_null() || clientInScope(db, u, client);
        return (is(r.value("manager_id", nlohmann::json()), u) && ownClient) ||
               curates(db, u, client);
    }
    if (entity == "contact" || entity == "history_entry" || entity == "planned_activity") {
        return clientInScope(db, u, client);
    }
    return false; // products and users: head and admin only
}

} // namespace fieldbook::server
