// SPDX-License-Identifier: MIT
// A field manager's workflows (SPEC §3 items 1, 2, 7, 8, 10) through the real
// Fieldbook.Ui scene against a real fieldbook-server with the CRM sample:
// today's plan with overdue first and the activity dialog (done writes the
// history entry; missed; cancelled), another day from the date picker, a new
// card with the duplicate check, the card's details edited, contacts and a
// document mailing, a history correction, a deal from open through its
// stages, lines, payments and a delivery to won, another one lost, and a
// visit planned over a busy time. Each step checks the replica; the done
// activity, the correction and the closed deals are checked on the server
// through a second device (fieldbook-cli as the head of sales). Every page
// and dialog is saved as a screenshot at phone and desktop size.
#include <QTest>

#include "qml_driver.h"
#include "test_server.h"

#include "device/replica.h"
#include "domain/clock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

using fieldbook::test::QmlDriver;
using fieldbook::test::runCli;
using fieldbook::test::TestServer;
using nlohmann::json;

namespace {
QString text(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? QString::fromStdString(it->get<std::string>())
                                            : QString();
}

qint64 localMs(const QDate& day, int hour, int minute = 0) {
    return QDateTime(day, QTime(hour, minute)).toMSecsSinceEpoch();
}
} // namespace

class TstAppManagerWorkflows : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase();
    void cleanupTestCase();

    void todayShowsOverdueFirstAndTheActivityDialogActs();
    void datePickerShowsAnotherDay();
    void newClientShowsDuplicatesBeforeSaving();
    void cardDetailsAreEditable();
    void contactsAndDocumentMailing();
    void historyCorrectionKeepsTheEarlierText();
    void dealFromOpenThroughStagesToWon();
    void dealClosedAsLostNeedsAReason();
    void planVisitWarnsAboutAnOverlap();
    void theServerHoldsTheWork();
    void cardLinksToItsParentAndDuplicate();

  private:
    fieldbook::device::Replica& replica() { return *ui_.session()->replica(); }
    /// Runs fieldbook-cli as the head of sales (second device) and parses its JSON.
    QJsonObject headCli(const QStringList& args);
    void openCardTab(const QString& tabButton);

    TestServer server_;
    QTemporaryDir profile_;
    QTemporaryDir headProfile_;
    QmlDriver ui_;
    QString sampleClientId_;
    QString doneActivityId_;
    QString newClientId_;
    QString firstSummary_;
    QString correctedSummary_;
    QString wonDealId_;
    QString lostDealId_;
};

void TstAppManagerWorkflows::initTestCase() {
    QVERIFY(profile_.isValid());
    QVERIFY(headProfile_.isValid());
    QVERIFY2(server_.start(true), server_.serverLog().constData());
    fieldbook::app::AppOptions options;
    options.profileDir = profile_.path();
    options.requestTimeoutMs = 10'000;
    options.editDebounceMs = 500;
    DRIVE(ui_.start(options, QStringLiteral(FIELDBOOK_SCREENSHOT_DIR)));
    DRIVE(ui_.signIn(server_.url(), u"darcel.schlecht"_qs, u"demo"_qs));

    // The sample has deals but no plans: yesterday's call is overdue, two
    // visits are planned for today.
    const auto clients = replica().clients("");
    QVERIFY(!clients.empty());
    sampleClientId_ = text(clients[0], "id");
    const auto today = QDate::currentDate();
    const auto id = sampleClientId_.toStdString();
    QVERIFY(ui_.session()
                ->runEdit("seed",
                          [&](fieldbook::device::Replica& r) {
                              r.planActivity(id, "call", localMs(today.addDays(-1), 10), 30, "",
                                             "Follow up the proposal", "");
                              r.planActivity(id, "visit", localMs(today, 8), 60, "", "Morning demo",
                                             "Their office");
                              r.planActivity(id, "visit", localMs(today, 9, 30), 60, "",
                                             "Contract talk", "");
                          })
                .isEmpty());
}

void TstAppManagerWorkflows::cleanupTestCase() {
    ui_.stop();
    server_.stop();
}

QJsonObject TstAppManagerWorkflows::headCli(const QStringList& args) {
    QByteArray out;
    QByteArray err;
    if (!QFile::exists(headProfile_.filePath(u"replica.db"_qs))) {
        if (runCli(headProfile_.path(),
                   {u"login"_qs, u"--server"_qs, server_.url(), u"--user"_qs, u"celia.rouche"_qs},
                   "demo\n", &out, &err) != 0) {
            qWarning("head login failed: %s", err.constData());
            return {};
        }
    }
    if (runCli(headProfile_.path(), {u"sync"_qs}, {}, &out, &err) != 0) {
        qWarning("head sync failed: %s", err.constData());
        return {};
    }
    if (runCli(headProfile_.path(), QStringList{u"--json"_qs} + args, {}, &out, &err) != 0) {
        qWarning("head %s failed: %s", qPrintable(args.join(u' ')), err.constData());
        return {};
    }
    return QJsonDocument::fromJson(out).object();
}

void TstAppManagerWorkflows::openCardTab(const QString& tabButton) {
    DRIVE(ui_.click(tabButton));
    QTRY_VERIFY(ui_.item(tabButton)->property("checked").toBool());
}

// SPEC §3.1: today's plan, overdue first; each activity opens a dialog.
void TstAppManagerWorkflows::todayShowsOverdueFirstAndTheActivityDialogActs() {
    DRIVE(ui_.waitForPage(u"homePage"_qs));
    auto* list = ui_.item(u"todayList"_qs);
    QVERIFY(list);
    QTRY_COMPARE(list->property("count").toInt(), 3);
    auto* model = list->property("model").value<QAbstractItemModel*>();
    DRIVE(ui_.testModel(model));
    const auto roles = model->roleNames();
    QVERIFY(model->data(model->index(0, 0), roles.key("overdue")).toBool());
    QCOMPARE(model->data(model->index(1, 0), roles.key("timeText")).toString(), u"08:00"_qs);
    QVERIFY(ui_.item(u"todayDateLabel"_qs)->property("text").toString().contains(u"1 overdue"_qs));
    DRIVE(ui_.screenshots(u"today-plan"_qs));

    // Done: the dialog writes the history entry with the summary.
    doneActivityId_ = model->data(model->index(0, 0), roles.key("activityId")).toString();
    DRIVE(ui_.click(u"todayDelegate_0"_qs));
    DRIVE(ui_.waitForPopup(u"activityDialog"_qs));
    QCOMPARE(ui_.item(u"activityStatusLabel"_qs)->property("text").toString(), u"Planned"_qs);
    QVERIFY(!ui_.item(u"activityReassignButton"_qs)->isVisible()); // a manager does not reassign
    // Done without a summary: the reason under the field, the dialog stays.
    DRIVE(ui_.click(u"activityDoneButton"_qs));
    QTRY_COMPARE(ui_.item(u"activityDoneError"_qs)->property("text").toString(),
                 u"Write what was discussed and agreed before saving."_qs);
    QVERIFY(ui_.item(u"activityDoneError"_qs)->isVisible());
    QVERIFY(ui_.item(u"activityDialogError"_qs)->property("text").toString().isEmpty());
    QVERIFY(ui_.object(u"activityDialog"_qs)->property("opened").toBool());
    QCOMPARE(text(replica().record("planned_activity", doneActivityId_.toStdString()), "status"),
             u"planned"_qs);
    DRIVE(ui_.typeInto(u"activitySummaryField"_qs, u"They agreed to a demo next week."_qs));
    QVERIFY(ui_.item(u"activityDoneError"_qs)->property("text").toString().isEmpty());
    DRIVE(ui_.screenshots(u"activity-dialog"_qs));
    DRIVE(ui_.click(u"activityDoneButton"_qs));
    DRIVE(ui_.waitForPopup(u"activityDialog"_qs, false));
    const auto activity = replica().record("planned_activity", doneActivityId_.toStdString());
    QCOMPARE(text(activity, "status"), u"done"_qs);
    QCOMPARE(text(activity, "result"), u"They agreed to a demo next week."_qs);
    const auto entryId =
        fieldbook::domain::stableUuid("activity_done", doneActivityId_.toStdString());
    const auto entry = replica().record("history_entry", entryId);
    QCOMPARE(text(entry, "summary"), u"They agreed to a demo next week."_qs);
    QCOMPARE(text(entry, "kind"), u"call"_qs); // the call's kind
    QCOMPARE(text(entry, "planned_activity_id"), doneActivityId_);
    // Done and no longer overdue: it leaves today's list.
    QTRY_COMPARE(list->property("count").toInt(), 2);

    // Missed, then cancelled: they stay on today's list with their status.
    const auto morning = model->data(model->index(0, 0), roles.key("activityId")).toString();
    DRIVE(ui_.click(u"todayDelegate_0"_qs));
    DRIVE(ui_.waitForPopup(u"activityDialog"_qs));
    DRIVE(ui_.click(u"activityMissedButton"_qs));
    DRIVE(ui_.waitForPopup(u"activityDialog"_qs, false));
    QCOMPARE(text(replica().record("planned_activity", morning.toStdString()), "status"),
             u"missed"_qs);
    const auto later = model->data(model->index(1, 0), roles.key("activityId")).toString();
    DRIVE(ui_.click(u"todayDelegate_1"_qs));
    DRIVE(ui_.waitForPopup(u"activityDialog"_qs));
    DRIVE(ui_.click(u"activityCancelButton"_qs));
    DRIVE(ui_.waitForPopup(u"activityDialog"_qs, false));
    QCOMPARE(text(replica().record("planned_activity", later.toStdString()), "status"),
             u"cancelled"_qs);
    QTRY_COMPARE(model->data(model->index(1, 0), roles.key("status")).toString(), u"cancelled"_qs);

    // A closed activity shows its status and offers no more actions.
    DRIVE(ui_.click(u"todayDelegate_0"_qs));
    DRIVE(ui_.waitForPopup(u"activityDialog"_qs));
    QCOMPARE(ui_.item(u"activityStatusLabel"_qs)->property("text").toString(), u"Missed"_qs);
    QVERIFY(!ui_.item(u"activityDoneButton"_qs)->isVisible());
    DRIVE(ui_.screenshots(u"activity-dialog-closed"_qs));
    DRIVE(ui_.click(u"activityDialogCancelButton"_qs));
    DRIVE(ui_.waitForPopup(u"activityDialog"_qs, false));
    DRIVE(ui_.screenshots(u"today-plan-after"_qs));
}

// SPEC §3.1: any other day from a calendar.
void TstAppManagerWorkflows::datePickerShowsAnotherDay() {
    const auto tomorrow = QDate::currentDate().addDays(1);
    DRIVE(ui_.click(u"todayDateButton"_qs));
    DRIVE(ui_.waitForPopup(u"datePicker"_qs));
    DRIVE(ui_.screenshots(u"date-picker"_qs));
    DRIVE(ui_.click(u"datePickerDay_"_qs + tomorrow.toString(Qt::ISODate)));
    DRIVE(ui_.waitForPopup(u"datePicker"_qs, false));
    auto* today = ui_.object(u"todayModel"_qs);
    QTRY_COMPARE(today->property("isoDate").toString(), tomorrow.toString(Qt::ISODate));
    QCOMPARE(ui_.item(u"pageTitle"_qs)->property("text").toString(), u"Tomorrow"_qs);
    QTRY_VERIFY(ui_.item(u"todayEmptyLabel"_qs)->isVisible());
    DRIVE(ui_.click(u"todayButton"_qs));
    QTRY_COMPARE(today->property("isoDate").toString(), QDate::currentDate().toString(Qt::ISODate));
}

// SPEC §3.4, §3.7: a new card, checked for duplicates while it is typed.
void TstAppManagerWorkflows::newClientShowsDuplicatesBeforeSaving() {
    // A first card of a company, then the same company again.
    const auto first = ui_.session()->replica()->createClient(
        {{"name", "Northwind Traders"}, {"city", "Springfield"}, {"phone", "+1 555 0100"}});
    QVERIFY(!first.empty());

    DRIVE(ui_.click(u"clientsTabButton"_qs));
    DRIVE(ui_.click(u"newClientButton"_qs));
    DRIVE(ui_.waitForPage(u"newClientPage"_qs));
    QVERIFY(!ui_.item(u"newClientSaveButton"_qs)->isEnabled()); // no name yet
    QVERIFY(!ui_.item(u"newClientCuratorBox"_qs)->isVisible()); // a manager curates his own
    DRIVE(ui_.screenshots(u"new-client"_qs));

    DRIVE(ui_.typeInto(u"clientForm_name"_qs, u"NORTHWIND TRADERS LLC"_qs));
    DRIVE(ui_.typeInto(u"clientForm_city"_qs, u"Springfield"_qs));
    auto* duplicates =
        ui_.object(u"newClientForm"_qs)->property("duplicates").value<QAbstractItemModel*>();
    QVERIFY(duplicates);
    DRIVE(ui_.testModel(duplicates));
    QTRY_COMPARE(duplicates->rowCount(), 1);
    const auto roles = duplicates->roleNames();
    QCOMPARE(duplicates->data(duplicates->index(0, 0), roles.key("clientId")).toString(),
             QString::fromStdString(first));
    QCOMPARE(duplicates->data(duplicates->index(0, 0), roles.key("curatorName")).toString(),
             ui_.session()->userName());
    QVERIFY(duplicates->data(duplicates->index(0, 0), roles.key("firstContactText"))
                .toString()
                .contains(ui_.session()->userName()));
    QVERIFY(ui_.item(u"duplicatesWarning"_qs)->isVisible());
    QVERIFY(ui_.item(u"duplicateDelegate_0"_qs)->isVisible());
    DRIVE(ui_.screenshots(u"new-client-duplicates"_qs));

    // A card of another manager's, on the server only (a manager's replica
    // holds his scope): the server's answer adds it, marked as not here.
    const auto moses = QString::fromStdString(fieldbook::domain::stableUuid("user", "moses.frase"));
    QVERIFY(!headCli({u"new-client"_qs, u"--name"_qs, u"Eastwind Partners"_qs, u"--set"_qs,
                      u"city=Oakdale"_qs, u"--set"_qs, u"curator_id="_qs + moses})
                 .isEmpty());
    QVERIFY(!headCli({u"status"_qs}).isEmpty()); // syncs the new card up
    DRIVE(ui_.typeInto(u"clientForm_name"_qs, u"Eastwind Partners Ltd"_qs));
    DRIVE(ui_.typeInto(u"clientForm_city"_qs, u"Oakdale"_qs));
    // (The list still shows the previous input's candidates until the check runs.)
    QTRY_VERIFY_WITH_TIMEOUT(
        duplicates->rowCount() == 1 &&
            duplicates->data(duplicates->index(0, 0), roles.key("curatorName")).toString() ==
                u"Moses Frase"_qs,
        10'000);
    QVERIFY(duplicates->data(duplicates->index(0, 0), roles.key("elsewhere")).toBool());
    QVERIFY(ui_.item(u"duplicateElsewhere_0"_qs)->isVisible());
    DRIVE(ui_.screenshots(u"new-client-duplicate-on-server"_qs));

    // Another company: no duplicate; the card opens after saving.
    DRIVE(ui_.typeInto(u"clientForm_city"_qs, u"Springfield"_qs));
    DRIVE(ui_.typeInto(u"clientForm_name"_qs, u"Southwind Logistics"_qs));
    QTRY_COMPARE(duplicates->rowCount(), 0);
    DRIVE(ui_.typeInto(u"clientForm_phone"_qs, u"+1 555 0199"_qs));
    DRIVE(ui_.choose(u"clientForm_initiative"_qs, u"client"_qs));
    DRIVE(ui_.choose(u"clientForm_info_source"_qs, u"exhibition"_qs));
    DRIVE(ui_.click(u"newClientSaveButton"_qs));
    DRIVE(ui_.waitForPage(u"clientCard"_qs));
    newClientId_ = ui_.currentPage()->property("clientId").toString();
    const auto card = replica().clientCard(newClientId_.toStdString());
    QVERIFY(card.is_object());
    const auto& c = card["client"];
    QCOMPARE(text(c, "name"), u"Southwind Logistics"_qs);
    QCOMPARE(text(c, "city"), u"Springfield"_qs);
    QCOMPARE(text(c, "initiative"), u"client"_qs);
    QCOMPARE(text(c, "info_source"), u"exhibition"_qs);
    QCOMPARE(text(c, "curator_id"), ui_.session()->userId());
    QCOMPARE(text(c, "first_contact_by"), ui_.session()->userId());
    QCOMPARE(ui_.item(u"clientNameLabel"_qs)->property("text").toString(),
             u"Southwind Logistics"_qs);
    DRIVE(ui_.screenshots(u"client-card-new"_qs));
}

// SPEC §2: every card field readable; editable by a manager; reference
// lists as combo boxes; a bad number refused with nothing saved.
void TstAppManagerWorkflows::cardDetailsAreEditable() {
    DRIVE(openCardTab(u"detailsTabButton"_qs));
    QTRY_VERIFY(ui_.item(u"detailsTab"_qs)->isVisible());
    QCOMPARE(ui_.item(u"detailValue_info_source"_qs)->property("text").toString(),
             u"Exhibition stand"_qs);                            // the list's label, not the code
    QVERIFY(!ui_.item(u"reassignClientButton"_qs)->isVisible()); // the head's
    DRIVE(ui_.screenshots(u"client-details"_qs));

    DRIVE(ui_.click(u"editClientButton"_qs));
    DRIVE(ui_.waitForPage(u"editClientPage"_qs));
    QCOMPARE(ui_.item(u"clientForm_name"_qs)->property("text").toString(),
             u"Southwind Logistics"_qs);
    DRIVE(ui_.screenshots(u"client-edit"_qs));
    DRIVE(ui_.typeInto(u"clientForm_employees"_qs, u"12x"_qs));
    DRIVE(ui_.click(u"editClientSaveButton"_qs));
    QTRY_VERIFY(ui_.item(u"editClientError"_qs)->property("text").toString().contains(u"12x"_qs));
    QVERIFY(replica().record("client", newClientId_.toStdString())["employees"].is_null());
    DRIVE(ui_.screenshots(u"client-edit-error"_qs));

    DRIVE(ui_.testModel(
        ui_.item(u"clientForm_region"_qs)->property("model").value<QAbstractItemModel*>()));
    DRIVE(ui_.typeInto(u"clientForm_employees"_qs, u"120"_qs));
    DRIVE(ui_.choose(u"clientForm_region"_qs, u"kenya"_qs));
    DRIVE(ui_.choose(u"clientForm_interest_level"_qs, u"high"_qs));
    DRIVE(ui_.click(u"editClientSaveButton"_qs));
    DRIVE(ui_.waitForPage(u"clientCard"_qs));
    const auto c = replica().record("client", newClientId_.toStdString());
    QCOMPARE(c["employees"].get<int>(), 120);
    QCOMPARE(text(c, "region"), u"kenya"_qs);
    QCOMPARE(text(c, "interest_level"), u"high"_qs);
    QCOMPARE(text(c, "name"), u"Southwind Logistics"_qs); // untouched
    QTRY_COMPARE(ui_.item(u"detailValue_region"_qs)->property("text").toString(), u"Kenya"_qs);
}

// SPEC §3.10: contacts, and a template document sent to one of them.
void TstAppManagerWorkflows::contactsAndDocumentMailing() {
    DRIVE(openCardTab(u"contactsTabButton"_qs));
    auto* cardData = ui_.object(u"clientCardData"_qs);
    QVERIFY(cardData);
    for (const char* list : {"contacts", "mailings", "plans"}) {
        DRIVE(ui_.testModel(cardData->property(list).value<QAbstractItemModel*>()));
    }
    DRIVE(ui_.click(u"addContactButton"_qs));
    DRIVE(ui_.waitForPopup(u"addContactDialog"_qs));
    DRIVE(ui_.typeInto(u"contactNameField"_qs, u"Ivy Park"_qs));
    DRIVE(ui_.typeInto(u"contactPositionField"_qs, u"IT director"_qs));
    DRIVE(ui_.typeInto(u"contactEmailField"_qs, u"ivy.park@example.com"_qs));
    DRIVE(ui_.click(u"contactDecisionMakerBox"_qs));
    DRIVE(ui_.screenshots(u"add-contact-dialog"_qs));
    DRIVE(ui_.click(u"addContactDialogSubmitButton"_qs));
    DRIVE(ui_.waitForPopup(u"addContactDialog"_qs, false));
    auto card = replica().clientCard(newClientId_.toStdString());
    QCOMPARE(card["contacts"].size(), std::size_t(1));
    QCOMPARE(text(card["contacts"][0], "email"), u"ivy.park@example.com"_qs);
    QVERIFY(card["contacts"][0]["decision_maker"] == json(true));

    // By fax without a fax number: refused in the dialog, nothing queued.
    DRIVE(ui_.click(u"sendDocumentButton_0"_qs));
    DRIVE(ui_.waitForPopup(u"sendDocumentDialog"_qs));
    const auto templates = replica().documentTemplates();
    QVERIFY(!templates.empty());
    const auto templateId = text(templates[0], "id");
    DRIVE(ui_.choose(u"mailingTemplateBox"_qs, templateId));
    DRIVE(ui_.click(u"mailingFaxButton"_qs));
    QTRY_VERIFY(ui_.item(u"mailingFaxButton"_qs)->property("checked").toBool());
    DRIVE(ui_.click(u"sendDocumentDialogSubmitButton"_qs));
    QTRY_VERIFY(!ui_.item(u"sendDocumentDialogError"_qs)->property("text").toString().isEmpty());
    QVERIFY(replica().mailingRequests(newClientId_.toStdString()).empty());
    DRIVE(ui_.screenshots(u"send-document-error"_qs));

    DRIVE(ui_.click(u"mailingEmailButton"_qs));
    DRIVE(ui_.screenshots(u"send-document-dialog"_qs));
    DRIVE(ui_.click(u"sendDocumentDialogSubmitButton"_qs));
    DRIVE(ui_.waitForPopup(u"sendDocumentDialog"_qs, false));
    const auto mailings = replica().mailingRequests(newClientId_.toStdString());
    QCOMPARE(mailings.size(), std::size_t(1));
    QCOMPARE(text(mailings[0], "status"), u"queued"_qs);
    QCOMPARE(text(mailings[0], "address"), u"ivy.park@example.com"_qs);
    QCOMPARE(text(mailings[0], "template_id"), templateId);
    QTRY_COMPARE(ui_.item(u"mailingStatus_0"_qs)->property("text").toString(), u"Queued"_qs);
    DRIVE(ui_.screenshots(u"client-contacts"_qs));
}

// SPEC §2: the author corrects an entry; the earlier text stays visible.
void TstAppManagerWorkflows::historyCorrectionKeepsTheEarlierText() {
    DRIVE(openCardTab(u"historyTabButton"_qs));
    firstSummary_ = u"Met the buyer; they need 12 seats."_qs;
    correctedSummary_ = u"Met the buyer; they need 15 seats."_qs;
    DRIVE(ui_.click(u"logMeetingButton"_qs));
    DRIVE(ui_.waitForPage(u"logMeetingPage"_qs));
    DRIVE(ui_.typeInto(u"meetingSummaryField"_qs, firstSummary_));
    DRIVE(ui_.click(u"saveMeetingButton"_qs));
    DRIVE(ui_.waitForPage(u"clientCard"_qs));
    // Synced first, so the server keeps the earlier text as a revision.
    DRIVE(ui_.syncAndWait());

    DRIVE(ui_.click(u"historyCorrectButton_0"_qs));
    DRIVE(ui_.waitForPopup(u"correctHistoryDialog"_qs));
    QCOMPARE(ui_.item(u"correctSummaryField"_qs)->property("text").toString(), firstSummary_);
    DRIVE(ui_.typeInto(u"correctSummaryField"_qs, correctedSummary_));
    DRIVE(ui_.screenshots(u"correct-history-dialog"_qs));
    DRIVE(ui_.click(u"correctHistoryDialogSubmitButton"_qs));
    DRIVE(ui_.waitForPopup(u"correctHistoryDialog"_qs, false));
    auto history = replica().clientCard(newClientId_.toStdString())["history"];
    QCOMPARE(text(history[0], "summary"), correctedSummary_);

    DRIVE(ui_.syncAndWait());
    auto* earlier = ui_.item(u"historyEarlierText_0"_qs);
    QVERIFY(earlier);
    QTRY_VERIFY(earlier->isVisible());
    QVERIFY2(earlier->property("text").toString().contains(firstSummary_),
             qPrintable(earlier->property("text").toString()));
    DRIVE(ui_.screenshots(u"client-history-corrected"_qs));
}

// SPEC §3.8: a deal through its stages, lines, payment and delivery to won.
void TstAppManagerWorkflows::dealFromOpenThroughStagesToWon() {
    DRIVE(openCardTab(u"dealsTabButton"_qs));
    DRIVE(ui_.click(u"openDealButton"_qs));
    DRIVE(ui_.waitForPopup(u"openDealDialog"_qs));
    QVERIFY(!ui_.item(u"dealManagerBox"_qs)->isVisible()); // his own deal
    DRIVE(ui_.typeInto(u"dealTitleField"_qs, u"15 seats of GTX Pro"_qs));
    DRIVE(ui_.screenshots(u"open-deal-dialog"_qs));
    DRIVE(ui_.click(u"openDealDialogSubmitButton"_qs));
    DRIVE(ui_.waitForPage(u"dealPage"_qs));
    wonDealId_ = ui_.currentPage()->property("dealId").toString();
    const auto stages = replica().stages();
    QVERIFY(stages.size() >= 3);
    QCOMPARE(text(replica().record("deal", wonDealId_.toStdString()), "stage"),
             text(stages[0], "code"));
    auto* deal = ui_.object(u"dealView"_qs);
    QVERIFY(deal);
    DRIVE(ui_.testModel(deal->property("stages").value<QAbstractItemModel*>()));
    QTRY_COMPARE(deal->property("stages").value<QAbstractItemModel*>()->rowCount(), 1);
    DRIVE(ui_.screenshots(u"deal-page-new"_qs));

    // The next stage: the first one ends, the second starts.
    DRIVE(ui_.click(u"dealNextStageButton"_qs));
    QTRY_COMPARE(text(replica().record("deal", wonDealId_.toStdString()), "stage"),
                 text(stages[1], "code"));
    QTRY_COMPARE(deal->property("stages").value<QAbstractItemModel*>()->rowCount(), 2);
    QVERIFY(!ui_.item(u"dealMoveStageButton"_qs)->isVisible()); // the head's override

    // Two units of a product at a chosen price: the amount follows the lines.
    const auto products = replica().products();
    QVERIFY(!products.empty());
    DRIVE(ui_.click(u"dealAddLineButton"_qs));
    DRIVE(ui_.waitForPopup(u"addLineDialog"_qs));
    DRIVE(ui_.choose(u"lineProductBox"_qs, text(products[0], "id")));
    DRIVE(ui_.typeInto(u"linePriceField"_qs, u"1250.50"_qs));
    QVERIFY(ui_.item(u"lineQuantityBox"_qs)->setProperty("value", 2));
    DRIVE(ui_.screenshots(u"add-line-dialog"_qs));
    DRIVE(ui_.click(u"addLineDialogSubmitButton"_qs));
    DRIVE(ui_.waitForPopup(u"addLineDialog"_qs, false));
    QCOMPARE(replica().record("deal", wonDealId_.toStdString())["amount_cents"].get<qint64>(),
             250'100);

    DRIVE(ui_.click(u"dealAddPaymentButton"_qs));
    DRIVE(ui_.waitForPopup(u"addPaymentDialog"_qs));
    DRIVE(ui_.typeInto(u"paymentAmountField"_qs, u"1000"_qs));
    DRIVE(ui_.typeInto(u"paymentDocumentField"_qs, u"PP-101"_qs));
    DRIVE(ui_.screenshots(u"add-payment-dialog"_qs));
    DRIVE(ui_.click(u"addPaymentDialogSubmitButton"_qs));
    DRIVE(ui_.waitForPopup(u"addPaymentDialog"_qs, false));

    DRIVE(ui_.click(u"dealAddDeliveryButton"_qs));
    DRIVE(ui_.waitForPopup(u"addDeliveryDialog"_qs));
    DRIVE(ui_.typeInto(u"deliveryWaybillField"_qs, u"WB-7"_qs));
    DRIVE(ui_.screenshots(u"add-delivery-dialog"_qs));
    DRIVE(ui_.click(u"addDeliveryDialogSubmitButton"_qs));
    DRIVE(ui_.waitForPopup(u"addDeliveryDialog"_qs, false));
    auto view = replica().dealView(wonDealId_.toStdString());
    QCOMPARE(view["paid_cents"].get<qint64>(), 100'000);
    QCOMPARE(text(view["payments"][0], "document_no"), u"PP-101"_qs);
    QCOMPARE(text(view["deliveries"][0], "waybill_no"), u"WB-7"_qs);

    // Won needs the contract or the invoice: the rule's message shows in the
    // dialog and nothing is saved.
    DRIVE(ui_.click(u"dealCloseButton"_qs));
    DRIVE(ui_.waitForPopup(u"closeDealDialog"_qs));
    DRIVE(ui_.click(u"closeDealDialogSubmitButton"_qs));
    QTRY_VERIFY(ui_.item(u"closeDealDialogError"_qs)
                    ->property("text")
                    .toString()
                    .contains(u"contract or the invoice"_qs));
    QCOMPARE(text(replica().record("deal", wonDealId_.toStdString()), "outcome"), u"open"_qs);
    DRIVE(ui_.screenshots(u"close-deal-won-error"_qs));
    DRIVE(ui_.typeInto(u"closeContractField"_qs, u"C-2024-17"_qs));
    DRIVE(ui_.click(u"closeDealDialogSubmitButton"_qs));
    DRIVE(ui_.waitForPopup(u"closeDealDialog"_qs, false));
    const auto won = replica().record("deal", wonDealId_.toStdString());
    QCOMPARE(text(won, "outcome"), u"won"_qs);
    QCOMPARE(text(won, "contract_no"), u"C-2024-17"_qs);
    QTRY_COMPARE(ui_.item(u"dealOutcomeBadge"_qs)->property("text").toString(), u"Won"_qs);
    QVERIFY(!ui_.item(u"dealCloseButton"_qs)->isVisible());
    DRIVE(ui_.screenshots(u"deal-page-won"_qs));

    // The deal's own fields: a bad amount and a won deal without its
    // contract are refused with nothing saved; then the edit is taken.
    DRIVE(ui_.click(u"dealEditButton"_qs));
    DRIVE(ui_.waitForPage(u"editDealPage"_qs));
    QCOMPARE(ui_.item(u"dealForm_title"_qs)->property("text").toString(),
             u"15 seats of GTX Pro"_qs);
    QCOMPARE(ui_.item(u"dealForm_contract_no"_qs)->property("text").toString(), u"C-2024-17"_qs);
    DRIVE(ui_.screenshots(u"deal-edit"_qs));
    DRIVE(ui_.typeInto(u"dealForm_amount_cents"_qs, u"12x"_qs));
    DRIVE(ui_.click(u"editDealSaveButton"_qs));
    QTRY_VERIFY(ui_.item(u"editDealError"_qs)->property("text").toString().contains(u"12x"_qs));
    DRIVE(ui_.typeInto(u"dealForm_amount_cents"_qs, u"2600"_qs));
    DRIVE(ui_.typeInto(u"dealForm_contract_no"_qs, QString()));
    DRIVE(ui_.click(u"editDealSaveButton"_qs));
    QTRY_VERIFY(ui_.item(u"editDealError"_qs)
                    ->property("text")
                    .toString()
                    .contains(u"contract or the invoice"_qs));
    auto kept = replica().record("deal", wonDealId_.toStdString());
    QCOMPARE(kept["amount_cents"].get<qint64>(), 250'100);
    QCOMPARE(text(kept, "contract_no"), u"C-2024-17"_qs);
    DRIVE(ui_.screenshots(u"deal-edit-error"_qs));
    DRIVE(ui_.typeInto(u"dealForm_contract_no"_qs, u"C-2024-17"_qs));
    DRIVE(ui_.typeInto(u"dealForm_payment_terms"_qs, u"Half in advance"_qs));
    DRIVE(ui_.typeInto(u"dealForm_notes"_qs, u"Delivery by March"_qs));
    DRIVE(ui_.click(u"editDealSaveButton"_qs));
    DRIVE(ui_.waitForPage(u"dealPage"_qs));
    const auto edited = replica().record("deal", wonDealId_.toStdString());
    QCOMPARE(edited["amount_cents"].get<qint64>(), 260'000);
    QCOMPARE(text(edited, "payment_terms"), u"Half in advance"_qs);
    QCOMPARE(text(edited, "notes"), u"Delivery by March"_qs);
    QCOMPARE(text(edited, "title"), u"15 seats of GTX Pro"_qs);
    QTRY_COMPARE(ui_.item(u"dealNotesLabel"_qs)->property("text").toString(),
                 u"Delivery by March"_qs);
    // A cancelled edit takes its error with it: the deal page stays clean.
    DRIVE(ui_.click(u"dealEditButton"_qs));
    DRIVE(ui_.waitForPage(u"editDealPage"_qs));
    DRIVE(ui_.typeInto(u"dealForm_title"_qs, QString()));
    DRIVE(ui_.click(u"editDealSaveButton"_qs));
    QTRY_VERIFY(ui_.item(u"editDealError"_qs)
                    ->property("text")
                    .toString()
                    .startsWith(u"Give the deal a title"_qs));
    DRIVE(ui_.click(u"editDealCancelButton"_qs));
    DRIVE(ui_.waitForPage(u"dealPage"_qs));
    QCOMPARE(ui_.item(u"dealError"_qs)->property("text").toString(), QString());
    QVERIFY(!ui_.item(u"dealError"_qs)->isVisible());
    QCOMPARE(text(replica().record("deal", wonDealId_.toStdString()), "title"),
             u"15 seats of GTX Pro"_qs);
    DRIVE(ui_.click(u"backButton"_qs));
    DRIVE(ui_.waitForPage(u"clientCard"_qs));
}

// SPEC §3.8: lost needs a refusal reason from the list.
void TstAppManagerWorkflows::dealClosedAsLostNeedsAReason() {
    DRIVE(ui_.click(u"openDealButton"_qs));
    DRIVE(ui_.waitForPopup(u"openDealDialog"_qs));
    DRIVE(ui_.typeInto(u"dealTitleField"_qs, u"Support contract"_qs));
    DRIVE(ui_.click(u"openDealDialogSubmitButton"_qs));
    DRIVE(ui_.waitForPage(u"dealPage"_qs));
    lostDealId_ = ui_.currentPage()->property("dealId").toString();
    QVERIFY(lostDealId_ != wonDealId_);

    DRIVE(ui_.click(u"dealCloseButton"_qs));
    DRIVE(ui_.waitForPopup(u"closeDealDialog"_qs));
    DRIVE(ui_.click(u"closeLostButton"_qs));
    DRIVE(ui_.click(u"closeDealDialogSubmitButton"_qs));
    QTRY_VERIFY(ui_.item(u"closeDealDialogError"_qs)
                    ->property("text")
                    .toString()
                    .contains(u"refusal reason"_qs));
    QCOMPARE(text(replica().record("deal", lostDealId_.toStdString()), "outcome"), u"open"_qs);
    DRIVE(ui_.screenshots(u"close-deal-lost-error"_qs));
    DRIVE(ui_.choose(u"closeReasonBox"_qs, u"price"_qs));
    QVERIFY(ui_.item(u"closeDealDialogError"_qs)->property("text").toString().isEmpty());
    DRIVE(ui_.typeInto(u"closeCommentField"_qs, u"Went with the cheaper offer"_qs));
    DRIVE(ui_.screenshots(u"close-deal-lost-dialog"_qs));
    DRIVE(ui_.click(u"closeDealDialogSubmitButton"_qs));
    DRIVE(ui_.waitForPopup(u"closeDealDialog"_qs, false));
    const auto lost = replica().record("deal", lostDealId_.toStdString());
    QCOMPARE(text(lost, "outcome"), u"lost"_qs);
    QCOMPARE(text(lost, "refusal_reason"), u"price"_qs);
    QTRY_VERIFY(ui_.item(u"dealRefusalLabel"_qs)
                    ->property("text")
                    .toString()
                    .contains(u"Went with the cheaper offer"_qs));
    QVERIFY(!ui_.item(u"dealAddPaymentButton"_qs)->isVisible()); // nothing more to record
    DRIVE(ui_.screenshots(u"deal-page-lost"_qs));
    DRIVE(ui_.click(u"backButton"_qs));
    DRIVE(ui_.waitForPage(u"clientCard"_qs));
    DRIVE(ui_.screenshots(u"client-deals"_qs));
}

// SPEC §3.2, §3.4: plan the next visit; an overlap is a warning, not a block.
void TstAppManagerWorkflows::planVisitWarnsAboutAnOverlap() {
    const auto tomorrow = QDate::currentDate().addDays(1).toString(Qt::ISODate);
    DRIVE(openCardTab(u"plansTabButton"_qs));
    DRIVE(ui_.click(u"plansPlanVisitButton"_qs));
    DRIVE(ui_.waitForPage(u"planVisitPage"_qs));
    QVERIFY(!ui_.item(u"visitAssigneeBox"_qs)->isVisible()); // a manager plans for himself
    // A day the calendar lacks, in the right form: it says so, and shows no
    // busy times (no "Free all day" for a day that is not there).
    DRIVE(ui_.typeInto(u"visitDateField"_qs, u"2026-02-30"_qs));
    DRIVE(ui_.typeInto(u"visitTimeField"_qs, u"10:00"_qs));
    QTRY_COMPARE(ui_.item(u"visitDateError"_qs)->property("text").toString(),
                 u"2026-02-30 does not exist: February 2026 has 28 days."_qs);
    QVERIFY(ui_.item(u"visitDateError"_qs)->isVisible());
    QVERIFY(!ui_.item(u"busyTitle"_qs)->isVisible());
    QVERIFY(!ui_.item(u"busyEmptyLabel"_qs)->isVisible());
    DRIVE(ui_.screenshots(u"plan-visit-no-such-day"_qs));
    const auto plansBefore = replica().clientCard(newClientId_.toStdString())["plans"].size();
    DRIVE(ui_.click(u"saveVisitButton"_qs));
    QCOMPARE(ui_.currentPage()->objectName(), u"planVisitPage"_qs);
    QCOMPARE(ui_.object(u"planForm"_qs)->property("error").toString(),
             u"2026-02-30 does not exist: February 2026 has 28 days."_qs);
    QVERIFY(ui_.item(u"visitErrorLabel"_qs)->property("text").toString().isEmpty()); // said once
    QCOMPARE(replica().clientCard(newClientId_.toStdString())["plans"].size(), plansBefore);
    DRIVE(ui_.typeInto(u"visitDateField"_qs, tomorrow));
    QTRY_VERIFY(ui_.item(u"busyTitle"_qs)->isVisible());
    QVERIFY(ui_.item(u"visitDateError"_qs)->property("text").toString().isEmpty());
    DRIVE(ui_.typeInto(u"visitTimeField"_qs, u"10:00"_qs));
    DRIVE(ui_.typeInto(u"visitPurposeField"_qs, u"Install the demo"_qs));
    QTRY_VERIFY(ui_.item(u"busyEmptyLabel"_qs)->isVisible());
    QVERIFY(!ui_.item(u"visitOverlapWarning"_qs)->isVisible());
    DRIVE(ui_.screenshots(u"plan-visit"_qs));
    DRIVE(ui_.click(u"saveVisitButton"_qs));
    DRIVE(ui_.waitForPage(u"clientCard"_qs));

    DRIVE(ui_.click(u"plansPlanVisitButton"_qs));
    DRIVE(ui_.waitForPage(u"planVisitPage"_qs));
    DRIVE(ui_.typeInto(u"visitDateField"_qs, tomorrow));
    DRIVE(ui_.typeInto(u"visitTimeField"_qs, u"10:30"_qs));
    DRIVE(ui_.typeInto(u"visitPurposeField"_qs, u"Train the users"_qs));
    QTRY_VERIFY(ui_.item(u"visitOverlapWarning"_qs)->isVisible());
    QCOMPARE(ui_.object(u"planForm"_qs)->property("overlapCount").toInt(), 1);
    QVERIFY(ui_.item(u"busyRow_0"_qs)->isVisible());
    DRIVE(ui_.screenshots(u"plan-visit-overlap"_qs));
    DRIVE(ui_.click(u"saveVisitButton"_qs)); // "Save anyway"
    DRIVE(ui_.waitForPage(u"clientCard"_qs));
    const auto plans = replica().clientCard(newClientId_.toStdString())["plans"];
    QCOMPARE(plans.size(), std::size_t(2));
    QCOMPARE(text(plans[1], "purpose"), u"Train the users"_qs);
    QTRY_COMPARE(ui_.item(u"planList"_qs)->property("count").toInt(), 2);
    DRIVE(ui_.screenshots(u"client-plans"_qs));
}

// SPEC §3.3: all of it reaches the server without a button press; the head's
// device sees it.
void TstAppManagerWorkflows::theServerHoldsTheWork() {
    DRIVE(ui_.syncAndWait());
    QCOMPARE(ui_.session()->rejectedCount(), 0);

    const auto card = headCli({u"client"_qs, newClientId_});
    QVERIFY(!card.isEmpty());
    QCOMPARE(card.value(u"contacts"_qs).toArray().size(), 1);
    QCOMPARE(card.value(u"mailings"_qs).toArray().size(), 1);
    QCOMPARE(card.value(u"plans"_qs).toArray().size(), 2);
    bool corrected = false;
    for (const auto& h : card.value(u"history"_qs).toArray()) {
        const auto entry = h.toObject();
        if (entry.value(u"summary"_qs).toString() == correctedSummary_) {
            corrected = entry.value(u"revisions"_qs).toString().contains(firstSummary_);
        }
    }
    QVERIFY2(corrected, QJsonDocument(card).toJson().constData());

    const auto won = headCli({u"deal"_qs, wonDealId_});
    QCOMPARE(won.value(u"deal"_qs).toObject().value(u"outcome"_qs).toString(), u"won"_qs);
    QCOMPARE(won.value(u"stages"_qs).toArray().size(), 2);
    QCOMPARE(won.value(u"lines"_qs).toArray().size(), 1);
    QCOMPARE(won.value(u"paid_cents"_qs).toInteger(), 100'000);
    QCOMPARE(won.value(u"deal"_qs).toObject().value(u"notes"_qs).toString(),
             u"Delivery by March"_qs);
    const auto lost = headCli({u"deal"_qs, lostDealId_});
    QCOMPARE(lost.value(u"deal"_qs).toObject().value(u"refusal_reason"_qs).toString(), u"price"_qs);

    const auto sample = headCli({u"client"_qs, sampleClientId_});
    bool done = false;
    for (const auto& h : sample.value(u"history"_qs).toArray()) {
        done = done || h.toObject().value(u"planned_activity_id"_qs).toString() == doneActivityId_;
    }
    QVERIFY2(done, "the activity's history entry is not on the server");
}

// SPEC §2 (parent client), §3.7 (probable duplicate): the Details tab names
// both cards and opens them. The second card of the same company is flagged
// by the server's duplicate check on push.
void TstAppManagerWorkflows::cardLinksToItsParentAndDuplicate() {
    std::string first;
    std::string twin;
    const auto parent = sampleClientId_.toStdString();
    QVERIFY(ui_.session()
                ->runEdit(
                    "seed",
                    [&](fieldbook::device::Replica& r) {
                        first = r.createClient({{"name", "Harbor Freight Co"}, {"city", "Dover"}});
                        twin = r.createClient({{"name", "Harbor Freight Co"},
                                               {"city", "Dover"},
                                               {"parent_client_id", parent}});
                    })
                .isEmpty());
    DRIVE(ui_.syncAndWait());
    QCOMPARE(text(replica().record("client", twin), "duplicate_of"), QString::fromStdString(first));

    QVERIFY(QMetaObject::invokeMethod(ui_.window(), "openClient",
                                      Q_ARG(QVariant, QString::fromStdString(twin))));
    DRIVE(ui_.waitForPage(u"clientCard"_qs));
    DRIVE(openCardTab(u"detailsTabButton"_qs));
    const auto sampleName = text(replica().record("client", parent), "name");
    QTRY_COMPARE(ui_.item(u"detailValue_parent_client_id"_qs)->property("text").toString(),
                 sampleName);
    QCOMPARE(ui_.item(u"detailValue_duplicate_of"_qs)->property("text").toString(),
             u"Harbor Freight Co"_qs);
    QCOMPARE(ui_.item(u"detailLabel_duplicate_of"_qs)->property("text").toString(),
             u"Probable duplicate of"_qs);
    DRIVE(ui_.screenshots(u"client-details-links"_qs));

    DRIVE(ui_.click(u"detailValue_duplicate_of"_qs));
    QTRY_COMPARE(ui_.currentPage()->property("clientId").toString(), QString::fromStdString(first));
    DRIVE(ui_.waitForPage(u"clientCard"_qs));
    DRIVE(ui_.click(u"backButton"_qs));
    QTRY_COMPARE(ui_.currentPage()->property("clientId").toString(), QString::fromStdString(twin));
    DRIVE(ui_.waitForPage(u"clientCard"_qs));
    DRIVE(ui_.click(u"detailValue_parent_client_id"_qs));
    QTRY_COMPARE(ui_.currentPage()->property("clientId").toString(), sampleClientId_);
}

QTEST_MAIN(TstAppManagerWorkflows)
#include "tst_app_manager_workflows.moc"
