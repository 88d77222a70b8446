// SPDX-License-Identifier: MIT
#include "device/client_list.h"

namespace fieldbook::device {

using store::Statement;

// The labels are matched through two uncorrelated IN lists (computed once
// per statement) rather than an EXISTS per client: the same rows, without
// 10,000 x 62 LIKEs when no name matches.
const std::string& clientSearchCondition() {
    static const std::string condition =
        "c.deleted = 0 AND (?1 = '' OR c.name LIKE ?2 ESCAPE '\\' OR c.industry LIKE ?2 ESCAPE "
        "'\\' OR c.region LIKE ?2 ESCAPE '\\' "
        "OR c.industry IN (SELECT r.code FROM reference_items r WHERE r.deleted = 0 AND "
        "r.list = 'industry' AND r.label LIKE ?2 ESCAPE '\\') "
        "OR c.region IN (SELECT r.code FROM reference_items r WHERE r.deleted = 0 AND "
        "r.list = 'region' AND r.label LIKE ?2 ESCAPE '\\'))";
    return condition;
}

std::string clientSearchPattern(const std::string& search) {
    std::string pattern = "%";
    for (char c : search) {
        if (c == '%' || c == '_' || c == '\\') {
            pattern += '\\';
        }
        pattern += c;
    }
    return pattern + "%";
}

const std::string& clientListOrder() {
    static const std::string order = "c.name COLLATE NOCASE, c.id";
    return order;
}

std::vector<ClientListRow> clientListRows(store::Database& db) {
    // One GROUP BY over the open deals instead of a COUNT per client.
    Statement st(db, "SELECT c.id, c.name, c.industry, c.region, c.status, u.full_name, od.n "
                     "FROM clients c LEFT JOIN users u ON u.id = c.curator_id "
                     "LEFT JOIN (SELECT client_id, COUNT(*) AS n FROM deals WHERE deleted = 0 "
                     "AND outcome = 'open' GROUP BY client_id) od ON od.client_id = c.id "
                     "WHERE c.deleted = 0 ORDER BY " +
                         clientListOrder());
    std::vector<ClientListRow> rows;
    while (st.step()) {
        rows.push_back({st.text(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5),
                        st.isNull(6) ? 0 : st.int64(6)});
    }
    return rows;
}

std::vector<std::string> matchingClientIds(store::Database& db, const std::string& search,
                                           const std::function<bool()>& keepGoing) {
    Statement st(db, "SELECT c.id FROM clients c WHERE " + clientSearchCondition());
    st.bind(1, search).bind(2, clientSearchPattern(search));
    std::vector<std::string> ids;
    while (st.step()) {
        ids.push_back(st.text(0));
        if (keepGoing && ids.size() % 256 == 0 && !keepGoing()) {
            break;
        }
    }
    return ids;
}

} // namespace fieldbook::device
