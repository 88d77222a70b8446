// SPDX-License-Identifier: MIT
// The operator's user commands (SPEC §1: the admin manages users;
// docs/cli.md "Users"): `fieldbook-server user list|set|deactivate|activate|
// password` on the file a real server is serving (a foreign writer), bad
// input refused with one line, a deactivated user's device told so (not
// "log in again"), and a role change giving the user's device exactly the
// new scope: its records equal a fresh device's, both directions.
#include "../server/push_helpers.h"
#include "domain/entities.h"
#include "store/database.h"
#include "sync_helpers.h"

#include <set>

using namespace fieldbook::test;

namespace {

/// Every live record of a replica, as "entity/id/vVERSION".
std::set<QString> recordsOf(const CliDevice& d) {
    fieldbook::store::Database db(replicaPath(d).toStdString());
    std::set<QString> out;
    for (const auto& e : fieldbook::domain::entities()) {
        fieldbook::store::Statement st(db, "SELECT id, version FROM " + std::string(e.table) +
                                               " WHERE deleted = 0");
        while (st.step()) {
            out.insert(QString::fromStdString(std::string(e.name) + "/" + st.text(0) + "/v" +
                                              std::to_string(st.int64(1))));
        }
    }
    return out;
}

/// The directory row of `login` as a device sees it (`fieldbook-cli users`).
QJsonObject directoryRow(CliDevice& d, const QString& login) {
    for (const auto& v : d.json({u"users"_qs}).array()) {
        if (v.toObject()[u"login"_qs].toString() == login) {
            return v.toObject();
        }
    }
    return {};
}

} // namespace

class TestUserAdmin : public QObject {
    Q_OBJECT

    TestServer server_;

    RunResult user(const QStringList& args, const QByteArray& in = {}) {
        return run(binPath(u"fieldbook-server"_qs),
                   QStringList{u"user"_qs} << args.first() << u"--db"_qs << server_.dbPath()
                                           << args.mid(1),
                   in);
    }

  private slots:
    void initTestCase() { QVERIFY(server_.start()); }

    void listShowsTheDirectory() {
        auto r = user({u"list"_qs});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith("login"));
        QVERIFY2(
            QRegularExpression(u"\ndarcel\\.schlecht +manager +yes +Central +Darcel Schlecht\n"_qs)
                .match(QString::fromUtf8(r.out))
                .hasMatch(),
            r.out.constData());
    }

    void badInputIsRefusedWithOneLine() {
        struct Case {
            QStringList args;
            int exit;
            const char* code;
        };
        const Case cases[] = {
            {{u"set"_qs, u"--login"_qs, u"no.such"_qs, u"--role"_qs, u"head"_qs},
             1,
             "unknown_user"},
            {{u"deactivate"_qs, u"--login"_qs, u"no.such"_qs}, 1, "unknown_user"},
            {{u"set"_qs, u"--login"_qs, u"darcel.schlecht"_qs, u"--role"_qs, u"boss"_qs},
             2,
             "invalid_role"},
            {{u"set"_qs, u"--login"_qs, u"darcel.schlecht"_qs}, 2, "no_change"},
            {{u"set"_qs, u"--login"_qs, u"darcel.schlecht"_qs, u"--role"_qs, u"manager"_qs},
             2,
             "no_change"},
            {{u"activate"_qs, u"--login"_qs, u"darcel.schlecht"_qs}, 2, "no_change"},
            {{u"set"_qs, u"--login"_qs, u"darcel.schlecht"_qs, u"--name"_qs, QString()},
             2,
             "invalid_name"},
            {{u"frobnicate"_qs, u"--login"_qs, u"darcel.schlecht"_qs},
             2,
             "(see fieldbook-server --help)"},
            {{u"set"_qs, u"--login"_qs, u"darcel.schlecht"_qs, u"--team"_qs, u"Nowhere"_qs},
             2,
             "unknown_team"},
            {{u"set"_qs, u"--login"_qs, u"darcel.schlecht"_qs, u"--team"_qs, u" "_qs},
             2,
             "invalid_team"},
            {{u"set"_qs, u"--login"_qs, u"darcel.schlecht"_qs, u"--team"_qs, u"central"_qs},
             2,
             "no_change"},
            {{u"password"_qs, u"--login"_qs, u"darcel.schlecht"_qs}, 2, "no_password"},
            {{u"add"_qs, u"--login"_qs, u"no.pass"_qs, u"--name"_qs, u"No Pass"_qs, u"--role"_qs,
              u"manager"_qs},
             2,
             "no_password"},
        };
        auto before = user({u"list"_qs}).out;
        for (const auto& c : cases) {
            auto r = user(c.args);
            QVERIFY2(r.exitCode == c.exit, qPrintable(c.args.join(u' ') + u": "_qs + r.err));
            QVERIFY2(r.err.contains(c.code), r.err.constData());
            QCOMPARE(r.err.count('\n'), 1);
        }
        // The unknown team's error names the teams there are.
        auto unknownTeam =
            user({u"set"_qs, u"--login"_qs, u"darcel.schlecht"_qs, u"--team"_qs, u"Nowhere"_qs});
        QVERIFY2(unknownTeam.err.contains("teams: Central, East, West"),
                 unknownTeam.err.constData());
        // No password on stdin is said so, not "weak".
        auto none = user({u"password"_qs, u"--login"_qs, u"darcel.schlecht"_qs});
        QVERIFY2(none.err.contains("no password on stdin"), none.err.constData());
        auto weak = user({u"password"_qs, u"--login"_qs, u"darcel.schlecht"_qs}, "abc\n");
        QCOMPARE(weak.exitCode, 2);
        QVERIFY2(weak.err.contains("weak_password"), weak.err.constData());
        QCOMPARE(user({u"list"_qs}).out, before); // nothing saved on error
    }

    /// Fresh-user finding: the operator could not put a user in a team, so a
    /// new manager never appeared in `report manager_load --team Central`.
    void theOperatorPutsUsersInTeams() {
        auto r = run(binPath(u"fieldbook-server"_qs),
                     {u"user"_qs, u"add"_qs, u"--db"_qs, server_.dbPath(), u"--login"_qs,
                      u"nina.neu"_qs, u"--name"_qs, u"Nina Neu"_qs, u"--role"_qs, u"manager"_qs,
                      u"--team"_qs, u"central"_qs},
                     "s3cret-pw\n");
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("\"team\":\"Central\""), r.out.constData()); // as stored
        // A new team needs --new-team; then it is a known team.
        r = user({u"set"_qs, u"--login"_qs, u"cara.losch"_qs, u"--team"_qs, u"North"_qs,
                  u"--new-team"_qs});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("\"team\":\"North\""), r.out.constData());
        QVERIFY2(r.out.contains("\"fresh_download\":false"), r.out.constData()); // no scope change
        auto list = QString::fromUtf8(user({u"list"_qs}).out);
        QVERIFY2(list.startsWith(u"login"_qs) && list.section(u'\n', 0, 0).contains(u"team"_qs),
                 qPrintable(list));
        QVERIFY2(QRegularExpression(u"\nnina\\.neu +manager +yes +Central +Nina Neu\n"_qs)
                     .match(list)
                     .hasMatch(),
                 qPrintable(list));
        QVERIFY2(
            QRegularExpression(u"\ncara\\.losch +\\w+ +yes +North +"_qs).match(list).hasMatch(),
            qPrintable(list));

        CliDevice head;
        QVERIFY(head.login(server_.url(), u"celia.rouche"_qs));
        auto load = head.json({u"report"_qs, u"manager_load"_qs, u"--team"_qs, u"central"_qs});
        bool found = false;
        for (const auto& row : load.object()[u"rows"_qs].toArray()) {
            found = found || row.toArray().contains(u"nina.neu"_qs) ||
                    row.toObject()[u"manager"_qs].toString() == u"nina.neu"_qs;
        }
        QVERIFY2(found, QJsonDocument(load.object()).toJson().constData());
        // One row is "1 row", not "1 rows".
        auto one = head.cmd({u"report"_qs, u"manager_load"_qs, u"--manager"_qs, u"nina.neu"_qs});
        QVERIFY2(one.endsWith("\n1 row\n"), one.constData());
        // Back: North has no one left, so it is no longer a known team.
        QCOMPARE(
            user({u"set"_qs, u"--login"_qs, u"cara.losch"_qs, u"--team"_qs, u"East"_qs}).exitCode,
            0);
        r = user({u"set"_qs, u"--login"_qs, u"cara.losch"_qs, u"--team"_qs, u"North"_qs});
        QCOMPARE(r.exitCode, 2);
        // A team name is one line (break-it: a line break split `user list`'s rows).
        auto listed = user({u"list"_qs}).out;
        r = user({u"set"_qs, u"--login"_qs, u"cara.losch"_qs, u"--team"_qs, u"Line\nBreak"_qs,
                  u"--new-team"_qs});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("invalid_team"), r.err.constData());
        QCOMPARE(user({u"list"_qs}).out, listed);
    }

    void theLastActiveAdminStays() {
        QCOMPARE(run(binPath(u"fieldbook-server"_qs),
                     {u"user"_qs, u"add"_qs, u"--db"_qs, server_.dbPath(), u"--login"_qs,
                      u"ada.admin"_qs, u"--name"_qs, u"Ada Admin"_qs, u"--role"_qs, u"admin"_qs},
                     "secret\n")
                     .exitCode,
                 0);
        for (const auto& args :
             {QStringList{u"deactivate"_qs, u"--login"_qs, u"ada.admin"_qs},
              QStringList{u"set"_qs, u"--login"_qs, u"ada.admin"_qs, u"--role"_qs, u"head"_qs}}) {
            auto r = user(args);
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.err.contains("last_admin"), r.err.constData());
        }
        // Another admin first: then the first may go.
        QCOMPARE(user({u"set"_qs, u"--login"_qs, u"melvin.marxen"_qs, u"--role"_qs, u"admin"_qs})
                     .exitCode,
                 0);
        QCOMPARE(user({u"deactivate"_qs, u"--login"_qs, u"ada.admin"_qs}).exitCode, 0);
        QCOMPARE(user({u"set"_qs, u"--login"_qs, u"melvin.marxen"_qs, u"--role"_qs, u"head"_qs})
                     .exitCode,
                 1);
    }

    void aDeactivatedUserIsToldSo() {
        CliDevice anna, head;
        QVERIFY(anna.login(server_.url(), u"anna.snelling"_qs));
        QVERIFY(!anna.sync().isEmpty());
        QVERIFY(head.login(server_.url(), u"celia.rouche"_qs));
        QVERIFY(!head.sync().isEmpty());
        QCOMPARE(directoryRow(head, u"anna.snelling"_qs)[u"active"_qs].toBool(), true);

        auto r = user({u"deactivate"_qs, u"--login"_qs, u"anna.snelling"_qs});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("\"active\":false"), r.out.constData());

        anna.cmd({u"sync"_qs}, 1);
        QVERIFY2(anna.lastErr.contains("user_inactive"), anna.lastErr.constData());
        // The request log names the refused token's user.
        QVERIFY2(QRegularExpression(u"403[^\n]* user=anna\\.snelling[^\n]* error=user_inactive"_qs)
                     .match(QString::fromUtf8(server_.serverLog()))
                     .hasMatch(),
                 server_.serverLog().right(2000).constData());
        auto status = anna.cmd({u"status"_qs});
        QVERIFY2(status.contains("deactivated"), status.constData());
        QVERIFY2(!status.contains("log in again"), status.constData());
        QVERIFY(!anna.login(server_.url(), u"anna.snelling"_qs));
        QVERIFY2(anna.lastErr.contains("user_inactive"), anna.lastErr.constData());
        // Every device's directory gets the change on its next pull.
        QVERIFY(!head.sync().isEmpty());
        QCOMPARE(directoryRow(head, u"anna.snelling"_qs)[u"active"_qs].toBool(), false);

        // Activated again: the old session is gone for good, a new login works.
        QCOMPARE(user({u"activate"_qs, u"--login"_qs, u"anna.snelling"_qs}).exitCode, 0);
        anna.cmd({u"sync"_qs}, 1);
        QVERIFY2(anna.lastErr.contains("invalid_token"), anna.lastErr.constData());
        QVERIFY(anna.login(server_.url(), u"anna.snelling"_qs));
        QVERIFY(!anna.sync().isEmpty());
    }

    // A new password after a stolen phone: the phone's session ends with the
    // old password (docs/permissions.md); a login with the new one works.
    void aNewPasswordReplacesTheOldAndEndsItsSessions() {
        CliDevice phone;
        QVERIFY(phone.login(server_.url(), u"boris.faz"_qs));
        QVERIFY(!phone.sync().isEmpty());
        auto r = user({u"password"_qs, u"--login"_qs, u"boris.faz"_qs}, "n3w-pass\n");
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("\"tokens_revoked\":true"), r.out.constData());
        phone.cmd({u"sync"_qs}, 1);
        QVERIFY2(phone.lastErr.contains("invalid_token"), phone.lastErr.constData());
        CliDevice boris;
        QVERIFY(!boris.login(server_.url(), u"boris.faz"_qs));
        QVERIFY(boris.login(server_.url(), u"boris.faz"_qs, "n3w-pass\n"));
        QVERIFY(!boris.sync().isEmpty());
    }

    void aRoleChangeGivesTheDeviceExactlyTheNewScope() {
        CliDevice darcel;
        QVERIFY(darcel.login(server_.url(), u"darcel.schlecht"_qs));
        QVERIFY(!darcel.sync().isEmpty());
        auto asManager = recordsOf(darcel);

        for (const auto& role : {u"head"_qs, u"manager"_qs}) {
            auto r = user({u"set"_qs, u"--login"_qs, u"darcel.schlecht"_qs, u"--role"_qs, role});
            QCOMPARE(r.exitCode, 0);
            QVERIFY2(r.out.contains("\"fresh_download\":true"), r.out.constData());
            darcel.cmd({u"sync"_qs}, 1); // the old session is revoked
            QVERIFY2(darcel.lastErr.contains("invalid_token"), darcel.lastErr.constData());
            QVERIFY(darcel.login(server_.url(), u"darcel.schlecht"_qs));
            QVERIFY(!darcel.sync().isEmpty());
            CliDevice fresh;
            QVERIFY(fresh.login(server_.url(), u"darcel.schlecht"_qs));
            QVERIFY(!fresh.sync().isEmpty());
            auto mine = recordsOf(darcel);
            auto theirs = recordsOf(fresh);
            QCOMPARE(mine.size(), theirs.size());
            QVERIFY(mine == theirs);
            if (role == u"head"_qs) {
                QVERIFY2(mine.size() > asManager.size() + 100,
                         qPrintable(QString::number(mine.size())));
            } else {
                // Only the directory's own record changed (role twice).
                QCOMPARE(mine.size(), asManager.size());
            }
        }
    }

    // The same rule through an admin's device (a pushed `user` update) as
    // through `fieldbook-server user set`: a role change logs the user's
    // devices out and they download afresh (equal to a fresh device); a
    // deactivation refuses them (403 user_inactive) and an activation ends
    // the old sessions; the last active admin stays (last_admin).
    void aChangePushedByAnAdminDeviceActsAsTheOperatorsDoes() {
        auto admin = addUserAndLogin(server_, u"root.admin"_qs, u"admin"_qs);
        QVERIFY(!admin.token.isEmpty());
        auto userRecord = [&](const QString& login) {
            fieldbook::store::Database db(server_.dbPath().toStdString());
            fieldbook::store::Statement st(db, "SELECT id, version FROM users WHERE login = ?");
            st.bind(1, login.toStdString());
            return st.step() ? std::make_pair(st.text(0), st.int64(1))
                             : std::make_pair(std::string(), std::int64_t{0});
        };
        auto pushUser = [&](const QString& login, const json& fields) {
            auto [id, version] = userRecord(login);
            return outcomeOf(admin.push("user", id, fields, version));
        };

        CliDevice darcel;
        QVERIFY(darcel.login(server_.url(), u"darcel.schlecht"_qs));
        QVERIFY(!darcel.sync().isEmpty());
        auto asManager = recordsOf(darcel);
        for (const auto& role : {u"head"_qs, u"manager"_qs}) {
            QCOMPARE(pushUser(u"darcel.schlecht"_qs, {{"role", role.toStdString()}}),
                     std::string("applied"));
            darcel.cmd({u"sync"_qs}, 1); // the old session is revoked
            QVERIFY2(darcel.lastErr.contains("invalid_token"), darcel.lastErr.constData());
            QVERIFY(darcel.login(server_.url(), u"darcel.schlecht"_qs));
            auto s = darcel.sync();
            QCOMPARE(s[u"fresh_downloads"_qs].toInt(), 1);
            CliDevice fresh;
            QVERIFY(fresh.login(server_.url(), u"darcel.schlecht"_qs));
            QVERIFY(!fresh.sync().isEmpty());
            auto mine = recordsOf(darcel);
            QVERIFY(mine == recordsOf(fresh));
            if (role == u"head"_qs) {
                QVERIFY(mine.size() > asManager.size() + 100);
            }
        }

        CliDevice gladys;
        QVERIFY(gladys.login(server_.url(), u"gladys.colclough"_qs));
        QVERIFY(!gladys.sync().isEmpty());
        QCOMPARE(pushUser(u"gladys.colclough"_qs, {{"active", false}}), std::string("applied"));
        gladys.cmd({u"sync"_qs}, 1);
        QVERIFY2(gladys.lastErr.contains("user_inactive"), gladys.lastErr.constData());
        QCOMPARE(pushUser(u"gladys.colclough"_qs, {{"active", true}}), std::string("applied"));
        gladys.cmd({u"sync"_qs}, 1); // the session kept while deactivated is gone for good
        QVERIFY2(gladys.lastErr.contains("invalid_token"), gladys.lastErr.constData());
        QVERIFY(gladys.login(server_.url(), u"gladys.colclough"_qs));
        QVERIFY(!gladys.sync().isEmpty());

        // Every other admin made head: then root.admin may not step down.
        for (const auto& row : QString::fromUtf8(user({u"list"_qs}).out).split(u'\n')) {
            auto cols = row.simplified().split(u' ');
            if (cols.size() > 2 && cols[1] == u"admin"_qs && cols[2] == u"yes"_qs &&
                cols[0] != u"root.admin"_qs) {
                QCOMPARE(pushUser(cols[0], {{"role", "head"}}), std::string("applied"));
            }
        }
        QCOMPARE(pushUser(u"root.admin"_qs, {{"role", "head"}}), std::string("last_admin"));
        QCOMPARE(userRecord(u"root.admin"_qs).second, std::int64_t{1}); // nothing saved
    }
};

QTEST_GUILESS_MAIN(TestUserAdmin)
#include "tst_user_admin.moc"
