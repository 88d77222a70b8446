// SPDX-License-Identifier: MIT
#pragma once

#include "device/live_channel.h"
#include "device/sync_scheduler.h"
#include "sync_worker.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <memory>

namespace fieldbook::app {

/// The app's side of "the device syncs on its own" (docs/protocol.md "When
/// the device syncs"): drives device::SyncScheduler (the policy) with a Qt
/// timer and a monotonic clock, feeds it the network's reachability
/// (QNetworkInformation, when the platform has a backend) and the live
/// channel's notices and events (device::LiveChannel on its own thread), and
/// emits syncDue() when a sync should start. GUI thread only.
///
/// The live channel's events act as in `fieldbook-cli sync --follow`: a
/// connect after a loss syncs at once, a sync backoff cut short (notices
/// may have been missed while it was down); a refused upgrade (401/403/426:
/// the user deactivated, the token revoked, the app too old) ends the
/// channel, with no reconnect loop, and syncs at once, so that the sync's
/// own failure says why and stops the automatic syncs (AppSession shows
/// it). The channel stays closed until the next start() (sign-in, app start).
class SyncSchedule : public QObject {
    Q_OBJECT

  public:
    /// Timings from AppOptions: `debounceMs` after the last edit, every
    /// `periodMs`, backoff from `firstRetryMs` doubling to `maxRetryMs`.
    SyncSchedule(int debounceMs, int periodMs, int firstRetryMs, int maxRetryMs,
                 QObject* parent = nullptr);
    ~SyncSchedule() override;

    /// A session exists: sync at once and keep the live channel to
    /// `serverUrl` open with `token`.
    void start(const QString& serverUrl, const QString& token);
    /// Signed out: no more automatic syncs, live channel closed.
    void stop();
    void localEdit();
    /// The user asked: due at once, even after an auth or update failure.
    void retryNow();

    /// Tell it when a sync starts and how it ended.
    void syncStarted();
    void syncFinished(const SyncOutcome& outcome);

    /// A failure to show: 3 in a row, or one that retrying cannot fix.
    bool persistentFailure() const { return scheduler_.persistentFailure(); }
    int consecutiveFailures() const { return scheduler_.consecutiveFailures(); }
    /// Automatic syncs stopped (auth, update required).
    bool stopped() const { return scheduler_.stopped(); }
    bool liveConnected() const { return live_.connected(); }

  signals:
    void syncDue();

  private:
    qint64 now() const { return clock_.elapsed(); }
    void reschedule();
    void onTimer();
    void onLiveNotice();
    void onLiveEvent(device::LiveEvent::Type type, bool afterLoss, const QString& message);
    void onReachability(bool online);

    device::SyncScheduler scheduler_;
    QElapsedTimer clock_;
    QTimer timer_;
    device::LiveChannel live_;
    bool active_ = false;
    /// Counts start()s and stop()s: what a stopped channel queued is dropped.
    quint64 generation_ = 0;
};

} // namespace fieldbook::app
