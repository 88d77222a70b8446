// SPDX-License-Identifier: MIT
#include "store/duplicates.h"

#include "domain/sales_rules.h"

namespace fieldbook::server {

using nlohmann::json;

namespace {
json textOrNull(const store::Statement& st, int col) {
    return st.isNull(col) ? json() : json(st.text(col));
}
} // namespace

std::string duplicateIndexDdl() {
    return "CREATE INDEX IF NOT EXISTS clients_name_key ON clients(fieldbook_name_key(name));"
           "CREATE INDEX IF NOT EXISTS clients_tax_key ON clients(trim(tax_id, char(32, 9, 13, "
           "10)));";
}

const char* const kDuplicateCandidatesSql =
    "SELECT c.id, c.name, c.tax_id, c.phone, c.city, c.curator_id, cu.full_name, "
    "c.first_contact_at, c.first_contact_by, fb.full_name FROM clients c "
    "LEFT JOIN users cu ON cu.id = c.curator_id "
    "LEFT JOIN users fb ON fb.id = c.first_contact_by "
    "WHERE (fieldbook_name_key(c.name) = ?2 OR trim(c.tax_id, char(32, 9, 13, 10)) = ?3) "
    "AND c.deleted = 0 AND c.id <> ?1 "
    "ORDER BY c.first_contact_at IS NULL, c.first_contact_at, c.seq";

json findDuplicateClients(ServerDb& db, const json& candidate, const std::string& excludeId) {
    // domain::duplicateReason needs the same tax id (trimmed) or the same
    // normalised name: only cards with one of them are read, through the
    // indexes of duplicateIndexDdl(), then judged exactly as before.
    auto trimmed = [&](const char* name) {
        auto v = candidate.value(name, json());
        if (!v.is_string()) {
            return std::string();
        }
        auto s = v.get<std::string>();
        auto first = s.find_first_not_of(" \t\r\n");
        if (first == std::string::npos) {
            return std::string();
        }
        return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
    };
    const auto nameKey = domain::normaliseName(trimmed("name"));
    const auto taxId = trimmed("tax_id");
    if (nameKey.empty() && taxId.empty()) {
        return json::array(); // duplicateReason finds nothing without either
    }
    auto st = db.statement(kDuplicateCandidatesSql);
    st->bind(1, excludeId);
    if (!nameKey.empty()) {
        st->bind(2, nameKey);
    }
    if (!taxId.empty()) {
        st->bind(3, taxId);
    }
    json out = json::array();
    while (st->step()) {
        json card = {{"id", st->text(0)},
                     {"name", textOrNull(*st, 1)},
                     {"tax_id", textOrNull(*st, 2)},
                     {"phone", textOrNull(*st, 3)},
                     {"city", textOrNull(*st, 4)},
                     {"curator_id", textOrNull(*st, 5)},
                     {"curator_name", textOrNull(*st, 6)},
                     {"first_contact_at", st->isNull(7) ? json() : json(st->int64(7))},
                     {"first_contact_by", textOrNull(*st, 8)},
                     {"first_contact_by_name", textOrNull(*st, 9)}};
        auto reason = domain::duplicateReason(candidate, card);
        if (!reason.empty()) {
            card["reason"] = reason;
            out.push_back(std::move(card));
        }
    }
    return out;
}

} // namespace fieldbook::server
