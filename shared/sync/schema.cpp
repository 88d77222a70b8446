// SPDX-License-Identifier: MIT
#include "sync/schema.h"

#include <set>

namespace fieldbook::sync {

using domain::FieldType;

std::string entityTableDdl(const domain::EntityDef& entity, Side side) {
    std::string sql = "CREATE TABLE IF NOT EXISTS " + std::string(entity.table) +
                      " (id TEXT PRIMARY KEY NOT NULL, version INTEGER NOT NULL DEFAULT 0,"
                      " updated_at INTEGER NOT NULL DEFAULT 0, updated_by TEXT,"
                      " deleted INTEGER NOT NULL DEFAULT 0";
    for (const auto& f : entity.fields) {
        sql += ", ";
        sql += f.name;
        switch (f.type) {
        case FieldType::Text:
        case FieldType::Ref:
            sql += " TEXT";
            break;
        case FieldType::Int:
        case FieldType::TimeMs:
        case FieldType::Bool:
            sql += " INTEGER";
            break;
        }
    }
    if (side == Side::Server) {
        sql += ", seq INTEGER NOT NULL DEFAULT 0, field_meta TEXT NOT NULL DEFAULT '{}'";
    }
    sql += ");\n";
    if (side == Side::Server) {
        sql += "CREATE INDEX IF NOT EXISTS " + std::string(entity.table) + "_seq ON " +
               std::string(entity.table) + "(seq);\n";
    }
    return sql;
}

namespace {
const char* sqlType(FieldType type) {
    switch (type) {
    case FieldType::Text:
    case FieldType::Ref:
        return "TEXT";
    case FieldType::Int:
    case FieldType::TimeMs:
    case FieldType::Bool:
        return "INTEGER";
    }
    return "TEXT";
}
} // namespace

int addMissingTablesAndColumns(store::Database& db, Side side) {
    int added = 0;
    for (const auto& e : domain::entities()) {
        std::set<std::string> columns;
        {
            store::Statement st(db, "SELECT name FROM pragma_table_info(?)");
            st.bind(1, std::string(e.table));
            while (st.step()) {
                columns.insert(st.text(0));
            }
        }
        if (columns.empty()) {
            db.exec(entityTableDdl(e, side));
            ++added;
            continue;
        }
        for (const auto& f : e.fields) {
            if (columns.count(std::string(f.name)) == 0) {
                db.exec("ALTER TABLE " + std::string(e.table) + " ADD COLUMN " +
                        std::string(f.name) + " " + sqlType(f.type));
                ++added;
            }
        }
    }
    return added;
}

std::string fieldColumns(const domain::EntityDef& entity) {
    std::string out;
    for (const auto& f : entity.fields) {
        if (!out.empty()) {
            out += ", ";
        }
        out += f.name;
    }
    return out;
}

void bindField(store::Statement& st, int index, const domain::FieldDef& field,
               const nlohmann::json& value) {
    if (value.is_null()) {
        st.bindNull(index);
        return;
    }
    switch (field.type) {
    case FieldType::Text:
    case FieldType::Ref:
        if (value.is_string()) {
            st.bind(index, value.get_ref<const std::string&>());
        } else {
            st.bind(index, value.dump());
        }
        return;
    case FieldType::Int:
    case FieldType::TimeMs:
        st.bind(index, value.is_number() ? value.get<std::int64_t>() : std::int64_t{0});
        return;
    case FieldType::Bool:
        st.bind(index, value.is_boolean() ? std::int64_t{value.get<bool>()} : std::int64_t{0});
        return;
    }
}

nlohmann::json readField(const store::Statement& st, int column, const domain::FieldDef& field) {
    if (st.isNull(column)) {
        return nullptr;
    }
    switch (field.type) {
    case FieldType::Text:
    case FieldType::Ref:
        return st.text(column);
    case FieldType::Int:
    case FieldType::TimeMs:
        return st.int64(column);
    case FieldType::Bool:
        return st.int64(column) != 0;
    }
    return nullptr;
}

} // namespace fieldbook::sync
