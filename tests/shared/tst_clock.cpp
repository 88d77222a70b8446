// SPDX-License-Identifier: MIT
// Dates and ids (shared/domain/clock.h): ISO 8601 / RFC 3339 parsing and
// formatting in UTC, random and name-based UUIDs (RFC 9562).
#include "domain/clock.h"

#include "qtest_std.h"

#include <QRegularExpression>
#include <QTest>

#include <sodium.h>

#include <set>
#include <string>

using namespace fieldbook::domain;

namespace {
constexpr qint64 kDay = 86'400'000;
} // namespace

class TestClock : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase();
    void parseIso8601_valid_data();
    void parseIso8601_valid();
    void parseIso8601_invalid_data();
    void parseIso8601_invalid();
    void formatIso8601_data();
    void formatIso8601();
    void formatIso8601_roundTrips();
    void formatDate_isUtcDay();
    void nowMs_isCurrent();
    void newUuid_isVersion4();
    void newUuid_isUnique();
    void stableUuid_isStable();
    void stableUuid_separatesNamespaceFromName();
};

void TestClock::initTestCase() {
    QVERIFY(sodium_init() >= 0);
}

void TestClock::parseIso8601_valid_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("ms");
    QTest::newRow("epoch date") << QStringLiteral("1970-01-01") << qint64(0);
    QTest::newRow("date") << QStringLiteral("2017-03-01") << qint64(1'488'326'400'000);
    QTest::newRow("leap day") << QStringLiteral("2024-02-29") << qint64(1'709'164'800'000);
    QTest::newRow("minutes, no offset is UTC")
        << QStringLiteral("2021-03-04T05:06") << qint64(1'614'834'360'000);
    QTest::newRow("seconds Z") << QStringLiteral("2021-03-04T05:06:07Z")
                               << qint64(1'614'834'367'000);
    QTest::newRow("space separator")
        << QStringLiteral("2021-03-04 05:06:07") << qint64(1'614'834'367'000);
    QTest::newRow("millis") << QStringLiteral("2021-03-04T05:06:07.123Z")
                            << qint64(1'614'834'367'123);
    QTest::newRow("one fraction digit")
        << QStringLiteral("2021-03-04T05:06:07.5Z") << qint64(1'614'834'367'500);
    QTest::newRow("micros truncated")
        << QStringLiteral("2021-03-04T05:06:07.123999Z") << qint64(1'614'834'367'123);
    QTest::newRow("positive offset")
        << QStringLiteral("2021-03-04T08:06:07+03:00") << qint64(1'614'834'367'000);
    QTest::newRow("negative offset")
        << QStringLiteral("2021-03-04T00:06:07-05:00") << qint64(1'614'834'367'000);
    QTest::newRow("offset without seconds")
        << QStringLiteral("2021-03-04T08:06+03:00") << qint64(1'614'834'360'000);
    QTest::newRow("offset crosses the day")
        << QStringLiteral("2021-03-04T01:00:00+03:00") << qint64(1'614'808'800'000);
    QTest::newRow("before epoch") << QStringLiteral("1969-12-31T23:59:59Z") << qint64(-1000);
    QTest::newRow("last minute of the day")
        << QStringLiteral("2021-03-04T23:59:59.999Z") << qint64(1'614'902'399'999);
}

void TestClock::parseIso8601_valid() {
    QFETCH(QString, text);
    QFETCH(qint64, ms);
    auto got = parseIso8601(text.toStdString());
    QVERIFY2(got.has_value(), qPrintable(text));
    QCOMPARE(*got, ms);
}

void TestClock::parseIso8601_invalid_data() {
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("february 30th") << QStringLiteral("2017-02-30");
    QTest::newRow("not a leap year") << QStringLiteral("2023-02-29");
    QTest::newRow("month 13") << QStringLiteral("2021-13-01");
    QTest::newRow("month 0") << QStringLiteral("2021-00-10");
    QTest::newRow("day 0") << QStringLiteral("2021-01-00");
    QTest::newRow("one-digit month") << QStringLiteral("2021-3-04");
    QTest::newRow("slashes") << QStringLiteral("2021/03/04");
    QTest::newRow("hour 24") << QStringLiteral("2021-03-04T24:00");
    QTest::newRow("minute 60") << QStringLiteral("2021-03-04T10:60");
    QTest::newRow("second 61") << QStringLiteral("2021-03-04T10:00:61");
    QTest::newRow("T without time") << QStringLiteral("2021-03-04T");
    QTest::newRow("short time") << QStringLiteral("2021-03-04T05:0");
    QTest::newRow("empty fraction") << QStringLiteral("2021-03-04T05:06:07.Z");
    QTest::newRow("trailing garbage") << QStringLiteral("2021-03-04T05:06:07Zx");
    QTest::newRow("garbage after date") << QStringLiteral("2021-03-04x");
    QTest::newRow("offset hour 24") << QStringLiteral("2021-03-04T05:06:07+24:00");
    QTest::newRow("offset without colon") << QStringLiteral("2021-03-04T05:06:07+0300");
    QTest::newRow("sign in year") << QStringLiteral("+021-03-04");
    QTest::newRow("letters") << QStringLiteral("yesterday!");
}

void TestClock::parseIso8601_invalid() {
    QFETCH(QString, text);
    QVERIFY2(!parseIso8601(text.toStdString()).has_value(), qPrintable(text));
}

void TestClock::formatIso8601_data() {
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("text");
    QTest::newRow("epoch") << qint64(0) << QStringLiteral("1970-01-01T00:00:00Z");
    QTest::newRow("millis dropped")
        << qint64(1'614'834'367'999) << QStringLiteral("2021-03-04T05:06:07Z");
    QTest::newRow("before epoch") << qint64(-1) << QStringLiteral("1969-12-31T23:59:59Z");
    QTest::newRow("leap day") << qint64(1'709'164'800'000 + kDay - 1000)
                              << QStringLiteral("2024-02-29T23:59:59Z");
}

void TestClock::formatIso8601() {
    QFETCH(qint64, ms);
    QFETCH(QString, text);
    QCOMPARE(QString::fromStdString(fieldbook::domain::formatIso8601(ms)), text);
}

void TestClock::formatIso8601_roundTrips() {
    for (qint64 ms : {qint64(0), qint64(1'614'834'367'000), qint64(-86'400'000),
                      qint64(4'102'444'800'000) /* 2100-01-01 */}) {
        auto text = fieldbook::domain::formatIso8601(ms);
        auto back = parseIso8601(text);
        QVERIFY2(back.has_value(), text.c_str());
        QCOMPARE(*back, ms);
    }
}

void TestClock::formatDate_isUtcDay() {
    QCOMPARE(formatDate(1'614'902'399'999), std::string("2021-03-04"));
    QCOMPARE(formatDate(1'614'902'400'000), std::string("2021-03-05"));
    QCOMPARE(formatDate(-1), std::string("1969-12-31"));
}

void TestClock::nowMs_isCurrent() {
    auto qt = QDateTime::currentMSecsSinceEpoch();
    auto ours = nowMs();
    QVERIFY(qAbs(ours - qt) < 5000);
}

void TestClock::newUuid_isVersion4() {
    static const QRegularExpression v4(
        QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
    for (int i = 0; i < 50; ++i) {
        auto id = QString::fromStdString(newUuid());
        QVERIFY2(v4.match(id).hasMatch(), qPrintable(id));
    }
}

void TestClock::newUuid_isUnique() {
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) {
        QVERIFY(seen.insert(newUuid()).second);
    }
}

void TestClock::stableUuid_isStable() {
    static const QRegularExpression v8(
        QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
    auto a = stableUuid("client", "Acme Corporation");
    QCOMPARE(stableUuid("client", "Acme Corporation"), a);
    QVERIFY2(v8.match(QString::fromStdString(a)).hasMatch(), a.c_str());
    QVERIFY(stableUuid("client", "Acme Corporation ") != a);
    QVERIFY(stableUuid("deal", "Acme Corporation") != a);
}

void TestClock::stableUuid_separatesNamespaceFromName() {
    // Without a separator ("ab", "c") and ("a", "bc") would hash the same bytes.
    QVERIFY(stableUuid("ab", "c") != stableUuid("a", "bc"));
    QVERIFY(stableUuid("", "x") != stableUuid("x", ""));
}

QTEST_GUILESS_MAIN(TestClock)
#include "tst_clock.moc"
