// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace fieldbook::test {

/// Absolute path of a built program (fieldbook-server, fieldbook-cli) in build/<preset>/bin.
QString binPath(const QString& name);
/// tests/data/crm-sample in the source tree.
QString sampleDir();
/// tests/data/migrations/`name`: a committed database of an older schema.
QString migrationFixture(const char* name);
/// A writable copy of migrationFixture(`name`) at `to` (replacing it; the
/// fixtures themselves are never opened). Empty, with a warning, on failure.
QString copyOfMigrationFixture(const char* name, const QString& to);

/// A real fieldbook-server process on a free loopback port (STYLE.md: never a
/// fixed port), with its own SQLite file in a temporary directory.
class TestServer {
  public:
    TestServer();
    ~TestServer();
    TestServer(const TestServer&) = delete;
    TestServer& operator=(const TestServer&) = delete;

    /// Seeds the database with tests/data/crm-sample (when `withSample`: a copy
    /// of this build's one import of it, made on first use) and starts
    /// `serve --listen 127.0.0.1:0 EXTRA...`; waits for "listening on".
    bool start(bool withSample = true, const QStringList& extraServeArgs = {});
    /// Starts again on the same database and the same port (devices keep their URL).
    bool restart();
    /// Restarts with other `serve` options (same database and port).
    bool restart(const QStringList& extraServeArgs);
    /// SIGTERM and wait for a clean exit. Returns the exit code (-1 if it crashed).
    int stop();
    bool running() const;
    /// SIGKILL (kill -9): the server dies wherever it is, mid-transaction
    /// included; waits until it is gone. restart() brings it back on the same file.
    void kill();

    QString url() const { return url_; }
    int port() const { return port_; }
    QString dbPath() const { return dir_.path() + QStringLiteral("/server.db"); }
    QString dir() const { return dir_.path(); }
    /// The server's stderr, kept across restarts (serverLog() reads it).
    QString logPath() const { return dir_.path() + QStringLiteral("/server.log"); }
    /// What the server wrote to stderr so far.
    QByteArray serverLog();

  private:
    bool launch(const QString& listen);
    QTemporaryDir dir_;
    std::unique_ptr<QProcess> proc_;
    QStringList extra_;
    QString url_;
    int port_ = 0;
};

/// Result of running a program to completion.
struct RunResult {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

/// Runs a built program with `args`, feeding `stdinData`; 60 s limit.
RunResult run(const QString& program, const QStringList& args, const QByteArray& stdinData = {});

/// Runs `fieldbook-cli --profile DIR ARGS...`. Returns the exit code.
int runCli(const QString& profileDir, const QStringList& args, const QByteArray& stdinData,
           QByteArray* out, QByteArray* err);

} // namespace fieldbook::test
