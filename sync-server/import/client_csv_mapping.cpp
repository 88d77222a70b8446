// SPDX-License-Identifier: MIT
#include "import/client_csv_mapping.h"

#include "domain/clock.h"

#include <charconv>
#include <cstdio>
#include <set>

namespace fieldbook::server {

namespace {
std::string trim(const std::string& s) {
    auto b = s.find_first_not_of(" \t");
    auto e = s.find_last_not_of(" \t");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}
} // namespace

const std::vector<std::string>& clientCsvFields() {
    static const std::vector<std::string> fields = [] {
        std::vector<std::string> out{"id"};
        for (const auto& f : domain::findEntity("client")->fields) {
            if (f.name == "curator_id") {
                out.emplace_back("curator_login");
            } else if (f.name == "first_contact_by") {
                out.emplace_back("first_contact_by_login");
            } else {
                out.emplace_back(f.name);
            }
        }
        return out;
    }();
    return fields;
}

bool isClientCsvField(const std::string& name) {
    for (const auto& f : clientCsvFields()) {
        if (f == name) {
            return true;
        }
    }
    return false;
}

ClientMapping parseClientMapping(const std::vector<std::string>& specs) {
    ClientMapping out;
    std::set<std::string> columns, fields;
    for (const auto& spec : specs) {
        size_t at = 0;
        while (at <= spec.size()) {
            auto comma = spec.find(',', at);
            auto pair =
                spec.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
            at = comma == std::string::npos ? spec.size() + 1 : comma + 1;
            auto eq = pair.rfind('=');
            if (eq == std::string::npos) {
                throw ClientCsvUsageError("--map: \"" + pair + "\" is not column=field");
            }
            ClientColumn c{trim(pair.substr(0, eq)), trim(pair.substr(eq + 1))};
            if (c.column.empty()) {
                throw ClientCsvUsageError("--map: \"" + pair + "\" has no column name");
            }
            if (c.field == "curator_id" || c.field == "first_contact_by") {
                throw ClientCsvUsageError(
                    "--map: " + c.field + " travels as a login: use " +
                    (c.field == "curator_id" ? "curator_login" : "first_contact_by_login"));
            }
            if (!isClientCsvField(c.field)) {
                std::string known;
                for (const auto& f : clientCsvFields()) {
                    known += (known.empty() ? "" : ", ") + f;
                }
                throw ClientCsvUsageError("--map: unknown client field \"" + c.field +
                                          "\" (known: " + known + ")");
            }
            if (!fields.insert(c.field).second) {
                throw ClientCsvUsageError("--map: field " + c.field + " is mapped twice");
            }
            if (!columns.insert(c.column).second) {
                throw ClientCsvUsageError("--map: column \"" + c.column + "\" is mapped twice");
            }
            out.push_back(std::move(c));
        }
    }
    return out;
}

ClientMapping defaultClientMapping() {
    ClientMapping out;
    for (const auto& f : clientCsvFields()) {
        out.push_back({f, f});
    }
    return out;
}

char parseDelimiter(const std::string& text) {
    if (text.empty()) {
        return 0;
    }
    if (text == "," || text == "comma") {
        return ',';
    }
    if (text == ";" || text == "semicolon") {
        return ';';
    }
    throw ClientCsvUsageError("--delimiter must be , or ;");
}

bool cellToValue(const domain::FieldDef& field, const std::string& cell, nlohmann::json& value,
                 std::string& error) {
    value = nullptr;
    if (cell.empty()) {
        return true;
    }
    std::string name(field.name);
    switch (field.type) {
    case domain::FieldType::Int: {
        std::int64_t v = 0;
        auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v);
        if (ec != std::errc() || end != cell.data() + cell.size()) {
            error = name + " must be a whole number";
            return false;
        }
        value = v;
        return true;
    }
    case domain::FieldType::TimeMs:
        if (auto t = domain::parseIso8601(cell)) {
            value = *t;
            return true;
        }
        error = name + " must be an ISO 8601 date or time, e.g. 2017-03-01 or "
                       "2017-03-01T09:30:00Z";
        return false;
    case domain::FieldType::Bool:
        if (cell == "true" || cell == "1" || cell == "yes") {
            value = true;
        } else if (cell == "false" || cell == "0" || cell == "no") {
            value = false;
        } else {
            error = name + " must be true or false";
            return false;
        }
        return true;
    case domain::FieldType::Text:
    case domain::FieldType::Ref:
        value = cell;
        return true;
    }
    return true;
}

std::string valueToCell(const domain::FieldDef& field, const nlohmann::json& value) {
    if (value.is_null()) {
        return {};
    }
    switch (field.type) {
    case domain::FieldType::Int:
        return std::to_string(value.get<std::int64_t>());
    case domain::FieldType::TimeMs: {
        auto ms = value.get<std::int64_t>();
        auto text = domain::formatIso8601(ms);
        auto frac = ((ms % 1000) + 1000) % 1000;
        if (frac != 0 && !text.empty() && text.back() == 'Z') {
            char buf[8];
            std::snprintf(buf, sizeof buf, ".%03dZ", static_cast<int>(frac));
            text.pop_back();
            text += buf;
        }
        return text;
    }
    case domain::FieldType::Bool:
        return value.get<bool>() ? "true" : "false";
    case domain::FieldType::Text:
    case domain::FieldType::Ref:
        return value.get<std::string>();
    }
    return {};
}

} // namespace fieldbook::server
