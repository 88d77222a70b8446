// SPDX-License-Identifier: MIT
// The client list model on a real replica file (issue 6 figure 4): its rows
// are read on the search thread and arrive a moment later; only the newest
// search is answered; a narrower search removes rows rather than resetting
// the model; a change of the replica updates the rows it touched. What a
// search matches is tst_client_search's.
#include <QTest>

#include "app_options.h"
#include "app_session.h"
#include "client_list_model.h"
#include "domain/clock.h"

#include "device/replica.h"
#include "pulled_records.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <sodium.h>

using fieldbook::device::Replica;
using fieldbook::sync::PullResponse;
using fieldbook::test::pulledRecord;
using fieldbook::test::testUuid;
using nlohmann::json;

namespace {

QStringList names(const QAbstractItemModel& model) {
    QStringList out;
    for (int r = 0; r < model.rowCount(); ++r) {
        out << model.data(model.index(r, 0)).toString();
    }
    return out;
}

const QStringList kNames{u"Acme Rockets"_qs, u"Alpha"_qs, u"Bravo"_qs,   u"Charlie"_qs,
                         u"Delta"_qs,        u"Echo"_qs,  u"Foxtrot"_qs, u"Golf"_qs,
                         u"Hotel"_qs,        u"India"_qs, u"Juliett"_qs, u"Kilo"_qs,
                         u"Lima"_qs,         u"Mike"_qs,  u"November"_qs};

} // namespace

class TstClientListModel : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase();
    void init();
    void cleanup();
    void rowsArriveFromTheSearchThread();
    void onlyTheNewestSearchIsAnswered();
    void narrowerSearchRemovesRows();
    void replicaChangeUpdatesTheRowsItTouched();
    void changedRowsAreToldInRanges();
    void noSessionNoRows();

  private:
    QTemporaryDir dir_;
    std::string user_ = testUuid(1, 'a');
    std::unique_ptr<AppSession> session_;
    std::unique_ptr<ClientListModel> model_;
    std::unique_ptr<QAbstractItemModelTester> tester_; ///< checks every row change signal
};

void TstClientListModel::initTestCase() {
    QVERIFY(sodium_init() >= 0);
    QVERIFY(dir_.isValid());
    Replica replica(dir_.filePath(u"replica.db"_qs).toStdString());
    fieldbook::device::Session s;
    s.serverUrl = "http://127.0.0.1:1";
    s.deviceId = "dev-1";
    s.userId = user_;
    s.login = "anna";
    s.fullName = "Anna Petrova";
    s.role = "manager";
    replica.saveSession(s); // no token: the app does not try to sync
    PullResponse page;
    page.changes.push_back(pulledRecord(
        "user", user_,
        {{"login", "anna"}, {"full_name", "Anna Petrova"}, {"role", "manager"}, {"active", true}}));
    for (int i = 0; i < kNames.size(); ++i) {
        page.changes.push_back(pulledRecord("client", testUuid(i, 'c'),
                                            {{"name", kNames[i].toStdString()},
                                             {"industry", "it"},
                                             {"region", "nz"},
                                             {"status", "active"},
                                             {"curator_id", user_}}));
    }
    page.cursor = 1;
    page.serverTimeMs = fieldbook::domain::nowMs();
    replica.applyPull(page);
}

void TstClientListModel::init() {
    fieldbook::app::AppOptions options;
    options.profileDir = dir_.path();
    session_ = std::make_unique<AppSession>(options);
    QVERIFY(session_->replica());
    model_ = std::make_unique<ClientListModel>();
    tester_ = std::make_unique<QAbstractItemModelTester>(
        model_.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    model_->setSession(session_.get());
    QTRY_VERIFY(!model_->searching());
}

void TstClientListModel::cleanup() {
    tester_.reset();
    model_.reset();
    session_.reset();
}

void TstClientListModel::rowsArriveFromTheSearchThread() {
    QCOMPARE(names(*model_), kNames);
    QCOMPARE(model_->data(model_->index(0, 0), ClientListModel::CuratorNameRole).toString(),
             u"Anna Petrova"_qs);
    QCOMPARE(model_->property("count").toInt(), kNames.size());

    // Asked, not yet answered: the rows are still the last answer.
    model_->setSearch(u"ol"_qs);
    QVERIFY(model_->searching());
    QCOMPARE(model_->rowCount(), kNames.size());
    QSignalSpy answered(model_.get(), &ClientListModel::answered);
    QVERIFY(answered.wait());
    QVERIFY(!model_->searching());
    QCOMPARE(names(*model_), QStringList{u"Golf"_qs});
}

void TstClientListModel::onlyTheNewestSearchIsAnswered() {
    QSignalSpy answered(model_.get(), &ClientListModel::answered);
    QSignalSpy reset(model_.get(), &QAbstractItemModel::modelReset);
    model_->setSearch(u"a"_qs);
    model_->setSearch(u"zzq"_qs);
    model_->setSearch(u"Li"_qs);
    QVERIFY(answered.wait());
    QVERIFY(!model_->searching());
    QCOMPARE(names(*model_), (QStringList{u"Charlie"_qs, u"Juliett"_qs, u"Lima"_qs}));
    QTest::qWait(50); // nothing else follows
    QCOMPARE(answered.count(), 1);
    QCOMPARE(reset.count(), 0); // 12 rows removed in 3 runs
}

void TstClientListModel::narrowerSearchRemovesRows() {
    QSignalSpy reset(model_.get(), &QAbstractItemModel::modelReset);
    QSignalSpy removed(model_.get(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(model_.get(), &QAbstractItemModel::rowsInserted);
    model_->setSearch(u"e"_qs);
    QTRY_VERIFY(!model_->searching());
    const QStringList withE{u"Acme Rockets"_qs, u"Charlie"_qs, u"Delta"_qs, u"Echo"_qs,
                            u"Hotel"_qs,        u"Juliett"_qs, u"Mike"_qs,  u"November"_qs};
    QCOMPARE(names(*model_), withE);
    model_->setSearch(u"el"_qs);
    QTRY_VERIFY(!model_->searching());
    QCOMPARE(names(*model_), (QStringList{u"Delta"_qs, u"Hotel"_qs}));
    model_->setSearch(u"e"_qs); // backspace: the rows come back in their places
    QTRY_VERIFY(!model_->searching());
    QCOMPARE(names(*model_), withE);
    QCOMPARE(reset.count(), 0);
    QVERIFY(removed.count() > 0);
    QVERIFY(inserted.count() > 0);
    // Each step was a few runs, never one removal per row.
    QVERIFY2(removed.count() + inserted.count() < 16,
             qPrintable(QString::number(removed.count() + inserted.count())));
}

void TstClientListModel::replicaChangeUpdatesTheRowsItTouched() {
    model_->setSearch(u"o"_qs);
    QTRY_VERIFY(!model_->searching());
    const auto before = names(*model_);
    QVERIFY(before.contains(u"Bravo"_qs));
    const int bravo = static_cast<int>(before.indexOf(u"Bravo"_qs));
    QSignalSpy reset(model_.get(), &QAbstractItemModel::modelReset);
    QSignalSpy changed(model_.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy answered(model_.get(), &ClientListModel::answered);
    const auto error = session_->runEdit("rename", [&](Replica& r) {
        r.updateRecord("client", testUuid(2, 'c'), {{"name", "Bravo Two"}});
    });
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QTRY_COMPARE(answered.count(), 1);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), bravo);
    auto after = before;
    after[bravo] = u"Bravo Two"_qs;
    QCOMPARE(names(*model_), after);

    // A new client that matches comes in at its place; nothing else moves.
    QSignalSpy inserted(model_.get(), &QAbstractItemModel::rowsInserted);
    QString id;
    QVERIFY(session_
                ->runEdit("create",
                          [&](Replica& r) {
                              id = QString::fromStdString(r.createRecord(
                                  "client", {{"name", "Boston"}, {"curator_id", user_}}));
                          })
                .isEmpty());
    QTRY_COMPARE(answered.count(), 2);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model_->clientIdAt(bravo), id); // "Boston" before "Bravo Two"
    QCOMPARE(model_->rowCount(), before.size() + 1);
}

void TstClientListModel::changedRowsAreToldInRanges() {
    // Every client's curator renamed (as a new language changes every
    // label): one dataChanged for all the rows, no reset.
    QSignalSpy reset(model_.get(), &QAbstractItemModel::modelReset);
    QSignalSpy changed(model_.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy answered(model_.get(), &ClientListModel::answered);
    QVERIFY(session_
                ->runEdit("rename",
                          [&](Replica& r) {
                              r.db().exec("UPDATE users SET full_name = 'Anna Smirnova'");
                          })
                .isEmpty());
    QTRY_COMPARE(answered.count(), 1);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 0);
    QCOMPARE(changed.at(0).at(1).toModelIndex().row(), model_->rowCount() - 1);
    QCOMPARE(model_->data(model_->index(3, 0), ClientListModel::CuratorNameRole).toString(),
             u"Anna Smirnova"_qs);
}

void TstClientListModel::noSessionNoRows() {
    QVERIFY(model_->rowCount() > 0);
    model_->setSession(nullptr);
    QCOMPARE(model_->rowCount(), 0);
    QVERIFY(!model_->searching());
    model_->setSearch(u"acme"_qs);
    QCOMPARE(model_->rowCount(), 0);
    QVERIFY(!model_->searching());
}

QTEST_GUILESS_MAIN(TstClientListModel)
#include "tst_client_list_model.moc"
