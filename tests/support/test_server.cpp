// SPDX-License-Identifier: MIT
#include "test_server.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QRegularExpression>

#include <algorithm>

namespace fieldbook::test {

QString binPath(const QString& name) {
    return QStringLiteral(FIELDBOOK_BIN_DIR "/") + name;
}

QString sampleDir() {
    return QStringLiteral(FIELDBOOK_SAMPLE_DIR);
}

QString migrationFixture(const char* name) {
    return QDir(sampleDir()).filePath(QStringLiteral("../migrations/") + QLatin1String(name));
}

QString copyOfMigrationFixture(const char* name, const QString& to) {
    QFile::remove(to);
    if (!QFile::copy(migrationFixture(name), to)) {
        qWarning("cannot copy %s", name);
        return {};
    }
    QFile::setPermissions(to, QFile::ReadOwner | QFile::WriteOwner);
    return to;
}

TestServer::TestServer() = default;

TestServer::~TestServer() {
    stop();
}

namespace {

/// Runs `fieldbook-server import-sample` into `db`; false (and a warning) on failure.
bool importSample(const QString& db) {
    auto r = run(binPath(QStringLiteral("fieldbook-server")),
                 {QStringLiteral("import-sample"), QStringLiteral("--db"), db, sampleDir()});
    if (r.exitCode != 0) {
        qWarning("import-sample failed: %s", r.err.constData());
        return false;
    }
    return true;
}

/// The sample imported once by this build's fieldbook-server, today (UTC):
/// build/<preset>/test-cache/sample-<key>.db, made under a lock file so that
/// parallel tests import it once. The import itself is tested by tst_import;
/// every other test copies this file (7 s of import under ASan, each time,
/// was a tenth of the sanitizer job). Empty when the import failed.
QString sampleTemplate() {
    QFileInfo server(binPath(QStringLiteral("fieldbook-server")));
    QDateTime newestSample = server.lastModified();
    for (const auto& f : QDir(sampleDir()).entryInfoList(QDir::Files)) {
        newestSample = std::max(newestSample, f.lastModified());
    }
    const QString key = QStringLiteral("%1-%2-%3")
                            .arg(newestSample.toMSecsSinceEpoch())
                            .arg(server.size())
                            .arg(QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate));
    const QString dir = QStringLiteral(FIELDBOOK_BIN_DIR "/../test-cache");
    const QString path = dir + QStringLiteral("/sample-") + key + QStringLiteral(".db");
    if (QFileInfo::exists(path)) {
        return path;
    }
    QDir().mkpath(dir);
    QLockFile lock(dir + QStringLiteral("/sample.lock"));
    lock.setStaleLockTime(0);
    if (!lock.lock()) {
        return {};
    }
    if (QFileInfo::exists(path)) {
        return path;
    }
    const QString partial = path + QStringLiteral(".partial");
    QFile::remove(partial);
    // The server closes its database cleanly after the import (WAL checkpointed
    // into the main file), so the one file is the whole database.
    if (!importSample(partial) || QFileInfo::exists(partial + QStringLiteral("-wal")) ||
        !QFile::rename(partial, path)) {
        return {};
    }
    return path;
}

} // namespace

bool TestServer::start(bool withSample, const QStringList& extraServeArgs) {
    extra_ = extraServeArgs;
    if (withSample) {
        const QString seeded = sampleTemplate();
        if (seeded.isEmpty() || !QFile::copy(seeded, dbPath())) {
            if (!importSample(dbPath())) {
                return false;
            }
        } else {
            QFile(dbPath()).setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        }
    }
    return launch(QStringLiteral("127.0.0.1:0"));
}

bool TestServer::restart() {
    stop();
    return launch(QStringLiteral("127.0.0.1:%1").arg(port_));
}

bool TestServer::restart(const QStringList& extraServeArgs) {
    extra_ = extraServeArgs;
    return restart();
}

bool TestServer::launch(const QString& listen) {
    proc_ = std::make_unique<QProcess>();
    proc_->setProgram(binPath(QStringLiteral("fieldbook-server")));
    proc_->setArguments(QStringList{QStringLiteral("serve"), QStringLiteral("--db"), dbPath(),
                                    QStringLiteral("--listen"), listen}
                        << extra_);
    // The server's stderr (a line per request) goes to a file, not a pipe:
    // a test that runs no event loop for a while never reads a pipe, and a
    // full one would stop the server in the middle of a write.
    proc_->setStandardErrorFile(logPath(), QIODevice::Append);
    proc_->start();
    if (!proc_->waitForStarted(10000)) {
        return false;
    }
    QByteArray out;
    QElapsedTimer t;
    t.start();
    static const QRegularExpression re(QStringLiteral("listening on (http://[0-9.]+:(\\d+))"));
    while (t.elapsed() < 20000) {
        proc_->waitForReadyRead(200);
        out += proc_->readAllStandardOutput();
        auto m = re.match(QString::fromUtf8(out));
        if (m.hasMatch()) {
            url_ = m.captured(1);
            port_ = m.captured(2).toInt();
            return true;
        }
        if (proc_->state() == QProcess::NotRunning) {
            break;
        }
    }
    qWarning("server did not start: %s", serverLog().constData());
    return false;
}

int TestServer::stop() {
    if (!proc_ || proc_->state() == QProcess::NotRunning) {
        return proc_ ? proc_->exitCode() : 0;
    }
    proc_->terminate();
    if (!proc_->waitForFinished(10000)) {
        proc_->kill();
        proc_->waitForFinished(5000);
        return -1;
    }
    return proc_->exitStatus() == QProcess::NormalExit ? proc_->exitCode() : -1;
}

void TestServer::kill() {
    if (proc_ && proc_->state() != QProcess::NotRunning) {
        proc_->kill();
        proc_->waitForFinished(10000);
    }
}

bool TestServer::running() const {
    return proc_ && proc_->state() == QProcess::Running;
}

QByteArray TestServer::serverLog() {
    QFile log(logPath());
    return log.open(QIODevice::ReadOnly) ? log.readAll() : QByteArray();
}

RunResult run(const QString& program, const QStringList& args, const QByteArray& stdinData) {
    QProcess p;
    p.start(program, args);
    RunResult r;
    if (!p.waitForStarted(10000)) {
        r.err = "cannot start " + program.toUtf8();
        return r;
    }
    p.write(stdinData);
    p.closeWriteChannel();
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        r.err = "timed out";
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

int runCli(const QString& profileDir, const QStringList& args, const QByteArray& stdinData,
           QByteArray* out, QByteArray* err) {
    auto r = run(binPath(QStringLiteral("fieldbook-cli")),
                 QStringList{QStringLiteral("--profile"), profileDir} << args, stdinData);
    if (out) {
        *out = r.out;
    }
    if (err) {
        *err = r.err;
    }
    return r.exitCode;
}

} // namespace fieldbook::test
