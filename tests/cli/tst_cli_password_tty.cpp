// SPDX-License-Identifier: MIT
// `fieldbook-cli login` at a terminal (docs/cli.md "Session"; fresh-user:
// login gave no prompt, so it looked hung, and the password was shown as
// typed): on a real pseudo-terminal the CLI prompts, the typed password is
// not echoed, and the login against a real server succeeds.
#include <QTemporaryDir>
#include <QTest>

#include "test_server.h"

#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <vector>

using fieldbook::test::binPath;
using fieldbook::test::TestServer;

namespace {
/// What a terminal showed while a program ran on it.
struct TtyRun {
    QByteArray screen; ///< everything the program and the terminal's echo wrote
    bool prompted = false;
    int exitCode = -1;
};

/// Runs `program args` on a new pseudo-terminal (forkpty); when `prompt`
/// has appeared on it, types `typed`; reads until the program ends (or 60 s
/// pass: then it is killed and exitCode stays -1).
TtyRun runOnTty(const QString& program, const QStringList& args, const QByteArray& prompt,
                const QByteArray& typed) {
    // argv is built before fork(): the child only calls execv.
    std::vector<std::string> words{program.toStdString()};
    for (const auto& a : args) {
        words.push_back(a.toStdString());
    }
    std::vector<char*> argv;
    for (auto& w : words) {
        argv.push_back(w.data());
    }
    argv.push_back(nullptr);
    TtyRun run;
    int master = -1;
    const pid_t pid = forkpty(&master, nullptr, nullptr, nullptr);
    if (pid < 0) {
        return run;
    }
    if (pid == 0) {
        execv(argv[0], argv.data());
        _exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
        pollfd p{master, POLLIN, 0};
        if (poll(&p, 1, 200) <= 0) {
            continue;
        }
        char buf[512];
        const auto n = read(master, buf, sizeof buf);
        if (n <= 0) {
            break; // EIO: the program closed the terminal
        }
        run.screen.append(buf, static_cast<int>(n));
        if (!run.prompted && run.screen.contains(prompt)) {
            run.prompted = true;
            if (write(master, typed.constData(), static_cast<size_t>(typed.size())) !=
                typed.size()) {
                break;
            }
        }
    }
    // The terminal closes before the process is gone: wait for its exit
    // (until the same deadline), then kill it if it still runs.
    int status = 0;
    pid_t done = 0;
    while ((done = waitpid(pid, &status, WNOHANG)) == 0 &&
           std::chrono::steady_clock::now() < deadline) {
        usleep(10'000);
    }
    if (done == 0) {
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
    } else if (done == pid && WIFEXITED(status)) {
        run.exitCode = WEXITSTATUS(status);
    }
    close(master);
    return run;
}
} // namespace

class TestCliPasswordTty : public QObject {
    Q_OBJECT

    TestServer server_;

  private slots:
    void initTestCase() { QVERIFY(server_.start()); }

    void loginPromptsAndHidesThePassword() {
        QTemporaryDir profile;
        QVERIFY(profile.isValid());
        auto r = runOnTty(binPath(QStringLiteral("fieldbook-cli")),
                          {QStringLiteral("--profile"), profile.path(), QStringLiteral("login"),
                           QStringLiteral("--server"), server_.url(), QStringLiteral("--user"),
                           QStringLiteral("darcel.schlecht")},
                          "password for darcel.schlecht: ", "demo\n");
        QVERIFY2(r.prompted, r.screen.constData());
        QVERIFY2(r.screen.contains("logged in as Darcel Schlecht"), r.screen.constData());
        QCOMPARE(r.exitCode, 0);
        // The terminal showed the prompt and the line end, never the password.
        QVERIFY2(!r.screen.contains("demo"), r.screen.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliPasswordTty)
#include "tst_cli_password_tty.moc"
