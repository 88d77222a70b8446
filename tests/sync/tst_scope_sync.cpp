// SPDX-License-Identifier: MIT
// Done-when 2 of issue 2: a manager's first sync brings exactly their deals
// and their clients, and nothing of other managers' clients (SPEC §4).
#include "store/database.h"
#include "sync_helpers.h"

#include <set>

using namespace fieldbook::test;

class TestScopeSync : public QObject {
    Q_OBJECT

    TestServer server_;

    std::set<QString> serverIds(const std::string& sql) {
        fieldbook::store::Database d(server_.dbPath().toStdString());
        fieldbook::store::Statement st(d, sql);
        std::set<QString> out;
        while (st.step()) {
            out.insert(QString::fromStdString(st.text(0)));
        }
        return out;
    }

  private slots:
    void initTestCase() { QVERIFY(server_.start()); }

    void managerGetsExactlyTheirScope() {
        CliDevice darcel;
        QVERIFY(darcel.login(server_.url(), QStringLiteral("darcel.schlecht")));
        auto summary = darcel.sync();
        QCOMPARE(darcel.lastExit, 0);
        QVERIFY(summary[QStringLiteral("pulled")].toInt() > 0);

        auto expectedDeals =
            serverIds("SELECT d.id FROM deals d JOIN users u ON u.id = d.manager_id "
                      "WHERE u.login = 'darcel.schlecht'");
        QCOMPARE(expectedDeals.size(), size_t(747)); // sales_pipeline.csv
        std::set<QString> gotDeals;
        for (const auto& d : darcel.json({QStringLiteral("deals")}).array()) {
            gotDeals.insert(d.toObject()[QStringLiteral("id")].toString());
        }
        QCOMPARE(gotDeals.size(), expectedDeals.size());
        QVERIFY(gotDeals == expectedDeals);

        auto expectedClients =
            serverIds("SELECT DISTINCT d.client_id FROM deals d JOIN users u ON "
                      "u.id = d.manager_id WHERE u.login = 'darcel.schlecht' AND "
                      "d.client_id IS NOT NULL");
        std::set<QString> gotClients;
        for (const auto& c : darcel.json({QStringLiteral("clients")}).array()) {
            gotClients.insert(c.toObject()[QStringLiteral("id")].toString());
        }
        QVERIFY(!gotClients.empty());
        QVERIFY(gotClients == expectedClients);
        QVERIFY(gotClients.size() < 85);

        // The cursor is up to date: a second sync pulls nothing.
        auto again = darcel.sync();
        QCOMPARE(again[QStringLiteral("pulled")].toInt(), 0);
        QCOMPARE(again[QStringLiteral("pushed")].toInt(), 0);
    }

    void headGetsEverything() {
        CliDevice head;
        QVERIFY(head.login(server_.url(), QStringLiteral("celia.rouche")));
        head.sync();
        QCOMPARE(head.json({QStringLiteral("clients")}).array().size(), 85);
        QCOMPARE(head.json({QStringLiteral("deals")}).array().size(), 8800);
    }
};

QTEST_GUILESS_MAIN(TestScopeSync)
#include "tst_scope_sync.moc"
