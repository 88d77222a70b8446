// SPDX-License-Identifier: MIT
// Proof item 4 of issue 4: the edit × delete × who-syncs-first ×
// online/offline matrix gives the outcome documented in docs/conflicts.md
// ("Edit versus delete"), row by row, against the real server. "Offline":
// both changes were made on version 1, neither side had seen the other's.
// "Online": the second side had synced the first's change before making its
// own. The record is a contact, which a manager may delete (SPEC §1).
#include <QtTest>

#include "conflict_log.h"
#include "sync_helpers.h"

using namespace fieldbook::test;

class TestEditDeleteMatrix : public QObject {
    Q_OBJECT

    TestServer server_;
    Pusher manager_, phone_, head_;
    int serial_ = 0;

    const Pusher& who(const QString& name) const {
        return name == u"head" ? head_ : name == u"phone" ? phone_ : manager_;
    }

  private slots:
    void initTestCase() {
        QVERIFY(server_.start());
        manager_ =
            addUserAndLogin(server_, QStringLiteral("matrix.manager"), QStringLiteral("manager"));
        // The same manager on a second device: a device of its own, so its
        // changes are concurrent with the first device's.
        phone_ = manager_;
        phone_.token =
            loginToken(server_.port(), QStringLiteral("matrix.manager"), QStringLiteral("demo"));
        head_ = addUserAndLogin(server_, QStringLiteral("matrix.head"), QStringLiteral("head"));
        for (const auto* u : {&manager_, &phone_, &head_}) {
            QVERIFY(!u->token.isEmpty());
        }
    }

    void matrix_data() {
        QTest::addColumn<QString>("editor");
        QTest::addColumn<QString>("deleter");
        QTest::addColumn<bool>("editFirst");
        QTest::addColumn<bool>("online");
        QTest::addColumn<bool>("live");             // the contact exists at the end
        QTest::addColumn<QString>("secondOutcome"); // the second push's answer
        QTest::addColumn<QString>("conflict");      // "field:rule" logged, or empty
        QTest::addColumn<QString>("loser");         // who lost: editor, deleter or empty
        // Rows in the order of the table in docs/conflicts.md.
        auto row = [](const char* name, const char* editor, const char* deleter, bool editFirst,
                      bool online, bool live, const char* second, const char* conflict,
                      const char* loser) {
            QTest::newRow(name) << QString::fromUtf8(editor) << QString::fromUtf8(deleter)
                                << editFirst << online << live << QString::fromUtf8(second)
                                << QString::fromUtf8(conflict) << QString::fromUtf8(loser);
        };
        row("1 manager deletes, offline, edit syncs first", "head", "manager", true, false, true,
            "applied", "deleted:edit_beats_delete", "deleter");
        row("2 manager deletes, offline, delete syncs first", "head", "manager", false, false, true,
            "applied", "deleted:edit_beats_delete", "deleter");
        row("3 manager deletes, online, edit first", "head", "manager", true, true, false,
            "applied", "", "");
        row("4 manager deletes, online, delete first", "head", "manager", false, true, false,
            "record_deleted", "", "");
        row("5 head deletes, offline, edit syncs first", "manager", "head", true, false, false,
            "applied", "phone:head_delete_wins", "editor");
        row("6 head deletes, offline, delete syncs first", "manager", "head", false, false, false,
            "applied", "phone:head_delete_wins", "editor");
        row("7 head deletes, online, edit first", "manager", "head", true, true, false, "applied",
            "", "");
        row("8 head deletes, online, delete first", "manager", "head", false, true, false,
            "record_deleted", "", "");
        row("9 same device edits then deletes, offline", "manager", "manager", true, false, false,
            "applied", "", "");
        row("10 same user, other device deletes, offline, delete first", "manager", "phone", false,
            false, true, "applied", "deleted:edit_beats_delete", "deleter");
    }

    void matrix() {
        QFETCH(QString, editor);
        QFETCH(QString, deleter);
        QFETCH(bool, editFirst);
        QFETCH(bool, online);
        QFETCH(bool, live);
        QFETCH(QString, secondOutcome);
        QFETCH(QString, conflict);
        QFETCH(QString, loser);

        auto client =
            head_.create("client", {{"name", "Matrix Client " + std::to_string(++serial_)},
                                    {"curator_id", manager_.userId}});
        auto contact = manager_.create("contact", {{"client_id", client}, {"name", "Ann Matrix"}});
        QVERIFY(!contact.empty());
        const std::string phone = "+1 555 01" + std::to_string(10 + serial_);
        auto edit = [&](std::int64_t base) {
            return mutation("contact", contact, {{"phone", phone}}, base);
        };
        auto del = [&](std::int64_t base) {
            return mutation("contact", contact, json::object(), base, "delete");
        };
        const Pusher& firstBy = who(editFirst ? editor : deleter);
        const Pusher& secondBy = who(editFirst ? deleter : editor);
        auto first = editFirst ? edit(1) : del(1);
        auto second = online ? json() : (editFirst ? del(1) : edit(1)); // both made on version 1
        auto r1 = firstBy.pushAll(json::array({first}));
        QCOMPARE(outcomeOf(r1.at(0)), std::string("applied"));
        if (online) { // the second side synced the first change before making its own
            auto seen = serverRecord(server_, "contact", contact)["version"].get<std::int64_t>();
            second = editFirst ? del(seen) : edit(seen);
        }
        auto r2 = secondBy.pushAll(json::array({second}));
        QCOMPARE(QString::fromStdString(outcomeOf(r2.at(0))), secondOutcome);

        auto rec = serverRecord(server_, "contact", contact);
        QCOMPARE(!rec["deleted"].get<bool>(), live);
        if (live) {
            QCOMPARE(rec["fields"]["phone"].get<std::string>(), phone); // the edit is there
        }
        auto log = conflictsOf(server_, contact);
        QCOMPARE(conflictRulesOf(server_, contact),
                 conflict.isEmpty() ? QStringList() : QStringList{conflict});
        if (!conflict.isEmpty()) {
            const auto& e = who(editor);
            const auto& d = who(deleter);
            bool editorLost = loser == u"editor";
            QCOMPARE(log[0]["loser_id"].get<std::string>(), editorLost ? e.userId : d.userId);
            QCOMPARE(log[0]["winner_id"].get<std::string>(), editorLost ? d.userId : e.userId);
            if (editorLost) {
                QCOMPARE(log[0]["loser_value"].get<std::string>(), phone); // the lost edit
            }
            // The pusher of the second change is told at once.
            QCOMPARE(r2.at(0)["conflicts"].size(), std::size_t(1));
        }
    }

    // Break-it: an edit the deleter had not seen brought a contact back
    // although the head had deleted its client meanwhile (an orphan). The
    // rule: an edit under a deleted client (or deal) is refused
    // parent_deleted; the head's delete wins over everything under it.
    void editUnderADeletedClientIsRefused() {
        auto client =
            head_.create("client", {{"name", "Orphan Client"}, {"curator_id", manager_.userId}});
        auto gone = manager_.create("contact", {{"client_id", client}, {"name", "Gone Contact"}});
        auto kept = manager_.create("contact", {{"client_id", client}, {"name", "Kept Contact"}});
        QVERIFY(!gone.empty() && !kept.empty());
        QCOMPARE(outcomeOf(manager_.push("contact", gone, json::object(), 1, "delete")),
                 std::string("applied"));
        QCOMPARE(outcomeOf(head_.push("client", client, json::object(), 1, "delete")),
                 std::string("applied"));
        // The phone had not seen either delete: its edit would beat the
        // manager's delete of the contact, but the client is gone.
        auto r = phone_.push("contact", gone, {{"phone", "+1 555 0199"}}, 1);
        QCOMPARE(outcomeOf(r), std::string("parent_deleted"));
        QVERIFY(r["error"]["message"].get<std::string>().find(client) != std::string::npos);
        QCOMPARE(serverRecord(server_, "contact", gone)["deleted"].get<bool>(), true);
        // The lost value is in the conflict log, the head's delete the winner.
        QCOMPARE(conflictRulesOf(server_, gone), QStringList{"phone:head_delete_wins"});
        QCOMPARE(conflictsOf(server_, gone)[0]["winner_id"].get<std::string>(), head_.userId);
        QCOMPARE(conflictsOf(server_, gone)[0]["loser_value"], json("+1 555 0199"));
        // A contact still live under the deleted client is not edited either.
        auto before = serverRecord(server_, "contact", kept);
        QCOMPARE(outcomeOf(phone_.push("contact", kept, {{"phone", "+1 555 0198"}}, 1)),
                 std::string("parent_deleted"));
        COMPARE_JSON(serverRecord(server_, "contact", kept), before);
        QCOMPARE(conflictRulesOf(server_, kept), QStringList{"phone:head_delete_wins"});
    }

    // Fresh-user trial (main 350da72): a meeting logged offline at a card the
    // head then deleted was refused unknown_reference ("names no client on
    // the server") although the card is there, a tombstone. A new record
    // under a deleted parent is refused as an edit under one is:
    // parent_deleted, naming who deleted it, kept in the device's rejected log.
    void newRecordUnderADeletedClientIsRefused() {
        CliDevice device;
        QVERIFY(device.login(server_.url(), QStringLiteral("matrix.manager")));
        auto client =
            head_.create("client", {{"name", "Deleted Later"}, {"curator_id", manager_.userId}});
        QVERIFY(!client.empty());
        device.sync();
        QCOMPARE(device.lastExit, 0);
        auto entry =
            savedId(device, {QStringLiteral("log"), QString::fromStdString(client),
                             QStringLiteral("--kind"), QStringLiteral("meeting"),
                             QStringLiteral("--summary"), QStringLiteral("Met the buyer offline")});
        QVERIFY(!entry.isEmpty());
        QCOMPARE(outcomeOf(head_.push("client", client, json::object(), 1, "delete")),
                 std::string("applied"));
        auto s = device.sync();
        QCOMPARE(s[QStringLiteral("rejected")].toInt(), 1);
        auto rejected = device.json({QStringLiteral("rejected")}).array();
        QCOMPARE(rejected.size(), 1);
        auto r = rejected[0].toObject();
        QCOMPARE(r[QStringLiteral("error_code")].toString(), QStringLiteral("parent_deleted"));
        auto message = r[QStringLiteral("error_message")].toString();
        QVERIFY2(message.contains(QStringLiteral("deleted by matrix.head")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("Deleted Later")), qPrintable(message));
        QCOMPARE(r[QStringLiteral("fields")].toObject()[QStringLiteral("summary")].toString(),
                 QStringLiteral("Met the buyer offline"));
        QVERIFY(serverRecord(server_, "history_entry", entry.toStdString()).is_null());
        // SPEC §4: kept in the conflict log too, where the manager and the
        // head who deleted the card see it.
        auto log = conflictsOf(server_, entry.toStdString());
        QStringList rules = conflictRulesOf(server_, entry.toStdString());
        QVERIFY2(rules.contains(QStringLiteral("summary:head_delete_wins")),
                 qPrintable(rules.join(QLatin1Char(' '))));
        for (const auto& c : log) {
            QCOMPARE(c["winner_id"].get<std::string>(), head_.userId);
            QCOMPARE(c["loser_id"].get<std::string>(), manager_.userId);
        }
        device.sync();
        auto seen = device.json({QStringLiteral("conflicts")}).array();
        bool shown = false;
        for (const auto& c : seen) {
            shown = shown || c.toObject()[QStringLiteral("loser_value")].toString() ==
                                 QStringLiteral("\"Met the buyer offline\"");
        }
        QVERIFY2(shown, QJsonDocument(seen).toJson().constData());
    }
};

QTEST_GUILESS_MAIN(TestEditDeleteMatrix)
#include "tst_edit_delete_matrix.moc"
