// SPDX-License-Identifier: MIT
// Hybrid logical clock (shared/sync/hlc.h): text form, ordering, tick/observe
// and the server's skew bound (SPEC §4).
// <QTest> first: Qt 6.4's moc cannot parse libstdc++'s <concepts> when
// <compare> (from sync/hlc.h) is the first standard header it meets.
#include <QTest>

#include "sync/hlc.h"

#include "qtest_std.h"

#include <algorithm>
#include <string>
#include <vector>

using fieldbook::sync::boundSkew;
using fieldbook::sync::Hlc;
using fieldbook::sync::HlcClock;

namespace QTest {
template <> inline char* toString(const Hlc& h) {
    return qstrdup(h.toString().c_str());
}
} // namespace QTest

class TestHlc : public QObject {
    Q_OBJECT

  private slots:
    void toString_isFixedWidth();
    void parse_roundTrips_data();
    void parse_roundTrips();
    void parse_rejectsMalformed_data();
    void parse_rejectsMalformed();
    void textOrder_matchesTupleOrder();
    void tick_isMonotonicWhenWallClockStalls();
    void tick_isMonotonicWhenWallClockGoesBack();
    void tick_resetsCounterWhenWallClockAdvances();
    void observe_remoteAhead();
    void observe_localAhead();
    void observe_allEqual();
    void observe_nowAhead();
    void tickAfterObserve_exceedsRemote();
    void boundSkew_keepsStampWithinBound();
    void boundSkew_restampsStampBeyondBound();
};

void TestHlc::toString_isFixedWidth() {
    Hlc h{1'700'000'000'123, 7, "dev-a"};
    QCOMPARE(h.toString(), std::string("001700000000123-000007-dev-a"));
    QCOMPARE(Hlc{}.toString(), std::string("000000000000000-000000-"));
}

void TestHlc::parse_roundTrips_data() {
    QTest::addColumn<qint64>("wallMs");
    QTest::addColumn<quint32>("counter");
    QTest::addColumn<QString>("node");
    QTest::newRow("zero") << qint64(0) << quint32(0) << QString();
    QTest::newRow("typical") << qint64(1'700'000'000'123) << quint32(42) << QStringLiteral("dev");
    QTest::newRow("max counter") << qint64(1) << quint32(999'999) << QStringLiteral("n");
    QTest::newRow("max wall") << qint64(999'999'999'999'999) << quint32(0) << QStringLiteral("x");
    QTest::newRow("node with dashes")
        << qint64(5) << quint32(3) << QStringLiteral("8a1b2c3d-0000-4000-8000-000000000001");
}

void TestHlc::parse_roundTrips() {
    QFETCH(qint64, wallMs);
    QFETCH(quint32, counter);
    QFETCH(QString, node);
    Hlc h{wallMs, counter, node.toStdString()};
    auto back = Hlc::parse(h.toString());
    QVERIFY(back.has_value());
    QCOMPARE(back->wallMs, h.wallMs);
    QCOMPARE(back->counter, h.counter);
    QCOMPARE(back->node, h.node);
    QVERIFY(*back == h);
}

void TestHlc::parse_rejectsMalformed_data() {
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("too short") << QStringLiteral("00000000000001-000000");
    QTest::newRow("missing first dash") << QStringLiteral("001700000000123+000007-n");
    QTest::newRow("missing second dash") << QStringLiteral("001700000000123-000007+n");
    QTest::newRow("letters in wall") << QStringLiteral("00170000000012x-000007-n");
    QTest::newRow("letters in counter") << QStringLiteral("001700000000123-00000x-n");
    QTest::newRow("negative wall") << QStringLiteral("-00000000000001-000000-n");
    QTest::newRow("plus sign wall") << QStringLiteral("+00000000000001-000000-n");
    QTest::newRow("negative counter") << QStringLiteral("001700000000123--00001-n");
    QTest::newRow("short wall") << QStringLiteral("17000000123-000007-node-xyz");
}

void TestHlc::parse_rejectsMalformed() {
    QFETCH(QString, text);
    QVERIFY2(!Hlc::parse(text.toStdString()).has_value(), qPrintable(text));
}

void TestHlc::textOrder_matchesTupleOrder() {
    std::vector<Hlc> stamps = {
        {5, 0, "b"}, {5, 0, "a"},  {5, 1, "a"},  {4, 999'999, "z"}, {1'000'000'000'000, 0, ""},
        {6, 0, "a"}, {5, 10, "a"}, {5, 9, "zz"},
    };
    for (const auto& x : stamps) {
        for (const auto& y : stamps) {
            bool tupleLess = x < y;
            bool textLess = x.toString() < y.toString();
            QVERIFY2(tupleLess == textLess,
                     qPrintable(QString::fromStdString(x.toString() + " vs " + y.toString())));
        }
    }
}

void TestHlc::tick_isMonotonicWhenWallClockStalls() {
    HlcClock clock("dev");
    auto a = clock.tick(1000);
    auto b = clock.tick(1000);
    auto c = clock.tick(1000);
    QCOMPARE(a, (Hlc{1000, 0, "dev"}));
    QCOMPARE(b, (Hlc{1000, 1, "dev"}));
    QCOMPARE(c, (Hlc{1000, 2, "dev"}));
    QVERIFY(a < b && b < c);
}

void TestHlc::tick_isMonotonicWhenWallClockGoesBack() {
    HlcClock clock("dev", Hlc{5000, 3, "dev"});
    auto a = clock.tick(4000); // the device clock was set back
    QCOMPARE(a, (Hlc{5000, 4, "dev"}));
    auto b = clock.tick(1);
    QVERIFY(b > a);
    QCOMPARE(clock.last(), b);
}

void TestHlc::tick_resetsCounterWhenWallClockAdvances() {
    HlcClock clock("dev", Hlc{5000, 9, "other"});
    auto a = clock.tick(6000);
    QCOMPARE(a, (Hlc{6000, 0, "dev"}));
}

void TestHlc::observe_remoteAhead() {
    HlcClock clock("dev", Hlc{1000, 5, "dev"});
    clock.observe(Hlc{3000, 7, "server"}, 2000);
    QCOMPARE(clock.last(), (Hlc{3000, 8, "dev"}));
}

void TestHlc::observe_localAhead() {
    HlcClock clock("dev", Hlc{3000, 5, "dev"});
    clock.observe(Hlc{1000, 7, "server"}, 2000);
    QCOMPARE(clock.last(), (Hlc{3000, 6, "dev"}));
}

void TestHlc::observe_allEqual() {
    HlcClock clock("dev", Hlc{3000, 5, "dev"});
    clock.observe(Hlc{3000, 9, "server"}, 3000);
    QCOMPARE(clock.last(), (Hlc{3000, 10, "dev"}));
    HlcClock other("dev", Hlc{3000, 12, "dev"});
    other.observe(Hlc{3000, 9, "server"}, 3000);
    QCOMPARE(other.last(), (Hlc{3000, 13, "dev"}));
}

void TestHlc::observe_nowAhead() {
    HlcClock clock("dev", Hlc{1000, 5, "dev"});
    clock.observe(Hlc{2000, 7, "server"}, 9000);
    QCOMPARE(clock.last(), (Hlc{9000, 0, "dev"}));
}

void TestHlc::tickAfterObserve_exceedsRemote() {
    HlcClock clock("dev");
    Hlc remote{1'000'000, 42, "zzz"}; // a node name that sorts after "dev"
    clock.observe(remote, 10);
    auto next = clock.tick(10);
    QVERIFY(next > remote);
    QCOMPARE(next.node, std::string("dev"));
}

void TestHlc::boundSkew_keepsStampWithinBound() {
    bool clamped = true;
    Hlc stamp{10'000 + 300'000, 4, "dev"}; // exactly at the bound
    auto out = boundSkew(stamp, 10'000, 300'000, clamped);
    QVERIFY(!clamped);
    QCOMPARE(out, stamp);

    Hlc past{1, 2, "dev"}; // a device clock behind is never moved
    out = boundSkew(past, 10'000, 300'000, clamped);
    QVERIFY(!clamped);
    QCOMPARE(out, past);
}

void TestHlc::boundSkew_restampsStampBeyondBound() {
    bool clamped = false;
    Hlc stamp{10'000 + 300'001, 4, "dev"};
    auto out = boundSkew(stamp, 10'000, 300'000, clamped);
    QVERIFY(clamped);
    QCOMPARE(out, (Hlc{10'000, 0, "dev"}));
}

QTEST_GUILESS_MAIN(TestHlc)
#include "tst_hlc.moc"
