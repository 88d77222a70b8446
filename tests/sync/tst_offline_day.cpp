// SPDX-License-Identifier: MIT
// Done-when 3 of issue 2: with the server down, a manager logs a meeting and
// plans a visit; after the server restarts, sync pushes both and the head's
// device sees the meeting in the client's history.
#include "sync_helpers.h"

using namespace fieldbook::test;

class TestOfflineDay : public QObject {
    Q_OBJECT

  private slots:
    void fieldDay() {
        TestServer server;
        QVERIFY(server.start());
        CliDevice darcel;
        QVERIFY(darcel.login(server.url(), QStringLiteral("darcel.schlecht")));
        darcel.sync();
        auto client = darcel.clientId(QStringLiteral("Zencorporation"));
        QVERIFY(!client.isEmpty());

        QCOMPARE(server.stop(), 0);

        // Offline: sync fails with a one-line message and exit 1, edits are kept.
        darcel.cmd({QStringLiteral("sync")}, 1);
        QCOMPARE(darcel.lastExit, 1);
        QCOMPARE(darcel.lastErr.count('\n'), 1);
        const QString summary =
            QStringLiteral("Met the CTO on site; wants a GTX Pro quote by Friday");
        darcel.cmd({QStringLiteral("log"), client, QStringLiteral("--kind"),
                    QStringLiteral("meeting"), QStringLiteral("--summary"), summary,
                    QStringLiteral("--at"), QStringLiteral("2026-11-30T10:15:00+01:00")});
        darcel.cmd({QStringLiteral("plan"), client, QStringLiteral("--at"),
                    QStringLiteral("2026-12-02T09:00"), QStringLiteral("--minutes"),
                    QStringLiteral("90"), QStringLiteral("--kind"), QStringLiteral("visit"),
                    QStringLiteral("--purpose"), QStringLiteral("Bring the quote")});
        auto status = darcel.json({QStringLiteral("status")}).object();
        QCOMPARE(status[QStringLiteral("pending")].toInt(), 2);
        QVERIFY(!status[QStringLiteral("last_error")].toString().isEmpty());

        // The replica already shows both, offline.
        auto card = darcel.json({QStringLiteral("client"), client}).object();
        QCOMPARE(card[QStringLiteral("history")]
                     .toArray()[0]
                     .toObject()[QStringLiteral("summary")]
                     .toString(),
                 summary);
        auto plan = darcel
                        .json({QStringLiteral("today"), QStringLiteral("--date"),
                               QStringLiteral("2026-12-02")})
                        .array();
        QCOMPARE(plan.size(), 1);
        QCOMPARE(plan[0].toObject()[QStringLiteral("purpose")].toString(),
                 QStringLiteral("Bring the quote"));

        QVERIFY(server.restart());
        auto pushed = darcel.sync();
        QCOMPARE(pushed[QStringLiteral("pushed")].toInt(), 2);
        QCOMPARE(pushed[QStringLiteral("rejected")].toInt(), 0);
        QCOMPARE(
            darcel.json({QStringLiteral("status")}).object()[QStringLiteral("pending")].toInt(), 0);

        // Darcel's manager (head, West) sees the meeting and the plan.
        CliDevice celia;
        QVERIFY(celia.login(server.url(), QStringLiteral("celia.rouche")));
        celia.sync();
        auto headCard = celia.json({QStringLiteral("client"), client}).object();
        auto history = headCard[QStringLiteral("history")].toArray();
        QVERIFY(!history.isEmpty());
        auto entry = history[0].toObject();
        QCOMPARE(entry[QStringLiteral("summary")].toString(), summary);
        QCOMPARE(entry[QStringLiteral("kind")].toString(), QStringLiteral("meeting"));
        QCOMPARE(entry[QStringLiteral("author_name")].toString(),
                 QStringLiteral("Darcel Schlecht"));
        QCOMPARE(entry[QStringLiteral("occurred_at")].toInteger(), 1796030100000LL); // 09:15 UTC
        auto plans = headCard[QStringLiteral("plans")].toArray();
        QCOMPARE(plans.size(), 1);
        QCOMPARE(plans[0].toObject()[QStringLiteral("assignee_name")].toString(),
                 QStringLiteral("Darcel Schlecht"));
        auto darcelsDay = celia
                              .json({QStringLiteral("today"), QStringLiteral("--date"),
                                     QStringLiteral("2026-12-02"), QStringLiteral("--user"),
                                     QStringLiteral("darcel.schlecht")})
                              .array();
        QCOMPARE(darcelsDay.size(), 1);

        // Text that is not UTF-8 is bad input (exit 2), and nothing is written.
        // (through sh: QProcess would encode a QString argument as valid UTF-8)
        auto bad = run(
            QStringLiteral("/bin/sh"),
            {QStringLiteral("-c"),
             QStringLiteral(
                 "\"$0\" --profile \"$1\" log \"$2\" --kind note --summary \"$(printf '\\377')\""),
             binPath(QStringLiteral("fieldbook-cli")), darcel.profile(), client});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains("invalid_value"), bad.err.constData());
        QCOMPARE(
            darcel.json({QStringLiteral("status")}).object()[QStringLiteral("pending")].toInt(), 0);
    }

    void badInputWritesNothing() {
        CliDevice offline;
        // Not logged in: every edit is refused with exit 2 and one line.
        offline.cmd({QStringLiteral("log"), QStringLiteral("nope"), QStringLiteral("--kind"),
                     QStringLiteral("meeting"), QStringLiteral("--summary"), QStringLiteral("x")},
                    2);
        QCOMPARE(offline.lastExit, 2);
        QCOMPARE(offline.lastErr.count('\n'), 1);
        offline.cmd({QStringLiteral("plan"), QStringLiteral("c"), QStringLiteral("--at"),
                     QStringLiteral("tomorrow"), QStringLiteral("--minutes"), QStringLiteral("30"),
                     QStringLiteral("--kind"), QStringLiteral("visit")},
                    2);
        QCOMPARE(offline.lastExit, 2);
        QVERIFY(offline.lastErr.contains("ISO 8601"));
        offline.cmd({QStringLiteral("frobnicate")}, 2);
        QCOMPARE(offline.lastExit, 2);
        offline.cmd({QStringLiteral("login"), QStringLiteral("--server"), QStringLiteral("ftp://x"),
                     QStringLiteral("--user"), QStringLiteral("a")},
                    2, "pw\n");
        QCOMPARE(offline.lastExit, 2);
        offline.cmd({QStringLiteral("login"), QStringLiteral("--server"),
                     QStringLiteral("http://127.0.0.1:99999"), QStringLiteral("--user"),
                     QStringLiteral("a")},
                    2, "pw\n");
        QCOMPARE(offline.lastExit, 2);
        QCOMPARE(
            offline.json({QStringLiteral("status")}).object()[QStringLiteral("pending")].toInt(),
            0);
    }
};

QTEST_GUILESS_MAIN(TestOfflineDay)
#include "tst_offline_day.moc"
