// SPDX-License-Identifier: MIT
#include "import/client_csv_export.h"

#include "domain/entities.h"
#include "sync/schema.h"

#include <csv.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>

namespace fieldbook::server {

using nlohmann::json;

namespace {
/// One field quoted by libcsv (RFC 4180: the field in quotes, inner quotes doubled).
std::string quoted(const std::string& value) {
    std::string out(value.size() * 2 + 2, '\0');
    auto n = csv_write(out.data(), out.size(), value.data(), value.size());
    out.resize(n);
    return out;
}
} // namespace

json exportClients(ServerDb& db, const std::string& path, const ClientMapping& mapping,
                   char separator) {
    const auto& cols = mapping.empty() ? defaultClientMapping() : mapping;
    const auto& client = *domain::findEntity("client");
    auto& d = db.db();
    store::ReadTransaction snapshot(d);

    std::map<std::string, std::string> loginOf; // user id -> login
    {
        store::Statement st(d, "SELECT id, login FROM users");
        while (st.step()) {
            loginOf[st.text(0)] = st.text(1);
        }
    }
    auto tmp = path + ".tmp";
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) {
        throw std::runtime_error("cannot write " + tmp);
    }
    struct RemoveUnlessDone { // no half-written file stays behind
        std::string file;
        bool done = false;
        ~RemoveUnlessDone() {
            if (!done) {
                std::error_code ignored;
                std::filesystem::remove(file, ignored);
            }
        }
    } guard{tmp};
    auto line = [&](const std::vector<std::string>& cells) {
        for (size_t i = 0; i < cells.size(); ++i) {
            if (i > 0) {
                out << separator;
            }
            out << quoted(cells[i]);
        }
        out << "\r\n";
    };
    std::vector<std::string> header;
    for (const auto& c : cols) {
        header.push_back(c.column);
    }
    line(header);

    store::Statement st(d, "SELECT id, " + sync::fieldColumns(client) + " FROM " +
                               std::string(client.table) + " WHERE deleted = 0 ORDER BY name, id");
    int count = 0;
    while (st.step()) {
        std::map<std::string, std::string> cell{{"id", st.text(0)}};
        int c = 1;
        for (const auto& f : client.fields) {
            auto value = sync::readField(st, c++, f);
            std::string name(f.name);
            if (f.name == "curator_id" || f.name == "first_contact_by") {
                auto login = value.is_string() ? loginOf[value.get<std::string>()] : "";
                cell[f.name == "curator_id" ? "curator_login" : "first_contact_by_login"] = login;
            } else {
                cell[name] = valueToCell(f, value);
            }
        }
        std::vector<std::string> row;
        for (const auto& m : cols) {
            row.push_back(cell[m.field]);
        }
        line(row);
        ++count;
    }
    out.close();
    if (!out) {
        throw std::runtime_error("cannot write " + tmp);
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        throw std::runtime_error("cannot write " + path + ": " + ec.message());
    }
    guard.done = true;
    json columns = json::array();
    for (const auto& m : cols) {
        columns.push_back({{"column", m.column}, {"field", m.field}});
    }
    return {{"file", path}, {"clients", count}, {"columns", columns}};
}

} // namespace fieldbook::server
