// SPDX-License-Identifier: MIT
// The office's workflows (SPEC §3 items 4 and 5) through the real
// Fieldbook.Ui scene against a real fieldbook-server with the CRM sample:
// telemarketing opens a card from an inbound call, names its curator and
// plans a visit for a manager in a free slot, seeing the manager's busy
// times (synced from the server: times only) and a warning over a busy one;
// the head of sales reassigns the client and the visit and moves a deal to a
// stage out of order; marketing only reads. The manager's device
// (fieldbook-cli) holds the busy time before and receives the visit after.
// Every page and dialog is saved as a screenshot at phone and desktop size,
// and the card once more in Russian.
#include <QTest>

#include "i18n.h"
#include "qml_driver.h"
#include "test_server.h"

#include "device/replica.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTranslator>

using fieldbook::test::QmlDriver;
using fieldbook::test::run;
using fieldbook::test::runCli;
using fieldbook::test::TestServer;
using nlohmann::json;

namespace {
QString text(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? QString::fromStdString(it->get<std::string>())
                                            : QString();
}
} // namespace

class TstAppOfficeWorkflows : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase();
    void cleanupTestCase();

    void telemarketingOpensACardFromACall();
    void telemarketingPlansAVisitForAManager();
    void theManagerReceivesTheVisit();
    void headReassignsTheClient();
    void headReassignsTheVisit();
    void headMovesADealToAnyStage();
    void marketingOnlyReads();
    void russianCard();

  private:
    fieldbook::device::Replica& replica() { return *ui_.session()->replica(); }
    /// fieldbook-cli as darcel.schlecht (the manager's device); parses --json output.
    QJsonDocument managerCli(const QStringList& args);
    void addUser(const QString& login, const QString& name, const QString& role);
    QString userId(const QString& login);
    void openClient(const QString& name);

    TestServer server_;
    QTemporaryDir profile_;
    QTemporaryDir managerProfile_;
    QmlDriver ui_;
    QString managerBusyClient_;
    QString clientId_;
    QString activityId_;
    QString tomorrow_;
};

void TstAppOfficeWorkflows::addUser(const QString& login, const QString& name,
                                    const QString& role) {
    const auto r = run(fieldbook::test::binPath(u"fieldbook-server"_qs),
                       {u"user"_qs, u"add"_qs, u"--db"_qs, server_.dbPath(), u"--login"_qs, login,
                        u"--name"_qs, name, u"--role"_qs, role},
                       "demo\n");
    QVERIFY2(r.exitCode == 0, r.err.constData());
}

QJsonDocument TstAppOfficeWorkflows::managerCli(const QStringList& args) {
    QByteArray out;
    QByteArray err;
    if (runCli(managerProfile_.path(), args, {}, &out, &err) != 0) {
        qWarning("manager %s failed: %s", qPrintable(args.join(u' ')), err.constData());
        return {};
    }
    return QJsonDocument::fromJson(out);
}

QString TstAppOfficeWorkflows::userId(const QString& login) {
    return text(replica().userByLogin(login.toStdString()), "id");
}

void TstAppOfficeWorkflows::openClient(const QString& name) {
    DRIVE(ui_.click(u"clientsTabButton"_qs));
    DRIVE(ui_.typeInto(u"clientSearchField"_qs, name));
    // The list answers from its search thread: wait for this search's rows.
    QTRY_VERIFY(!ui_.object(u"clientListModel"_qs)->property("searching").toBool());
    QTRY_COMPARE(ui_.item(u"clientList"_qs)->property("count").toInt(), 1);
    DRIVE(ui_.click(u"clientDelegate_0"_qs));
    DRIVE(ui_.waitForPage(u"clientCard"_qs));
}

void TstAppOfficeWorkflows::initTestCase() {
    QVERIFY(profile_.isValid());
    QVERIFY(managerProfile_.isValid());
    QVERIFY2(server_.start(true), server_.serverLog().constData());
    DRIVE(addUser(u"tess.caller"_qs, u"Tess Caller"_qs, u"telemarketing"_qs));
    DRIVE(addUser(u"mia.market"_qs, u"Mia Market"_qs, u"marketing"_qs));
    tomorrow_ = QDate::currentDate().addDays(1).toString(Qt::ISODate);

    // The manager's own visit tomorrow 10:00-11:00 local, planned on his device.
    QByteArray out;
    QByteArray err;
    QCOMPARE(
        runCli(managerProfile_.path(),
               {u"login"_qs, u"--server"_qs, server_.url(), u"--user"_qs, u"darcel.schlecht"_qs},
               "demo\n", &out, &err),
        0);
    QVERIFY2(runCli(managerProfile_.path(), {u"sync"_qs}, {}, &out, &err) == 0, err.constData());
    const auto clients = managerCli({u"--json"_qs, u"clients"_qs}).array();
    QVERIFY(!clients.isEmpty());
    managerBusyClient_ = clients.first().toObject().value(u"id"_qs).toString();
    const auto at = QDateTime(QDate::currentDate().addDays(1), QTime(10, 0)).toUTC();
    QVERIFY2(runCli(managerProfile_.path(),
                    {u"plan"_qs, managerBusyClient_, u"--at"_qs, at.toString(Qt::ISODate),
                     u"--minutes"_qs, u"60"_qs, u"--kind"_qs, u"visit"_qs},
                    {}, &out, &err) == 0,
             err.constData());
    QVERIFY2(runCli(managerProfile_.path(), {u"sync"_qs}, {}, &out, &err) == 0, err.constData());

    fieldbook::app::AppOptions options;
    options.profileDir = profile_.path();
    options.requestTimeoutMs = 10'000;
    options.editDebounceMs = 500;
    DRIVE(ui_.start(options, QStringLiteral(FIELDBOOK_SCREENSHOT_DIR)));
    DRIVE(ui_.signIn(server_.url(), u"tess.caller"_qs, u"demo"_qs));
}

void TstAppOfficeWorkflows::cleanupTestCase() {
    ui_.stop();
    server_.stop();
}

// SPEC §3.4: an inbound call becomes a card with a chosen curator.
void TstAppOfficeWorkflows::telemarketingOpensACardFromACall() {
    DRIVE(ui_.screenshots(u"today-telemarketing"_qs));
    DRIVE(ui_.click(u"clientsTabButton"_qs));
    DRIVE(ui_.screenshots(u"clients-telemarketing"_qs));
    DRIVE(ui_.click(u"newClientButton"_qs));
    DRIVE(ui_.waitForPage(u"newClientPage"_qs));
    QVERIFY(ui_.item(u"newClientCuratorBox"_qs)->isVisible());
    DRIVE(ui_.typeInto(u"clientForm_name"_qs, u"Bluebird Dental"_qs));
    DRIVE(ui_.typeInto(u"clientForm_phone"_qs, u"+1 555 0142"_qs));
    DRIVE(ui_.typeInto(u"clientForm_city"_qs, u"Riverton"_qs));
    DRIVE(ui_.choose(u"clientForm_initiative"_qs, u"client"_qs));
    DRIVE(ui_.choose(u"clientForm_contact_reason"_qs, u"new_product"_qs));
    const auto darcel = userId(u"darcel.schlecht"_qs);
    QVERIFY(!darcel.isEmpty());
    DRIVE(ui_.choose(u"newClientCuratorBox"_qs, darcel));
    DRIVE(ui_.screenshots(u"new-client-telemarketing"_qs));
    DRIVE(ui_.click(u"newClientSaveButton"_qs));
    DRIVE(ui_.waitForPage(u"clientCard"_qs));
    clientId_ = ui_.currentPage()->property("clientId").toString();
    const auto c = replica().record("client", clientId_.toStdString());
    QCOMPARE(text(c, "curator_id"), darcel);
    QCOMPARE(text(c, "first_contact_by"), ui_.session()->userId());
    QTRY_COMPARE(ui_.item(u"curatorLabel"_qs)->property("text").toString(), u"Darcel Schlecht"_qs);
    QVERIFY(!ui_.item(u"openDealButton"_qs)->isVisible()); // deals are the managers'
}

// SPEC §3.4: the manager's busy times are visible; an overlap is a warning.
void TstAppOfficeWorkflows::telemarketingPlansAVisitForAManager() {
    DRIVE(ui_.click(u"planVisitButton"_qs));
    DRIVE(ui_.waitForPage(u"planVisitPage"_qs));
    QVERIFY(ui_.item(u"visitAssigneeBox"_qs)->isVisible());
    DRIVE(ui_.choose(u"visitAssigneeBox"_qs, userId(u"darcel.schlecht"_qs)));
    DRIVE(ui_.typeInto(u"visitDateField"_qs, tomorrow_));
    DRIVE(ui_.typeInto(u"visitTimeField"_qs, u"10:30"_qs));
    DRIVE(ui_.typeInto(u"visitPurposeField"_qs, u"First visit after the call"_qs));
    QTRY_VERIFY(ui_.item(u"busyRow_0"_qs) && ui_.item(u"busyRow_0"_qs)->isVisible());
    auto* busy = ui_.object(u"planForm"_qs)->property("busy").value<QAbstractItemModel*>();
    DRIVE(ui_.testModel(busy));
    QCOMPARE(busy->rowCount(), 1);
    QCOMPARE(busy->data(busy->index(0, 0), busy->roleNames().key("timeText")).toString(),
             u"10:00\u201311:00"_qs);
    QTRY_VERIFY(ui_.item(u"visitOverlapWarning"_qs)->isVisible());
    DRIVE(ui_.screenshots(u"plan-visit-for-manager-overlap"_qs));

    // A free slot: no warning; saved for the manager.
    DRIVE(ui_.typeInto(u"visitTimeField"_qs, u"14:00"_qs));
    QTRY_VERIFY(!ui_.item(u"visitOverlapWarning"_qs)->isVisible());
    DRIVE(ui_.screenshots(u"plan-visit-for-manager"_qs));
    DRIVE(ui_.click(u"saveVisitButton"_qs));
    DRIVE(ui_.waitForPage(u"clientCard"_qs));
    const auto plans = replica().clientCard(clientId_.toStdString())["plans"];
    QCOMPARE(plans.size(), std::size_t(1));
    activityId_ = text(plans[0], "id");
    QCOMPARE(text(plans[0], "assignee_id"), userId(u"darcel.schlecht"_qs));
    DRIVE(ui_.syncAndWait());
    QCOMPARE(ui_.session()->rejectedCount(), 0);
}

// SPEC §3.4, §3.5: the visit reaches the manager's device.
void TstAppOfficeWorkflows::theManagerReceivesTheVisit() {
    QByteArray out;
    QByteArray err;
    QVERIFY2(runCli(managerProfile_.path(), {u"sync"_qs}, {}, &out, &err) == 0, err.constData());
    const auto plan = managerCli({u"--json"_qs, u"today"_qs, u"--date"_qs, tomorrow_}).array();
    bool found = false;
    for (const auto& a : plan) {
        found = found || a.toObject().value(u"id"_qs).toString() == activityId_;
    }
    QVERIFY2(found, QJsonDocument(plan).toJson().constData());
}

// SPEC §3.5: the head gives the client to another manager.
void TstAppOfficeWorkflows::headReassignsTheClient() {
    DRIVE(ui_.signOut());
    DRIVE(ui_.signIn(server_.url(), u"celia.rouche"_qs, u"demo"_qs));
    DRIVE(openClient(u"Bluebird"_qs));
    DRIVE(ui_.click(u"detailsTabButton"_qs));
    DRIVE(ui_.screenshots(u"client-details-head"_qs));
    DRIVE(ui_.click(u"reassignClientButton"_qs));
    DRIVE(ui_.waitForPopup(u"reassignDialog"_qs));
    // Reassign before choosing: the reason under the list, nothing changes.
    const auto curator = text(replica().record("client", clientId_.toStdString()), "curator_id");
    DRIVE(ui_.click(u"reassignDialogSubmitButton"_qs));
    QCOMPARE(ui_.item(u"reassignChoiceError"_qs)->property("text").toString(),
             u"Choose the manager to give it to."_qs);
    QVERIFY(ui_.item(u"reassignChoiceError"_qs)->isVisible());
    QVERIFY(ui_.object(u"reassignDialog"_qs)->property("opened").toBool());
    QCOMPARE(text(replica().record("client", clientId_.toStdString()), "curator_id"), curator);
    const auto other = replica().userByLogin("moses.frase");
    QVERIFY2(other.is_object(), "moses.frase is not in the sample");
    DRIVE(ui_.choose(u"reassignUserBox"_qs, text(other, "id")));
    DRIVE(ui_.screenshots(u"reassign-client-dialog"_qs));
    DRIVE(ui_.click(u"reassignDialogSubmitButton"_qs));
    DRIVE(ui_.waitForPopup(u"reassignDialog"_qs, false));
    QCOMPARE(text(replica().record("client", clientId_.toStdString()), "curator_id"),
             text(other, "id"));
    QTRY_COMPARE(ui_.item(u"curatorLabel"_qs)->property("text").toString(),
                 text(other, "full_name"));
}

// SPEC §3.5: the head gives the visit to another manager.
void TstAppOfficeWorkflows::headReassignsTheVisit() {
    DRIVE(ui_.click(u"plansTabButton"_qs));
    DRIVE(ui_.click(u"planDelegate_0"_qs));
    DRIVE(ui_.waitForPopup(u"activityDialog"_qs));
    QVERIFY(ui_.item(u"activityAssigneeBox"_qs)->isVisible());
    // Reassign with no manager chosen: the reason under the field.
    DRIVE(ui_.click(u"activityReassignButton"_qs));
    QTRY_COMPARE(ui_.item(u"activityReassignError"_qs)->property("text").toString(),
                 u"Choose who takes the activity over."_qs);
    QVERIFY(ui_.item(u"activityReassignError"_qs)->isVisible());
    QVERIFY(ui_.object(u"activityDialog"_qs)->property("opened").toBool());
    // The drop-down of managers: every row readable, highlighted or not.
    auto* box = ui_.item(u"activityAssigneeBox"_qs);
    DRIVE(ui_.click(box));
    auto* popup = box->property("popup").value<QObject*>();
    QTRY_VERIFY(popup && popup->property("opened").toBool());
    DRIVE(ui_.checkPopupContrast(popup, u"the activity's manager drop-down"_qs));
    DRIVE(ui_.screenshot(u"activity-dialog-managers"_qs, fieldbook::test::kPhone));
    QTest::keyClick(ui_.window(), Qt::Key_Escape);
    QTRY_VERIFY(!popup->property("opened").toBool());
    QVERIFY(ui_.object(u"activityDialog"_qs)->property("opened").toBool());
    const auto other = text(replica().userByLogin("moses.frase"), "id");
    DRIVE(ui_.choose(u"activityAssigneeBox"_qs, other));
    DRIVE(ui_.screenshots(u"activity-dialog-head"_qs));
    DRIVE(ui_.click(u"activityReassignButton"_qs));
    DRIVE(ui_.waitForPopup(u"activityDialog"_qs, false));
    QCOMPARE(text(replica().record("planned_activity", activityId_.toStdString()), "assignee_id"),
             other);
    DRIVE(ui_.syncAndWait());
    QCOMPARE(ui_.session()->rejectedCount(), 0);

    // The new assignee's device receives it.
    QTemporaryDir mosesProfile;
    QByteArray out;
    QByteArray err;
    QCOMPARE(runCli(mosesProfile.path(),
                    {u"login"_qs, u"--server"_qs, server_.url(), u"--user"_qs, u"moses.frase"_qs},
                    "demo\n", &out, &err),
             0);
    QVERIFY2(runCli(mosesProfile.path(), {u"sync"_qs}, {}, &out, &err) == 0, err.constData());
    QVERIFY2(runCli(mosesProfile.path(), {u"--json"_qs, u"today"_qs, u"--date"_qs, tomorrow_}, {},
                    &out, &err) == 0,
             err.constData());
    bool found = false;
    for (const auto& a : QJsonDocument::fromJson(out).array()) {
        found = found || a.toObject().value(u"id"_qs).toString() == activityId_;
    }
    QVERIFY2(found, out.constData());
}

// SPEC §2: the head may move a deal out of the configured stage order.
void TstAppOfficeWorkflows::headMovesADealToAnyStage() {
    QString dealId;
    QString clientName;
    for (const auto& d : replica().deals(true)) {
        if (!text(d, "client_id").isEmpty()) { // prospecting deals of the sample have no client
            dealId = text(d, "id");
            clientName =
                text(replica().record("client", text(d, "client_id").toStdString()), "name");
            break;
        }
    }
    QVERIFY(!dealId.isEmpty());
    DRIVE(ui_.click(u"backButton"_qs));
    DRIVE(ui_.waitForPage(u"homePage"_qs));
    DRIVE(openClient(clientName));
    DRIVE(ui_.click(u"dealsTabButton"_qs));
    auto* list = ui_.item(u"dealList"_qs);
    auto* model = list->property("model").value<QAbstractItemModel*>();
    int row = -1;
    for (int i = 0; i < model->rowCount(); ++i) {
        if (model->data(model->index(i, 0), model->roleNames().key("dealId")).toString() ==
            dealId) {
            row = i;
        }
    }
    QVERIFY(row >= 0);
    DRIVE(ui_.click(u"dealDelegate_"_qs + QString::number(row)));
    DRIVE(ui_.waitForPage(u"dealPage"_qs));
    DRIVE(ui_.screenshots(u"deal-page-head"_qs));
    const auto stages = replica().stages();
    const auto last = text(stages.back(), "code");
    DRIVE(ui_.click(u"dealMoveStageButton"_qs));
    DRIVE(ui_.waitForPopup(u"moveStageDialog"_qs));
    DRIVE(ui_.choose(u"moveStageBox"_qs, last));
    DRIVE(ui_.screenshots(u"move-stage-dialog"_qs));
    DRIVE(ui_.click(u"moveStageDialogSubmitButton"_qs));
    DRIVE(ui_.waitForPopup(u"moveStageDialog"_qs, false));
    QCOMPARE(text(replica().record("deal", dealId.toStdString()), "stage"), last);
    QVERIFY(!ui_.item(u"dealNextStageButton"_qs)->isVisible()); // the last stage
    DRIVE(ui_.screenshots(u"deal-page-last-stage"_qs));
    DRIVE(ui_.syncAndWait());
    QCOMPARE(ui_.session()->rejectedCount(), 0);
}

// SPEC §1: marketing reads everything and changes nothing.
void TstAppOfficeWorkflows::marketingOnlyReads() {
    DRIVE(ui_.signOut());
    DRIVE(ui_.signIn(server_.url(), u"mia.market"_qs, u"demo"_qs));
    DRIVE(ui_.click(u"clientsTabButton"_qs));
    QVERIFY(!ui_.item(u"newClientButton"_qs)->isVisible());
    DRIVE(openClient(u"Bluebird"_qs));
    QVERIFY(!ui_.item(u"logMeetingButton"_qs)->isVisible());
    QVERIFY(!ui_.item(u"planVisitButton"_qs)->isVisible());
    DRIVE(ui_.click(u"detailsTabButton"_qs));
    QVERIFY(!ui_.item(u"editClientButton"_qs)->isVisible());
    QVERIFY(!ui_.item(u"reassignClientButton"_qs)->isVisible());
    DRIVE(ui_.click(u"contactsTabButton"_qs));
    QVERIFY(!ui_.item(u"addContactButton"_qs)->isVisible());
    DRIVE(ui_.screenshots(u"client-card-marketing"_qs));
}

// The Russian translation covers the new pages.
void TstAppOfficeWorkflows::russianCard() {
    QTranslator translator;
    QVERIFY(fieldbook::app::loadTranslation(translator, u"ru"_qs));
    QVERIFY(QCoreApplication::installTranslator(&translator));
    ui_.engine()->retranslate();
    QTRY_COMPARE(ui_.item(u"detailsTabButton"_qs)->property("text").toString(), u"Данные"_qs);
    DRIVE(ui_.click(u"detailsTabButton"_qs));
    DRIVE(ui_.screenshots(u"client-details-ru"_qs));
    DRIVE(ui_.click(u"plansTabButton"_qs));
    DRIVE(ui_.click(u"planDelegate_0"_qs));
    DRIVE(ui_.waitForPopup(u"activityDialog"_qs));
    DRIVE(ui_.screenshots(u"activity-dialog-ru"_qs));
    DRIVE(ui_.click(u"activityDialogCancelButton"_qs));
    QCoreApplication::removeTranslator(&translator);
    QLocale::setDefault(QLocale::c());
    ui_.engine()->retranslate();
}

QTEST_MAIN(TstAppOfficeWorkflows)
#include "tst_app_office_workflows.moc"
