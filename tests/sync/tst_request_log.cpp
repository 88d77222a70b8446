// SPDX-License-Identifier: MIT
// The server's request log (docs/operations.md "Log"): one line per request
// on the real fieldbook-server's standard error, with the time, client
// address, method, path (no query), status, user, duration and, for push
// and pull, the counts; a refused login with its code; never a password or
// a token; `--log-requests no` writes none.
#include "sync_helpers.h"

#include <QRegularExpression>

using namespace fieldbook::test;

namespace {
/// The log lines of `log` that match `pattern` (a whole line).
QStringList linesMatching(const QByteArray& log, const QString& pattern) {
    QRegularExpression re(
        u"^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z 127\\.0\\.0\\.1:\\d+ "_qs +
        pattern + u"$"_qs);
    QStringList out;
    for (const auto& line : QString::fromUtf8(log).split(u'\n')) {
        if (re.match(line).hasMatch()) {
            out << line;
        }
    }
    return out;
}
} // namespace

class TestRequestLog : public QObject {
    Q_OBJECT

  private slots:
    void everyRequestIsLogged() {
        TestServer server;
        QVERIFY(server.start());
        CliDevice tina;
        QVERIFY(!tina.login(server.url(), u"darcel.schlecht"_qs, "not-the-password\n"));
        QVERIFY(tina.login(server.url(), u"darcel.schlecht"_qs));
        QVERIFY(!tina.sync().isEmpty());
        tina.cmd({u"new-client"_qs, u"--name"_qs, u"Quillfeather Request Log"_qs, u"--anyway"_qs});
        auto summary = tina.sync();
        QCOMPARE(summary[u"pushed"_qs].toInt(), 1);
        QTRY_VERIFY(!linesMatching(server.serverLog(),
                                   u"POST /api/v1/sync/push 200 user=darcel\\.schlecht \\d+ms "
                                   u"applied=1 rejected=0"_qs)
                         .isEmpty());
        auto log = server.serverLog();
        QVERIFY2(!linesMatching(log, u"POST /api/v1/login 401 user=darcel\\.schlecht "
                                     u"error=invalid_credentials \\d+ms"_qs)
                      .isEmpty(),
                 log.constData());
        QVERIFY2(!linesMatching(log, u"POST /api/v1/login 200 user=darcel\\.schlecht \\d+ms"_qs)
                      .isEmpty(),
                 log.constData());
        // The first download's pages, then the pull after the push: no query string.
        auto pulls = linesMatching(
            log, u"GET /api/v1/sync/pull 200 user=darcel\\.schlecht \\d+ms records=\\d+"_qs);
        QVERIFY2(pulls.size() >= 2, log.constData());
        QVERIFY(!log.contains("cursor="));
        QVERIFY(!log.contains("not-the-password"));
        QVERIFY(!log.contains("demo"));
    }

    void quietServesWithoutLines() {
        TestServer server;
        QVERIFY(server.start(true, {u"--log-requests"_qs, u"no"_qs}));
        CliDevice d;
        QVERIFY(d.login(server.url(), u"darcel.schlecht"_qs));
        QVERIFY(linesMatching(server.serverLog(), u".*"_qs).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRequestLog)
#include "tst_request_log.moc"
