// SPDX-License-Identifier: MIT
#include "import/record_writer.h"

#include "domain/entities.h"
#include "sync/schema.h"

#include <stdexcept>

namespace fieldbook::server {

RecordWriter::RecordWriter(ServerDb& db, std::int64_t nowMs, std::string updatedBy)
    : db_(db), now_(nowMs), updatedBy_(std::move(updatedBy)) {}

bool RecordWriter::insert(const std::string& entity, const std::string& id,
                          const nlohmann::json& fields) {
    const auto* e = domain::findEntity(entity);
    if (!e) {
        throw std::logic_error("unknown entity " + entity);
    }
    auto& st = statementFor(entity);
    st.reset();
    st.bind(1, id).bind(2, now_).bind(3, db_.currentSeq() + 1).bind(4, updatedBy_);
    int i = 5;
    for (const auto& f : e->fields) {
        sync::bindField(st, i++, f, fields.value(std::string(f.name), nlohmann::json()));
    }
    st.run();
    if (db_.db().changes() == 0) {
        return false;
    }
    db_.nextSeq(); // the number bound above: taken only when a row went in
    return true;
}

store::Statement& RecordWriter::statementFor(const std::string& entity) {
    auto it = cache_.find(entity);
    if (it != cache_.end()) {
        return it->second;
    }
    const auto& e = *domain::findEntity(entity);
    std::string qs;
    for (size_t i = 0; i < e.fields.size(); ++i) {
        qs += ", ?" + std::to_string(5 + i);
    }
    std::string sql = "INSERT OR IGNORE INTO " + std::string(e.table) +
                      "(id, version, updated_at, updated_by, deleted, seq, " +
                      sync::fieldColumns(e) + ") VALUES(?1, 1, ?2, ?4, 0, ?3" + qs + ")";
    return cache_.emplace(entity, store::Statement(db_.db(), sql)).first->second;
}

} // namespace fieldbook::server
