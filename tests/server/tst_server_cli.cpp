// SPDX-License-Identifier: MIT
// fieldbook-server's command line as an operator meets it (fresh-user trial
// of main 350da72): only serve and migrate migrate an older database, and
// every subcommand's usage error is the one line docs/cli.md promises.
#include "store/database.h"
#include "test_server.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace fieldbook::test;

namespace {

QByteArray digestOf(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

int userVersion(const QString& path) {
    fieldbook::store::Database db(path.toStdString());
    return db.userVersion();
}

QStringList filesIn(const QString& dir) {
    return QDir(dir).entryList(QDir::Files | QDir::Hidden, QDir::Name);
}

} // namespace

class TestServerCli : public QObject {
    Q_OBJECT

  private slots:
    /// `user list --db old.db` moved PRAGMA user_version 1 -> 9: every
    /// command but serve and migrate refuses an older schema in one line
    /// (schema_outdated, naming migrate), exit 1, the file byte-identical
    /// and nothing beside it.
    void commandsOtherThanServeAndMigrateLeaveAnOlderSchemaAlone() {
        QTemporaryDir dir;
        const auto db =
            copyOfMigrationFixture("server-v1.db", dir.filePath(QStringLiteral("old.db")));
        QVERIFY(!db.isEmpty());
        const auto before = digestOf(db);
        const auto files = filesIn(dir.path());
        const auto server = binPath(QStringLiteral("fieldbook-server"));
        const QList<QPair<QStringList, QByteArray>> commands = {
            {{QStringLiteral("user"), QStringLiteral("list")}, {}},
            {{QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--login"),
              QStringLiteral("new.user"), QStringLiteral("--name"), QStringLiteral("New User"),
              QStringLiteral("--role"), QStringLiteral("manager")},
             "s3cret\n"},
            {{QStringLiteral("user"), QStringLiteral("deactivate"), QStringLiteral("--login"),
              QStringLiteral("darcel.schlecht")},
             {}},
            {{QStringLiteral("user"), QStringLiteral("password"), QStringLiteral("--login"),
              QStringLiteral("darcel.schlecht")},
             "n3w-pass\n"},
            {{QStringLiteral("compact"), QStringLiteral("--horizon-days"), QStringLiteral("30")},
             {}},
            {{QStringLiteral("export-clients"), dir.filePath(QStringLiteral("out.csv"))}, {}},
            {{QStringLiteral("import-sample"), sampleDir()}, {}},
        };
        for (const auto& [args, input] : commands) {
            auto r = run(server, args + QStringList{QStringLiteral("--db"), db}, input);
            const auto what = (args.join(u' ') + u": "_qs + QString::fromUtf8(r.err)).toUtf8();
            QVERIFY2(r.exitCode == 1, what.constData());
            QCOMPARE(r.err.count('\n'), 1);
            QVERIFY2(r.err.startsWith("fieldbook-server: schema_outdated: ") &&
                         r.err.contains("schema 1") && r.err.contains("fieldbook-server migrate"),
                     what.constData());
            QCOMPARE(digestOf(db), before);
            QCOMPARE(filesIn(dir.path()), files);
        }

        // migrate is the command that upgrades it, and says so.
        auto r = run(server, {QStringLiteral("migrate"), QStringLiteral("--db"), db});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("from schema 1 to "), r.out.constData());
        const int current = userVersion(db);
        QVERIFY(current > 1);
        r = run(server, {QStringLiteral("migrate"), QStringLiteral("--db"), db});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("nothing to migrate"), r.out.constData());
        // After it the read-only command works.
        r = run(server,
                {QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("--db"), db});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("darcel.schlecht"));
        QCOMPARE(userVersion(db), current);
    }

    /// serve migrates an older database and says so in its log.
    void serveMigrates() {
        TestServer server;
        QVERIFY(!copyOfMigrationFixture("server-v1.db", server.dbPath()).isEmpty());
        QVERIFY(server.start(false));
        server.stop();
        QVERIFY(userVersion(server.dbPath()) > 1);
    }

    /// Every usage error, a `user` one included, is one line ending with
    /// "(see fieldbook-server --help)", exit 2 (docs/cli.md): `user list
    /// --extra` said "usage: unrecognised option '--extra'" without it.
    void everyUsageErrorTakesOnePath() {
        QTemporaryDir dir;
        const auto db = dir.filePath(QStringLiteral("server.db"));
        const auto server = binPath(QStringLiteral("fieldbook-server"));
        const QList<QStringList> commands = {
            {QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("--db"), db,
             QStringLiteral("--extra")},
            {QStringLiteral("user"), QStringLiteral("set"), QStringLiteral("--db"), db},
            {QStringLiteral("user"), QStringLiteral("frobnicate")},
            {QStringLiteral("user")},
            {QStringLiteral("compact"), QStringLiteral("--db"), db, QStringLiteral("--extra")},
            {QStringLiteral("migrate"), QStringLiteral("--db"), db, QStringLiteral("--extra")},
            {QStringLiteral("serve"), QStringLiteral("--db"), db, QStringLiteral("--extra")},
            {QStringLiteral("nonsense")},
        };
        for (const auto& args : commands) {
            auto r = run(server, args, "s3cret\n");
            const auto what = (args.join(u' ') + u": "_qs + QString::fromUtf8(r.err)).toUtf8();
            QVERIFY2(r.exitCode == 2, what.constData());
            QCOMPARE(r.err.count('\n'), 1);
            QVERIFY2(r.err.startsWith("fieldbook-server: ") &&
                         r.err.endsWith(" (see fieldbook-server --help)\n") &&
                         !r.err.startsWith("fieldbook-server: usage: "),
                     what.constData());
            QVERIFY(!QFile::exists(db));
        }
    }
};

QTEST_GUILESS_MAIN(TestServerCli)
#include "tst_server_cli.moc"
