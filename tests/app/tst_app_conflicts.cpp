// SPDX-License-Identifier: MIT
// The Conflicts page (issue 4, SPEC §4 "every value that lost is kept in a
// conflict log the user can see") through the real Fieldbook.Ui scene and a
// real fieldbook-server with the CRM sample. Darcel's app and Celia's
// fieldbook-cli change the same client offline: the field Darcel changed
// first he loses, the one he changed last he wins (last writer by hybrid
// logical clock, docs/conflicts.md). The page says both in plain words,
// "Apply mine again" puts his value back with an ordinary edit that the
// server takes and Celia receives, and the row stays, marked re-applied.
// Then the head gives a client away while Darcel edits it offline: the
// server refuses the edit (out_of_scope) and the page shows the reason and
// what he typed. Screenshots at phone and desktop size.
#include <QTest>

#include "../sync/sync_helpers.h"
#include "qml_driver.h"

#include "device/replica.h"

#include <QThread>

using fieldbook::device::Replica;
using fieldbook::test::CliDevice;
using fieldbook::test::QmlDriver;
using fieldbook::test::TestServer;

namespace {
QString text(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? QString::fromStdString(it->get<std::string>())
                                            : QString();
}

QStringList set(const QString& id, const QString& field, const QString& value) {
    return {u"edit-client"_qs, id, u"--set"_qs, field + u'=' + value};
}
} // namespace

class TstAppConflicts : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase();
    void cleanupTestCase();

    void lostAndWonChangesInPlainWords();
    void applyMineAgainPutsTheValueBack();
    void refusedEditKeepsWhatWasTyped();
    void lostDealStageIsNotOfferedAgain();

  private:
    Replica& replica() { return *ui_.session()->replica(); }
    QString edit(const QString& clientId, const char* field, const std::string& value);
    /// The row of the conflict log whose sentence contains `part`; -1 if none.
    int conflictRow(const QString& part);
    QString roleOf(int row, const QString& role);

    TestServer server_;
    CliDevice celia_;
    CliDevice melvin_;
    QTemporaryDir profile_;
    QmlDriver ui_;
    QString clientId_;
};

void TstAppConflicts::initTestCase() {
    QVERIFY(profile_.isValid());
    QVERIFY2(server_.start(true), server_.serverLog().constData());
    QVERIFY(celia_.login(server_.url(), u"celia.rouche"_qs));
    QVERIFY(melvin_.login(server_.url(), u"melvin.marxen"_qs));
    celia_.sync();
    melvin_.sync();
    fieldbook::app::AppOptions options;
    options.profileDir = profile_.path();
    options.requestTimeoutMs = 10'000;
    // Only syncNow() syncs: the test decides who pushes first.
    options.editDebounceMs = 3'600'000;
    options.syncIntervalMs = 3'600'000;
    DRIVE(ui_.start(options, QStringLiteral(FIELDBOOK_SCREENSHOT_DIR)));
    DRIVE(ui_.signIn(server_.url(), u"darcel.schlecht"_qs, u"demo"_qs));
    const auto clients = replica().clients("Zencorporation");
    QCOMPARE(clients.size(), std::size_t(1));
    clientId_ = text(clients[0], "id");
}

void TstAppConflicts::cleanupTestCase() {
    ui_.stop();
    server_.stop();
}

QString TstAppConflicts::edit(const QString& clientId, const char* field,
                              const std::string& value) {
    return ui_.session()->runEdit("test edit", [&](Replica& r) {
        r.updateRecord("client", clientId.toStdString(), {{field, value}});
    });
}

int TstAppConflicts::conflictRow(const QString& part) {
    auto* log = ui_.object(u"conflictLog"_qs);
    auto* model = log ? log->property("conflicts").value<QObject*>() : nullptr;
    if (!model) {
        return -1;
    }
    const int count = model->property("count").toInt();
    for (int row = 0; row < count; ++row) {
        QVariantMap map;
        QMetaObject::invokeMethod(model, "get", Q_RETURN_ARG(QVariantMap, map), Q_ARG(int, row));
        if (map.value(u"text"_qs).toString().contains(part)) {
            return row;
        }
    }
    return -1;
}

QString TstAppConflicts::roleOf(int row, const QString& role) {
    auto* model = ui_.object(u"conflictLog"_qs)->property("conflicts").value<QObject*>();
    QVariantMap map;
    QMetaObject::invokeMethod(model, "get", Q_RETURN_ARG(QVariantMap, map), Q_ARG(int, row));
    return map.value(role).toString();
}

// Darcel changes notes, then Celia changes notes and the address, then
// Darcel the address; Celia syncs first. Darcel's notes are older (lost),
// his address newer (won).
void TstAppConflicts::lostAndWonChangesInPlainWords() {
    DRIVE(ui_.waitForPage(u"homePage"_qs));
    DRIVE(ui_.click(u"conflictsTabButton"_qs));
    QTRY_VERIFY(ui_.item(u"conflictsPage"_qs)->isVisible());
    QVERIFY(ui_.item(u"conflictsEmpty"_qs)->isVisible());
    QVERIFY(ui_.item(u"rejectedEmpty"_qs)->isVisible());
    QVERIFY(!ui_.item(u"conflictsTabButtonBadge"_qs)->isVisible());
    DRIVE(ui_.screenshots(u"conflicts-empty"_qs));

    QVERIFY(edit(clientId_, "notes", "Darcel: budget in Q1").isEmpty());
    QThread::msleep(5); // later stamps on both devices' clocks
    celia_.cmd(set(clientId_, u"notes"_qs, u"Celia: budget frozen"_qs));
    celia_.cmd(set(clientId_, u"address"_qs, u"1 Old Road"_qs));
    QThread::msleep(5);
    QVERIFY(edit(clientId_, "address", "2 New Street").isEmpty());
    QCOMPARE(celia_.sync()[u"conflicts"_qs].toInt(), 0);
    DRIVE(ui_.syncAndWait());

    QCOMPARE(replica().conflicts().size(), std::size_t(2));
    QCOMPARE(text(replica().record("client", clientId_.toStdString()), "notes"),
             u"Celia: budget frozen"_qs);
    QTRY_COMPARE(ui_.item(u"conflictsHeader"_qs)->property("text").toString(),
                 u"Changes that met another change (2)"_qs);
    const int lost = conflictRow(u"Notes"_qs);
    const int won = conflictRow(u"Address"_qs);
    QVERIFY(lost >= 0 && won >= 0);
    const auto at = [&](const char* name, int row) {
        return ui_.item(QString::fromLatin1(name) + QString::number(row));
    };
    QCOMPARE(at("conflictText_", lost)->property("text").toString(),
             u"Your change to Notes of Zencorporation (client) was replaced by Celia Rouche's: "
             u"\u00ABCelia: budget frozen\u00BB (yours: \u00ABDarcel: budget in Q1\u00BB)"_qs);
    QCOMPARE(at("conflictText_", won)->property("text").toString(),
             u"Your change to Address of Zencorporation (client) replaced Celia Rouche's: "
             u"\u00AB2 New Street\u00BB (theirs: \u00AB1 Old Road\u00BB)"_qs);
    QCOMPARE(at("conflictRule_", lost)->property("text").toString(),
             u"Rule: the later change wins."_qs);
    QCOMPARE(at("conflictOutcome_", lost)->property("text").toString(), u"Replaced"_qs);
    QCOMPARE(at("conflictOutcome_", won)->property("text").toString(), u"Kept"_qs);
    QVERIFY(at("applyMineButton_", lost)->isVisible());
    QVERIFY(!at("applyMineButton_", won)->isVisible()); // his value stands
    // The badge counts the one he lost.
    QTRY_VERIFY(ui_.item(u"conflictsTabButtonBadge"_qs)->isVisible());
    QCOMPARE(ui_.item(u"conflictsTabButtonBadge"_qs)->property("text").toString(), u"1"_qs);
    DRIVE(ui_.screenshots(u"conflicts"_qs));
}

void TstAppConflicts::applyMineAgainPutsTheValueBack() {
    const int lost = conflictRow(u"Notes"_qs);
    QVERIFY(lost >= 0);
    const auto conflictId = roleOf(lost, u"conflictId"_qs);
    auto* button = ui_.item(u"applyMineButton_"_qs + QString::number(lost));
    DRIVE(ui_.scrollTo(button));
    DRIVE(ui_.click(button));
    QCOMPARE(text(replica().record("client", clientId_.toStdString()), "notes"),
             u"Darcel: budget in Q1"_qs);
    // The row stays, marked; nothing wants his eye any more.
    QTRY_VERIFY(!ui_.item(u"conflictsTabButtonBadge"_qs)->isVisible());
    const int row = conflictRow(u"Notes"_qs);
    QCOMPARE(roleOf(row, u"conflictId"_qs), conflictId);
    QCOMPARE(ui_.item(u"conflictOutcome_"_qs + QString::number(row))->property("text").toString(),
             u"Re-applied"_qs);
    QVERIFY(ui_.item(u"conflictReapplied_"_qs + QString::number(row))->isVisible());
    QVERIFY(!ui_.item(u"applyMineButton_"_qs + QString::number(row))->isVisible());
    QVERIFY(ui_.item(u"conflictsError"_qs)->property("text").toString().isEmpty());

    // An edit on the current version: the server takes it, no new conflict,
    // and Celia's device gets Darcel's notes.
    DRIVE(ui_.syncAndWait());
    QCOMPARE(replica().conflicts().size(), std::size_t(2));
    celia_.sync();
    const auto card = celia_.json({u"client"_qs, clientId_}).object()[u"client"_qs].toObject();
    QCOMPARE(card[u"notes"_qs].toString(), u"Darcel: budget in Q1"_qs);
    QCOMPARE(text(replica().record("client", clientId_.toStdString()), "notes"),
             u"Darcel: budget in Q1"_qs);
    DRIVE(ui_.screenshots(u"conflicts-reapplied"_qs));

    // The mark is kept in the profile: a new page (as after a restart) reads it.
    auto* log = ui_.object(u"conflictLog"_qs);
    QMetaObject::invokeMethod(log, "reload");
    QCOMPARE(roleOf(conflictRow(u"Notes"_qs), u"reapplied"_qs), u"true"_qs);
}

// The head gives a card to another manager while Darcel edits it offline:
// the server refuses the edit, the card leaves his device, and the page
// keeps what he typed with the reason.
void TstAppConflicts::refusedEditKeepsWhatWasTyped() {
    const auto darcelId = ui_.session()->userId();
    const auto created = melvin_.json({u"new-client"_qs, u"--name"_qs, u"Pending Edits Ltd"_qs,
                                       u"--set"_qs, u"curator_id="_qs + darcelId});
    const auto client = created.object()[u"id"_qs].toString();
    QVERIFY2(!client.isEmpty(), melvin_.lastErr.constData());
    melvin_.sync();
    DRIVE(ui_.syncAndWait());
    QVERIFY(replica().record("client", client.toStdString()).is_object());

    QVERIFY(edit(client, "notes", "Call back after the fair").isEmpty());
    melvin_.cmd({u"reassign-client"_qs, client, u"--to"_qs, u"gladys.colclough"_qs});
    melvin_.sync();
    DRIVE(ui_.syncAndWait());

    QCOMPARE(replica().rejectedMutations().size(), std::size_t(1));
    QTRY_COMPARE(ui_.item(u"rejectedHeader"_qs)->property("text").toString(),
                 u"Not saved by the server (1)"_qs);
    // The card left his device with the refusal: what he typed names it.
    QVERIFY(replica().record("client", client.toStdString()).is_null());
    QCOMPARE(ui_.item(u"rejectedTitle_0"_qs)->property("text").toString(),
             u"Client no longer on this device"_qs);
    QVERIFY(ui_.item(u"rejectedMessage_0"_qs)
                ->property("text")
                .toString()
                .startsWith(u"This record is no longer yours to change"_qs));
    QCOMPARE(ui_.item(u"rejectedValues_0"_qs)->property("text").toString(),
             u"Notes: Call back after the fair"_qs);
    QTRY_COMPARE(ui_.item(u"conflictsTabButtonBadge"_qs)->property("text").toString(), u"1"_qs);
    DRIVE(ui_.scrollTo(ui_.item(u"rejectedRow_0"_qs)));
    DRIVE(ui_.screenshots(u"conflicts-rejected"_qs));
}

// Darcel moves a deal to its next stage offline while his head closes it as
// lost: the close beats the stale edit (terminal_outcome_wins), so Darcel's
// stage is in the log as lost. Applying it again would be refused
// (deal_closed: a lost deal's stage does not move), so the page does not
// offer it and says why (fresh-user trial: the button was there and failed).
void TstAppConflicts::lostDealStageIsNotOfferedAgain() {
    QString dealId;
    std::string next;
    const auto stages = replica().stages();
    for (const auto& d : replica().deals(true)) {
        for (std::size_t i = 0; i + 1 < stages.size() && dealId.isEmpty(); ++i) {
            if (stages[i]["code"] == d.value("stage", nlohmann::json())) {
                dealId = text(d, "id");
                next = stages[i + 1]["code"].get<std::string>();
            }
        }
    }
    QVERIFY2(!dealId.isEmpty(), "Darcel has no open deal with a next stage");
    QVERIFY(ui_.session()
                ->runEdit("test move",
                          [&](Replica& r) { r.moveStage(dealId.toStdString(), next, false); })
                .isEmpty());
    QThread::msleep(5);
    melvin_.sync();
    melvin_.cmd({u"close-deal"_qs, dealId, u"--lost"_qs, u"--reason"_qs, u"competitor"_qs});
    melvin_.sync();
    DRIVE(ui_.syncAndWait());
    QCOMPARE(text(replica().record("deal", dealId.toStdString()), "outcome"), u"lost"_qs);

    auto* model = ui_.object(u"conflictLog"_qs)->property("conflicts").value<QObject*>();
    int row = -1;
    QTRY_VERIFY([&] {
        for (int r = 0; r < model->property("count").toInt() && row < 0; ++r) {
            if (roleOf(r, u"recordId"_qs) == dealId && roleOf(r, u"field"_qs) == u"stage"_qs) {
                row = r;
            }
        }
        return row >= 0;
    }());
    QCOMPARE(roleOf(row, u"lost"_qs), u"true"_qs);
    QCOMPARE(roleOf(row, u"canReapply"_qs), u"false"_qs);
    const auto index = QString::number(row);
    QVERIFY(!ui_.item(u"applyMineButton_"_qs + index)->isVisible());
    auto* why = ui_.item(u"conflictCannotReapply_"_qs + index);
    QVERIFY(why->isVisible());
    QVERIFY2(why->property("text").toString().startsWith(
                 u"Yours cannot be applied again: This deal is closed"_qs),
             qPrintable(why->property("text").toString()));
    DRIVE(ui_.scrollTo(why));
    DRIVE(ui_.screenshots(u"conflicts-lost-deal"_qs));
}

QTEST_MAIN(TstAppConflicts)
#include "tst_app_conflicts.moc"
