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
#include "store/database.h"
#include "store/scope.h"
#include "store/server_db.h"

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
        bool caught = false;
        for (const auto& line :
             plan(db, "SELECT r.id FROM contacts r WHERE EXISTS (SELECT 1 FROM "
                      "planned_activities sa WHERE sa.client_id = r.client_id AND "
                      "sa.assignee_id = ?1 AND sa.deleted = 0)")) {
            caught = caught || walksTheUsersRows(line);
        }
        QVERIFY(caught);
        // And a probe led by the report indexes (deleted, ...) or
        // (manager_id, deleted, ...), as schema 8 made of the deals probes.
        caught = false;
        for (const auto& line :
             plan(db, "SELECT r.id FROM contacts r WHERE EXISTS (SELECT 1 FROM deals sd "
                      "WHERE sd.client_id = r.client_id AND sd.manager_id = ?1 AND "
                      "sd.deleted = 0)")) {
            caught = caught || walksTheUsersRows(line);
        }
        QVERIFY(caught);
    }
};

QTEST_GUILESS_MAIN(TestPullPlans)
#include "tst_pull_plans.moc"
