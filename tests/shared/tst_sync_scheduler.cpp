// SPDX-License-Identifier: MIT
// When the device syncs on its own (shared/device/sync_scheduler.h, issue 4
// "sync behaviour"): the backoff schedule as a pure function with a seeded
// jitter, and the scheduler's answers to start, edits, notices, the network,
// successes and failures. No clock: every time is given.
#include <QTest>

#include "device/sync_scheduler.h"

#include "qtest_std.h"

#include <vector>

using fieldbook::device::backoffCeilingMs;
using fieldbook::device::backoffDelayMs;
using fieldbook::device::BackoffPolicy;
using fieldbook::device::SyncFailure;
using fieldbook::device::SyncScheduler;

namespace {
constexpr std::int64_t ms(std::int64_t v) {
    return v;
}
} // namespace

class TestSyncScheduler : public QObject {
    Q_OBJECT

  private slots:
    void ceilingDoublesFromOneSecondToFiveMinutes() {
        BackoffPolicy p;
        QCOMPARE(backoffCeilingMs(p, 0), ms(0));
        const std::vector<std::int64_t> expected{1'000,  2'000,   4'000,   8'000,   16'000, 32'000,
                                                 64'000, 128'000, 256'000, 300'000, 300'000};
        for (int n = 1; n <= static_cast<int>(expected.size()); ++n) {
            QCOMPARE(backoffCeilingMs(p, n), expected[static_cast<std::size_t>(n - 1)]);
        }
        QCOMPARE(backoffCeilingMs(p, 10'000), ms(300'000)); // no overflow
    }

    void fullJitterIsSeededAndWithinTheCeiling() {
        BackoffPolicy p;
        std::mt19937_64 a(42), b(42), c(7);
        std::vector<std::int64_t> first, second, other;
        for (int n = 1; n <= 12; ++n) {
            first.push_back(backoffDelayMs(p, n, a));
            second.push_back(backoffDelayMs(p, n, b));
            other.push_back(backoffDelayMs(p, n, c));
            QVERIFY(first.back() >= 0 && first.back() <= backoffCeilingMs(p, n));
        }
        QVERIFY(first == second); // the same seed replays the same schedule
        QVERIFY(first != other);
        // Full jitter spreads over the whole range: over many draws at the cap
        // both halves are hit.
        std::mt19937_64 rng(1);
        int low = 0, high = 0;
        for (int i = 0; i < 200; ++i) {
            (backoffDelayMs(p, 20, rng) < 150'000 ? low : high)++;
        }
        QVERIFY(low > 50 && high > 50);
    }

    void startEditsNoticesAndThePeriod() {
        SyncScheduler s({}, 1);
        QVERIFY(!s.dueAtMs());
        s.started(1'000);
        QCOMPARE(*s.dueAtMs(), ms(1'000));
        s.syncStarted(1'000);
        QVERIFY(!s.dueAtMs()); // one sync at a time
        s.localEdit(1'500);    // during the sync: another one after it
        s.syncSucceeded(2'000);
        QCOMPARE(*s.dueAtMs(), ms(3'500));
        s.syncStarted(3'500);
        s.syncSucceeded(3'600);
        QCOMPARE(*s.dueAtMs(), ms(3'600 + 300'000)); // periodic
        // Edits are debounced 2 s after the last one, but not past 10 s.
        s.localEdit(10'000);
        QCOMPARE(*s.dueAtMs(), ms(12'000));
        s.localEdit(11'000);
        QCOMPARE(*s.dueAtMs(), ms(13'000));
        for (std::int64_t t = 12'000; t <= 30'000; t += 1'000) {
            s.localEdit(t);
        }
        QCOMPARE(*s.dueAtMs(), ms(20'000));
        s.liveNotice(14'000);
        QCOMPARE(*s.dueAtMs(), ms(14'000));
        QVERIFY(s.due(14'000));
        QVERIFY(!s.due(13'999));
    }

    void failuresBackOffAndNeverWaitForAnEdit() {
        SyncScheduler s({}, 99);
        std::mt19937_64 replay(99);
        BackoffPolicy p;
        std::int64_t now = 0;
        s.started(now);
        for (int n = 1; n <= 5; ++n) {
            s.syncStarted(now);
            s.syncFailed(now, SyncFailure::Network, "cannot reach 127.0.0.1:9: connection refused");
            auto due = s.dueAtMs();
            QVERIFY(due); // a retry is scheduled without any new edit
            QCOMPARE(*due - now, backoffDelayMs(p, n, replay));
            QCOMPARE(s.persistentFailure(), n >= 3);
            // Notices and edits do not cut the backoff short...
            s.liveNotice(now);
            s.localEdit(now);
            QCOMPARE(*s.dueAtMs(), ms(*due));
            now = *due;
        }
        QCOMPARE(s.consecutiveFailures(), 5);
        QCOMPARE(s.lastReason(), std::string("cannot reach 127.0.0.1:9: connection refused"));
        // ...the network coming back does.
        s.syncStarted(now);
        s.syncFailed(now, SyncFailure::Server, "server answered HTTP 503");
        s.networkChanged(now + 10, true);
        QCOMPARE(*s.dueAtMs(), ms(now + 10));
        s.syncStarted(now + 10);
        s.syncSucceeded(now + 20);
        QCOMPARE(s.consecutiveFailures(), 0);
        QVERIFY(!s.persistentFailure());
        QVERIFY(s.lastReason().empty());
    }

    /// The live channel back, or refused for good: a sync at once, a
    /// backoff cut short (the app and sync --follow act on both).
    void liveConnectedOrRefusedCutsTheBackoffShort() {
        SyncScheduler s({}, 7);
        s.started(0);
        s.syncStarted(0);
        s.syncSucceeded(10);
        s.liveConnected(20);
        QCOMPARE(*s.dueAtMs(), ms(20));
        s.syncStarted(20);
        s.syncFailed(20, SyncFailure::Network, "cannot reach the server");
        QVERIFY(*s.dueAtMs() >= 20);
        s.liveConnected(25);
        QCOMPARE(*s.dueAtMs(), ms(25));
        s.syncStarted(25);
        s.syncFailed(25, SyncFailure::Server, "server answered HTTP 503");
        s.liveRefused(30);
        QCOMPARE(*s.dueAtMs(), ms(30));
        // A refusal does not undo a stop: only the user's retryNow() does.
        s.syncStarted(30);
        s.syncFailed(30, SyncFailure::Auth, "user_inactive");
        s.liveRefused(40);
        s.liveConnected(40);
        QVERIFY(!s.dueAtMs());
    }

    void updateRequiredAndAuthStopAtOnce() {
        for (auto kind : {SyncFailure::UpdateRequired, SyncFailure::Auth}) {
            SyncScheduler s({}, 3);
            s.started(0);
            s.syncStarted(0);
            s.syncFailed(0, kind, "this app is too old for the server; please update Fieldbook");
            QVERIFY(s.persistentFailure());
            QVERIFY(s.stopped());
            QVERIFY(!s.dueAtMs()); // no retry loop
            s.liveNotice(5);
            s.localEdit(5);
            s.networkChanged(5, true);
            QVERIFY(!s.dueAtMs());
            s.retryNow(6); // the user asks
            QCOMPARE(*s.dueAtMs(), ms(6));
        }
    }
};

QTEST_GUILESS_MAIN(TestSyncScheduler)
#include "tst_sync_scheduler.moc"
