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
/// channel's notices (device::LiveChannel on its own thread), and emits
/// syncDue() when a sync should start. GUI thread only.
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
    void onReachability(bool online);

    device::SyncScheduler scheduler_;
    QElapsedTimer clock_;
    QTimer timer_;
    device::LiveChannel live_;
    bool active_ = false;
};

} // namespace fieldbook::app
