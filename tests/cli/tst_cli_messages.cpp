// SPDX-License-Identifier: MIT
// fieldbook-cli's messages as a new user met them (fresh-user trial of main
// 350da72), against the real server with the sample: one spelling of a
// server URL, the time forms of --set, a manager's merge refused for the
// role, and what `conflicts` says and offers (docs/cli.md).
#include "conflict_text.h"
#include "device/replica.h"
#include "domain/clock.h"
#include "sync_helpers.h"

#include <QThread>

using namespace fieldbook::test;
namespace device = fieldbook::device;
using nlohmann::json;

class TestCliMessages : public QObject {
    Q_OBJECT

    TestServer server_;

  private slots:
    void initTestCase() { QVERIFY(server_.start()); }

    /// `--server http://127.0.0.1:PORT/` was stored with the slash and so
    /// counted as another server: a login without it, with an edit waiting,
    /// was refused (replica_owned_by_other_user).
    void aTrailingSlashIsTheSameServer() {
        CliDevice d;
        QVERIFY(d.login(server_.url() + u'/', u"darcel.schlecht"_qs));
        QCOMPARE(d.json({u"status"_qs}).object()[u"server"_qs].toString(), server_.url());
        d.sync();
        d.cmd({u"edit-client"_qs, d.clientId(u"Zencorporation"_qs), u"--set"_qs,
               u"notes=waiting"_qs});
        QCOMPARE(d.json({u"status"_qs}).object()[u"pending"_qs].toInt(), 1);
        QVERIFY2(d.login(server_.url(), u"darcel.schlecht"_qs), d.lastErr.constData());
        QCOMPARE(d.json({u"status"_qs}).object()[u"pending"_qs].toInt(), 1);
        d.sync();
    }

    /// `--set first_contact_at=2030-01-01` said "must be a whole number":
    /// every time field takes the forms --at takes, or ms since 1970.
    void setTakesTheTimeFormsOfAt() {
        CliDevice d;
        QVERIFY(d.login(server_.url(), u"darcel.schlecht"_qs));
        d.sync();
        const auto today =
            QString::fromStdString(fieldbook::domain::formatIso8601(fieldbook::domain::nowMs()))
                .left(10);
        auto saved = d.json({u"new-client"_qs, u"--name"_qs, u"Dated By Day Ltd"_qs, u"--set"_qs,
                             u"first_contact_at="_qs + today})
                         .object();
        QVERIFY2(!saved[u"id"_qs].toString().isEmpty(), d.lastErr.constData());
        d.cmd({u"new-client"_qs, u"--name"_qs, u"Dated Later Ltd"_qs, u"--set"_qs,
               u"first_contact_at=2030-01-01"_qs},
              2);
        QVERIFY2(!d.lastErr.contains("whole number") && d.lastErr.contains("future"),
                 d.lastErr.constData());
        d.cmd({u"new-client"_qs, u"--name"_qs, u"Dated Soon Ltd"_qs, u"--set"_qs,
               u"first_contact_at=soon"_qs},
              2);
        QVERIFY2(d.lastErr.contains("ISO 8601") && d.lastErr.contains("milliseconds"),
                 d.lastErr.constData());
        QCOMPARE(d.lastErr.count('\n'), 1);
        d.sync();
    }

    /// A manager's merge-clients said unknown_client (the other card is not
    /// on their device) instead of forbidden.
    void managersMergeIsForbiddenFirst() {
        CliDevice d;
        QVERIFY(d.login(server_.url(), u"darcel.schlecht"_qs));
        d.sync();
        d.cmd({u"merge-clients"_qs, d.clientId(u"Zencorporation"_qs),
               u"00000000-0000-4000-8000-00000000beef"_qs},
              2);
        QVERIFY2(d.lastErr.contains("(forbidden)") && d.lastErr.contains("merge_clients"),
                 d.lastErr.constData());
    }

    /// Two of the same user's devices: the losing one was told the value
    /// came "from another device"; the apply-again command is offered only
    /// when it can work, else the reason is said.
    void conflictsSayWhatCanBeAppliedAgain() {
        CliDevice a;
        CliDevice b;
        QVERIFY(a.login(server_.url(), u"darcel.schlecht"_qs));
        QVERIFY(b.login(server_.url(), u"darcel.schlecht"_qs));
        a.sync();
        b.sync();
        const auto zen = a.clientId(u"Zencorporation"_qs);
        QVERIFY(!zen.isEmpty());
        a.cmd({u"edit-client"_qs, zen, u"--set"_qs, u"phone=+1-555-0101"_qs});
        QThread::msleep(5);
        b.cmd({u"edit-client"_qs, zen, u"--set"_qs, u"phone=+1-555-0202"_qs});
        b.sync();
        QCOMPARE(a.sync()[u"conflicts"_qs].toInt(), 1);
        auto text = a.cmd({u"conflicts"_qs});
        QVERIFY2(text.contains("your \"+1-555-0101\" was replaced by your later \"+1-555-0202\"") &&
                     !text.contains("another device"),
                 text.constData());
        QVERIFY2(text.contains("To apply yours again: fieldbook-cli edit-client " + zen.toUtf8() +
                               " --set 'phone=+1-555-0101'"),
                 text.constData());

        // A card made by the device: the server set its first contact.
        auto made = a.json({u"new-client"_qs, u"--name"_qs, u"Once Set Ltd"_qs}).object();
        const auto onceSet = made[u"id"_qs].toString().toStdString();
        a.sync();
        device::Replica replica(a.profile().toStdString() + "/replica.db");
        const auto me = replica.session()->userId;
        QVERIFY(!replica.record("client", onceSet)["first_contact_at"].is_null());
        const auto celia = replica.userByLogin("celia.rouche").value("id", std::string());
        QVERIFY(!celia.empty());
        auto conflict = [&](const std::string& id, const std::string& field,
                            const std::string& mine) {
            return json{{"entity", "client"},     {"record_id", id},
                        {"field", field},         {"rule", "last_writer_wins"},
                        {"winner_value", "null"}, {"loser_value", mine},
                        {"winner_id", celia},     {"loser_id", me}};
        };
        const auto isdom = zen.toStdString();
        struct Case {
            json conflict;
            const char* why;
        };
        const Case cases[] = {
            {conflict(onceSet, "first_contact_at", "1796030100000"),
             "first_contact_at cannot change once set"},
            {conflict(isdom, "duplicate_of", "\"" + onceSet + "\""),
             "duplicate_of is written by the server"},
            {conflict(isdom, "first_contact_by", "\"" + me + "\""),
             "first_contact_by is written by the server"},
            {conflict("00000000-0000-4000-8000-00000000f00d", "notes", "\"gone\""),
             "the card is no longer on this device"},
            {conflict(isdom, "curator_id", "\"" + celia + "\""), "manager may not"},
        };
        for (const auto& c : cases) {
            const auto line = fieldbook::cli::describeConflict(replica, c.conflict, me);
            QVERIFY2(line.find(std::string("Yours cannot be applied again: ") + c.why) !=
                             std::string::npos &&
                         line.find("edit-client") == std::string::npos,
                     line.c_str());
        }
        // A field the device may write on a card it has: offered.
        const auto line =
            fieldbook::cli::describeConflict(replica, conflict(isdom, "notes", "\"mine\""), me);
        QVERIFY2(line.find("To apply yours again: fieldbook-cli edit-client " + isdom +
                           " --set 'notes=mine'") != std::string::npos,
                 line.c_str());
    }
};

QTEST_GUILESS_MAIN(TestCliMessages)
#include "tst_cli_messages.moc"
