// SPDX-License-Identifier: MIT
// Done-when 1 of issue 2: the sample imports with counts matching the CSVs,
// every flaw is reported, and a second import changes nothing.
#include "raw_http.h"
#include "store/database.h"
#include "test_server.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

using namespace fieldbook::test;

namespace {
QJsonObject importInto(const QString& db) {
    auto r = run(binPath(QStringLiteral("fieldbook-server")),
                 {QStringLiteral("import-sample"), QStringLiteral("--db"), db, sampleDir()});
    if (r.exitCode != 0) {
        qWarning("%s", r.err.constData());
        return {};
    }
    return QJsonDocument::fromJson(r.out).object();
}

std::int64_t count(const QString& db, const char* sql) {
    fieldbook::store::Database d(db.toStdString());
    fieldbook::store::Statement st(d, sql);
    st.step();
    return st.int64(0);
}

/// Opportunity ids of the pipeline CSV, computed independently of the importer.
QHash<QString, int> csvStageCounts(int* withoutAccount, int* darcel) {
    QFile f(sampleDir() + QStringLiteral("/sales_pipeline.csv"));
    f.open(QIODevice::ReadOnly);
    QHash<QString, int> stages;
    f.readLine();
    while (!f.atEnd()) {
        auto cols = QString::fromUtf8(f.readLine()).trimmed().split(QLatin1Char(','));
        stages[cols[4]]++;
        if (cols[3].isEmpty()) {
            ++*withoutAccount;
        }
        if (cols[1] == QLatin1String("Darcel Schlecht")) {
            ++*darcel;
        }
    }
    return stages;
}
} // namespace

class TestImport : public QObject {
    Q_OBJECT

  private slots:
    void importsEverythingOnce() {
        QTemporaryDir dir;
        auto db = dir.filePath(QStringLiteral("server.db"));
        auto first = importInto(db);
        QVERIFY(!first.isEmpty());
        auto created = first[QStringLiteral("created")].toObject();
        QCOMPARE(created[QStringLiteral("clients")].toInt(), 85);
        QCOMPARE(created[QStringLiteral("products")].toInt(), 7);
        QCOMPARE(created[QStringLiteral("users")].toInt(), 35 + 6);
        QCOMPARE(created[QStringLiteral("deals")].toInt(), 8800);

        int withoutAccount = 0, darcel = 0;
        auto stages = csvStageCounts(&withoutAccount, &darcel);
        auto outcomes = first[QStringLiteral("deals_by_outcome")].toObject();
        QCOMPARE(outcomes[QStringLiteral("won")].toInt(), stages[QStringLiteral("Won")]);
        QCOMPARE(outcomes[QStringLiteral("lost")].toInt(), stages[QStringLiteral("Lost")]);
        QCOMPARE(outcomes[QStringLiteral("open")].toInt(),
                 stages[QStringLiteral("Engaging")] + stages[QStringLiteral("Prospecting")]);

        auto issues = first[QStringLiteral("issues")].toObject();
        auto noClient = issues[QStringLiteral("deals_without_client")].toObject();
        QCOMPARE(noClient[QStringLiteral("count")].toInt(), withoutAccount);
        QCOMPARE(noClient[QStringLiteral("opportunity_ids")].toArray().size(), withoutAccount);
        QCOMPARE(issues[QStringLiteral("deals_without_engage_date")]
                     .toObject()[QStringLiteral("count")]
                     .toInt(),
                 500);
        QCOMPARE(issues[QStringLiteral("agents_without_deals")].toArray().size(), 5);
        QCOMPARE(issues[QStringLiteral("skipped_rows")].toArray().size(), 0);
        auto aliases = issues[QStringLiteral("product_aliases")].toArray();
        QCOMPARE(aliases.size(), 1);
        QCOMPARE(aliases[0].toObject()[QStringLiteral("mapping")].toString(),
                 QStringLiteral("GTXPro -> GTX Pro"));
        QVERIFY(issues[QStringLiteral("corrected_values")].toArray().size() >= 2);

        // The database agrees with the report.
        QCOMPARE(count(db, "SELECT COUNT(*) FROM clients"), 85);
        QCOMPARE(count(db, "SELECT COUNT(*) FROM deals"), 8800);
        QCOMPARE(count(db, "SELECT COUNT(*) FROM deals WHERE client_id IS NULL"), withoutAccount);
        QCOMPARE(count(db, "SELECT COUNT(*) FROM deals d JOIN users u ON u.id = d.manager_id "
                           "WHERE u.login = 'darcel.schlecht'"),
                 darcel);
        QCOMPARE(count(db, "SELECT COUNT(*) FROM users WHERE role = 'head'"), 6);
        QCOMPARE(count(db, "SELECT COUNT(*) FROM clients WHERE industry = 'technolgy'"), 0);
        QCOMPARE(count(db, "SELECT COUNT(*) FROM deals WHERE product_id IS NULL"), 0);
        QCOMPARE(count(db, "SELECT COUNT(*) FROM credentials"), 41);

        auto seqBefore = count(db, "SELECT MAX(seq) FROM deals");
        auto second = importInto(db);
        auto created2 = second[QStringLiteral("created")].toObject();
        for (const auto& k : created2.keys()) {
            QCOMPARE(created2[k].toInt(), 0);
        }
        QCOMPARE(second[QStringLiteral("unchanged")].toObject()[QStringLiteral("deals")].toInt(),
                 8800);
        QCOMPARE(count(db, "SELECT COUNT(*) FROM deals"), 8800);
        QCOMPARE(count(db, "SELECT COUNT(*) FROM users"), 41);
        QCOMPARE(count(db, "SELECT MAX(seq) FROM deals"), seqBefore);
    }

    void fillsIndustryRegionAndStageRecords() {
        QTemporaryDir dir;
        auto db = dir.filePath(QStringLiteral("server.db"));
        auto report = importInto(db);
        QVERIFY(!report.isEmpty());

        // Independent reading of accounts.csv: codes are lower_snake_case of the
        // value after the documented spelling corrections.
        auto code = [](QString v) {
            if (v == QLatin1String("technolgy")) {
                v = QStringLiteral("technology");
            } else if (v == QLatin1String("Philipines")) {
                v = QStringLiteral("Philippines");
            }
            return v.toLower().replace(QLatin1Char(' '), QLatin1Char('_'));
        };
        QFile accounts(sampleDir() + QStringLiteral("/accounts.csv"));
        QVERIFY(accounts.open(QIODevice::ReadOnly));
        accounts.readLine();
        QSet<QString> industries, regions;
        int unitedStates = 0;
        fieldbook::store::Database d(db.toStdString());
        fieldbook::store::Statement client(d,
                                           "SELECT industry, region FROM clients WHERE name = ?");
        while (!accounts.atEnd()) {
            auto cols = QString::fromUtf8(accounts.readLine()).trimmed().split(QLatin1Char(','));
            industries << code(cols[1]);
            regions << code(cols[5]);
            unitedStates += cols[5] == QLatin1String("United States") ? 1 : 0;
            client.reset();
            client.bind(1, cols[0].toStdString());
            QVERIFY(client.step());
            QCOMPARE(QString::fromStdString(client.text(0)), code(cols[1]));
            QCOMPARE(QString::fromStdString(client.text(1)), code(cols[5]));
        }
        client.reset();
        QCOMPARE(count(db, "SELECT COUNT(*) FROM reference_items WHERE list = 'industry'"),
                 industries.size());
        QCOMPARE(count(db, "SELECT COUNT(*) FROM reference_items WHERE list = 'region'"),
                 regions.size());
        QCOMPARE(count(db, "SELECT COUNT(*) FROM clients WHERE region = 'united_states'"),
                 unitedStates);
        QCOMPARE(count(db, "SELECT COUNT(*) FROM reference_items WHERE list = 'region' AND "
                           "code = 'united_states' AND label = 'United States'"),
                 1);
        QCOMPARE(
            report[QStringLiteral("created")].toObject()[QStringLiteral("reference_items")].toInt(),
            industries.size() + regions.size());

        // Stage records against the pipeline: Prospecting 1 (open), Engaging 2
        // (the second open), Won and Lost 2 (both ended, the last at close_date).
        int withoutAccount = 0, darcel = 0;
        auto stages = csvStageCounts(&withoutAccount, &darcel);
        int prospecting = stages[QStringLiteral("Prospecting")];
        int engaging = stages[QStringLiteral("Engaging")];
        int won = stages[QStringLiteral("Won")], lost = stages[QStringLiteral("Lost")];
        QCOMPARE(count(db, "SELECT COUNT(*) FROM deal_stages"),
                 prospecting + 2 * engaging + 2 * (won + lost));
        QCOMPARE(
            report[QStringLiteral("created")].toObject()[QStringLiteral("deal_stages")].toInt(),
            prospecting + 2 * engaging + 2 * (won + lost));
        QCOMPARE(count(db, "SELECT COUNT(*) FROM deal_stages WHERE ended_at IS NULL"),
                 prospecting + engaging);
        QCOMPARE(count(db, "SELECT COUNT(*) FROM deals d WHERE outcome = 'won' AND EXISTS "
                           "(SELECT 1 FROM deal_stages s WHERE s.deal_id = d.id AND "
                           "s.stage = 'identifying_needs' AND s.ended_at = d.closed_at) AND NOT "
                           "EXISTS (SELECT 1 FROM deal_stages s WHERE s.deal_id = d.id AND "
                           "s.ended_at IS NULL)"),
                 won);
        QCOMPARE(count(db, "SELECT COUNT(*) FROM deals d WHERE outcome = 'open' AND "
                           "stage = (SELECT s.stage FROM deal_stages s WHERE s.deal_id = d.id "
                           "AND s.ended_at IS NULL)"),
                 prospecting + engaging);
        QCOMPARE(count(db, "SELECT COUNT(*) FROM deal_stages s JOIN deals d ON d.id = s.deal_id "
                           "WHERE s.manager_id IS NOT d.manager_id OR s.ended_at < s.started_at"),
                 0);
        QCOMPARE(count(db, "SELECT COUNT(*) FROM deals WHERE opened_by = manager_id"), 8800);
        // One opportunity read by hand: 1C1I7A6R, Won, engaged 2016-10-20, closed 2017-03-01.
        QCOMPARE(count(db, "SELECT COUNT(*) FROM deal_stages s JOIN deals d ON d.id = s.deal_id "
                           "WHERE d.external_ref = '1C1I7A6R' AND ((s.stage = "
                           "'initiating_interest' AND s.started_at = 1476921600000 AND "
                           "s.ended_at = 1476921600000) OR (s.stage = 'identifying_needs' AND "
                           "s.started_at = 1476921600000 AND s.ended_at = 1488326400000))"),
                 2);
        // Prospecting deals have no date at all: their stage starts at the data's as-of date.
        auto issues = report[QStringLiteral("issues")].toObject();
        auto dates = issues[QStringLiteral("stage_dates_not_in_data")].toObject();
        QCOMPARE(dates[QStringLiteral("as_of")].toString(), QStringLiteral("2017-12-31"));
        QCOMPARE(dates[QStringLiteral("started_at_as_of")].toInt(), prospecting);
        QCOMPARE(dates[QStringLiteral("started_at_engage_date")].toInt(), engaging + won + lost);
        QCOMPARE(count(db, "SELECT COUNT(*) FROM deal_stages WHERE started_at = 1514678400000 "
                           "AND ended_at IS NULL AND stage = 'initiating_interest'"),
                 prospecting);

        auto again = importInto(db);
        QCOMPARE(again[QStringLiteral("created")].toObject()[QStringLiteral("deal_stages")].toInt(),
                 0);
        QCOMPARE(
            again[QStringLiteral("unchanged")].toObject()[QStringLiteral("deal_stages")].toInt(),
            prospecting + 2 * engaging + 2 * (won + lost));
        QCOMPARE(
            again[QStringLiteral("created")].toObject()[QStringLiteral("reference_items")].toInt(),
            0);
        QCOMPARE(count(db, "SELECT COUNT(*) FROM deal_stages"),
                 prospecting + 2 * engaging + 2 * (won + lost));
    }

    void stageDatesFallBackToTheBestKnownDate() {
        // tests/data/crm-flawed: one pipeline row per fallback (its README).
        QTemporaryDir dir;
        auto db = dir.filePath(QStringLiteral("server.db"));
        auto r = run(binPath(QStringLiteral("fieldbook-server")),
                     {QStringLiteral("import-sample"), QStringLiteral("--db"), db,
                      sampleDir() + QStringLiteral("/../crm-flawed")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        auto report = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(report[QStringLiteral("created")].toObject()[QStringLiteral("deals")].toInt(), 6);
        QCOMPARE(
            report[QStringLiteral("created")].toObject()[QStringLiteral("deal_stages")].toInt(),
            10);
        auto issues = report[QStringLiteral("issues")].toObject();
        auto odd = issues[QStringLiteral("unknown_deal_stages")].toArray();
        QCOMPARE(odd.size(), 1);
        QCOMPARE(odd[0].toObject()[QStringLiteral("opportunity_id")].toString(),
                 QStringLiteral("ODDSTAGE"));
        auto dates = issues[QStringLiteral("stage_dates_not_in_data")].toObject();
        QCOMPARE(dates[QStringLiteral("as_of")].toString(), QStringLiteral("2017-08-31"));
        QCOMPARE(dates[QStringLiteral("started_at_engage_date")].toInt(), 3);
        QCOMPARE(dates[QStringLiteral("started_at_close_date")].toInt(), 2);
        QCOMPARE(dates[QStringLiteral("started_at_as_of")].toInt(), 2);
        QCOMPARE(dates[QStringLiteral("ended_at_engage_date")].toInt(), 1);
        QCOMPARE(dates[QStringLiteral("ended_at_close_date")].toInt(), 1);
        QCOMPARE(dates[QStringLiteral("ended_at_as_of")].toInt(), 2);

        auto stage = [&](const char* opportunity, const char* code) {
            fieldbook::store::Database d(db.toStdString());
            fieldbook::store::Statement st(
                d, "SELECT s.started_at, COALESCE(s.ended_at, -1) FROM deal_stages s JOIN deals "
                   "d ON d.id = s.deal_id WHERE d.external_ref = ? AND s.stage = ?");
            st.bind(1, opportunity).bind(2, code);
            return st.step() ? qMakePair(st.int64(0), st.int64(1))
                             : qMakePair(std::int64_t(0), std::int64_t(0));
        };
        const std::int64_t asOf = 1504137600000;  // 2017-08-31
        const std::int64_t may2 = 1493683200000;  // WONNOENG close_date
        const std::int64_t june1 = 1496275200000; // BACKWARD engage_date
        const std::int64_t feb1 = 1485907200000;  // LOSTNOCL engage_date
        QCOMPARE(stage("WONNOENG", "initiating_interest"), qMakePair(may2, may2));
        QCOMPARE(stage("WONNOENG", "identifying_needs"), qMakePair(may2, may2));
        QCOMPARE(stage("ENGNODAT", "initiating_interest"), qMakePair(asOf, asOf));
        QCOMPARE(stage("ENGNODAT", "identifying_needs"), qMakePair(asOf, std::int64_t(-1)));
        QCOMPARE(stage("BACKWARD", "identifying_needs"), qMakePair(june1, june1));
        QCOMPARE(stage("LOSTNOCL", "identifying_needs"), qMakePair(feb1, asOf));
        QCOMPARE(count(db, "SELECT COUNT(*) FROM deal_stages s JOIN deals d ON d.id = s.deal_id "
                           "WHERE d.external_ref = 'ODDSTAGE'"),
                 0);

        // "new zealand" names the item made for "New Zealand"; "--" gives no code.
        QCOMPARE(count(db, "SELECT COUNT(*) FROM reference_items WHERE list = 'region'"), 1);
        QCOMPARE(count(db, "SELECT COUNT(*) FROM clients WHERE region = 'new_zealand'"), 2);
        QCOMPARE(count(db, "SELECT COUNT(*) FROM clients WHERE industry IS NULL"), 1);
        auto unusable = issues[QStringLiteral("unusable_reference_values")].toArray();
        QCOMPARE(unusable.size(), 1);
        QCOMPARE(unusable[0].toObject()[QStringLiteral("value")].toString(), QStringLiteral("--"));
    }

    void existingLoginKeepsItsIdAndGetsItsDeals() {
        // An operator created darcel.schlecht by hand before importing: the import
        // must not give his deals a manager id that names no user.
        QTemporaryDir dir;
        auto db = dir.filePath(QStringLiteral("server.db"));
        auto r = run(binPath(QStringLiteral("fieldbook-server")),
                     {QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--db"), db,
                      QStringLiteral("--login"), QStringLiteral("darcel.schlecht"),
                      QStringLiteral("--name"), QStringLiteral("Darcel Schlecht"),
                      QStringLiteral("--role"), QStringLiteral("manager")},
                     "own-password\n");
        QCOMPARE(r.exitCode, 0);
        QVERIFY(!importInto(db).isEmpty());
        QCOMPARE(
            count(db, "SELECT COUNT(*) FROM deals WHERE manager_id NOT IN (SELECT id FROM users)"),
            0);
        QCOMPARE(count(db, "SELECT COUNT(*) FROM deals d JOIN users u ON u.id = d.manager_id "
                           "WHERE u.login = 'darcel.schlecht'"),
                 747);
        QCOMPARE(count(db, "SELECT COUNT(*) FROM users"), 41);
    }

    void everyChangeHasItsOwnSequenceAcrossProcesses() {
        // serve, import-sample and user add write one file; the pull cursor needs
        // one order of changes, so no two rows may share a sequence number.
        TestServer server;
        QVERIFY(server.start());
        auto token =
            loginToken(server.port(), QStringLiteral("celia.rouche"), QStringLiteral("demo"));
        QVERIFY(!token.isEmpty());
        auto cursor = count(server.dbPath(), "SELECT value FROM seq_counter"); // after the import
        auto r = run(binPath(QStringLiteral("fieldbook-server")),
                     {QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--db"),
                      server.dbPath(), QStringLiteral("--login"), QStringLiteral("new.hire"),
                      QStringLiteral("--name"), QStringLiteral("New Hire"),
                      QStringLiteral("--role"), QStringLiteral("manager")},
                     "welcome1\n");
        QCOMPARE(r.exitCode, 0);
        auto clientId = QString::fromStdString([&] {
            fieldbook::store::Database d(server.dbPath().toStdString());
            fieldbook::store::Statement st(d, "SELECT id FROM clients LIMIT 1");
            st.step();
            return st.text(0);
        }());
        auto body =
            QStringLiteral(
                R"({"mutations":[{"mutation_id":"1d3c2a8e-0000-4000-8000-000000000001","entity":"contact","record_id":"1d3c2a8e-0000-4000-8000-0000000000c1","op":"upsert","base_version":0,"fields":{"client_id":"%1","name":"Ann Buyer"},"hlc":"001796030100000-000000-x"}]})")
                .arg(clientId)
                .toUtf8();
        auto push = rawHttp(server.port(), "POST", "/api/v1/sync/push", body, token);
        QCOMPARE(push.status, 200);
        QCOMPARE(
            count(server.dbPath(),
                  "SELECT COUNT(*) - COUNT(DISTINCT seq) FROM (SELECT seq FROM users UNION ALL "
                  "SELECT seq FROM clients UNION ALL SELECT seq FROM deals UNION ALL "
                  "SELECT seq FROM products UNION ALL SELECT seq FROM contacts UNION ALL "
                  "SELECT seq FROM deal_stages UNION ALL SELECT seq FROM reference_items)"),
            0);
        // And a device sees both changes.
        auto pull = rawHttp(server.port(), "GET",
                            "/api/v1/sync/pull?cursor=" + QByteArray::number(cursor) + "&limit=100",
                            {}, token);
        QStringList ids;
        for (const auto& c : pull.json()[QStringLiteral("changes")].toArray()) {
            ids << c.toObject()[QStringLiteral("entity")].toString();
        }
        QVERIFY2(ids.contains(QStringLiteral("user")) && ids.contains(QStringLiteral("contact")),
                 qPrintable(ids.join(QLatin1Char(','))));
    }

    void serveAndImportMayStartTogetherOnANewFile() {
        for (int round = 0; round < 3; ++round) {
            QTemporaryDir dir;
            auto db = dir.filePath(QStringLiteral("server.db"));
            QProcess import;
            import.start(
                binPath(QStringLiteral("fieldbook-server")),
                {QStringLiteral("import-sample"), QStringLiteral("--db"), db, sampleDir()});
            QProcess serve;
            serve.start(binPath(QStringLiteral("fieldbook-server")),
                        {QStringLiteral("serve"), QStringLiteral("--db"), db,
                         QStringLiteral("--create"), QStringLiteral("--listen"),
                         QStringLiteral("127.0.0.1:0")});
            QVERIFY(serve.waitForStarted(10000));
            QVERIFY(import.waitForFinished(60000));
            QCOMPARE(import.exitCode(), 0);
            QByteArray out;
            QElapsedTimer t;
            t.start();
            while (!out.contains("listening on") && serve.state() == QProcess::Running &&
                   t.elapsed() < 15000) {
                serve.waitForReadyRead(200);
                out += serve.readAllStandardOutput();
            }
            QVERIFY2(out.contains("listening on"), serve.readAllStandardError().constData());
            serve.terminate();
            QVERIFY(serve.waitForFinished(10000));
            QCOMPARE(count(db, "SELECT COUNT(*) FROM deals"), 8800);
        }
    }

    /// Fresh-user finding: serve on a path with no database (a typo after a
    /// move) created and served an empty one; every device then heard
    /// "token not valid". It refuses in one line naming the path.
    void serveRefusesAMissingDatabase() {
        QTemporaryDir dir;
        const auto db = dir.filePath(QStringLiteral("moved.db"));
        auto r = run(binPath(QStringLiteral("fieldbook-server")),
                     {QStringLiteral("serve"), QStringLiteral("--db"), db,
                      QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY2(r.err.contains(db.toUtf8()) && r.err.contains("import-sample") &&
                     r.err.contains("--create"),
                 r.err.constData());
        QVERIFY(!QFile::exists(db));
    }

    /// Break-it 6 F8: a 0-byte file at --db (a failed copy, `touch`, a
    /// truncated restore) was served as a new empty database without
    /// --create. It is refused like a missing one, and stays 0 bytes.
    void serveRefusesAnEmptyFile() {
        QTemporaryDir dir;
        const auto db = dir.filePath(QStringLiteral("empty.db"));
        {
            QFile f(db);
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        auto r = run(binPath(QStringLiteral("fieldbook-server")),
                     {QStringLiteral("serve"), QStringLiteral("--db"), db,
                      QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY2(r.err.contains(db.toUtf8()) && r.err.contains("empty") &&
                     r.err.contains("--create"),
                 r.err.constData());
        QCOMPARE(QFileInfo(db).size(), 0);
    }

    void serveRefusesAnAbsurdTokenLifetime() {
        QTemporaryDir dir;
        auto r = run(binPath(QStringLiteral("fieldbook-server")),
                     {QStringLiteral("serve"), QStringLiteral("--db"),
                      dir.filePath(QStringLiteral("s.db")), QStringLiteral("--token-ttl"),
                      QStringLiteral("9223372036854775")});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err.count('\n'), 1);
    }

    // `--listen 8789` (a port alone): one line naming the one option and the
    // form it takes, not three options (fresh-user finding).
    void serveNamesTheListenFormItWants() {
        QTemporaryDir dir;
        auto r = run(binPath(QStringLiteral("fieldbook-server")),
                     {QStringLiteral("serve"), QStringLiteral("--db"),
                      dir.filePath(QStringLiteral("s.db")), QStringLiteral("--listen"),
                      QStringLiteral("8789")});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY2(r.err.contains("--listen must be HOST:PORT, e.g. 127.0.0.1:8789"),
                 r.err.constData());
        QVERIFY2(!r.err.contains("--threads") && !r.err.contains("--token-ttl"), r.err.constData());
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("s.db"))));
    }

    void missingFileIsOneLineErrorAndWritesNothing() {
        QTemporaryDir dir;
        auto db = dir.filePath(QStringLiteral("server.db"));
        auto r = run(binPath(QStringLiteral("fieldbook-server")),
                     {QStringLiteral("import-sample"), QStringLiteral("--db"), db, dir.path()});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY(r.err.contains("cannot read"));
        QVERIFY(!QFile::exists(db)); // not even an empty database is left behind
    }

    /// A refused command leaves nothing behind: `user add --team Nowhere`
    /// on a new path left a new database (with the schema) before it said
    /// unknown_team, as did an import-sample of a malformed file and a
    /// serve --create on a port in use.
    void refusedCommandsLeaveNoNewDatabase() {
        QTemporaryDir dir;
        const auto db = dir.filePath(QStringLiteral("new.db"));
        const auto server = binPath(QStringLiteral("fieldbook-server"));
        auto nothingLeft = [&] {
            return QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).join(u' ');
        };

        auto r = run(server,
                     {QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--db"), db,
                      QStringLiteral("--login"), QStringLiteral("olga.tm"),
                      QStringLiteral("--name"), QStringLiteral("Olga T"), QStringLiteral("--role"),
                      QStringLiteral("telemarketing"), QStringLiteral("--team"),
                      QStringLiteral("Nowhere")},
                     "s3cret\n");
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("unknown_team"), r.err.constData());
        QCOMPARE(nothingLeft(), QString());

        // A sample whose accounts.csv lacks a column: refused after the file was opened.
        QTemporaryDir sample;
        for (const char* f :
             {"sales_teams.csv", "products.csv", "accounts.csv", "sales_pipeline.csv"}) {
            QVERIFY(QFile::copy(sampleDir() + u'/' + QLatin1String(f),
                                sample.filePath(QLatin1String(f))));
        }
        QFile accounts(sample.filePath(QStringLiteral("accounts.csv")));
        QVERIFY(accounts.setPermissions(accounts.permissions() | QFileDevice::WriteOwner));
        QVERIFY(accounts.open(QIODevice::WriteOnly | QIODevice::Truncate));
        accounts.write("name,sector\nAcme Corporation,technolgy\n");
        accounts.close();
        r = run(server,
                {QStringLiteral("import-sample"), QStringLiteral("--db"), db, sample.path()});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("missing column"), r.err.constData());
        QCOMPARE(r.err.count('\n'), 1);
        QCOMPARE(nothingLeft(), QString());

        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost));
        r = run(server, {QStringLiteral("serve"), QStringLiteral("--db"), db,
                         QStringLiteral("--create"), QStringLiteral("--listen"),
                         u"127.0.0.1:"_qs + QString::number(taken.serverPort())});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("cannot listen on") && r.err.contains("another server runs there"),
                 r.err.constData());
        QCOMPARE(r.err.count('\n'), 1);
        QCOMPARE(nothingLeft(), QString());
    }

    /// Counts agree with their number: "horizon 1 days" before.
    void compactSaysItsCountsInWords() {
        QTemporaryDir dir;
        const auto db = dir.filePath(QStringLiteral("server.db"));
        const auto server = binPath(QStringLiteral("fieldbook-server"));
        QCOMPARE(
            run(server,
                {QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--db"), db,
                 QStringLiteral("--login"), QStringLiteral("ada.admin"), QStringLiteral("--name"),
                 QStringLiteral("Ada"), QStringLiteral("--role"), QStringLiteral("admin")},
                "s3cret\n")
                .exitCode,
            0);
        auto r = run(server, {QStringLiteral("compact"), QStringLiteral("--db"), db,
                              QStringLiteral("--horizon-days"), QStringLiteral("1")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith("compacted (horizon 1 day): 0 tombstones, 0 scope changes (0 "
                                  "items), 0 idempotency-log rows; watermark "),
                 r.out.constData());
    }

    void userAddTakesPasswordOnStdin() {
        QTemporaryDir dir;
        auto db = dir.filePath(QStringLiteral("server.db"));
        auto server = binPath(QStringLiteral("fieldbook-server"));
        auto r = run(server,
                     {QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--db"), db,
                      QStringLiteral("--login"), QStringLiteral("olga.tm"),
                      QStringLiteral("--name"), QStringLiteral("Olga T"), QStringLiteral("--role"),
                      QStringLiteral("telemarketing")},
                     "s3cret\n");
        QCOMPARE(r.exitCode, 0);
        auto again =
            run(server,
                {QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--db"), db,
                 QStringLiteral("--login"), QStringLiteral("olga.tm"), QStringLiteral("--name"),
                 QStringLiteral("Olga T"), QStringLiteral("--role"), QStringLiteral("manager")},
                "s3cret\n");
        QCOMPARE(again.exitCode, 1);
        QVERIFY(again.err.contains("login_taken"));
        auto badRole =
            run(server,
                {QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--db"), db,
                 QStringLiteral("--login"), QStringLiteral("x.y"), QStringLiteral("--name"),
                 QStringLiteral("X"), QStringLiteral("--role"), QStringLiteral("boss")},
                "s3cret\n");
        QCOMPARE(badRole.exitCode, 2);
        QVERIFY(badRole.err.contains("invalid_role"));
        auto badName = run(QStringLiteral("/bin/sh"),
                           {QStringLiteral("-c"),
                            QStringLiteral("echo s3cret | \"$0\" user add --db \"$1\" --login x.z "
                                           "--name \"$(printf 'A\\377')\" --role manager"),
                            server, db});
        QCOMPARE(badName.exitCode, 2);
        QVERIFY(badName.err.contains("invalid_name"));
        QCOMPARE(count(db, "SELECT COUNT(*) FROM users"), 1);
        // The password is stored as an argon2id hash, never in clear.
        QCOMPARE(
            count(db, "SELECT COUNT(*) FROM credentials WHERE password_hash LIKE '$argon2id$%'"),
            1);
    }
};

QTEST_GUILESS_MAIN(TestImport)
#include "tst_import.moc"
