// SPDX-License-Identifier: MIT
// reports::Table (shared/reports/report_table.h): typed columns from SQL,
// RFC 4180 CSV (quoting of commas, quotes and line breaks; null as an empty
// field), and the JSON round trip a device uses for the server's answer.
#include <QtTest>

#include "qtest_std.h"
#include "reports/report_table.h"
#include "reports/reports.h"
#include "store/database.h"

#include <QTemporaryDir>

using namespace fieldbook;
using nlohmann::json;

class TestReportTable : public QObject {
    Q_OBJECT

  private slots:
    void csvFieldQuotesOnlyWhenNeeded_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("csv");
        QTest::newRow("plain") << "Acme Corp"
                               << "Acme Corp";
        QTest::newRow("empty") << ""
                               << "";
        QTest::newRow("comma") << "GTX Pro, 2 seats"
                               << "\"GTX Pro, 2 seats\"";
        QTest::newRow("quote") << "the \"big\" deal"
                               << "\"the \"\"big\"\" deal\"";
        QTest::newRow("newline") << "line 1\nline 2"
                                 << "\"line 1\nline 2\"";
        QTest::newRow("cr") << "a\rb"
                            << "\"a\rb\"";
        QTest::newRow("utf8") << QString::fromUtf8("Ромашка") << QString::fromUtf8("Ромашка");
    }
    void csvFieldQuotesOnlyWhenNeeded() {
        QFETCH(QString, text);
        QFETCH(QString, csv);
        QCOMPARE(reports::csvField(text.toStdString()), csv.toStdString());
    }

    void collectTypesColumnsAndWritesCsv() {
        QTemporaryDir dir;
        store::Database db(dir.filePath(QStringLiteral("t.db")).toStdString());
        store::Statement st(db, "SELECT 'a, b' AS name, 3 AS n, 1.5 AS days, NULL AS none "
                                "UNION ALL SELECT 'x\"y', NULL, 2.25, NULL");
        auto t = reports::collect("demo", st);
        QCOMPARE(t.columns.size(), std::size_t(4));
        QCOMPARE(t.columns[0].type, std::string("text"));
        QCOMPARE(t.columns[1].type, std::string("integer"));
        QCOMPARE(t.columns[2].type, std::string("real"));
        QCOMPARE(t.columns[3].type, std::string("text")); // all null
        QCOMPARE(t.column("days"), 2);
        QCOMPARE(t.column("nope"), -1);
        QCOMPARE(t.toCsv(), std::string("name,n,days,none\r\n"
                                        "\"a, b\",3,1.5,\r\n"
                                        "\"x\"\"y\",,2.25,\r\n"));
        auto j = t.toJson();
        QCOMPARE(j["rows"][1]["n"], json(nullptr));
        auto back = reports::Table::fromJson(j);
        QVERIFY(back.has_value());
        QCOMPARE(back->toCsv(), t.toCsv());
        QVERIFY(!reports::Table::fromJson(json{{"rows", json::array()}}).has_value());
        QVERIFY(!reports::Table::fromJson(json::array()).has_value());
    }

    /// Declared columns: an empty answer keeps their types, an integer in a
    /// real column becomes a real, and names that are not the SQL's are
    /// refused (the definition and its query disagree).
    void collectWithDeclaredColumns() {
        QTemporaryDir dir;
        store::Database db(dir.filePath(QStringLiteral("t.db")).toStdString());
        const std::vector<reports::Column> declared = {
            {"name", reports::kText}, {"n", reports::kInteger}, {"days", reports::kReal}};
        store::Statement none(db, "SELECT 'a' AS name, 1 AS n, 2 AS days WHERE 0");
        auto empty = reports::collect("demo", none, declared);
        QVERIFY(empty.rows.empty());
        QCOMPARE(empty.toJson()["columns"],
                 json::parse(R"([{"name":"name","type":"text"},{"name":"n","type":"integer"},)"
                             R"({"name":"days","type":"real"}])"));
        store::Statement one(db, "SELECT 'a' AS name, 1 AS n, 2 AS days");
        auto t = reports::collect("demo", one, declared);
        QVERIFY(t.rows.at(0)[2].is_number_float());
        QCOMPARE(t.toJson()["rows"][0]["days"].dump(), std::string("2.0"));
        store::Statement other(db, "SELECT 'a' AS name, 1 AS count, 2 AS days");
        QVERIFY_THROWS_EXCEPTION(std::logic_error, reports::collect("demo", other, declared));
        store::Statement fewer(db, "SELECT 'a' AS name, 1 AS n");
        QVERIFY_THROWS_EXCEPTION(std::logic_error, reports::collect("demo", fewer, declared));
    }

    /// Two columns of one name would overwrite each other in a JSON row:
    /// a table refuses them wherever it is built.
    void duplicateColumnsAreRefused() {
        QTemporaryDir dir;
        store::Database db(dir.filePath(QStringLiteral("t.db")).toStdString());
        store::Statement st(db, "SELECT 1 AS contacts_logged, 2 AS contacts_logged");
        QVERIFY_THROWS_EXCEPTION(std::logic_error, reports::collect("demo", st));
        reports::Table t;
        t.report = "demo";
        t.columns = {{"n", "integer"}, {"n", "integer"}};
        t.rows = {{json(1), json(2)}};
        QVERIFY_THROWS_EXCEPTION(std::logic_error, t.toJson());
        QVERIFY_THROWS_EXCEPTION(std::logic_error, t.toCsv());
        json j = {{"report", "demo"},
                  {"columns", json::array({{{"name", "n"}}, {{"name", "n"}}})},
                  {"rows", json::array()}};
        QVERIFY(!reports::Table::fromJson(j).has_value());
    }

    /// A text cell a spreadsheet would run as a formula gets a leading quote
    /// in CSV (OWASP CSV injection); numbers and JSON stay as they are.
    void csvNeutralisesFormulas() {
        reports::Table t;
        t.report = "demo";
        t.columns = {{"reason", "text"}, {"n", "integer"}};
        t.rows = {{json("=HYPERLINK(\"http://x\")"), json(-5)},
                  {json("+1"), json(1)},
                  {json("-2"), json(2)},
                  {json("@SUM(A1)"), json(3)},
                  {json("\tx"), json(4)},
                  {json("a=b"), json(5)}};
        QCOMPARE(t.toCsv(), std::string("reason,n\r\n"
                                        "\"'=HYPERLINK(\"\"http://x\"\")\",-5\r\n"
                                        "'+1,1\r\n"
                                        "'-2,2\r\n"
                                        "'@SUM(A1),3\r\n"
                                        "'\tx,4\r\n"
                                        "a=b,5\r\n"));
        QCOMPARE(t.toJson()["rows"][0]["reason"].get<std::string>(),
                 std::string("=HYPERLINK(\"http://x\")"));
        QCOMPARE(reports::csvText("\rx"), std::string("'\rx"));
        QCOMPARE(reports::csvText(""), std::string(""));
    }

    void reportAccessByRole() {
        using reports::ReportAccess;
        QVERIFY(reports::reportAccess("head") == ReportAccess::All);
        QVERIFY(reports::reportAccess("marketing") == ReportAccess::All);
        QVERIFY(reports::reportAccess("admin") == ReportAccess::All);
        QVERIFY(reports::reportAccess("manager") == ReportAccess::Own);
        QVERIFY(reports::reportAccess("telemarketing") == ReportAccess::Own);
        QVERIFY(reports::reportAccess("support") == ReportAccess::Own);
        QVERIFY(reports::reportAccess("intruder") == ReportAccess::None);
    }
};

QTEST_GUILESS_MAIN(TestReportTable)
#include "tst_report_table.moc"
