// SPDX-License-Identifier: MIT
// The server's request log (docs/operations.md "Log"): one line per request
// on the real fieldbook-server's standard error, with the time, client
// address, method, path (no query), status, user, duration and, for push
// and pull, the counts; a refused login with its code; never a password or
// a token; `--log-requests no` writes none.
#include "raw_http.h"
#include "sync_helpers.h"

#include <QRegularExpression>
#include <QTemporaryDir>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

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

    // A server whose stderr is a pipe nobody reads (break-it F1: it stopped
    // answering once the pipe was full) still answers every request: its log
    // lines wait in a bounded queue written by a thread of its own, and those
    // that do not fit are dropped and counted once the pipe is read again.
    void anUnreadStderrPipeHoldsNoRequest() {
        QTemporaryDir dir;
        int pipeFds[2];
        QVERIFY(::pipe2(pipeFds, O_CLOEXEC) == 0);
        ::fcntl(pipeFds[1], F_SETPIPE_SZ, 4096); // the smallest: full after ~20 lines
        const auto outPath = (dir.path() + u"/out.txt"_qs).toStdString();
        const auto server = binPath(u"fieldbook-server"_qs).toStdString();
        const auto db = (dir.path() + u"/server.db"_qs).toStdString();
        std::vector<std::string> args{
            server,     "serve",       "--db",      db,  "--create",
            "--listen", "127.0.0.1:0", "--threads", "2", "--log-buffer-lines",
            "16"};
        std::vector<char*> argv;
        for (auto& a : args) {
            argv.push_back(a.data());
        }
        argv.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, pipeFds[1], 2);
        posix_spawn_file_actions_addopen(&actions, 1, outPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                         0644);
        pid_t pid = 0;
        QCOMPARE(posix_spawn(&pid, server.c_str(), &actions, nullptr, argv.data(), environ), 0);
        posix_spawn_file_actions_destroy(&actions);
        ::close(pipeFds[1]);
        auto stop = [&] {
            ::kill(pid, SIGTERM);
            int status = 0;
            ::waitpid(pid, &status, 0);
            ::close(pipeFds[0]);
        };
        int port = 0;
        QFile out(QString::fromStdString(outPath));
        for (int i = 0; i < 200 && port == 0; ++i) {
            QTest::qWait(50);
            if (out.open(QIODevice::ReadOnly)) {
                auto m = QRegularExpression(u"listening on http://127\\.0\\.0\\.1:(\\d+)"_qs)
                             .match(QString::fromUtf8(out.readAll()));
                port = m.hasMatch() ? m.captured(1).toInt() : 0;
                out.close();
            }
        }
        if (port == 0) {
            stop();
            QFAIL("the server did not start");
        }
        // Long paths: each line is ~260 bytes, so the pipe and the queue fill.
        const QByteArray path = "/no-such-" + QByteArray(200, 'x');
        for (int i = 0; i < 120; ++i) {
            auto r = rawHttp(port, "GET", path);
            if (r.status != 404) {
                stop();
                QFAIL(qPrintable(u"request %1 got no answer (status %2)"_qs.arg(i).arg(r.status)));
            }
        }
        QCOMPARE(rawHttp(port, "GET", "/healthz").status, 200);
        // Read the pipe at last: the lines that fit come out, and the next line
        // logged tells how many were dropped.
        ::fcntl(pipeFds[0], F_SETFL, O_NONBLOCK);
        QByteArray log;
        char buf[4096];
        for (int i = 0; i < 200 && !log.contains(" dropped (standard error"); ++i) {
            for (ssize_t n; (n = ::read(pipeFds[0], buf, sizeof buf)) > 0;) {
                log.append(buf, static_cast<int>(n));
            }
            if (i % 10 == 0) {
                rawHttp(port, "GET", "/healthz");
            }
            QTest::qWait(20);
        }
        stop();
        auto dropped = QRegularExpression(u"fieldbook-server: (\\d+) log lines? dropped"_qs)
                           .match(QString::fromUtf8(log));
        QVERIFY2(dropped.hasMatch(), log.right(2000).constData());
        QVERIFY(dropped.captured(1).toInt() > 0);
        QVERIFY(!linesMatching(log, u"GET /healthz 200 \\d+ms"_qs).isEmpty());
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
