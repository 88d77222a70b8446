// SPDX-License-Identifier: MIT
// Internal to fieldbook_device: the one SELECT shape the replica's reads use.
#pragma once

#include "domain/entities.h"
#include "store/database.h"
#include "sync/schema.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace fieldbook::device::detail {

/// Rows of `e` (table alias `alias`) selected by `tail` (WHERE/ORDER BY,
/// parameters bound by `binder`), as JSON records {id, version, updated_at,
/// updated_by, deleted, fields...} with the extra columns `extraCols` added
/// under the names in `extras` (integer or text, null when NULL).
template <typename Binder>
nlohmann::json selectRecords(store::Database& db, const domain::EntityDef& e,
                             const std::string& alias, const std::string& extraCols,
                             const std::vector<std::string>& extras, const std::string& tail,
                             Binder binder) {
    std::string cols = alias + ".id, " + alias + ".version, " + alias + ".updated_at, " + alias +
                       ".updated_by, " + alias + ".deleted";
    for (const auto& f : e.fields) {
        cols += ", " + alias + "." + std::string(f.name);
    }
    if (!extraCols.empty()) {
        cols += ", " + extraCols;
    }
    store::Statement st(db, "SELECT " + cols + " FROM " + std::string(e.table) + " " + alias + " " +
                                tail);
    binder(st);
    nlohmann::json out = nlohmann::json::array();
    while (st.step()) {
        nlohmann::json r = {{"id", st.text(0)},
                            {"version", st.int64(1)},
                            {"updated_at", st.int64(2)},
                            {"updated_by", st.text(3)},
                            {"deleted", st.int64(4) != 0}};
        int col = 5;
        for (const auto& f : e.fields) {
            r[std::string(f.name)] = sync::readField(st, col++, f);
        }
        for (const auto& name : extras) {
            if (st.isNull(col)) {
                r[name] = nullptr;
            } else if (st.columnType(col) == 1 /* SQLITE_INTEGER */) {
                r[name] = st.int64(col);
            } else {
                r[name] = st.text(col);
            }
            ++col;
        }
        out.push_back(std::move(r));
    }
    return out;
}

/// The registry entry of a known entity.
inline const domain::EntityDef& def(const char* name) {
    return *domain::findEntity(name);
}

/// A binder for statements without parameters.
inline void noParams(store::Statement&) {}

} // namespace fieldbook::device::detail
