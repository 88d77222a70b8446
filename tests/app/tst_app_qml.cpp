// SPDX-License-Identifier: MIT
// The real Fieldbook.Ui scene (QT_QPA_PLATFORM=offscreen) against a real
// fieldbook-server with the CRM sample: sign in through the form as a field
// manager, browse the plan, the clients and a card, log a meeting and plan a
// visit through the UI, and check with a second device (fieldbook-cli as the
// head of sales) that the server holds the meeting. Items are found by
// objectName; screenshots land in FIELDBOOK_SCREENSHOT_DIR.
#include <QTest>

#include "i18n.h"
#include "qml_driver.h"
#include "test_server.h"

#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTranslator>

using fieldbook::test::kSyncTimeoutMs;
using fieldbook::test::QmlDriver;
using fieldbook::test::runCli;
using fieldbook::test::TestServer;

class TstAppQml : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase();
    void cleanupTestCase();

    void signInThroughTheForm();
    void todayShowsThePlan();
    void clientListShowsTheManagersClients();
    void clientCardShowsHistoryAndDeals();
    void logMeetingThroughTheForm();
    void planVisitShowsInToday();
    void offlineEditSyncsWhenTheServerIsBack();
    void headOfSalesSeesTheMeeting();
    void userMenuIsReadable();
    void signOutShowsLogin();
    void russianTranslationLoads();

  private:
    QQuickItem* item(const QString& name) const { return ui_.item(name); }
    QObject* object(const QString& name) const { return ui_.object(name); }
    QQuickItem* currentPage() const { return ui_.currentPage(); }
    void waitForPage(const QString& name) { ui_.waitForPage(name); }
    void click(QQuickItem* target) { ui_.click(target); }
    void typeInto(const QString& fieldName, const QString& text) { ui_.typeInto(fieldName, text); }
    /// Every page at both sizes (issue 3); a desktop-only call was a
    /// phone-size page's second half and is already taken.
    void screenshot(const QString& name, int width, int height) {
        if (width == fieldbook::test::kPhone.width()) {
            ui_.screenshots(name);
        } else if (width != fieldbook::test::kDesktop.width() || height != 800) {
            ui_.screenshot(name, QSize(width, height));
        }
    }
    void wrapModel(const QString& name) {
        ui_.testModel(qobject_cast<QAbstractItemModel*>(object(name)));
    }

    TestServer server_;
    QTemporaryDir profile_;
    QTemporaryDir secondProfile_;
    QmlDriver ui_;
    AppSession* session_ = nullptr;
    QQuickWindow* window_ = nullptr;
    QString clientId_;
    QString clientName_;
    QString summary_;
    QString offlineSummary_;
};

// --- fixture -------------------------------------------------------------------

void TstAppQml::initTestCase() {
    QVERIFY(profile_.isValid());
    QVERIFY(secondProfile_.isValid());
    QVERIFY2(server_.start(true), server_.serverLog().constData());

    fieldbook::app::AppOptions options;
    options.profileDir = profile_.path();
    options.requestTimeoutMs = 10'000;
    // Room to see "1 pending" before the debounced sync starts, on a loaded machine too.
    options.editDebounceMs = 3'000;
    options.firstRetryMs = 300; // the offline test waits for the retries
    options.maxRetryMs = 1'000;
    ui_.start(options, QStringLiteral(FIELDBOOK_SCREENSHOT_DIR));
    session_ = ui_.session();
    window_ = ui_.window();
}

void TstAppQml::cleanupTestCase() {
    ui_.stop();
    server_.stop();
}

// --- the workflow --------------------------------------------------------------

void TstAppQml::signInThroughTheForm() {
    waitForPage(u"loginPage"_qs);
    QVERIFY(!session_->loggedIn());
    screenshot(u"login"_qs, 400, 800);

    typeInto(u"loginUrlField"_qs, server_.url());
    typeInto(u"loginUserField"_qs, u"darcel.schlecht"_qs);
    typeInto(u"loginPasswordField"_qs, u"demo"_qs);
    click(item(u"loginButton"_qs));

    QTRY_VERIFY2_WITH_TIMEOUT(session_->loggedIn(), qPrintable(session_->lastError()), 20'000);
    QCOMPARE(session_->userLogin(), u"darcel.schlecht"_qs);
    QCOMPARE(session_->role(), u"manager"_qs);
    waitForPage(u"homePage"_qs);

    // The first sync pulls the manager's scope.
    QTRY_VERIFY2_WITH_TIMEOUT(session_->everSynced() && session_->syncState() == u"synced"_qs,
                              qPrintable(session_->syncState() + u" "_qs + session_->lastError()),
                              kSyncTimeoutMs);
    QVERIFY(session_->lastError().isEmpty());
    QVERIFY(session_->lastSyncText().startsWith(u"synced at "_qs));
    auto* indicator = item(u"syncIndicator"_qs);
    QVERIFY(indicator && indicator->isVisible());
    QCOMPARE(indicator->property("text").toString(), session_->lastSyncText());
}

void TstAppQml::todayShowsThePlan() {
    auto* today = item(u"todayPage"_qs);
    QVERIFY(today);
    QTRY_VERIFY(today->isVisible());
    auto* list = item(u"todayList"_qs);
    QVERIFY(list && list->isVisible());
    wrapModel(u"todayModel"_qs);
    // The sample has deals, not plans: the day is empty and says so.
    QCOMPARE(list->property("count").toInt(), 0);
    QTRY_VERIFY(item(u"todayEmptyLabel"_qs)->isVisible());
    screenshot(u"today"_qs, 400, 800);

    // Another day is a tap away, and back.
    const auto title = item(u"todayDateLabel"_qs)->property("text").toString();
    click(item(u"todayNextButton"_qs));
    QTRY_VERIFY(item(u"todayDateLabel"_qs)->property("text").toString() != title);
    click(item(u"todayButton"_qs));
    QTRY_COMPARE(item(u"todayDateLabel"_qs)->property("text").toString(), title);
}

void TstAppQml::clientListShowsTheManagersClients() {
    // Issue 6: the list reads the clients only when its tab is first shown
    // (with 10,000 clients that read was most of the start before the plan).
    auto* hidden = qobject_cast<QAbstractItemModel*>(object(u"clientListModel"_qs));
    QVERIFY(hidden);
    QCOMPARE(hidden->rowCount(), 0);
    click(item(u"clientsTabButton"_qs));
    auto* list = item(u"clientList"_qs);
    QVERIFY(list);
    QTRY_VERIFY(list->isVisible());
    wrapModel(u"clientListModel"_qs);
    // The rows come from the list's search thread a moment later.
    auto searching = [this] {
        return object(u"clientListModel"_qs)->property("searching").toBool();
    };
    QTRY_VERIFY(!searching());
    // His replica holds his clients (those he has deals with), not all 85.
    const int all = list->property("count").toInt();
    QVERIFY2(all > 10 && all < 85, qPrintable(QString::number(all)));

    typeInto(u"clientSearchField"_qs, u"isdom"_qs);
    QTRY_VERIFY(!searching());
    QCOMPARE(list->property("count").toInt(), 1);
    screenshot(u"client-search"_qs, 400, 800);
    typeInto(u"clientSearchField"_qs, QString());
    QTRY_VERIFY(!searching());
    QCOMPARE(list->property("count").toInt(), all);
    screenshot(u"clients"_qs, 400, 800);
    screenshot(u"clients"_qs, 1280, 800);
    window_->resize(400, 800);
}

void TstAppQml::clientCardShowsHistoryAndDeals() {
    auto* list = item(u"clientList"_qs);
    QTRY_COMPARE(list->width(), qreal(400));
    QQuickItem* first = nullptr;
    QTRY_VERIFY((first = item(u"clientDelegate_0"_qs)) != nullptr);
    clientName_ = first->property("name").toString();
    clientId_ = first->property("clientId").toString();
    QVERIFY(!clientId_.isEmpty());
    click(first);

    waitForPage(u"clientCard"_qs);
    QCOMPARE(currentPage()->property("clientId").toString(), clientId_);
    QCOMPARE(item(u"clientNameLabel"_qs)->property("text").toString(), clientName_);
    auto* history = item(u"historyList"_qs);
    QVERIFY(history);
    QVERIFY(history->isVisible());
    auto* deals = item(u"dealList"_qs);
    QVERIFY(deals);
    QVERIFY(!deals->isVisible()); // narrow: behind the "Deals" tab
    QVERIFY(qobject_cast<QAbstractItemModel*>(history->property("model").value<QObject*>()));
    ui_.testModel(history->property("model").value<QAbstractItemModel*>());
    ui_.testModel(deals->property("model").value<QAbstractItemModel*>());
    screenshot(u"client-card"_qs, 400, 800);

    click(item(u"dealsTabButton"_qs));
    QTRY_VERIFY(deals->isVisible());
    QVERIFY(deals->property("count").toInt() > 0); // he has deals with each of his clients
    auto* dealModel = deals->property("model").value<QAbstractItemModel*>();
    const auto stage =
        dealModel->data(dealModel->index(0, 0), dealModel->roleNames().key("stageLabel"));
    QVERIFY2(!stage.toString().contains(u'_'), qPrintable(stage.toString())); // a label, not a code
    screenshot(u"client-card-deals"_qs, 400, 800);
    click(item(u"historyTabButton"_qs));
    QTRY_VERIFY(history->isVisible());

    // Wide: the summary beside the tabs.
    window_->resize(1280, 800);
    QTRY_VERIFY(history->isVisible());
    QTRY_VERIFY(item(u"clientNameLabel"_qs)->mapToScene({0, 0}).x() <
                history->mapToScene({0, 0}).x());
    screenshot(u"client-card"_qs, 1280, 800);
    window_->resize(400, 800);
    QTRY_VERIFY(item(u"clientNameLabel"_qs)->mapToScene({0, 0}).y() <
                history->mapToScene({0, 0}).y());
}

void TstAppQml::logMeetingThroughTheForm() {
    auto* history = item(u"historyList"_qs);
    const int before = history->property("count").toInt();
    summary_ = u"Met the IT lead at %1; they want a GTX Pro proposal by Friday."_qs.arg(
        QDateTime::currentDateTime().toString(u"hh:mm:ss.zzz"_qs));

    click(item(u"logMeetingButton"_qs));
    waitForPage(u"logMeetingPage"_qs);

    // The kind's drop-down: every row readable, hovered or not.
    click(item(u"meetingKindBox"_qs));
    auto* kindPopup = item(u"meetingKindBox"_qs)->property("popup").value<QObject*>();
    QTRY_VERIFY(kindPopup && kindPopup->property("opened").toBool());
    DRIVE(ui_.checkPopupContrast(kindPopup, u"the contact kind's drop-down"_qs));
    screenshot(u"log-meeting-kinds"_qs, 400, 800);
    QTest::keyClick(window_, Qt::Key_Escape);
    QTRY_VERIFY(!kindPopup->property("opened").toBool());

    // Saving with nothing written says why, under the field, and saves nothing.
    click(item(u"saveMeetingButton"_qs));
    QCOMPARE(item(u"meetingErrorLabel"_qs)->property("text").toString(),
             u"Write what was discussed and agreed before saving."_qs);
    QVERIFY(item(u"meetingErrorLabel"_qs)->isVisible());
    QCOMPARE(currentPage()->objectName(), u"logMeetingPage"_qs);
    typeInto(u"meetingSummaryField"_qs, summary_);
    QVERIFY(item(u"meetingErrorLabel"_qs)->property("text").toString().isEmpty());
    screenshot(u"log-meeting"_qs, 400, 800);
    click(item(u"saveMeetingButton"_qs));

    // Saved at once, locally: back on the card, on top of the timeline, pending.
    waitForPage(u"clientCard"_qs);
    history = item(u"historyList"_qs);
    QTRY_COMPARE(history->property("count").toInt(), before + 1);
    auto* model = history->property("model").value<QAbstractItemModel*>();
    QVERIFY(model);
    const auto roles = model->roleNames();
    QCOMPARE(model->data(model->index(0, 0), roles.key("summary")).toString(), summary_);
    QCOMPARE(model->data(model->index(0, 0), roles.key("kind")).toString(), u"meeting"_qs);
    QVERIFY(session_->pendingCount() >= 1);
    QCOMPARE(item(u"syncIndicator"_qs)->property("text").toString(), u"1 pending"_qs);

    // It syncs by itself (debounced after the edit), without a button press.
    QTRY_VERIFY2_WITH_TIMEOUT(
        session_->pendingCount() == 0 && session_->syncState() == u"synced"_qs,
        qPrintable(session_->syncState() + u" "_qs + session_->lastError()), kSyncTimeoutMs);
    QTRY_VERIFY(!model->data(model->index(0, 0), roles.key("pending")).toBool());
    screenshot(u"client-card-after-meeting"_qs, 400, 800);
}

void TstAppQml::planVisitShowsInToday() {
    const auto today = QDate::currentDate().toString(u"yyyy-MM-dd"_qs);
    // A visit later today: 23:00, or a quarter of an hour from now when the
    // test runs after 22:45 (at 23:23 a 23:00 visit was already past, so the
    // card's "next visit" rightly left it out). Too close to midnight for
    // any visit later today, the test cannot be made: skipped.
    const auto now = QTime::currentTime();
    if (now > QTime(23, 44)) {
        QSKIP("less than a quarter of an hour of today is left for a visit later today");
    }
    auto at = QTime(23, 0);
    if (now.addSecs(15 * 60) > at) {
        at = QTime(now.hour(), now.minute()).addSecs(15 * 60);
    }
    const auto atText = at.toString(u"HH:mm"_qs);
    click(item(u"planVisitButton"_qs));
    waitForPage(u"planVisitPage"_qs);
    typeInto(u"visitDateField"_qs, today);
    typeInto(u"visitTimeField"_qs, atText);
    typeInto(u"visitPurposeField"_qs, u"Bring the GTX Pro proposal"_qs);
    screenshot(u"plan-visit-today"_qs, 400, 800);
    click(item(u"saveVisitButton"_qs));
    waitForPage(u"clientCard"_qs);
    QTRY_VERIFY(item(u"nextVisitLabel"_qs)->property("text").toString().contains(atText));

    click(item(u"backButton"_qs));
    waitForPage(u"homePage"_qs);
    click(item(u"todayTabButton"_qs));
    auto* list = item(u"todayList"_qs);
    QTRY_VERIFY(list->isVisible());
    QTRY_COMPARE(list->property("count").toInt(), 1);
    auto* model = list->property("model").value<QAbstractItemModel*>();
    const auto roles = model->roleNames();
    QCOMPARE(model->data(model->index(0, 0), roles.key("clientName")).toString(), clientName_);
    QCOMPARE(model->data(model->index(0, 0), roles.key("timeText")).toString(), atText);
    QTRY_VERIFY_WITH_TIMEOUT(session_->pendingCount() == 0 && session_->syncState() == u"synced"_qs,
                             kSyncTimeoutMs);
    screenshot(u"today-with-visit"_qs, 400, 800);
    screenshot(u"today-with-visit"_qs, 1280, 800);
    window_->resize(400, 800);
}

void TstAppQml::offlineEditSyncsWhenTheServerIsBack() {
    server_.stop();
    session_->syncNow();
    QTRY_COMPARE_WITH_TIMEOUT(session_->syncState(), u"offline"_qs, 20'000);
    QVERIFY2(session_->lastError().startsWith(u"Cannot reach the server"_qs),
             qPrintable(session_->lastError()));

    // Offline, an edit is still saved at once, and waits in the outbox.
    offlineSummary_ = u"Called from the car park: no network on site."_qs;
    QVERIFY(!session_->logHistory(clientId_, u"call"_qs, offlineSummary_, QString()).isEmpty());
    QCOMPARE(session_->pendingCount(), 1);
    QTRY_COMPARE(item(u"syncIndicator"_qs)->property("text").toString(),
                 u"offline \u00B7 1 pending"_qs);
    screenshot(u"offline-pending"_qs, 400, 800);
    QTest::qWait(2'500); // a few failed retries, backing off
    QCOMPARE(session_->syncState(), u"offline"_qs);
    QCOMPARE(session_->pendingCount(), 1);
    // Three failures in a row: the banner says why, above the page, without
    // any new edit or button press (the retries back off by themselves).
    QTRY_VERIFY_WITH_TIMEOUT(item(u"syncFailureBanner"_qs)->isVisible(), 30'000);
    QVERIFY(session_->syncFailing());
    QVERIFY2(item(u"syncFailureText"_qs)
                 ->property("text")
                 .toString()
                 .startsWith(u"Cannot reach the server"_qs),
             qPrintable(item(u"syncFailureText"_qs)->property("text").toString()));
    QVERIFY(item(u"syncFailureBanner"_qs)->height() > 0);
    screenshot(u"sync-failure-banner"_qs, 400, 800);

    // Back online, it syncs without a button press.
    QVERIFY2(server_.restart(), server_.serverLog().constData());
    QTRY_VERIFY2_WITH_TIMEOUT(
        session_->pendingCount() == 0 && session_->syncState() == u"synced"_qs,
        qPrintable(session_->syncState() + u" "_qs + session_->lastError()), kSyncTimeoutMs);
    QVERIFY(session_->lastError().isEmpty());
    // The banner clears with the first sync that succeeds.
    QTRY_VERIFY(!item(u"syncFailureBanner"_qs)->isVisible());
    QVERIFY(!session_->syncFailing());
}

void TstAppQml::headOfSalesSeesTheMeeting() {
    QByteArray out;
    QByteArray err;
    QCOMPARE(runCli(secondProfile_.path(),
                    {u"login"_qs, u"--server"_qs, server_.url(), u"--user"_qs, u"celia.rouche"_qs},
                    "demo\n", &out, &err),
             0);
    QVERIFY2(runCli(secondProfile_.path(), {u"sync"_qs}, {}, &out, &err) == 0, err.constData());
    QVERIFY2(
        runCli(secondProfile_.path(), {u"--json"_qs, u"client"_qs, clientId_}, {}, &out, &err) == 0,
        err.constData());
    QJsonParseError parseError;
    const auto card = QJsonDocument::fromJson(out, &parseError).object();
    QVERIFY2(parseError.error == QJsonParseError::NoError, out.constData());
    bool meeting = false;
    bool call = false;
    for (const auto& h : card.value(u"history"_qs).toArray()) {
        const auto entry = h.toObject();
        if (entry.value(u"summary"_qs).toString() == summary_) {
            QCOMPARE(entry.value(u"kind"_qs).toString(), u"meeting"_qs);
            QCOMPARE(entry.value(u"author_id"_qs).toString(), session_->userId());
            meeting = true;
        }
        call = call || entry.value(u"summary"_qs).toString() == offlineSummary_;
    }
    QVERIFY2(meeting, out.constData());
    QVERIFY2(call, out.constData());
    bool planned = false;
    for (const auto& p : card.value(u"plans"_qs).toArray()) {
        planned = planned ||
                  p.toObject().value(u"purpose"_qs).toString() == u"Bring the GTX Pro proposal"_qs;
    }
    QVERIFY2(planned, out.constData());
}

// The header's ⋮ menu sat in the bar's white-text palette: white on the
// light menu (fresh-user trial). Every item, highlighted or not, 4.5:1.
void TstAppQml::userMenuIsReadable() {
    waitForPage(u"homePage"_qs);
    click(item(u"menuButton"_qs));
    DRIVE(ui_.waitForPopup(u"userMenu"_qs));
    DRIVE(ui_.checkPopupContrast(object(u"userMenu"_qs), u"the user menu"_qs));
    screenshot(u"user-menu"_qs, 400, 800);
    QTest::keyClick(window_, Qt::Key_Escape);
    DRIVE(ui_.waitForPopup(u"userMenu"_qs, false));
}

void TstAppQml::signOutShowsLogin() {
    QMetaObject::invokeMethod(session_, "logout");
    waitForPage(u"loginPage"_qs);
    QCOMPARE(item(u"loginUserField"_qs)->property("text").toString(), u"darcel.schlecht"_qs);
    QVERIFY(!item(u"syncIndicator"_qs)->isVisible());
}

void TstAppQml::russianTranslationLoads() {
    QTranslator translator;
    QVERIFY(fieldbook::app::loadTranslation(translator, u"ru"_qs));
    QVERIFY(QCoreApplication::installTranslator(&translator));
    ui_.engine()->retranslate();
    QTRY_COMPARE(item(u"loginButton"_qs)->property("text").toString(), u"Вход"_qs);
    QCOMPARE(item(u"pageTitle"_qs)->property("text").toString(), u"Вход"_qs);
    screenshot(u"login-ru"_qs, 400, 800);
    QCoreApplication::removeTranslator(&translator);
    QLocale::setDefault(QLocale::c());
    ui_.engine()->retranslate();
    QTRY_COMPARE(item(u"loginButton"_qs)->property("text").toString(), u"Sign in"_qs);
}

QTEST_MAIN(TstAppQml)
#include "tst_app_qml.moc"
