// SPDX-License-Identifier: MIT
// Read queries of the replica: what the app's pages and fieldbook-cli show.
#include "device/replica.h"

#include "device/client_list.h"
#include "device/record_query.h"

namespace fieldbook::device {

using detail::def;
using detail::selectRecords;
using nlohmann::json;
using store::Statement;

namespace {
constexpr std::int64_t kDayMs = 86'400'000;
} // namespace

json Replica::clients(const std::string& search) {
    std::string pattern = clientSearchPattern(search);
    return selectRecords(db_, def("client"), "c",
                         "(SELECT full_name FROM users u WHERE u.id = c.curator_id), "
                         "(SELECT COUNT(*) FROM deals d WHERE d.client_id = c.id AND d.deleted = 0 "
                         "AND d.outcome = 'open')",
                         {"curator_name", "open_deals"},
                         "WHERE " + clientSearchCondition() + " ORDER BY " + clientListOrder(),
                         [&](Statement& st) { st.bind(1, search).bind(2, pattern); });
}

json Replica::clientCard(const std::string& clientId) {
    auto client =
        selectRecords(db_, def("client"), "c",
                      "(SELECT full_name FROM users u WHERE u.id = c.curator_id), "
                      "(SELECT full_name FROM users u WHERE u.id = c.first_contact_by)",
                      {"curator_name", "first_contact_by_name"}, "WHERE c.id = ? AND c.deleted = 0",
                      [&](Statement& st) { st.bind(1, clientId); });
    if (client.empty()) {
        return nullptr;
    }
    auto byClient = [&](Statement& st) { st.bind(1, clientId); };
    json card;
    card["client"] = client[0];
    card["contacts"] =
        selectRecords(db_, def("contact"), "x", "", {},
                      "WHERE x.client_id = ? AND x.deleted = 0 ORDER BY x.name", byClient);
    card["deals"] = selectRecords(
        db_, def("deal"), "d",
        "(SELECT name FROM products p WHERE p.id = d.product_id), "
        "(SELECT full_name FROM users u WHERE u.id = d.manager_id)",
        {"product_name", "manager_name"},
        "WHERE d.client_id = ? AND d.deleted = 0 ORDER BY d.outcome != 'open', d.opened_at DESC",
        byClient);
    card["history"] = selectRecords(
        db_, def("history_entry"), "h", "(SELECT full_name FROM users u WHERE u.id = h.author_id)",
        {"author_name"},
        "WHERE h.client_id = ? AND h.deleted = 0 ORDER BY h.occurred_at DESC, h.id", byClient);
    card["plans"] = selectRecords(
        db_, def("planned_activity"), "p",
        "(SELECT full_name FROM users u WHERE u.id = p.assignee_id)", {"assignee_name"},
        "WHERE p.client_id = ? AND p.deleted = 0 ORDER BY p.starts_at", byClient);
    card["mailings"] = mailingRequests(clientId);
    return card;
}

json Replica::activitiesForDay(const std::string& userId, std::int64_t dayStartMs,
                               bool withOverdue) {
    return selectRecords(
        db_, def("planned_activity"), "p",
        "(SELECT name FROM clients c WHERE c.id = p.client_id), "
        "CASE WHEN p.starts_at < ?2 THEN 1 ELSE 0 END",
        {"client_name", "overdue"},
        "WHERE p.assignee_id = ?1 AND p.deleted = 0 AND ((p.starts_at >= ?2 AND p.starts_at < ?3) "
        "OR (?4 AND p.status = 'planned' AND p.starts_at < ?2)) "
        "ORDER BY p.starts_at < ?2 DESC, p.starts_at",
        [&](Statement& st) {
            st.bind(1, userId)
                .bind(2, dayStartMs)
                .bind(3, dayStartMs + kDayMs)
                .bind(4, std::int64_t{withOverdue ? 1 : 0});
        });
}

json Replica::deals(bool openOnly) {
    return selectRecords(db_, def("deal"), "d",
                         "(SELECT name FROM clients c WHERE c.id = d.client_id), "
                         "(SELECT name FROM products p WHERE p.id = d.product_id), "
                         "(SELECT full_name FROM users u WHERE u.id = d.manager_id)",
                         {"client_name", "product_name", "manager_name"},
                         "WHERE d.deleted = 0 AND (?1 = 0 OR d.outcome = 'open') "
                         "ORDER BY d.opened_at DESC, d.id",
                         [&](Statement& st) { st.bind(1, std::int64_t{openOnly ? 1 : 0}); });
}

json Replica::users() {
    return selectRecords(db_, def("user"), "u", "", {}, "WHERE u.deleted = 0 ORDER BY u.login",
                         [](Statement&) {});
}

json Replica::userByLogin(const std::string& login) {
    auto rows = selectRecords(db_, def("user"), "u", "", {}, "WHERE u.login = ? AND u.deleted = 0",
                              [&](Statement& st) { st.bind(1, login); });
    return rows.empty() ? json() : rows[0];
}

json Replica::conflicts() {
    return selectRecords(db_, def("conflict"), "k", "", {},
                         "WHERE k.deleted = 0 ORDER BY k.decided_at DESC", [](Statement&) {});
}

json Replica::rejectedMutations() {
    Statement st(db_, "SELECT mutation_id, entity, record_id, op, fields, error_code, "
                      "error_message, rejected_at FROM rejected_mutations ORDER BY rejected_at");
    json out = json::array();
    while (st.step()) {
        out.push_back({{"mutation_id", st.text(0)},
                       {"entity", st.text(1)},
                       {"record_id", st.text(2)},
                       {"op", st.text(3)},
                       {"fields", json::parse(st.text(4))},
                       {"error_code", st.text(5)},
                       {"error_message", st.text(6)},
                       {"rejected_at", st.int64(7)}});
    }
    return out;
}

} // namespace fieldbook::device
