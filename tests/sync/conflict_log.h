// SPDX-License-Identifier: MIT
// Reads the server's conflict log (docs/conflicts.md "The conflict log")
// straight from its database file, for tests that check which rule decided
// and who won and lost.
#pragma once

#include "../server/push_helpers.h"

#include <string>

namespace fieldbook::test {

/// The conflict records of one record, oldest first: each
/// {field, rule, winner_value, loser_value, winner_id, loser_id}, values
/// parsed from their JSON text.
inline json conflictsOf(const TestServer& server, const std::string& recordId) {
    store::Database d(server.dbPath().toStdString());
    store::Statement st(d, "SELECT field, rule, winner_value, loser_value, winner_id, loser_id "
                           "FROM conflicts WHERE record_id = ? ORDER BY seq");
    st.bind(1, recordId);
    json out = json::array();
    while (st.step()) {
        out.push_back({{"field", st.text(0)},
                       {"rule", st.text(1)},
                       {"winner_value", json::parse(st.text(2))},
                       {"loser_value", json::parse(st.text(3))},
                       {"winner_id", st.text(4)},
                       {"loser_id", st.text(5)}});
    }
    return out;
}

/// The rules of a record's conflict records, oldest first, e.g. "stage:later_stage_wins".
inline QStringList conflictRulesOf(const TestServer& server, const std::string& recordId) {
    QStringList out;
    for (const auto& c : conflictsOf(server, recordId)) {
        out << QString::fromStdString(c["field"].get<std::string>() + ":" +
                                      c["rule"].get<std::string>());
    }
    return out;
}

} // namespace fieldbook::test
