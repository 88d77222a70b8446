// SPDX-License-Identifier: MIT
// Issue 6: a pull page costs its own rows. The scope test a manager's pull
// runs for every record (store/scope.h scopeCondition, in the shape of
// store/pull.cpp's statements), and the push checks' scope test
// (scopeClientsAmong shares its SQL), must probe the scope with one index
// lookup per record tested: a probe keyed by the user alone (e.g.
// activities_assignee_start (assignee_id=?)) walks all of the manager's
// planned activities for every record that is not theirs, which made the
// last page of a 22,000-record first download take 0.64 s (60x that at the
// full size). The plans are SQLite's own (EXPLAIN QUERY PLAN) on a real
// server database.
#include "domain/entities.h"
#include "domain/sales_rules.h"
#include "store/database.h"
#include "store/duplicates.h"
#include "store/records.h"
#include "store/scope.h"
#include "store/server_db.h"

#include <nlohmann/json.hpp>

#include <QTemporaryDir>
#include <QtTest>

#include <regex>
#include <string>
#include <vector>

using namespace fieldbook;

namespace {

/// EXPLAIN QUERY PLAN of `sql`, one detail line each.
std::vector<std::string> plan(store::Database& db, const std::string& sql) {
    std::vector<std::string> out;
    store::Statement st(db, "EXPLAIN QUERY PLAN " + sql);
    while (st.step()) {
        out.push_back(st.text(3));
    }
    return out;
}

/// A plan line that reads a table by the user's id alone (all of the user's
/// rows for every record tested), or scans a whole table.
bool walksTheUsersRows(const std::string& line) {
    static const std::regex byUser(
        R"(USING (COVERING )?INDEX \S+ \((assignee_id|manager_id|curator_id|author_id|user_id)=\?\))");
    static const std::regex scan(R"(^SCAN (?!c VIRTUAL TABLE))");
    // A probe of the scope test (aliases sc, sd, sa, ss) must be keyed by the
    // record it tests: its first index term the probed row's id, client or
    // deal. Keyed by anything else (deleted=?, manager_id=? AND deleted=?)
    // it walks rows of other records for every record tested (break-it:
    // schema 8's report index deals_closed_facts (deleted, ...) made a
    // manager's first pull take 45-60 s instead of 0.15 s).
    static const std::regex probe(R"(^SEARCH (sc|sd|sa|ss) USING .*\((\w+)[=<>])");
    std::smatch m;
    if (std::regex_search(line, m, probe)) {
        const auto key = m[2].str();
        if (key != "id" && key != "client_id" && key != "deal_id" && key != "rowid") {
            return true;
        }
    }
    return std::regex_search(line, byUser) || std::regex_search(line, scan);
}

} // namespace

class TestPullPlans : public QObject {
    Q_OBJECT

  private slots:
    void everyScopeProbeIsOneLookup() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string path = dir.filePath(QStringLiteral("server.db")).toStdString();
        { server::ServerDb schema(path); } // the server's schema and indexes
        store::Database db(path);
        server::Principal manager{"u-manager", "darcel.schlecht", "manager", "d-1"};
        int statements = 0;
        for (const auto& e : domain::entities()) {
            const auto cond = server::scopeCondition(manager, e.name);
            const std::string table(e.table);
            // store/pull.cpp: a stream of changed rows by seq, and the
            // scope-change items by position.
            for (const auto& sql :
                 {"SELECT r.id FROM " + table +
                      " r WHERE r.seq > ?2 AND r.seq <= ?4 AND (r.deleted = 0 OR r.seq > ?5) AND " +
                      cond + " ORDER BY r.seq LIMIT ?3",
                  "SELECT r.id, i.pos FROM scope_change_items i JOIN " + table +
                      " r ON r.id = i.record_id WHERE i.user_id = ?1 AND i.entity = ?5"
                      " AND i.pos > ?2 AND i.pos <= ?4 AND ((i.granted = 1 AND r.seq <= ?2"
                      " AND r.deleted = 0 AND " +
                      cond + ") OR (i.granted = 0 AND i.pos > ?6 AND COALESCE(" + cond +
                      ", 0) = 0)) ORDER BY i.pos LIMIT ?3"}) {
                ++statements;
                for (const auto& line : plan(db, sql)) {
                    if (walksTheUsersRows(line)) {
                        QFAIL(qPrintable(
                            QStringLiteral("%1: %2\n  in: %3")
                                .arg(QString::fromUtf8(e.name.data(),
                                                       static_cast<int>(e.name.size())),
                                     QString::fromStdString(line), QString::fromStdString(sql))));
                    }
                }
            }
        }
        QVERIFY(statements >= 30);
    }

    // The test itself can fail: the old probe's plan is caught.
    void theOldProbeIsCaught() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string path = dir.filePath(QStringLiteral("server.db")).toStdString();
        { server::ServerDb schema(path); }
        store::Database db(path);
        auto caught = [&](const char* sql) {
            bool walks = false;
            for (const auto& line : plan(db, sql)) {
                walks = walks || walksTheUsersRows(line);
            }
            return walks;
        };
        QVERIFY(caught("SELECT r.id FROM contacts r WHERE EXISTS (SELECT 1 FROM "
                       "planned_activities sa WHERE sa.client_id = r.client_id AND "
                       "sa.assignee_id = ?1 AND sa.deleted = 0)"));
        // And a probe led by the report indexes (deleted, ...) or
        // (manager_id, deleted, ...), as schema 8 made of the deals probes.
        QVERIFY(caught("SELECT r.id FROM contacts r WHERE EXISTS (SELECT 1 FROM deals sd "
                       "WHERE sd.client_id = r.client_id AND sd.manager_id = ?1 AND "
                       "sd.deleted = 0)"));
    }

    // Issue 6: the duplicate check of a new client read every live card (a
    // full scan of clients per new client). It reads the cards of the same
    // normalised name or trimmed tax id through two indexes, and finds
    // exactly what domain::duplicateReason over every card finds.
    void duplicateCheckReadsOnlyItsCandidates() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string path = dir.filePath(QStringLiteral("server.db")).toStdString();
        server::ServerDb db(path);
        for (const auto& line : plan(db.db(), server::kDuplicateCandidatesSql)) {
            QVERIFY2(line.rfind("SCAN c", 0) != 0, line.c_str());
        }
        bool byName = false;
        bool byTax = false;
        for (const auto& line : plan(db.db(), server::kDuplicateCandidatesSql)) {
            byName = byName || line.find("clients_name_key") != std::string::npos;
            byTax = byTax || line.find("clients_tax_key") != std::string::npos;
        }
        QVERIFY(byName && byTax);

        using nlohmann::json;
        const auto* client = domain::findEntity("client");
        QVERIFY(client);
        const std::vector<json> cards = {
            {{"name", "  Acme  Ltd. "}, {"tax_id", " 7701 "}, {"phone", "+1 555 0100"}},
            {{"name", "ACME"}, {"phone", "15550100"}, {"city", "Lyon"}},
            {{"name", "acme, LLC"}, {"city", " lyon "}},
            {{"name", "Other Co"}, {"tax_id", "7701\t"}},
            {{"name", "Other Co"}, {"tax_id", "9999"}},
            {{"name", "Acme"}},
            {{"name", nullptr}, {"tax_id", nullptr}},
            {{"name", "Ac me"}, {"phone", "15550100"}},
        };
        for (std::size_t i = 0; i < cards.size(); ++i) {
            json fields = cards[i];
            fields["first_contact_at"] = static_cast<std::int64_t>(1000 + i);
            server::writeRecord(db, *client, "c-" + std::to_string(i), true, 1, false, fields,
                                json::object(), "u-1", 1);
        }
        server::writeRecord(db, *client, "c-deleted", true, 1, true,
                            {{"name", "Acme"}, {"tax_id", "7701"}}, json::object(), "u-1", 1);
        const std::vector<json> candidates = {
            {{"name", "acme"}, {"tax_id", "7701"}},
            {{"name", "Acme Ltd"}, {"phone", "1 555 0100"}},
            {{"name", "ACME"}, {"city", "Lyon"}},
            {{"name", "Acme"}},
            {{"name", "Other co."}, {"tax_id", " 9999"}},
            {{"name", "  "}, {"tax_id", "7701"}},
            {{"name", ""}},
            {{"name", "Nobody"}},
        };
        int found = 0;
        for (const auto& candidate : candidates) {
            // Every card judged, as the check did before.
            std::vector<std::string> expected;
            for (std::size_t i = 0; i < cards.size(); ++i) {
                json card = cards[i];
                for (const char* f : {"name", "tax_id", "phone", "city"}) {
                    if (!card.contains(f)) {
                        card[f] = nullptr;
                    }
                }
                if (!domain::duplicateReason(candidate, card).empty()) {
                    expected.push_back("c-" + std::to_string(i));
                }
            }
            std::vector<std::string> got;
            for (const auto& card : server::findDuplicateClients(db, candidate, "c-5")) {
                got.push_back(card["id"].get<std::string>());
            }
            std::erase(expected, std::string("c-5")); // the excluded card
            QCOMPARE(got, expected);                  // same cards, same order
            found += static_cast<int>(got.size());
        }
        QVERIFY(found >= 6);
    }
};

QTEST_GUILESS_MAIN(TestPullPlans)
#include "tst_pull_plans.moc"
