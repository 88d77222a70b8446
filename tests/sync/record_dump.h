// SPDX-License-Identifier: MIT
// Every record of a replica (or server) file as comparable text, for tests
// that check two files hold the same records (tst_cursor_recovery,
// tst_download_batch).
#pragma once

#include "domain/entities.h"
#include "store/database.h"

#include <QString>

#include <set>
#include <string>

namespace fieldbook::test {

/// Tombstones in a dump: left out, or kept with their `deleted` flag.
enum class Tombstones { Excluded, Included };

/// Every record of every registry entity in the file at `path`, as
/// "entity|id|version[|deleted]|field values" (SQL quote()). Throws
/// store::StoreError.
inline std::set<std::string> dumpRecords(const QString& path, Tombstones tombstones) {
    store::Database d(path.toStdString());
    std::set<std::string> out;
    const bool withDeleted = tombstones == Tombstones::Included;
    for (const auto& e : domain::entities()) {
        std::string cols =
            withDeleted ? "id || '|' || version || '|' || deleted" : "id || '|' || version";
        for (const auto& f : e.fields) {
            cols += " || '|' || quote(" + std::string(f.name) + ")";
        }
        store::Statement st(d, "SELECT " + cols + " FROM " + std::string(e.table) +
                                   (withDeleted ? "" : " WHERE deleted = 0"));
        while (st.step()) {
            out.insert(std::string(e.name) + "|" + st.text(0));
        }
    }
    return out;
}

} // namespace fieldbook::test
