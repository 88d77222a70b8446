// SPDX-License-Identifier: MIT
// What fieldbook-cli reads and prints (cli/cli_format.h): money in exact
// cents both ways, whole numbers, dates and typed --set values.
#include "cli_format.h"

#include <QTest>

#include <cstdint>
#include <limits>

using fieldbook::cli::formatMoney;
using fieldbook::cli::parseDay;
using fieldbook::cli::parseInteger;
using fieldbook::cli::parseMoney;
using fieldbook::cli::parseSets;
using fieldbook::cli::parseTime;
using fieldbook::cli::UsageError;

class TestCliFormat : public QObject {
    Q_OBJECT

  private slots:
    void parseMoney_exactCents_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("cents");
        QTest::newRow("two decimals") << "1234.50" << qint64(123450);
        QTest::newRow("one decimal") << "1234.5" << qint64(123450);
        QTest::newRow("no decimals") << "1234" << qint64(123400);
        QTest::newRow("thousands commas") << "1,234.50" << qint64(123450);
        QTest::newRow("millions") << "12,345,678.09" << qint64(1234567809);
        QTest::newRow("binary-unfriendly")
            << "0.29" << qint64(29); // 0.29 * 100 = 28.999... in double
        QTest::newRow("zero") << "0" << qint64(0);
        QTest::newRow("largest") << "92233720368547758.07"
                                 << qint64(std::numeric_limits<std::int64_t>::max());
    }
    void parseMoney_exactCents() {
        QFETCH(QString, text);
        QFETCH(qint64, cents);
        QCOMPARE(qint64(parseMoney(text.toStdString(), "--amount")), cents);
    }

    void parseMoney_refuses_data() {
        QTest::addColumn<QString>("text");
        for (const char* bad :
             {"", "-5", "+5", "12.345", "12.", ".5", "1,23", "12,34.00", "1234,567", ",123",
              "1,,234", "1 234", "12a", "1e3", "92233720368547758.08", "99999999999999999999"}) {
            QTest::newRow(bad) << QString::fromLatin1(bad);
        }
    }
    void parseMoney_refuses() {
        QFETCH(QString, text);
        QVERIFY_THROWS_EXCEPTION(UsageError, parseMoney(text.toStdString(), "--amount"));
    }

    void formatMoney_groupsThousands() {
        QCOMPARE(formatMoney(0), std::string("0.00"));
        QCOMPARE(formatMoney(5), std::string("0.05"));
        QCOMPARE(formatMoney(123450), std::string("1,234.50"));
        QCOMPARE(formatMoney(100000000), std::string("1,000,000.00"));
        QCOMPARE(formatMoney(-123450), std::string("-1,234.50"));
        QCOMPARE(formatMoney(std::numeric_limits<std::int64_t>::min()),
                 std::string("-92,233,720,368,547,758.08"));
        // Round trip.
        for (std::int64_t c : {std::int64_t{1}, std::int64_t{99}, std::int64_t{100001},
                               std::int64_t{123456789012}}) {
            QCOMPARE(parseMoney(formatMoney(c), "x"), c);
        }
    }

    void integersAndDays() {
        QCOMPARE(parseInteger("12", "n"), std::int64_t(12));
        QVERIFY_THROWS_EXCEPTION(UsageError, parseInteger("12abc", "n"));
        QVERIFY_THROWS_EXCEPTION(UsageError, parseInteger("", "n"));
        QCOMPARE(parseDay("2026-11-30", "--date"), std::int64_t(1795996800000));
        QVERIFY_THROWS_EXCEPTION(UsageError, parseDay("2026-11-30T10:00", "--date"));
        QVERIFY_THROWS_EXCEPTION(UsageError, parseDay("30.11.2026", "--date"));
    }

    void times_theDocumentedForms_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("ms");
        QTest::newRow("date") << QStringLiteral("2026-11-30") << qint64(1795996800000);
        QTest::newRow("minutes") << QStringLiteral("2026-11-30T09:30") << qint64(1796031000000);
        QTest::newRow("ms") << QStringLiteral("2026-11-30T09:30:15.250") << qint64(1796031015250);
        QTest::newRow("one fraction digit")
            << QStringLiteral("2026-11-30T09:30:15.2Z") << qint64(1796031015200);
        QTest::newRow("offset") << QStringLiteral("2026-11-30T12:30+03:00")
                                << qint64(1796031000000);
        QTest::newRow("last second")
            << QStringLiteral("2026-11-30T23:59:59Z") << qint64(1796083199000);
        QTest::newRow("year 0001") << QStringLiteral("0001-01-01") << qint64(-62135596800000);
    }

    void times_theDocumentedForms() {
        QFETCH(QString, text);
        QFETCH(qint64, ms);
        QCOMPARE(parseTime(text.toStdString(), "--at"), std::int64_t(ms));
    }

    void times_refused_data() {
        QTest::addColumn<QString>("text");
        QTest::newRow("leap second") << QStringLiteral("2026-11-30T23:59:60");
        QTest::newRow("leap second Z") << QStringLiteral("2016-12-31T23:59:60Z");
        QTest::newRow("space for T") << QStringLiteral("2026-11-30 09:30");
        QTest::newRow("year 0000") << QStringLiteral("0000-01-01");
        QTest::newRow("year 0000 with time") << QStringLiteral("0000-03-01T10:00Z");
        QTest::newRow("four fraction digits") << QStringLiteral("2026-11-30T09:30:15.2500");
        QTest::newRow("micros") << QStringLiteral("2026-11-30T09:30:15.250000Z");
        QTest::newRow("february 30th") << QStringLiteral("2026-02-30");
        QTest::newRow("lower-case t") << QStringLiteral("2026-11-30t09:30");
        QTest::newRow("trailing space") << QStringLiteral("2026-11-30 ");
    }

    void times_refused() {
        QFETCH(QString, text);
        QVERIFY_THROWS_EXCEPTION(UsageError, parseTime(text.toStdString(), "--at"));
        QVERIFY_THROWS_EXCEPTION(UsageError,
                                 parseSets("client", {"first_contact_at=" + text.toStdString()}));
        if (text.size() == 10) {
            QVERIFY_THROWS_EXCEPTION(UsageError, parseDay(text.toStdString(), "--date"));
        }
    }

    void sets_typedByTheRegistry() {
        auto f = parseSets("client", {"employees=12", "notes=a=b", "phone=", "name=X"});
        QCOMPARE(f["employees"].get<std::int64_t>(), std::int64_t(12));
        QCOMPARE(f["notes"].get<std::string>(), std::string("a=b"));
        QVERIFY(f["phone"].is_null());
        auto c = parseSets("contact", {"decision_maker=true"});
        QCOMPARE(c["decision_maker"].get<bool>(), true);
        auto t = parseSets("client", {"first_contact_at=2026-11-30T10:00Z"});
        QCOMPARE(t["first_contact_at"].get<std::int64_t>(), std::int64_t(1796032800000));
        QVERIFY_THROWS_EXCEPTION(UsageError, parseSets("client", {"employees=12abc"}));
        QVERIFY_THROWS_EXCEPTION(UsageError, parseSets("contact", {"decision_maker=maybe"}));
        QVERIFY_THROWS_EXCEPTION(UsageError, parseSets("client", {"=x"}));
        QVERIFY_THROWS_EXCEPTION(UsageError, parseSets("client", {"noequals"}));
    }

    /// A money field is read as it is printed (formatMoney): units with two
    /// decimals at most, thousands commas allowed; what the card showed,
    /// typed back, stores the same cents (fresh-user: it stored 1/100).
    void sets_moneyFieldsInUnits() {
        auto f = parseSets("client", {"revenue_cents=40,790,000.00"});
        QCOMPARE(f["revenue_cents"].get<std::int64_t>(), std::int64_t(4079000000));
        QCOMPARE(fieldbook::cli::formatMoney(f["revenue_cents"].get<std::int64_t>()),
                 std::string("40,790,000.00"));
        QCOMPARE(parseSets("deal", {"amount_cents=1234.5"})["amount_cents"].get<std::int64_t>(),
                 std::int64_t(123450));
        QVERIFY_THROWS_EXCEPTION(UsageError, parseSets("client", {"revenue_cents=12.345"}));
    }

    /// The card prints a money field under its name without "_cents"
    /// ("revenue: 40,790,000.00"); that label, typed back, sets the field in
    /// units too (fresh-user: the card said revenue_cents beside units).
    void sets_moneyFieldByItsLabel() {
        auto f = parseSets("client", {"revenue=40,790,000.00"});
        QVERIFY(!f.contains("revenue"));
        QCOMPARE(f["revenue_cents"].get<std::int64_t>(), std::int64_t(4079000000));
        QCOMPARE(parseSets("deal", {"amount=12.50"})["amount_cents"].get<std::int64_t>(),
                 std::int64_t(1250));
        QVERIFY_THROWS_EXCEPTION(UsageError, parseSets("client", {"revenue=lots"}));
    }
};

QTEST_GUILESS_MAIN(TestCliFormat)
#include "tst_cli_format.moc"
