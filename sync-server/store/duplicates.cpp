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

json findDuplicateClients(ServerDb& db, const json& candidate, const std::string& excludeId) {
    // Names are compared normalised (domain::normaliseName), which SQL cannot
    // do, so every live card is read; fine for the thousands of cards of one
    // sales department.
    auto st =
        db.statement("SELECT c.id, c.name, c.tax_id, c.phone, c.city, c.curator_id, cu.full_name, "
                     "c.first_contact_at, c.first_contact_by, fb.full_name FROM clients c "
                     "LEFT JOIN users cu ON cu.id = c.curator_id "
                     "LEFT JOIN users fb ON fb.id = c.first_contact_by "
                     "WHERE c.deleted = 0 AND c.id <> ?1 "
                     "ORDER BY c.first_contact_at IS NULL, c.first_contact_at, c.seq");
    st->bind(1, excludeId);
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
