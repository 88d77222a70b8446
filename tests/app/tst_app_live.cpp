// SPDX-License-Identifier: MIT
// The app's live channel against a real fieldbook-server: its events act as
// in `fieldbook-cli sync --follow` (tst_sync_follow). A refused upgrade (the
// user deactivated while the app follows) syncs at once, and that sync's
// failure shows, with no reconnect loop; a reconnect after the server was
// gone syncs at once, cutting the sync backoff short. The periodic syncs and
// the retries wait a day here, so only the live channel can explain a sync.
#include <QTest>

#include "app_options.h"
#include "app_session.h"
#include "device/replica.h"
#include "test_server.h"

#include <QSignalSpy>
#include <QTemporaryDir>

using fieldbook::test::binPath;
using fieldbook::test::run;
using fieldbook::test::TestServer;

namespace {
constexpr int kWaitMs = 60'000;
constexpr int kDayMs = 86'400'000;

/// Logs `login` in at start; nothing but the live channel (or a button) syncs within a day.
fieldbook::app::AppOptions dayLongOptions(const QString& profileDir, const QString& serverUrl,
                                          const QString& login) {
    fieldbook::app::AppOptions o;
    o.profileDir = profileDir;
    o.serverUrl = serverUrl;
    o.user = login;
    o.password = u"demo"_qs;
    o.requestTimeoutMs = 10'000;
    o.syncIntervalMs = kDayMs;
    o.firstRetryMs = kDayMs;
    o.maxRetryMs = kDayMs;
    return o;
}

/// Upgrade requests to the live channel the server logged so far.
int liveUpgrades(TestServer& server) {
    return int(server.serverLog().count("/api/v1/live"));
}
} // namespace

class TstAppLive : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() { QVERIFY2(server_.start(true), server_.serverLog().constData()); }
    void cleanupTestCase() { server_.stop(); }

    /// Fix: the app passed only a notice callback to the channel; a
    /// deactivated user's app looked healthy until its periodic sync.
    void refusedUpgradeSyncsAtOnceAndShowsWhy() {
        QTemporaryDir profile;
        AppSession session(dayLongOptions(profile.path(), server_.url(), u"cecily.lampkin"_qs));
        QTRY_VERIFY2_WITH_TIMEOUT(session.loggedIn() && session.everSynced() &&
                                      session.syncState() == u"synced"_qs,
                                  qPrintable(session.lastError()), kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(session.liveConnected(), kWaitMs);
        QSignalSpy failed(&session, &AppSession::syncFailed);

        auto r = run(binPath(u"fieldbook-server"_qs),
                     {u"user"_qs, u"deactivate"_qs, u"--db"_qs, server_.dbPath(), u"--login"_qs,
                      u"cecily.lampkin"_qs});
        QCOMPARE(r.exitCode, 0);

        QTRY_VERIFY_WITH_TIMEOUT(failed.count() >= 1, kWaitMs);
        QCOMPARE(failed.count(), 1);
        QVERIFY2(session.lastError().startsWith(u"The server did not accept your sign-in"_qs),
                 qPrintable(session.lastError()));
        QVERIFY(!session.loggedIn()); // the refused token is forgotten: sign in again
        QVERIFY(!session.liveConnected());
        // The channel ended: no reconnect loop (its backoff starts at 1 s).
        const int upgrades = liveUpgrades(server_);
        QTest::qWait(3'000);
        QCOMPARE(liveUpgrades(server_), upgrades);
        QCOMPARE(failed.count(), 1);

        QCOMPARE(run(binPath(u"fieldbook-server"_qs),
                     {u"user"_qs, u"activate"_qs, u"--db"_qs, server_.dbPath(), u"--login"_qs,
                      u"cecily.lampkin"_qs})
                     .exitCode,
                 0);
    }

    /// Fix: after the server came back, the reconnect's notice waited for
    /// the sync backoff (a day here; up to a minute by default).
    void reconnectAfterALossSyncsAtOnce() {
        QTemporaryDir profile;
        AppSession session(dayLongOptions(profile.path(), server_.url(), u"darcel.schlecht"_qs));
        QTRY_VERIFY2_WITH_TIMEOUT(session.loggedIn() && session.everSynced() &&
                                      session.syncState() == u"synced"_qs,
                                  qPrintable(session.lastError()), kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(session.liveConnected(), kWaitMs);
        const auto clients = session.replica()->clients("");
        QVERIFY(!clients.empty());
        const auto clientId = QString::fromStdString(clients.at(0)["id"].get<std::string>());

        server_.kill();
        QTRY_VERIFY_WITH_TIMEOUT(!session.liveConnected(), kWaitMs);
        session.syncNow(); // fails: the next try waits for the backoff
        QTRY_COMPARE_WITH_TIMEOUT(session.syncState(), u"offline"_qs, kWaitMs);
        QVERIFY(!session
                     .logHistory(clientId, u"call"_qs, u"Called while the server was down"_qs,
                                 QString())
                     .isEmpty());
        QCOMPARE(session.pendingCount(), 1);

        QVERIFY2(server_.restart(), server_.serverLog().constData());
        QTRY_VERIFY2_WITH_TIMEOUT(
            session.pendingCount() == 0 && session.syncState() == u"synced"_qs,
            qPrintable(session.syncState() + u" "_qs + session.lastError()), kWaitMs);
        QVERIFY(session.liveConnected());
        QVERIFY(session.lastError().isEmpty());
    }

  private:
    TestServer server_;
};

QTEST_GUILESS_MAIN(TstAppLive)
#include "tst_app_live.moc"
