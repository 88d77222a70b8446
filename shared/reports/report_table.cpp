// SPDX-License-Identifier: MIT
#include "reports/report_table.h"

#include <sqlite3.h>

#include <set>
#include <stdexcept>

namespace fieldbook::reports {

using nlohmann::json;

namespace {
std::string typeOf(const json& v) {
    if (v.is_number_integer()) {
        return "integer";
    }
    if (v.is_number()) {
        return "real";
    }
    return "text";
}
} // namespace

void Table::checkColumns() const {
    std::set<std::string_view> seen;
    for (const auto& c : columns) {
        if (!seen.insert(c.name).second) {
            throw std::logic_error("report " + report + ": duplicate column \"" + c.name + "\"");
        }
    }
}

json Table::toJson() const {
    checkColumns();
    json cols = json::array();
    for (const auto& c : columns) {
        cols.push_back({{"name", c.name}, {"type", c.type}});
    }
    json out = json::array();
    for (const auto& r : rows) {
        json o = json::object();
        for (size_t i = 0; i < columns.size() && i < r.size(); ++i) {
            o[columns[i].name] = r[i];
        }
        out.push_back(std::move(o));
    }
    return {{"report", report}, {"columns", cols}, {"rows", out}};
}

std::string csvField(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
        return std::string(text);
    }
    std::string out = "\"";
    for (char c : text) {
        out += c;
        if (c == '"') {
            out += '"';
        }
    }
    return out + "\"";
}

std::string csvText(std::string_view text) {
    if (!text.empty() &&
        std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos) {
        return "'" + std::string(text);
    }
    return std::string(text);
}

std::string Table::toCsv() const {
    checkColumns();
    std::string out;
    for (size_t i = 0; i < columns.size(); ++i) {
        out += (i ? "," : "") + csvField(columns[i].name);
    }
    out += "\r\n";
    for (const auto& r : rows) {
        for (size_t i = 0; i < r.size(); ++i) {
            if (i) {
                out += ',';
            }
            if (r[i].is_string()) {
                out += csvField(csvText(r[i].get_ref<const std::string&>()));
            } else if (!r[i].is_null()) {
                out += r[i].dump();
            }
        }
        out += "\r\n";
    }
    return out;
}

int Table::column(std::string_view name) const {
    for (size_t i = 0; i < columns.size(); ++i) {
        if (columns[i].name == name) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

std::optional<Table> Table::fromJson(const json& j) {
    if (!j.is_object() || !j.value("report", json()).is_string() ||
        !j.value("columns", json()).is_array() || !j.value("rows", json()).is_array()) {
        return std::nullopt;
    }
    Table t;
    t.report = j["report"].get<std::string>();
    for (const auto& c : j["columns"]) {
        if (!c.is_object() || !c.value("name", json()).is_string()) {
            return std::nullopt;
        }
        t.columns.push_back({c["name"].get<std::string>(), c.value("type", std::string("text"))});
    }
    try {
        t.checkColumns();
    } catch (const std::logic_error&) {
        return std::nullopt;
    }
    for (const auto& r : j["rows"]) {
        if (!r.is_object()) {
            return std::nullopt;
        }
        std::vector<json> row;
        for (const auto& c : t.columns) {
            row.push_back(r.value(c.name, json()));
        }
        t.rows.push_back(std::move(row));
    }
    return t;
}

Table collect(std::string report, store::Statement& st) {
    Table t;
    t.report = std::move(report);
    const int n = st.columnCount();
    for (int i = 0; i < n; ++i) {
        t.columns.push_back({st.columnName(i), ""});
    }
    t.checkColumns();
    while (st.step()) {
        std::vector<json> row;
        row.reserve(n);
        for (int i = 0; i < n; ++i) {
            switch (st.columnType(i)) {
            case SQLITE_NULL:
                row.emplace_back(nullptr);
                break;
            case SQLITE_INTEGER:
                row.emplace_back(st.int64(i));
                break;
            case SQLITE_FLOAT:
                row.emplace_back(st.real(i));
                break;
            default:
                row.emplace_back(st.text(i));
            }
            if (t.columns[i].type.empty() && !row.back().is_null()) {
                t.columns[i].type = typeOf(row.back());
            }
        }
        t.rows.push_back(std::move(row));
    }
    for (auto& c : t.columns) {
        if (c.type.empty()) {
            c.type = kText;
        }
    }
    return t;
}

Table collect(std::string report, store::Statement& st, std::vector<Column> declared) {
    const int n = st.columnCount();
    bool same = static_cast<int>(declared.size()) == n;
    for (int i = 0; same && i < n; ++i) {
        same = declared[i].name == st.columnName(i);
    }
    if (!same) {
        std::string names;
        for (int i = 0; i < n; ++i) {
            names += (i ? ", " : "") + std::string(st.columnName(i));
        }
        throw std::logic_error("report " + report + ": its declared columns are not its SQL's (" +
                               names + ")");
    }
    auto t = collect(std::move(report), st);
    t.columns = std::move(declared);
    for (auto& row : t.rows) {
        for (int i = 0; i < n; ++i) {
            if (t.columns[i].type == kReal && row[i].is_number_integer()) {
                row[i] = static_cast<double>(row[i].get<std::int64_t>());
            }
        }
    }
    return t;
}

} // namespace fieldbook::reports
