// SPDX-License-Identifier: MIT
// The head's dashboard and a manager's "my figures" (SPEC §5, issue 5)
// through the real Fieldbook.Ui scene against a real fieldbook-server with
// the CRM sample: the head's manager load table holds the sample's 35
// managers with the figures the server's GET /api/v1/reports/manager_load
// gives (read here over HTTP, apart from the app); a manager's row opens
// their open deals; a refused filter is a line on the page; with the server
// stopped the figures come from the device and the page says so; a manager
// sees "My figures" (their own row) and no dashboard. Screenshots at phone
// and desktop size.
#include <QTest>

#include "../sync/sync_helpers.h"
#include "qml_driver.h"
#include "raw_http.h"
#include "test_server.h"

#include "device/replica.h"

#include <QAbstractItemModel>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>

#include <algorithm>

using fieldbook::test::QmlDriver;
using fieldbook::test::TestServer;

namespace {
/// The manager_load figures the table shows.
const QStringList kLoadColumns = {
    u"clients_in_work"_qs,    u"deals_in_work"_qs,   u"new_cards"_qs,         u"contacts_logged"_qs,
    u"activities_planned"_qs, u"activities_done"_qs, u"activities_missed"_qs, u"planned_hours"_qs};
} // namespace

class TstAppDashboard : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase();
    void cleanupTestCase();

    void headSeesEveryManagersLoad();
    void aManagersRowOpensTheirOpenDeals();
    void aRefusedFilterIsALine();
    void offlineFiguresSaySo();
    void managerSeesOnlyTheirFigures();
    void neverSyncedDeviceShowsNoFigures();

  private:
    /// The server's manager_load rows by login, read over HTTP as `login`.
    QHash<QString, QJsonObject> serverLoad(const QString& login, const QByteArray& query = {});
    QAbstractItemModel* model(const QString& name);
    int rowOf(QAbstractItemModel* m, const QString& column, const QString& value);
    QVariant value(QAbstractItemModel* m, int row, const QString& column);
    void openFromMenu(const QString& menuItem, const QString& page);
    /// Screenshots at both sizes with the dashboard scrolled to `section`'s top.
    void sectionScreenshots(const QString& section, const QString& name);

    TestServer server_;
    QTemporaryDir headProfile_;
    QTemporaryDir managerProfile_;
    QmlDriver ui_;
    QHash<QString, QJsonObject> headLoad_;
};

QHash<QString, QJsonObject> TstAppDashboard::serverLoad(const QString& login,
                                                        const QByteArray& query) {
    QHash<QString, QJsonObject> out;
    const auto token = fieldbook::test::loginToken(server_.port(), login, u"demo"_qs);
    if (token.isEmpty()) {
        qWarning("cannot log in as %s", qPrintable(login));
        return out;
    }
    const auto r = fieldbook::test::rawHttp(server_.port(), "GET",
                                            "/api/v1/reports/manager_load" + query, {}, token);
    if (r.status != 200) {
        qWarning("manager_load answered %d: %s", r.status, r.body.constData());
        return out;
    }
    for (const auto& row : r.json().value(u"rows"_qs).toArray()) {
        out.insert(row.toObject().value(u"manager"_qs).toString(), row.toObject());
    }
    return out;
}

QAbstractItemModel* TstAppDashboard::model(const QString& name) {
    return qobject_cast<QAbstractItemModel*>(ui_.object(name));
}

int TstAppDashboard::rowOf(QAbstractItemModel* m, const QString& column, const QString& value) {
    const int role = m->roleNames().key(column.toUtf8(), -1);
    for (int i = 0; role >= 0 && i < m->rowCount(); ++i) {
        if (m->data(m->index(i, 0), role).toString() == value) {
            return i;
        }
    }
    return -1;
}

QVariant TstAppDashboard::value(QAbstractItemModel* m, int row, const QString& column) {
    return m->data(m->index(row, 0), m->roleNames().key(column.toUtf8(), -1));
}

void TstAppDashboard::openFromMenu(const QString& menuItem, const QString& page) {
    DRIVE(ui_.click(u"menuButton"_qs));
    DRIVE(ui_.waitForPopup(u"userMenu"_qs));
    DRIVE(ui_.click(menuItem));
    DRIVE(ui_.waitForPage(page));
}

void TstAppDashboard::sectionScreenshots(const QString& section, const QString& name) {
    for (const auto size : {fieldbook::test::kPhone, fieldbook::test::kDesktop}) {
        DRIVE(ui_.resize(size));
        auto* flick = ui_.item(u"dashboardFlick"_qs);
        auto* target = ui_.item(section);
        QVERIFY(flick && target);
        auto* content = flick->property("contentItem").value<QQuickItem*>();
        const qreal top = target->mapToItem(content, QPointF(0, 0)).y() - 48;
        const qreal maxY =
            std::max(0.0, flick->property("contentHeight").toReal() - flick->height());
        flick->setProperty("contentY", std::clamp(top, 0.0, maxY));
        DRIVE(ui_.screenshot(name, size));
    }
    ui_.item(u"dashboardFlick"_qs)->setProperty("contentY", 0);
    DRIVE(ui_.resize(fieldbook::test::kPhone));
}

void TstAppDashboard::initTestCase() {
    QVERIFY(headProfile_.isValid());
    QVERIFY(managerProfile_.isValid());
    QVERIFY2(server_.start(true), server_.serverLog().constData());
    headLoad_ = serverLoad(u"celia.rouche"_qs);
    QCOMPARE(headLoad_.size(), 35); // the sample's sales agents

    fieldbook::app::AppOptions options;
    options.profileDir = headProfile_.path();
    options.requestTimeoutMs = 10'000;
    DRIVE(ui_.start(options, QStringLiteral(FIELDBOOK_SCREENSHOT_DIR)));
    DRIVE(ui_.signIn(server_.url(), u"celia.rouche"_qs, u"demo"_qs));
}

void TstAppDashboard::cleanupTestCase() {
    ui_.stop();
    server_.stop();
}

// SPEC §5: the head reads every manager's load; the app shows the server's figures.
void TstAppDashboard::headSeesEveryManagersLoad() {
    QVERIFY(!ui_.item(u"myFiguresMenuItem"_qs)->isVisible());
    DRIVE(openFromMenu(u"dashboardMenuItem"_qs, u"dashboardPage"_qs));
    auto* load = model(u"managerLoadModel"_qs);
    QVERIFY(load);
    QTRY_COMPARE_WITH_TIMEOUT(load->rowCount(), 35, 20'000);
    DRIVE(ui_.testModel(load));
    QVERIFY(!load->property("offline").toBool());
    QVERIFY(!ui_.item(u"dashboardOfflineNote"_qs)->isVisible());

    for (const auto& login :
         {u"darcel.schlecht"_qs, u"anna.snelling"_qs, u"versie.hillebrand"_qs}) {
        const int row = rowOf(load, u"manager"_qs, login);
        QVERIFY2(row >= 0, qPrintable(login));
        const auto server = headLoad_.value(login);
        QVERIFY(!server.isEmpty());
        for (const auto& column : kLoadColumns) {
            QCOMPARE(value(load, row, column).toDouble(), server.value(column).toDouble());
        }
    }
    // The table shows them: darcel's row, clients in work.
    const int darcel = rowOf(load, u"manager"_qs, u"darcel.schlecht"_qs);
    auto* cell = ui_.item(QStringLiteral("managerCell_%1_clients_in_work").arg(darcel));
    QVERIFY(cell);
    QCOMPARE(cell->property("text").toString(),
             QString::number(
                 headLoad_.value(u"darcel.schlecht"_qs).value(u"clients_in_work"_qs).toInt()));
    QVERIFY(headLoad_.value(u"darcel.schlecht"_qs).value(u"clients_in_work"_qs).toInt() > 0);

    // The other reports arrived too.
    QTRY_VERIFY(model(u"funnelModel"_qs)->rowCount() > 0);
    QTRY_VERIFY(model(u"dealsOutcomeModel"_qs)->rowCount() > 0);
    QTRY_VERIFY(model(u"sourcesModel"_qs)->rowCount() > 0);
    QTRY_VERIFY(model(u"refusalReasonsModel"_qs)->rowCount() > 0);
    DRIVE(ui_.screenshots(u"dashboard"_qs));
    DRIVE(sectionScreenshots(u"managerLoadChart"_qs, u"dashboard-load-chart"_qs));
    DRIVE(sectionScreenshots(u"funnelChart"_qs, u"dashboard-funnel-trend"_qs));
    DRIVE(sectionScreenshots(u"refusalChart"_qs, u"dashboard-refusals-sources"_qs));
}

// Issue 5: the head opens a manager's row and sees that manager's open deals.
void TstAppDashboard::aManagersRowOpensTheirOpenDeals() {
    auto* load = model(u"managerLoadModel"_qs);
    const int row = rowOf(load, u"manager"_qs, u"darcel.schlecht"_qs);
    auto* rowItem = ui_.item(QStringLiteral("managerRow_%1").arg(row));
    QVERIFY(rowItem);
    DRIVE(ui_.scrollTo(rowItem));
    DRIVE(ui_.click(rowItem));
    DRIVE(ui_.waitForPage(u"managerWorkPage"_qs));
    auto* work = model(u"managerWorkModel"_qs);
    QVERIFY(work);
    DRIVE(ui_.testModel(work));
    // Without a period deals_in_work counts the manager's open deals now.
    const int openDeals = headLoad_.value(u"darcel.schlecht"_qs).value(u"deals_in_work"_qs).toInt();
    QVERIFY(openDeals > 0);
    QTRY_COMPARE(work->property("dealCount").toInt(), openDeals);
    const auto darcelId = QString::fromStdString(
        ui_.session()->replica()->userByLogin("darcel.schlecht").value("id", std::string()));
    for (int i = 0; i < work->rowCount(); ++i) {
        if (value(work, i, u"kind"_qs).toString() != u"deal"_qs) {
            continue;
        }
        const auto deal = ui_.session()->replica()->record(
            "deal", value(work, i, u"recordId"_qs).toString().toStdString());
        QCOMPARE(QString::fromStdString(deal.value("manager_id", std::string())), darcelId);
        QCOMPARE(QString::fromStdString(deal.value("outcome", std::string())), u"open"_qs);
    }
    DRIVE(ui_.screenshots(u"dashboard-manager-work"_qs));
    // A deal without a client opens the deal; one with a client opens the
    // client's card (where the head reassigns the curator).
    int withClient = -1;
    int withoutClient = -1;
    for (int i = 0; i < work->rowCount(); ++i) {
        (value(work, i, u"clientId"_qs).toString().isEmpty() ? withoutClient : withClient) = i;
    }
    QVERIFY(withClient >= 0 && withoutClient >= 0); // the sample has both
    auto* list = ui_.item(u"managerWorkList"_qs);
    QMetaObject::invokeMethod(list, "positionViewAtIndex", Q_ARG(int, withoutClient),
                              Q_ARG(int, 1 /* ListView.Beginning */));
    DRIVE(ui_.click(QStringLiteral("managerWork_%1").arg(withoutClient)));
    DRIVE(ui_.waitForPage(u"dealPage"_qs));
    QCOMPARE(ui_.currentPage()->property("dealId").toString(),
             value(work, withoutClient, u"recordId"_qs).toString());
    DRIVE(ui_.click(u"backButton"_qs));
    DRIVE(ui_.waitForPage(u"managerWorkPage"_qs));
    QMetaObject::invokeMethod(list, "positionViewAtIndex", Q_ARG(int, withClient),
                              Q_ARG(int, 1 /* ListView.Beginning */));
    DRIVE(ui_.click(QStringLiteral("managerWork_%1").arg(withClient)));
    DRIVE(ui_.waitForPage(u"clientCard"_qs));
    QCOMPARE(ui_.currentPage()->property("clientId").toString(),
             value(work, withClient, u"clientId"_qs).toString());
    QVERIFY(ui_.item(u"reassignClientButton"_qs));
    DRIVE(ui_.click(u"backButton"_qs));
    DRIVE(ui_.waitForPage(u"managerWorkPage"_qs));
    DRIVE(ui_.click(u"backButton"_qs));
    DRIVE(ui_.waitForPage(u"dashboardPage"_qs));
}

// A filter the server refuses (400 unknown_manager) is a line on the page.
void TstAppDashboard::aRefusedFilterIsALine() {
    auto* load = model(u"managerLoadModel"_qs);
    load->setProperty("manager", u"nobody.here"_qs);
    QMetaObject::invokeMethod(load, "refresh");
    QTRY_COMPARE(load->property("errorCode").toString(), u"unknown_manager"_qs);
    QCOMPARE(load->rowCount(), 0);
    QTRY_VERIFY(ui_.item(u"dashboardError"_qs)->isVisible());
    QVERIFY(!ui_.item(u"dashboardError"_qs)->property("text").toString().isEmpty());
    load->setProperty("manager", QString());
    QMetaObject::invokeMethod(load, "refresh");
    QTRY_COMPARE(load->rowCount(), 35);
    QTRY_VERIFY(!ui_.item(u"dashboardError"_qs)->isVisible());
}

// Issue 5: offline the figures come from the device's replica, and say so.
void TstAppDashboard::offlineFiguresSaySo() {
    QCOMPARE(server_.stop(), 0);
    QMetaObject::invokeMethod(ui_.item(u"dashboardPage"_qs), "refresh");
    auto* load = model(u"managerLoadModel"_qs);
    QTRY_VERIFY(load->property("offline").toBool());
    QTRY_VERIFY(ui_.item(u"dashboardOfflineNote"_qs)->isVisible());
    QVERIFY(ui_.item(u"dashboardOfflineNote"_qs)
                ->property("text")
                .toString()
                .contains(u"only what this device holds"_qs));
    // The head's replica holds the whole department: the same managers.
    QCOMPARE(load->rowCount(), 35);
    const int row = rowOf(load, u"manager"_qs, u"darcel.schlecht"_qs);
    QCOMPARE(value(load, row, u"deals_in_work"_qs).toInt(),
             headLoad_.value(u"darcel.schlecht"_qs).value(u"deals_in_work"_qs).toInt());
    DRIVE(ui_.screenshot(u"dashboard-offline"_qs, fieldbook::test::kPhone));
    QVERIFY2(server_.restart(), server_.serverLog().constData());
}

// SPEC §5: a manager reads their own figures, not the dashboard.
void TstAppDashboard::managerSeesOnlyTheirFigures() {
    ui_.stop();
    fieldbook::app::AppOptions options;
    options.profileDir = managerProfile_.path();
    options.requestTimeoutMs = 10'000;
    DRIVE(ui_.start(options, QStringLiteral(FIELDBOOK_SCREENSHOT_DIR)));
    DRIVE(ui_.signIn(server_.url(), u"darcel.schlecht"_qs, u"demo"_qs));
    QVERIFY(!ui_.item(u"dashboardMenuItem"_qs)->isVisible());
    DRIVE(openFromMenu(u"myFiguresMenuItem"_qs, u"myFiguresPage"_qs));
    auto* mine = model(u"myLoadModel"_qs);
    QTRY_COMPARE(mine->rowCount(), 1);
    QVERIFY(!mine->property("offline").toBool());
    QCOMPARE(value(mine, 0, u"manager"_qs).toString(), u"darcel.schlecht"_qs);
    const auto server = headLoad_.value(u"darcel.schlecht"_qs);
    for (const auto& column : kLoadColumns) {
        QCOMPARE(value(mine, 0, column).toDouble(), server.value(column).toDouble());
    }
    QTRY_COMPARE(ui_.item(u"myClientsInWork"_qs)->property("text").toString(),
                 QString::number(server.value(u"clients_in_work"_qs).toInt()));
    QTRY_VERIFY(model(u"myOutcomeModel"_qs)->rowCount() > 0);
    DRIVE(ui_.screenshots(u"my-figures"_qs));

    // Another manager's figures: 403 forbidden, shown as a line.
    mine->setProperty("manager", u"melvin.marxen"_qs);
    QMetaObject::invokeMethod(mine, "refresh");
    QTRY_COMPARE(mine->property("errorCode").toString(), u"forbidden"_qs);
    QTRY_VERIFY(ui_.item(u"myFiguresError"_qs)->isVisible());
}

// A device signed in that never synced (the first sync failed) has an empty
// replica: offline it says so instead of showing zeros as figures, as the
// CLI's `report --offline` does (not_synced).
void TstAppDashboard::neverSyncedDeviceShowsNoFigures() {
    ui_.stop();
    fieldbook::test::CliDevice head; // logged in, never synced
    QVERIFY(head.login(server_.url(), u"celia.rouche"_qs));
    QCOMPARE(server_.stop(), 0);
    fieldbook::app::AppOptions options;
    options.profileDir = head.profile();
    options.requestTimeoutMs = 2'000;
    DRIVE(ui_.start(options, QStringLiteral(FIELDBOOK_SCREENSHOT_DIR)));
    DRIVE(openFromMenu(u"dashboardMenuItem"_qs, u"dashboardPage"_qs));
    auto* load = model(u"managerLoadModel"_qs);
    QTRY_COMPARE(load->property("errorCode").toString(), u"not_synced"_qs);
    QCOMPARE(load->rowCount(), 0);
    QTRY_VERIFY(ui_.item(u"dashboardError"_qs)->isVisible());
    QVERIFY(ui_.item(u"dashboardError"_qs)
                ->property("text")
                .toString()
                .contains(u"has not synced yet"_qs));
    ui_.stop();
    QVERIFY2(server_.restart(), server_.serverLog().constData());
}

QTEST_MAIN(TstAppDashboard)
#include "tst_app_dashboard.moc"
