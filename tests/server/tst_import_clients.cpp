// SPDX-License-Identifier: MIT
// `fieldbook-server import-clients` and `export-clients` (issue 3, docs/import.md),
// run as the real program on real SQLite files with the CSV files of
// tests/data/import-clients.
#include "store/database.h"
#include "test_server.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace fieldbook::test;

namespace {

QString data(const char* name) {
    return QDir(sampleDir()).filePath(QStringLiteral("../import-clients/") + QLatin1String(name));
}

RunResult server(const QStringList& args, const QByteArray& in = {}) {
    return run(binPath(QStringLiteral("fieldbook-server")), args, in);
}

void addUser(const QString& db, const QString& login, const QString& role) {
    auto r = server({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--db"), db,
                     QStringLiteral("--login"), login, QStringLiteral("--name"), login,
                     QStringLiteral("--role"), role},
                    "secret1\n");
    QVERIFY2(r.exitCode == 0, r.err.constData());
}

/// Runs import-clients; fails the test unless it exits `expectExit`.
QJsonObject importFile(const QString& db, const QString& file, const QStringList& extra = {},
                       int expectExit = 0) {
    auto r = server(QStringList{QStringLiteral("import-clients"), QStringLiteral("--db"), db, file}
                    << extra);
    if (r.exitCode != expectExit) {
        qWarning("import-clients exit %d: %s", r.exitCode, r.err.constData());
        return {{QStringLiteral("failed"), true}};
    }
    return QJsonDocument::fromJson(r.out).object();
}

std::int64_t scalar(const QString& db, const std::string& sql) {
    fieldbook::store::Database d(db.toStdString());
    fieldbook::store::Statement st(d, sql);
    st.step();
    return st.isNull(0) ? -1 : st.int64(0);
}

QString text(const QString& db, const std::string& sql) {
    fieldbook::store::Database d(db.toStdString());
    fieldbook::store::Statement st(d, sql);
    return st.step() && !st.isNull(0) ? QString::fromStdString(st.text(0)) : QString();
}

/// Every live client with every column, user ids replaced by logins, by id.
QList<QStringList> clientsWithLogins(const QString& db) {
    fieldbook::store::Database d(db.toStdString());
    fieldbook::store::Statement cols(d, "SELECT name FROM pragma_table_info('clients') WHERE "
                                        "name NOT IN ('seq', 'field_meta', 'updated_at')");
    std::string list;
    while (cols.step()) {
        auto c = cols.text(0);
        if (c == "curator_id" || c == "first_contact_by") {
            list += ", (SELECT login FROM users u WHERE u.id = c." + c + ")";
        } else {
            list += ", quote(c." + c + ")";
        }
    }
    fieldbook::store::Statement st(d, "SELECT " + list.substr(2) +
                                          " FROM clients c WHERE deleted = 0 ORDER BY id");
    QList<QStringList> out;
    while (st.step()) {
        QStringList row;
        for (int i = 0; i < st.columnCount(); ++i) {
            row << (st.isNull(i) ? QStringLiteral("NULL") : QString::fromStdString(st.text(i)));
        }
        out << row;
    }
    return out;
}

QJsonObject refusedRow(const QJsonObject& report, int row) {
    for (const auto& r : report[QStringLiteral("refused")].toArray()) {
        if (r.toObject()[QStringLiteral("row")].toInt() == row) {
            return r.toObject();
        }
    }
    return {};
}

const QStringList kCommaMap = {
    QStringLiteral("--map"),
    QStringLiteral("Company=name,Tax ID=tax_id,Phone=phone,City=city,Source=info_source"),
    QStringLiteral("--map"), QStringLiteral("Notes=notes,Curator=curator_login")};

} // namespace

class TestImportClients : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> dir_;
    QString db_; ///< a new database with two users for each test

    /// Imports clients-comma.csv and clients-semicolon.csv (as the first two tests do).
    void fill() {
        importFile(db_, data("clients-comma.csv"),
                   kCommaMap +
                       QStringList{QStringLiteral("--curator"), QStringLiteral("boris.head")});
        importFile(db_, data("clients-semicolon.csv"), {QStringLiteral("--add-references")});
        importFile(db_, data("clients-all-fields.csv"), {QStringLiteral("--add-references")});
        QCOMPARE(scalar(db_, "SELECT COUNT(*) FROM clients"), 8);
    }

  private slots:
    void init() {
        dir_ = std::make_unique<QTemporaryDir>();
        db_ = dir_->filePath(QStringLiteral("server.db"));
        addUser(db_, QStringLiteral("anna.manager"), QStringLiteral("manager"));
        addUser(db_, QStringLiteral("boris.head"), QStringLiteral("head"));
    }

    void quotedCommaFileWithBomAndCyrillic() {
        auto seqBefore = scalar(db_, "SELECT value FROM seq_counter");
        auto before = QDateTime::currentMSecsSinceEpoch();
        auto report = importFile(
            db_, data("clients-comma.csv"),
            kCommaMap + QStringList{QStringLiteral("--curator"), QStringLiteral("boris.head")});
        auto after = QDateTime::currentMSecsSinceEpoch();
        QCOMPARE(report[QStringLiteral("rows")].toInt(), 7);
        QCOMPARE(report[QStringLiteral("imported")].toInt(), 3);
        QCOMPARE(report[QStringLiteral("separator")].toString(), QStringLiteral(","));
        QCOMPARE(report[QStringLiteral("ignored_columns")].toArray(),
                 QJsonArray{QStringLiteral("Unused")});
        auto refused = report[QStringLiteral("refused")].toArray();
        QCOMPARE(refused.size(), 4);
        QVERIFY(refusedRow(report, 4)[QStringLiteral("reason")].toString().contains(
            QLatin1String("\"billboard\" is not in the information_source list")));
        QCOMPARE(refusedRow(report, 5)[QStringLiteral("reason")].toString(),
                 QStringLiteral("name is required"));
        auto dup = refusedRow(report, 6);
        QVERIFY(dup[QStringLiteral("reason")].toString().contains(QLatin1String("same tax id")));
        QCOMPARE(dup[QStringLiteral("duplicate_of")].toObject()[QStringLiteral("row")].toInt(), 1);
        QCOMPARE(dup[QStringLiteral("duplicate_of")].toObject()[QStringLiteral("name")].toString(),
                 QStringLiteral("Acme, Inc."));
        QVERIFY(refusedRow(report, 7)[QStringLiteral("reason")].toString().contains(
            QLatin1String("ghost.user")));

        // What was taken is in the database exactly, quoting undone.
        QCOMPARE(scalar(db_, "SELECT COUNT(*) FROM clients"), 3);
        QCOMPARE(text(db_, "SELECT notes FROM clients WHERE name = 'Acme, Inc.'"),
                 QStringLiteral("Met at the fair, booth 12"));
        QCOMPARE(text(db_, "SELECT info_source FROM clients WHERE name = 'Acme, Inc.'"),
                 QStringLiteral("exhibition"));
        QCOMPARE(text(db_, "SELECT notes FROM clients WHERE name = 'The \"Best\" Tools'"),
                 QStringLiteral("Line one\nLine two"));
        // A source given by its label ("Web site") is stored as the item's code.
        QCOMPARE(text(db_, "SELECT info_source FROM clients WHERE name = 'The \"Best\" Tools'"),
                 QStringLiteral("web"));
        QCOMPARE(text(db_, "SELECT city FROM clients WHERE tax_id = '7701000003'"),
                 QStringLiteral("Москва"));
        QCOMPARE(text(db_, "SELECT name FROM clients WHERE tax_id = '7701000003'"),
                 QStringLiteral("ООО «Ромашка»"));
        // Curator: the row's login, else --curator.
        QCOMPARE(text(db_, "SELECT u.login FROM clients c JOIN users u ON u.id = c.curator_id "
                           "WHERE c.tax_id = '7701000001'"),
                 QStringLiteral("anna.manager"));
        QCOMPARE(text(db_, "SELECT u.login FROM clients c JOIN users u ON u.id = c.curator_id "
                           "WHERE c.tax_id = '7701000002'"),
                 QStringLiteral("boris.head"));
        // Version-1 records by "import", each with its own new sequence number.
        QCOMPARE(scalar(db_, "SELECT COUNT(*) FROM clients WHERE version = 1 AND updated_by = "
                             "'import' AND status = 'prospect' AND deleted = 0"),
                 3);
        QCOMPARE(scalar(db_, "SELECT COUNT(DISTINCT seq) FROM clients WHERE seq > " +
                                 std::to_string(seqBefore)),
                 3);
        QVERIFY(scalar(db_, "SELECT MIN(first_contact_at) FROM clients") >= before);
        QVERIFY(scalar(db_, "SELECT MAX(first_contact_at) FROM clients") <= after);
    }

    void semicolonFileAndReferenceCodes() {
        // Without --add-references every row names a region that is not in the list.
        auto refused = importFile(db_, data("clients-semicolon.csv"));
        QCOMPARE(refused[QStringLiteral("separator")].toString(), QStringLiteral(";"));
        QCOMPARE(refused[QStringLiteral("imported")].toInt(), 0);
        QCOMPARE(refused[QStringLiteral("refused")].toArray().size(), 3);
        QVERIFY(refusedRow(refused, 1)[QStringLiteral("reason")].toString().contains(
            QLatin1String("region \"Bavaria\" is not in the region list")));
        QCOMPARE(scalar(db_, "SELECT COUNT(*) FROM clients"), 0);
        QCOMPARE(scalar(db_, "SELECT COUNT(*) FROM reference_items WHERE list = 'region'"), 0);

        auto added =
            importFile(db_, data("clients-semicolon.csv"), {QStringLiteral("--add-references")});
        QCOMPARE(added[QStringLiteral("imported")].toInt(), 2);
        auto wrong = refusedRow(added, 3);
        QCOMPARE(wrong[QStringLiteral("reason")].toString(),
                 QStringLiteral("employees must be a whole number"));
        QCOMPARE(wrong[QStringLiteral("value")].toString(), QStringLiteral("many"));
        QCOMPARE(added[QStringLiteral("added_references")].toArray().size(), 3);
        QCOMPARE(scalar(db_, "SELECT COUNT(*) FROM reference_items WHERE list = 'region' AND "
                             "code = 'bavaria' AND label = 'Bavaria'"),
                 1);
        QCOMPARE(scalar(db_, "SELECT COUNT(*) FROM reference_items WHERE list = 'industry'"), 2);
        QCOMPARE(text(db_, "SELECT industry FROM clients WHERE name = 'Müller; Söhne GmbH'"),
                 QStringLiteral("manufacturing"));
        QCOMPARE(text(db_, "SELECT notes FROM clients WHERE name = 'Müller; Söhne GmbH'"),
                 QStringLiteral("price 1,5 EUR; \"special\""));
        QCOMPARE(scalar(db_, "SELECT employees FROM clients WHERE name = 'Müller; Söhne GmbH'"),
                 1200);
        QCOMPARE(scalar(db_, "SELECT revenue_cents FROM clients WHERE name = 'Nordwind AG'"),
                 1000000);
    }

    void everyFieldAndReferencesBetweenCards() {
        auto report =
            importFile(db_, data("clients-all-fields.csv"), {QStringLiteral("--add-references")});
        QCOMPARE(report[QStringLiteral("rows")].toInt(), 5);
        QCOMPARE(report[QStringLiteral("imported")].toInt(), 3);
        QCOMPARE(report[QStringLiteral("ignored_columns")].toArray().size(), 0);
        QVERIFY(refusedRow(report, 4)[QStringLiteral("reason")].toString().contains(QLatin1String(
            "parent_client_id 99999999-9999-4999-8999-999999999999 names no client")));
        // Its branch points at a refused row: refused in turn.
        QVERIFY(refusedRow(report, 5)[QStringLiteral("reason")].toString().contains(QLatin1String(
            "parent_client_id 44444444-4444-4444-8444-444444444444 names no client")));
        const std::string child = "'11111111-1111-4111-8111-111111111111'";
        QCOMPARE(text(db_, "SELECT parent_client_id FROM clients WHERE id = " + child),
                 QStringLiteral("22222222-2222-4222-8222-222222222222"));
        QCOMPARE(text(db_, "SELECT duplicate_of FROM clients WHERE name = 'Old Record Co'"),
                 QStringLiteral("22222222-2222-4222-8222-222222222222"));
        // 2016-03-04T10:15:30.250+01:00
        QCOMPARE(scalar(db_, "SELECT first_contact_at FROM clients WHERE id = " + child),
                 1457082930250);
        QCOMPARE(text(db_, "SELECT u.login FROM clients c JOIN users u ON u.id = "
                           "c.first_contact_by WHERE c.id = " +
                               child),
                 QStringLiteral("boris.head"));
        QCOMPARE(text(db_, "SELECT size || '/' || interest_level || '/' || initiative || '/' || "
                           "contact_reason || '/' || triggering_event || '/' || industry || '/' "
                           "|| region FROM clients WHERE id = " +
                               child),
                 QStringLiteral("medium/high/telemarketing/tender/new_budget/software/bavaria"));
        QCOMPARE(scalar(db_, "SELECT revenue_cents FROM clients WHERE name = 'Parent Holding'"),
                 -1500);
        // "Software" made the item; "software" on the next row found it.
        QCOMPARE(scalar(db_, "SELECT COUNT(*) FROM reference_items WHERE list = 'industry'"), 1);
        QCOMPARE(scalar(db_, "SELECT COUNT(*) FROM clients WHERE industry = 'software'"), 2);
    }

    /// Fresh-user finding: a curator who is not a manager or head, a first
    /// contact in the future and "not-an-email" were imported as they were;
    /// each row is now refused with its reason (the push path's rules).
    void curatorFutureContactAndEmailAreChecked() {
        addUser(db_, QStringLiteral("sam.support"), QStringLiteral("support"));
        QFile csv(dir_->filePath(QStringLiteral("checks.csv")));
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("name,curator_login,first_contact_at,email\n"
                  "Support Curated,sam.support,,\n"
                  "Future Contact,,2099-01-01T00:00:00Z,\n"
                  "Bad Mail,,,not-an-email\n"
                  "Good Row,anna.manager,2016-01-01T00:00:00Z,info@good.example\n");
        csv.close();
        auto report = importFile(db_, csv.fileName());
        QCOMPARE(report[QStringLiteral("imported")].toInt(), 1);
        auto reason = [&](int row) {
            return refusedRow(report, row)[QStringLiteral("reason")].toString();
        };
        QVERIFY2(reason(1).contains(QLatin1String("a support user")) &&
                     reason(1).contains(QLatin1String("manager or head")),
                 qPrintable(reason(1)));
        QVERIFY2(reason(2).contains(QLatin1String("in the future")), qPrintable(reason(2)));
        QVERIFY2(reason(3).contains(QLatin1String("not an e-mail address")), qPrintable(reason(3)));
        QCOMPARE(scalar(db_, "SELECT COUNT(*) FROM clients"), 1);
        // The default curator follows the same rule: refused before anything.
        auto r =
            server({QStringLiteral("import-clients"), QStringLiteral("--db"), db_, csv.fileName(),
                    QStringLiteral("--curator"), QStringLiteral("sam.support")});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("manager or head"), r.err.constData());
        QCOMPARE(scalar(db_, "SELECT COUNT(*) FROM clients"), 1);
    }

    void invalidUtf8RowIsRefused() {
        QTemporaryDir dir;
        auto db = dir.filePath(QStringLiteral("utf8.db"));
        auto report = importFile(db, data("clients-invalid-utf8.csv"));
        QCOMPARE(report[QStringLiteral("rows")].toInt(), 3);
        QCOMPARE(report[QStringLiteral("imported")].toInt(), 2);
        auto bad = refusedRow(report, 2);
        QVERIFY2(bad[QStringLiteral("reason")].toString().contains(QLatin1String("UTF-8")),
                 qPrintable(bad[QStringLiteral("reason")].toString()));
        QCOMPARE(scalar(db, "SELECT COUNT(*) FROM clients"), 2);
        QCOMPARE(scalar(db, "SELECT COUNT(*) FROM clients WHERE name LIKE 'Bad%'"), 0);
    }

    void duplicatesInTheDatabaseAndInTheFile() {
        fill();
        auto report = importFile(db_, data("clients-duplicates.csv"));
        QCOMPARE(report[QStringLiteral("rows")].toInt(), 6);
        QCOMPARE(report[QStringLiteral("imported")].toInt(), 3);
        auto acme = refusedRow(report, 1);
        QVERIFY(acme[QStringLiteral("reason")].toString().contains(
            QLatin1String("same name and phone")));
        auto acmeOf = acme[QStringLiteral("duplicate_of")].toObject();
        QCOMPARE(acmeOf[QStringLiteral("name")].toString(), QStringLiteral("Acme, Inc."));
        QCOMPARE(acmeOf[QStringLiteral("id")].toString(),
                 text(db_, "SELECT id FROM clients WHERE name = 'Acme, Inc.'"));
        QVERIFY(!acmeOf.contains(QStringLiteral("row"))); // a card in the database
        auto romashka = refusedRow(report, 2);
        QVERIFY(
            romashka[QStringLiteral("reason")].toString().contains(QLatin1String("same tax id")));
        QCOMPARE(
            romashka[QStringLiteral("duplicate_of")].toObject()[QStringLiteral("name")].toString(),
            QStringLiteral("ООО «Ромашка»"));
        auto inFile = refusedRow(report, 6);
        QVERIFY(inFile[QStringLiteral("reason")].toString().contains(
            QLatin1String("same name and city")));
        QCOMPARE(inFile[QStringLiteral("duplicate_of")].toObject()[QStringLiteral("row")].toInt(),
                 5);
        // The same name with another phone and city is not a duplicate (rows 3 and 4).
        QCOMPARE(scalar(db_, "SELECT COUNT(*) FROM clients WHERE name = 'Fresh Client'"), 2);
    }

    void badUsageLeavesTheDatabaseAlone() {
        fill();
        auto seq = scalar(db_, "SELECT value FROM seq_counter");
        auto clients = scalar(db_, "SELECT COUNT(*) FROM clients");
        QTemporaryDir dir;
        auto fresh = dir.filePath(QStringLiteral("never.db"));
        const QList<QStringList> cases = {
            {QStringLiteral("--map"), QStringLiteral("Company=company_name")}, // unknown field
            {QStringLiteral("--map"), QStringLiteral("Firm=name")},            // unknown column
            {QStringLiteral("--map"), QStringLiteral("Company")},              // not column=field
            {QStringLiteral("--map"), QStringLiteral("Company=name,City=name")},
            {QStringLiteral("--map"), QStringLiteral("Curator=curator_id")},
            {QStringLiteral("--delimiter"), QStringLiteral("|")},
            {QStringLiteral("--map"), QStringLiteral("Company=name"), QStringLiteral("--curator"),
             QStringLiteral("nobody")},
        };
        for (const auto& extra : cases) {
            for (const auto& db : {db_, fresh}) {
                auto r = server(QStringList{QStringLiteral("import-clients"),
                                            QStringLiteral("--db"), db, data("clients-comma.csv")}
                                << extra);
                QVERIFY2(r.exitCode == 2, qPrintable(extra.join(QLatin1Char(' '))));
                QCOMPARE(r.err.count('\n'), 1);
                // Like every other command's usage error.
                QVERIFY2(r.err.trimmed().endsWith("(see fieldbook-server --help)"),
                         r.err.constData());
                QVERIFY(r.out.isEmpty());
            }
            QVERIFY2(!QFile::exists(fresh), qPrintable(extra.join(QLatin1Char(' '))));
        }
        // Without --map, a header that names no client field needs one.
        auto r = server({QStringLiteral("import-clients"), QStringLiteral("--db"), fresh,
                         data("clients-comma.csv")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("--map"));
        QVERIFY2(r.err.trimmed().endsWith("(see fieldbook-server --help)"), r.err.constData());
        QVERIFY(!QFile::exists(fresh));
        // A file that cannot be read is an I/O error.
        r = server({QStringLiteral("import-clients"), QStringLiteral("--db"), fresh,
                    dir.filePath(QStringLiteral("missing.csv"))});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err.count('\n'), 1);
        QCOMPARE(scalar(db_, "SELECT value FROM seq_counter"), seq);
        QCOMPARE(scalar(db_, "SELECT COUNT(*) FROM clients"), clients);
    }

    void exportThenImportRoundTripsEveryField() {
        fill();
        importFile(db_, data("clients-duplicates.csv"));
        // Every client column holds a value somewhere, so every field is compared below.
        {
            fieldbook::store::Database d(db_.toStdString());
            fieldbook::store::Statement cols(d, "SELECT name FROM pragma_table_info('clients')");
            while (cols.step()) {
                auto c = cols.text(0);
                if (c == "merged_into") {
                    continue; // set only on merged cards' tombstones, which export skips
                }
                QVERIFY2(scalar(db_, "SELECT COUNT(" + c + ") FROM clients") > 0, c.c_str());
            }
        }
        QTemporaryDir dir;
        auto csv = dir.filePath(QStringLiteral("clients.csv"));
        auto r = server({QStringLiteral("export-clients"), QStringLiteral("--db"), db_, csv});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        auto exported = QJsonDocument::fromJson(r.out).object();
        auto live = scalar(db_, "SELECT COUNT(*) FROM clients WHERE deleted = 0");
        QCOMPARE(exported[QStringLiteral("clients")].toInt(), live);
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        auto bytes = f.readAll();
        QVERIFY(bytes.startsWith("\"id\",\"name\","));
        QVERIFY(bytes.contains("\"curator_login\""));
        QVERIFY(bytes.contains("\"The \"\"Best\"\" Tools\"")); // RFC 4180 quotes doubled
        QVERIFY(bytes.contains("Line one\nLine two"));

        // Into an empty database whose users have other ids but the same logins.
        auto copy = dir.filePath(QStringLiteral("copy.db"));
        addUser(copy, QStringLiteral("boris.head"), QStringLiteral("head"));
        addUser(copy, QStringLiteral("anna.manager"), QStringLiteral("manager"));
        QVERIFY(text(copy, "SELECT id FROM users WHERE login = 'anna.manager'") !=
                text(db_, "SELECT id FROM users WHERE login = 'anna.manager'"));
        auto report = importFile(copy, csv, {QStringLiteral("--add-references")});
        QCOMPARE(report[QStringLiteral("refused")].toArray().size(), 0);
        QCOMPARE(report[QStringLiteral("imported")].toInt(), live);
        QCOMPARE(report[QStringLiteral("ignored_columns")].toArray().size(), 0);
        auto original = clientsWithLogins(db_);
        auto copied = clientsWithLogins(copy);
        QCOMPARE(copied.size(), original.size());
        for (int i = 0; i < original.size(); ++i) {
            QCOMPARE(copied[i], original[i]);
        }
        // And the copy exports the same bytes.
        auto again = dir.filePath(QStringLiteral("again.csv"));
        r = server({QStringLiteral("export-clients"), QStringLiteral("--db"), copy, again});
        QCOMPARE(r.exitCode, 0);
        QFile g(again);
        QVERIFY(g.open(QIODevice::ReadOnly));
        QCOMPARE(g.readAll(), bytes);
    }

    void exportWithMapAndSemicolonReadsBack() {
        fill();
        QTemporaryDir dir;
        auto csv = dir.filePath(QStringLiteral("short.csv"));
        const QString map = QStringLiteral("Firma=name,Город=city,Куратор=curator_login,ID=id");
        auto r = server({QStringLiteral("export-clients"), QStringLiteral("--db"), db_, csv,
                         QStringLiteral("--map"), map, QStringLiteral("--delimiter"),
                         QStringLiteral(";")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readLine(), QByteArray("\"Firma\";\"Город\";\"Куратор\";\"ID\"\r\n"));
        auto copy = dir.filePath(QStringLiteral("copy.db"));
        addUser(copy, QStringLiteral("anna.manager"), QStringLiteral("manager"));
        addUser(copy, QStringLiteral("boris.head"), QStringLiteral("head"));
        auto report = importFile(copy, csv, {QStringLiteral("--map"), map});
        QCOMPARE(report[QStringLiteral("separator")].toString(), QStringLiteral(";"));
        QCOMPARE(report[QStringLiteral("refused")].toArray().size(), 0);
        QCOMPARE(scalar(copy, "SELECT COUNT(*) FROM clients"),
                 scalar(db_, "SELECT COUNT(*) FROM clients WHERE deleted = 0"));
        QCOMPARE(text(copy, "SELECT u.login FROM clients c JOIN users u ON u.id = c.curator_id "
                            "WHERE c.city = 'Москва'"),
                 QStringLiteral("anna.manager"));
        // Bad export usage: unknown field, bad delimiter, missing database.
        for (const auto& extra :
             QList<QStringList>{{QStringLiteral("--map"), QStringLiteral("X=nope")},
                                {QStringLiteral("--delimiter"), QStringLiteral("tab")}}) {
            r = server(QStringList{QStringLiteral("export-clients"), QStringLiteral("--db"), db_,
                                   dir.filePath(QStringLiteral("bad.csv"))}
                       << extra);
            QCOMPARE(r.exitCode, 2);
            QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("bad.csv"))));
        }
        r = server({QStringLiteral("export-clients"), QStringLiteral("--db"),
                    dir.filePath(QStringLiteral("none.db")),
                    dir.filePath(QStringLiteral("x.csv"))});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("none.db"))));
    }
};

QTEST_GUILESS_MAIN(TestImportClients)
#include "tst_import_clients.moc"
