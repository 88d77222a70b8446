// SPDX-License-Identifier: MIT
// What a client search matches (issue 6 figure 4 moved the app's search off
// the GUI thread onto device/client_list.h): the name, the industry or
// region code, or the stored label of that industry or region, contains the
// text; LIKE's case folding (ASCII only, no diacritics folded); deleted
// clients and deleted labels never match; by name, case folded. The same
// answers from Replica::clients (fieldbook-cli) and from the list reads the
// app uses (clientListRows filtered by matchingClientIds), on a real replica.
#include <QTest>

#include "device/client_list.h"
#include "device/replica.h"
#include "domain/clock.h"
#include "pulled_records.h"

#include <QTemporaryDir>

#include <sodium.h>

#include <algorithm>
#include <memory>
#include <set>

using fieldbook::device::ClientListRow;
using fieldbook::device::Replica;
using fieldbook::sync::PullResponse;
using fieldbook::sync::RecordChange;
using fieldbook::test::pulledRecord;
using fieldbook::test::testUuid;
using nlohmann::json;

namespace {

json referenceItem(const char* list, const char* code, const char* label) {
    return {{"list", list}, {"code", code}, {"label", label}, {"sort_order", 1}, {"active", true}};
}

json client(const char* name, const char* industry, const char* region,
            const std::string& curator) {
    json f = {{"name", name}, {"industry", industry}, {"region", region}, {"status", "active"}};
    if (!curator.empty()) {
        f["curator_id"] = curator;
    }
    return f;
}

QStringList names(const json& clients) {
    QStringList out;
    for (const auto& c : clients) {
        out << QString::fromStdString(c["name"].get<std::string>());
    }
    return out;
}

} // namespace

class TstClientSearch : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase();
    void matches_data();
    void matches();
    void listRowsShowCuratorAndOpenDeals();
    void stoppedReadEndsEarly();

  private:
    QTemporaryDir dir_;
    std::unique_ptr<Replica> replica_;
    std::string anna_ = testUuid(1, 'a');
};

void TstClientSearch::initTestCase() {
    QVERIFY(sodium_init() >= 0);
    QVERIFY(dir_.isValid());
    replica_ = std::make_unique<Replica>(dir_.filePath(u"replica.db"_qs).toStdString());
    std::vector<RecordChange> changes{
        pulledRecord("user", anna_,
                     {{"login", "anna"},
                      {"full_name", "Anna Petrova"},
                      {"role", "manager"},
                      {"active", true}}),
        pulledRecord("reference_item", testUuid(1, 'f'),
                     referenceItem("industry", "software", "Software")),
        pulledRecord("reference_item", testUuid(2, 'f'),
                     referenceItem("industry", "med", "Médecine")),
        pulledRecord("reference_item", testUuid(3, 'f'),
                     referenceItem("region", "r7", "Northern Territory")),
        // A region whose code is also an industry code: its label is not the industry's.
        pulledRecord("reference_item", testUuid(4, 'f'),
                     referenceItem("region", "software", "Spa Town")),
        pulledRecord("reference_item", testUuid(5, 'f'),
                     referenceItem("region", "gone", "Atlantis"), true),
        pulledRecord("client", testUuid(1, 'c'),
                     client("Acme Rockets", "software", "kenya", anna_)),
        pulledRecord("client", testUuid(2, 'c'), client("acme labs", "retail", "r7", "")),
        pulledRecord("client", testUuid(3, 'c'), client("Zeta Ölwerk", "med", "panama", anna_)),
        pulledRecord("client", testUuid(4, 'c'), client("Deleted Acme", "retail", "kenya", anna_),
                     true),
        pulledRecord("client", testUuid(5, 'c'), client("Bravo", "retail", "gone", "")),
        pulledRecord("client", testUuid(6, 'c'), client("ACME", "retail", "north", "")),
        pulledRecord("client", testUuid(7, 'c'), client("Rate 100% Ltd", "retail", "north", "")),
        pulledRecord("client", testUuid(8, 'c'), client("x_y Works\\Co", "retail", "north", "")),
        pulledRecord("deal", testUuid(1, 'd'),
                     {{"client_id", testUuid(1, 'c')},
                      {"title", "A"},
                      {"manager_id", anna_},
                      {"outcome", "open"}}),
        pulledRecord("deal", testUuid(2, 'd'),
                     {{"client_id", testUuid(1, 'c')},
                      {"title", "B"},
                      {"manager_id", anna_},
                      {"outcome", "open"}}),
        pulledRecord("deal", testUuid(3, 'd'),
                     {{"client_id", testUuid(1, 'c')},
                      {"title", "C"},
                      {"manager_id", anna_},
                      {"outcome", "won"}}),
        pulledRecord("deal", testUuid(4, 'd'),
                     {{"client_id", testUuid(3, 'c')},
                      {"title", "D"},
                      {"manager_id", anna_},
                      {"outcome", "open"}},
                     true),
    };
    PullResponse page;
    page.changes = std::move(changes);
    page.cursor = 1;
    page.serverTimeMs = fieldbook::domain::nowMs();
    replica_->applyPull(page);
}

void TstClientSearch::matches_data() {
    QTest::addColumn<QString>("search");
    QTest::addColumn<QStringList>("expected");
    const QStringList live{u"ACME"_qs,       u"acme labs"_qs,     u"Acme Rockets"_qs,
                           u"Bravo"_qs,      u"Rate 100% Ltd"_qs, u"x_y Works\\Co"_qs,
                           u"Zeta Ölwerk"_qs};
    QTest::newRow("empty: every live client, by name, case folded") << QString() << live;
    QTest::newRow("name, any case")
        << u"acme"_qs << QStringList{u"ACME"_qs, u"acme labs"_qs, u"Acme Rockets"_qs};
    QTest::newRow("inside the name") << u"ROCK"_qs << QStringList{u"Acme Rockets"_qs};
    QTest::newRow("industry code") << u"softw"_qs << QStringList{u"Acme Rockets"_qs};
    QTest::newRow("region code") << u"keny"_qs << QStringList{u"Acme Rockets"_qs};
    QTest::newRow("region label") << u"territory"_qs << QStringList{u"acme labs"_qs};
    QTest::newRow("industry label, non-ASCII as stored")
        << u"Médec"_qs << QStringList{u"Zeta Ölwerk"_qs};
    QTest::newRow("a region's label is not the industry's") << u"spa town"_qs << QStringList{};
    QTest::newRow("deleted label") << u"atlantis"_qs << QStringList{};
    QTest::newRow("deleted client") << u"deleted"_qs << QStringList{};
    QTest::newRow("non-ASCII exact") << u"Ölwerk"_qs << QStringList{u"Zeta Ölwerk"_qs};
    QTest::newRow("non-ASCII case is not folded") << u"ölwerk"_qs << QStringList{};
    QTest::newRow("diacritics are not folded") << u"olwerk"_qs << QStringList{};
    QTest::newRow("nothing") << u"zzq"_qs << QStringList{};
    // LIKE's wildcards and escape are matched as typed (they matched anything).
    QTest::newRow("percent as typed") << u"%"_qs << QStringList{u"Rate 100% Ltd"_qs};
    QTest::newRow("percent inside") << u"100% l"_qs << QStringList{u"Rate 100% Ltd"_qs};
    QTest::newRow("underscore as typed") << u"_"_qs << QStringList{u"x_y Works\\Co"_qs};
    QTest::newRow("underscore is not any letter") << u"a_m"_qs << QStringList{};
    QTest::newRow("backslash as typed") << u"s\\c"_qs << QStringList{u"x_y Works\\Co"_qs};
}

void TstClientSearch::matches() {
    QFETCH(QString, search);
    QFETCH(QStringList, expected);
    const auto text = search.toStdString();
    QCOMPARE(names(replica_->clients(text)), expected);

    auto ids = fieldbook::device::matchingClientIds(replica_->db(), text);
    const std::set<std::string> matching(ids.begin(), ids.end());
    QCOMPARE(matching.size(), ids.size());
    QStringList listed;
    for (const auto& row : fieldbook::device::clientListRows(replica_->db())) {
        if (matching.count(row.id) != 0) {
            listed << QString::fromStdString(row.name);
        }
    }
    QCOMPARE(listed, expected);
}

void TstClientSearch::listRowsShowCuratorAndOpenDeals() {
    const auto rows = fieldbook::device::clientListRows(replica_->db());
    QCOMPARE(rows.size(), std::size_t(7));
    const auto acme = std::find_if(
        rows.begin(), rows.end(), [&](const ClientListRow& r) { return r.id == testUuid(1, 'c'); });
    QVERIFY(acme != rows.end());
    const ClientListRow expected{testUuid(1, 'c'), "Acme Rockets", "software", "kenya",
                                 "active",         "Anna Petrova", 2};
    QVERIFY(*acme == expected); // two open deals; the won one does not count
    const auto zeta = std::find_if(
        rows.begin(), rows.end(), [&](const ClientListRow& r) { return r.id == testUuid(3, 'c'); });
    QCOMPARE(zeta->openDeals, std::int64_t(0)); // its open deal is deleted
    QCOMPARE(rows.front().curatorName, std::string());
    // The JSON read of fieldbook-cli says the same.
    const auto cli = replica_->clients("rockets");
    QCOMPARE(cli.size(), std::size_t(1));
    QCOMPARE(cli[0]["open_deals"].get<std::int64_t>(), std::int64_t(2));
    QCOMPARE(cli[0]["curator_name"].get<std::string>(), std::string("Anna Petrova"));
}

void TstClientSearch::stoppedReadEndsEarly() {
    // Last: 600 more clients, all matching "filler".
    PullResponse page;
    for (int i = 0; i < 600; ++i) {
        page.changes.push_back(pulledRecord("client", testUuid(100 + i, 'c'),
                                            client("Filler", "retail", "north", "")));
    }
    page.cursor = 2;
    page.serverTimeMs = fieldbook::domain::nowMs();
    replica_->applyPull(page);

    int asked = 0;
    auto ids = fieldbook::device::matchingClientIds(replica_->db(), "filler", [&] {
        ++asked;
        return true;
    });
    QCOMPARE(ids.size(), std::size_t(600));
    QCOMPARE(asked, 2); // at 256 and 512
    asked = 0;
    ids = fieldbook::device::matchingClientIds(replica_->db(), "filler", [&] {
        ++asked;
        return false; // a newer keystroke came
    });
    QCOMPARE(asked, 1);
    QCOMPARE(ids.size(), std::size_t(256));
}

QTEST_GUILESS_MAIN(TstClientSearch)
#include "tst_client_search.moc"
