// SPDX-License-Identifier: MIT
#include "import/client_csv_import.h"

#include "domain/clock.h"
#include "domain/entities.h"
#include "domain/field_rules.h"
#include "domain/sales_rules.h"
#include "import/duplicate_index.h"
#include "import/record_writer.h"
#include "import/reference_lookup.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

namespace fieldbook::server {

using nlohmann::json;

namespace {

bool validUtf8(const std::string& s) {
    try {
        (void)json(s).dump(); // the serializer checks UTF-8
        return true;
    } catch (const json::type_error&) {
        return false;
    }
}

bool looksLikeUuid(const std::string& s) {
    if (s.size() != 36) {
        return false;
    }
    for (size_t i = 0; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? c != '-' : !std::isxdigit(c)) {
            return false;
        }
    }
    return true;
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

struct UserRef {
    std::string id;
    bool active = true;
    std::string role;
};

/// A row that passed the checks so far.
struct TakenRow {
    int row = 0;
    std::string id;
    json fields;
    std::vector<std::pair<std::string, std::string>> newReferences; ///< (list, code)
};

/// Turns one CSV record into client fields, or says why it cannot.
class RowReader {
  public:
    RowReader(const ClientCsvFile& file, const std::map<std::string, UserRef>& users,
              ReferenceLookup& refs, bool addReferences, std::int64_t nowMs)
        : file_(file), users_(users), refs_(refs), addReferences_(addReferences), nowMs_(nowMs),
          client_(*domain::findEntity("client")) {}

    /// Fills `out.fields`, `out.id` and `out.newReferences`; returns a refusal
    /// {reason, column?, value?} or null.
    json read(const std::vector<std::string>& cells, TakenRow& out) const {
        if (cells.size() != file_.table.header.size()) {
            return {{"reason", "the row has " + std::to_string(cells.size()) +
                                   " fields, the header " +
                                   std::to_string(file_.table.header.size())}};
        }
        for (size_t i = 0; i < cells.size(); ++i) {
            const auto& field = file_.fieldOf[i];
            if (field.empty()) {
                continue;
            }
            const auto& cell = cells[i];
            const auto& column = file_.table.header[i];
            if (!validUtf8(cell)) {
                return {{"reason", "column \"" + column + "\" is not valid UTF-8 text"},
                        {"column", column}};
            }
            if (cell.empty()) {
                continue;
            }
            auto refuse = [&](const std::string& reason) {
                return json{{"reason", reason}, {"column", column}, {"value", cell}};
            };
            if (field == "id") {
                if (!looksLikeUuid(cell)) {
                    return refuse("id \"" + cell + "\" is not a UUID");
                }
                out.id = lower(cell);
                continue;
            }
            if (field == "curator_login" || field == "first_contact_by_login") {
                auto it = users_.find(cell);
                if (it == users_.end()) {
                    return refuse(field + " \"" + cell + "\" is not a user's login");
                }
                if (field == "curator_login" && !it->second.active) {
                    return refuse("curator \"" + cell + "\" is not an active user");
                }
                if (field == "curator_login") {
                    if (auto why = domain::curatorRoleProblem(cell, it->second.role);
                        !why.empty()) {
                        return refuse(why);
                    }
                }
                out.fields[field == "curator_login" ? "curator_id" : "first_contact_by"] =
                    it->second.id;
                continue;
            }
            const auto& def = *domain::findField(client_, field);
            if (!def.referenceList.empty()) {
                std::string list(def.referenceList);
                const auto* item = refs_.find(list, cell);
                if (!item && addReferences_) {
                    item = refs_.findOrAdd(list, cell);
                    if (!item) {
                        return refuse(field + " \"" + cell + "\" gives no code for the " + list +
                                      " list");
                    }
                    out.newReferences.emplace_back(list, item->code);
                }
                if (!item) {
                    return refuse(field + " \"" + cell + "\" is not in the " + list +
                                  " list (add it to the list, or import with --add-references)");
                }
                out.fields[field] = item->code;
                continue;
            }
            json value;
            std::string error;
            if (!cellToValue(def, cell, value, error)) {
                return refuse(error);
            }
            if (auto msg = domain::validateField("client", def, value); !msg.empty()) {
                return refuse(msg);
            }
            if (field == "first_contact_at" && value.is_number_integer() &&
                value.get<std::int64_t>() > nowMs_) {
                // A device's fast clock is forgiven (stored as the server's
                // time); a file's future date is a mistake in the file.
                return refuse("first_contact_at " + cell + " is in the future (after " +
                              domain::formatIso8601(nowMs_) + ")");
            }
            out.fields[field] = value;
        }
        const auto& name = *domain::findField(client_, "name");
        if (auto msg = domain::validateField("client", name, out.fields.value("name", json()));
            !msg.empty()) {
            return {{"reason", msg}};
        }
        return nullptr;
    }

  private:
    const ClientCsvFile& file_;
    const std::map<std::string, UserRef>& users_;
    ReferenceLookup& refs_;
    bool addReferences_;
    std::int64_t nowMs_; ///< the server's time, ms UTC
    const domain::EntityDef& client_;
};

} // namespace

ClientCsvFile readClientCsv(const std::string& path, const ClientMapping& mapping, char separator) {
    ClientCsvFile f;
    f.path = path;
    f.table = readCsv(path, separator);
    const auto& header = f.table.header;
    f.fieldOf.assign(header.size(), std::string());
    std::map<std::string, int> seen;
    for (const auto& h : header) {
        ++seen[h];
    }
    if (mapping.empty()) {
        for (size_t i = 0; i < header.size(); ++i) {
            if (isClientCsvField(header[i]) && seen[header[i]] == 1) {
                f.fieldOf[i] = header[i];
            }
        }
        if (std::all_of(f.fieldOf.begin(), f.fieldOf.end(),
                        [](const std::string& s) { return s.empty(); })) {
            throw ClientCsvUsageError(path + ": no header column is named like a client field; "
                                             "give --map column=field,...");
        }
    }
    for (const auto& m : mapping) {
        int at = f.table.column(m.column);
        if (at < 0) {
            throw ClientCsvUsageError("--map: column \"" + m.column +
                                      "\" is not in the header of " + path);
        }
        if (seen[m.column] > 1) {
            throw ClientCsvUsageError("--map: column \"" + m.column +
                                      "\" appears more than once in the header of " + path);
        }
        f.fieldOf[static_cast<size_t>(at)] = m.field;
    }
    for (size_t i = 0; i < header.size(); ++i) {
        if (f.fieldOf[i].empty()) {
            f.ignoredColumns.push_back(header[i]);
        }
    }
    return f;
}

json importClients(ServerDb& db, const ClientCsvFile& file, const ClientImportOptions& options) {
    auto& d = db.db();
    auto now = domain::nowMs();

    std::map<std::string, UserRef> users; // login -> user
    {
        store::Statement st(d,
                            "SELECT login, id, COALESCE(active, 1), COALESCE(role, '') FROM users "
                            "WHERE deleted = 0");
        while (st.step()) {
            users[st.text(0)] = {st.text(1), st.int64(2) != 0, st.text(3)};
        }
    }
    std::optional<std::string> defaultCurator;
    if (!options.curatorLogin.empty()) {
        auto it = users.find(options.curatorLogin);
        if (it == users.end() || !it->second.active) {
            throw ClientCsvUsageError("--curator: no active user with login \"" +
                                      options.curatorLogin + "\"");
        }
        if (auto why = domain::curatorRoleProblem(options.curatorLogin, it->second.role);
            !why.empty()) {
            throw ClientCsvUsageError("--curator: " + why);
        }
        defaultCurator = it->second.id;
    }
    DuplicateIndex duplicates;
    std::set<std::string> anyIds, liveIds; // client ids in the database
    {
        store::Statement st(d, "SELECT id, deleted, name, tax_id, phone, city FROM clients");
        while (st.step()) {
            anyIds.insert(st.text(0));
            if (st.int64(1) == 0) {
                liveIds.insert(st.text(0));
                json f = {{"name", st.text(2)}};
                for (int c = 3; c <= 5; ++c) {
                    if (!st.isNull(c)) {
                        f[st.columnName(c)] = st.text(c);
                    }
                }
                duplicates.add({st.text(0), f, 0});
            }
        }
    }
    ReferenceLookup refs(d);
    RowReader reader(file, users, refs, options.addReferences, now);

    json refused = json::array();
    auto refuse = [&](const TakenRow& row, json why) {
        json entry = {{"row", row.row}};
        entry.update(why);
        if (row.fields.contains("name")) {
            entry["name"] = row.fields["name"];
        }
        refused.push_back(std::move(entry));
    };
    std::vector<TakenRow> taken;
    std::map<std::string, int> takenIds; // id -> row
    const auto& rows = file.table.rows;
    for (size_t r = 0; r < rows.size(); ++r) {
        TakenRow row;
        row.row = static_cast<int>(r + 1);
        row.fields = json::object();
        if (auto why = reader.read(rows[r], row); !why.is_null()) {
            refuse(row, why);
            continue;
        }
        if (!row.id.empty() && anyIds.count(row.id)) {
            refuse(row, {{"reason", "a client with id " + row.id + " exists already"}});
            continue;
        }
        if (auto it = takenIds.find(row.id); !row.id.empty() && it != takenIds.end()) {
            refuse(row,
                   {{"reason", "id " + row.id + " is also on row " + std::to_string(it->second)}});
            continue;
        }
        if (auto dup = duplicates.find(row.fields)) {
            auto [card, why] = *dup;
            json of = {{"id", card->id}, {"name", card->fields["name"]}};
            if (card->row > 0) {
                of["row"] = card->row;
            }
            refuse(row,
                   {{"reason", "probable duplicate of \"" +
                                   card->fields["name"].get<std::string>() + "\" (" + why + ")"},
                    {"duplicate_of", of}});
            continue;
        }
        if (row.id.empty()) {
            row.id = domain::newUuid();
        }
        if (!row.fields.contains("curator_id") && defaultCurator) {
            row.fields["curator_id"] = *defaultCurator;
        }
        if (!row.fields.contains("status")) {
            row.fields["status"] = "prospect";
        }
        if (!row.fields.contains("first_contact_at")) {
            row.fields["first_contact_at"] = now;
        }
        duplicates.add({row.id, row.fields, row.row});
        takenIds[row.id] = row.row;
        taken.push_back(std::move(row));
    }

    // A reference to another card must name a live card or a taken row; a
    // refused row can strand others, so repeat until nothing changes.
    std::vector<bool> dropped(taken.size(), false);
    for (bool changed = true; changed;) {
        changed = false;
        for (size_t i = 0; i < taken.size(); ++i) {
            for (const char* field : {"parent_client_id", "duplicate_of"}) {
                if (dropped[i] || !taken[i].fields.contains(field)) {
                    continue;
                }
                auto target = lower(taken[i].fields[field].get<std::string>());
                taken[i].fields[field] = target;
                if (!liveIds.count(target) && !takenIds.count(target)) {
                    refuse(taken[i], {{"reason", std::string(field) + " " + target +
                                                     " names no client in the database or the "
                                                     "imported rows"},
                                      {"value", target}});
                    takenIds.erase(taken[i].id);
                    dropped[i] = changed = true;
                }
            }
        }
    }

    json added = json::array();
    int imported = 0;
    store::Transaction tx(d);
    RecordWriter writer(db, now, "import");
    for (size_t i = 0; i < taken.size(); ++i) {
        if (dropped[i]) {
            continue;
        }
        for (const auto& [list, code] : taken[i].newReferences) {
            if (refs.store(d, list, code)) {
                added.push_back(
                    {{"list", list}, {"code", code}, {"label", refs.find(list, code)->label}});
            }
        }
        imported += writer.insert("client", taken[i].id, taken[i].fields) ? 1 : 0;
    }
    tx.commit();

    std::stable_sort(refused.begin(), refused.end(), [](const json& a, const json& b) {
        return a["row"].get<int>() < b["row"].get<int>();
    });
    return {{"file", file.path},        {"separator", std::string(1, file.table.separator)},
            {"rows", rows.size()},      {"imported", imported},
            {"refused", refused},       {"ignored_columns", file.ignoredColumns},
            {"added_references", added}};
}

} // namespace fieldbook::server
