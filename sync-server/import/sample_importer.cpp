// SPDX-License-Identifier: MIT
#include "import/sample_importer.h"

#include "domain/clock.h"
#include "domain/entities.h"
#include "import/csv_file.h"
#include "import/record_writer.h"
#include "import/reference_lookup.h"
#include "import/sample_deal_stages.h"
#include "store/auth.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>

namespace fieldbook::server {

using nlohmann::json;

namespace {

/// Spelling corrections of the sample's known typos (docs/import.md).
const std::map<std::string, std::string>& corrections() {
    static const std::map<std::string, std::string> m = {{"technolgy", "technology"},
                                                         {"Philipines", "Philippines"}};
    return m;
}

std::string loginFor(const std::string& fullName) {
    std::string out;
    for (char ch : fullName) {
        if (ch == ' ') {
            if (!out.empty() && out.back() != '.') {
                out += '.';
            }
        } else {
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        }
    }
    return out;
}

std::string squash(const std::string& s) {
    std::string out;
    for (char ch : s) {
        if (ch != ' ') {
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        }
    }
    return out;
}

int col(const CsvTable& t, const std::string& file, const std::string& name) {
    int c = t.column(name);
    if (c < 0) {
        throw std::runtime_error(file + ": missing column \"" + name + "\"");
    }
    return c;
}

std::optional<std::int64_t> centsOf(const std::string& text, double scale = 1.0) {
    if (text.empty()) {
        return std::nullopt;
    }
    try {
        size_t used = 0;
        double v = std::stod(text, &used);
        if (used != text.size()) {
            return std::nullopt;
        }
        return static_cast<std::int64_t>(std::llround(v * scale * 100.0));
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

std::optional<std::int64_t> intOf(const std::string& text) {
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) {
        return std::nullopt;
    }
    return std::stoll(text);
}

} // namespace

json importSample(ServerDb& db, const std::string& dir, const std::string& password) {
    auto teams = readCsv(dir + "/sales_teams.csv");
    auto products = readCsv(dir + "/products.csv");
    auto accounts = readCsv(dir + "/accounts.csv");
    auto pipeline = readCsv(dir + "/sales_pipeline.csv");

    auto now = domain::nowMs();
    json created = {{"users", 0},   {"products", 0}, {"reference_items", 0},
                    {"clients", 0}, {"deals", 0},    {"deal_stages", 0}};
    json unchanged = created;
    json corrected = json::array();
    json skipped = json::array();
    auto count = [&](bool isNew, const char* what) {
        (isNew ? created : unchanged)[what] = (isNew ? created : unchanged)[what].get<int>() + 1;
    };
    auto correctedValue = [](const std::string& v) {
        auto it = corrections().find(v);
        return it == corrections().end() ? v : it->second;
    };
    auto fix = [&](const std::string& file, size_t row, const char* field, const std::string& v) {
        auto it = corrections().find(v);
        if (it == corrections().end()) {
            return v;
        }
        corrected.push_back(
            {{"file", file}, {"row", row + 2}, {"field", field}, {"from", v}, {"to", it->second}});
        return it->second;
    };

    // Hash once outside the transaction: argon2id is deliberately slow.
    std::map<std::string, std::string> userIds; // full name -> id
    std::map<std::string, std::string> roleOf;
    std::map<std::string, std::string> teamOf;
    std::map<std::string, std::string> managerOf;
    int cAgent = col(teams, "sales_teams.csv", "sales_agent");
    int cManager = col(teams, "sales_teams.csv", "manager");
    int cOffice = col(teams, "sales_teams.csv", "regional_office");
    for (size_t r = 0; r < teams.rows.size(); ++r) {
        const auto& row = teams.rows[r];
        if (row.size() != teams.header.size() || row[cAgent].empty() || row[cManager].empty()) {
            skipped.push_back({{"file", "sales_teams.csv"},
                               {"row", r + 2},
                               {"reason", "agent or manager name missing"}});
            continue;
        }
        roleOf[row[cManager]] = "head";
        teamOf[row[cManager]] = row[cOffice];
        roleOf[row[cAgent]] = "manager";
        teamOf[row[cAgent]] = row[cOffice];
        managerOf[row[cAgent]] = row[cManager];
    }

    std::map<std::string, std::string> existingLogins; // login -> id (e.g. made by `user add`)
    {
        store::Statement st(db.db(), "SELECT login, id FROM users");
        while (st.step()) {
            existingLogins[st.text(0)] = st.text(1);
        }
    }
    std::map<std::string, std::string> hashes;
    for (const auto& [name, role] : roleOf) {
        auto login = loginFor(name);
        auto existing = existingLogins.find(login);
        userIds[name] =
            existing != existingLogins.end() ? existing->second : domain::stableUuid("user", login);
        if (existing == existingLogins.end()) {
            hashes[name] = hashPassword(password);
        }
    }

    store::Transaction tx(db.db());
    RecordWriter w(db, now);
    store::Statement cred(db.db(),
                          "INSERT OR IGNORE INTO credentials(user_id, password_hash) VALUES(?,?)");
    for (const auto& [name, role] : roleOf) {
        auto login = loginFor(name);
        json f = {{"login", login},
                  {"full_name", name},
                  {"role", role},
                  {"team", teamOf[name]},
                  {"active", true}};
        if (managerOf.count(name)) {
            f["manager_id"] = userIds[managerOf[name]];
        }
        if (existingLogins.count(login)) {
            count(false, "users");
            continue;
        }
        bool isNew = w.insert("user", userIds[name], f);
        count(isNew, "users");
        if (isNew) {
            cred.reset();
            cred.bind(1, userIds[name]).bind(2, hashes[name]).run();
        }
    }

    std::map<std::string, std::string> productIds; // squashed name -> id
    std::map<std::string, std::string> productNames;
    int pName = col(products, "products.csv", "product");
    int pSeries = col(products, "products.csv", "series");
    int pPrice = col(products, "products.csv", "sales_price");
    for (size_t r = 0; r < products.rows.size(); ++r) {
        const auto& row = products.rows[r];
        if (row.size() != products.header.size() || row[pName].empty()) {
            skipped.push_back(
                {{"file", "products.csv"}, {"row", r + 2}, {"reason", "product name missing"}});
            continue;
        }
        auto id = domain::stableUuid("product", row[pName]);
        productIds[squash(row[pName])] = id;
        productNames[squash(row[pName])] = row[pName];
        json f = {{"name", row[pName]}, {"series", row[pSeries]}};
        if (auto c = centsOf(row[pPrice])) {
            f["list_price_cents"] = *c;
        }
        count(w.insert("product", id, f), "products");
    }

    // Deals first in memory, to derive each client's status.
    int oId = col(pipeline, "sales_pipeline.csv", "opportunity_id");
    int oAgent = col(pipeline, "sales_pipeline.csv", "sales_agent");
    int oProduct = col(pipeline, "sales_pipeline.csv", "product");
    int oAccount = col(pipeline, "sales_pipeline.csv", "account");
    int oStage = col(pipeline, "sales_pipeline.csv", "deal_stage");
    int oEngage = col(pipeline, "sales_pipeline.csv", "engage_date");
    int oClose = col(pipeline, "sales_pipeline.csv", "close_date");
    int oValue = col(pipeline, "sales_pipeline.csv", "close_value");
    std::set<std::string> wonAccounts;
    for (const auto& row : pipeline.rows) {
        if (row.size() == pipeline.header.size() && row[oStage] == "Won") {
            wonAccounts.insert(row[oAccount]);
        }
    }

    std::map<std::string, std::string> clientIds;
    int aName = col(accounts, "accounts.csv", "account");
    int aSector = col(accounts, "accounts.csv", "sector");
    int aYear = col(accounts, "accounts.csv", "year_established");
    int aRevenue = col(accounts, "accounts.csv", "revenue");
    int aEmployees = col(accounts, "accounts.csv", "employees");
    int aOffice = col(accounts, "accounts.csv", "office_location");
    int aParent = col(accounts, "accounts.csv", "subsidiary_of");
    // Industries and regions become reference items (SPEC §2), added in label
    // order so that each list sorts alphabetically.
    ReferenceLookup refs(db.db());
    std::map<std::string, std::set<std::string>> refValues; // list -> corrected values
    for (const auto& row : accounts.rows) {
        if (row.size() == accounts.header.size() && !row[aName].empty()) {
            clientIds[row[aName]] = domain::stableUuid("client", row[aName]);
            refValues["industry"].insert(correctedValue(row[aSector]));
            refValues["region"].insert(correctedValue(row[aOffice]));
        }
    }
    json unusableValues = json::array();
    std::set<std::pair<std::string, std::string>> itemsCounted;
    for (const auto& [list, values] : refValues) {
        for (const auto& v : values) {
            const auto* item = refs.findOrAdd(list, v);
            if (item && itemsCounted.insert({list, item->code}).second) {
                count(refs.store(db.db(), list, item->code), "reference_items");
            }
        }
    }
    auto codeOf = [&](const std::string& list, const std::string& value, size_t r,
                      const char* column) -> json {
        if (value.empty()) {
            return nullptr;
        }
        if (const auto* item = refs.find(list, value)) {
            return item->code;
        }
        unusableValues.push_back(
            {{"file", "accounts.csv"}, {"row", r + 2}, {"field", column}, {"value", value}});
        return nullptr;
    };
    json unknownParents = json::array();
    for (size_t r = 0; r < accounts.rows.size(); ++r) {
        const auto& row = accounts.rows[r];
        if (row.size() != accounts.header.size() || row[aName].empty()) {
            skipped.push_back(
                {{"file", "accounts.csv"}, {"row", r + 2}, {"reason", "account name missing"}});
            continue;
        }
        json f = {
            {"name", row[aName]},
            {"industry",
             codeOf("industry", fix("accounts.csv", r, "sector", row[aSector]), r, "sector")},
            {"region", codeOf("region", fix("accounts.csv", r, "office_location", row[aOffice]), r,
                              "office_location")},
            {"status", wonAccounts.count(row[aName]) ? "customer" : "prospect"}};
        if (auto v = intOf(row[aYear])) {
            f["year_established"] = *v;
        }
        if (auto v = intOf(row[aEmployees])) {
            f["employees"] = *v;
        }
        if (auto v = centsOf(row[aRevenue], 1e6)) {
            f["revenue_cents"] = *v;
        }
        if (!row[aParent].empty()) {
            if (clientIds.count(row[aParent])) {
                f["parent_client_id"] = clientIds[row[aParent]];
            } else {
                f["notes"] = "subsidiary of " + row[aParent];
                unknownParents.push_back(
                    {{"row", r + 2}, {"account", row[aName]}, {"parent", row[aParent]}});
            }
        }
        count(w.insert("client", clientIds[row[aName]], f), "clients");
    }

    json withoutClient = json::array();
    json withoutEngage = 0;
    std::map<std::string, int> aliases;
    json unknownProducts = json::array();
    json outcomes = {{"won", 0}, {"lost", 0}, {"open", 0}};
    std::set<std::string> agentsWithDeals;
    json unknownStages = json::array();
    std::optional<std::int64_t> asOf; // the data's as-of date: its latest date
    for (const auto& row : pipeline.rows) {
        if (row.size() == pipeline.header.size()) {
            for (int c : {oEngage, oClose}) {
                if (auto t = domain::parseIso8601(row[c]); t && (!asOf || *t > *asOf)) {
                    asOf = t;
                }
            }
        }
    }
    SampleStageWriter stageImport(db.db(), asOf.value_or(now));
    for (size_t r = 0; r < pipeline.rows.size(); ++r) {
        const auto& row = pipeline.rows[r];
        if (row.size() != pipeline.header.size() || row[oId].empty()) {
            skipped.push_back({{"file", "sales_pipeline.csv"},
                               {"row", r + 2},
                               {"reason", "wrong number of columns or no opportunity_id"}});
            continue;
        }
        if (!userIds.count(row[oAgent])) {
            skipped.push_back(
                {{"file", "sales_pipeline.csv"},
                 {"row", r + 2},
                 {"opportunity_id", row[oId]},
                 {"reason", "sales agent \"" + row[oAgent] + "\" is not in sales_teams.csv"}});
            continue;
        }
        agentsWithDeals.insert(row[oAgent]);
        const auto& stage = row[oStage];
        std::string outcome = stage == "Won" ? "won" : stage == "Lost" ? "lost" : "open";
        outcomes[outcome] = outcomes[outcome].get<int>() + 1;
        json f = {
            {"manager_id", userIds[row[oAgent]]},
            {"opened_by", userIds[row[oAgent]]},
            {"outcome", outcome},
            {"external_ref", row[oId]},
            {"title", row[oProduct] + (row[oAccount].empty() ? "" : " for " + row[oAccount])}};
        if (stage == "Prospecting") {
            f["stage"] = "initiating_interest";
        } else if (stage == "Engaging") {
            f["stage"] = "identifying_needs";
        }
        auto key = squash(row[oProduct]);
        if (productIds.count(key)) {
            f["product_id"] = productIds[key];
            if (productNames[key] != row[oProduct]) {
                ++aliases[row[oProduct] + " -> " + productNames[key]];
            }
        } else {
            unknownProducts.push_back(
                {{"row", r + 2}, {"opportunity_id", row[oId]}, {"product", row[oProduct]}});
        }
        if (row[oAccount].empty() || !clientIds.count(row[oAccount])) {
            withoutClient.push_back(row[oId]);
        } else {
            f["client_id"] = clientIds[row[oAccount]];
        }
        auto engage = domain::parseIso8601(row[oEngage]);
        auto close = domain::parseIso8601(row[oClose]);
        if (engage) {
            f["opened_at"] = *engage;
        } else {
            withoutEngage = withoutEngage.get<int>() + 1;
        }
        if (close) {
            f["closed_at"] = *close;
        }
        if (auto c = centsOf(row[oValue])) {
            f["amount_cents"] = *c;
        }
        auto dealId = domain::stableUuid("deal", row[oId]);
        count(w.insert("deal", dealId, f), "deals");
        auto [newStages, oldStages] =
            stageImport.write(w, row[oId], dealId, userIds[row[oAgent]], stage, engage, close);
        created["deal_stages"] = created["deal_stages"].get<int>() + newStages;
        unchanged["deal_stages"] = unchanged["deal_stages"].get<int>() + oldStages;
        if (sampleDealStages(stage, engage, close, 0).empty()) {
            unknownStages.push_back(
                {{"row", r + 2}, {"opportunity_id", row[oId]}, {"deal_stage", stage}});
        }
    }
    tx.commit();

    json agentsWithout = json::array();
    for (const auto& [name, role] : roleOf) {
        if (role == "manager" && !agentsWithDeals.count(name)) {
            agentsWithout.push_back(name);
        }
    }
    json aliasList = json::array();
    for (const auto& [what, n] : aliases) {
        aliasList.push_back({{"mapping", what}, {"rows", n}});
    }
    return {
        {"source", dir},
        {"created", created},
        {"unchanged", unchanged},
        {"deals_by_outcome", outcomes},
        {"issues",
         {{"deals_without_client",
           {{"count", withoutClient.size()},
            {"handling", "imported with no client; in the responsible manager's scope"},
            {"opportunity_ids", withoutClient}}},
          {"deals_without_engage_date",
           {{"count", withoutEngage}, {"handling", "imported with opened_at empty"}}},
          {"product_aliases", aliasList},
          {"unknown_products", unknownProducts},
          {"corrected_values", corrected},
          {"unknown_parent_accounts", unknownParents},
          {"agents_without_deals", agentsWithout},
          {"unknown_deal_stages", unknownStages},
          {"stage_dates_not_in_data", stageImport.report()},
          {"deals_with_other_stage_records",
           {{"count", stageImport.dealsWithOtherStages()},
            {"handling", "stage records already there (from the v1 migration or devices) "
                         "kept; none added"}}},
          {"unusable_reference_values", unusableValues},
          {"skipped_rows", skipped}}},
    };
}

} // namespace fieldbook::server
