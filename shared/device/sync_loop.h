// SPDX-License-Identifier: MIT
#pragma once

#include "device/live_channel.h"
#include "device/replica.h"
#include "device/sync_engine.h"
#include "device/sync_health.h"
#include "device/sync_scheduler.h"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace fieldbook::device {

/// The device syncing on its own without Qt (`fieldbook-cli sync --follow`;
/// the app drives the same SyncScheduler with Qt timers): syncs when the
/// scheduler says (start, edits seen in the outbox, live notices, the
/// period, backoff after failures) and keeps the live channel
/// (LiveChannel) open on a thread of its own. Records each attempt's health
/// in the replica (sync_health.h). The live channel's events are reported
/// too: a loss once (kept as the replica's last error), the reconnect after
/// it (a sync follows at once, a sync backoff cut short), and a refused
/// upgrade (401/403/426), which ends the loop like a refused sync: recorded
/// in the replica's health and last error, reported as a stopped failure.
class SyncLoop {
  public:
    /// One finished attempt, or an event of the live channel (`live` set).
    struct Report {
        /// Lost or Connected-after-a-loss (not a sync attempt), or Refused
        /// (then also a failed, stopped attempt: `failure` holds its code).
        std::optional<LiveEvent> live;
        bool ok = false;
        SyncSummary summary;       ///< when ok
        ClassifiedFailure failure; ///< when not ok
        int consecutiveFailures = 0;
        bool persistent = false;    ///< show it to the user
        bool stopped = false;       ///< automatic syncs stopped (auth, update_required)
        std::int64_t nextInMs = -1; ///< ms until the next attempt, -1 when stopped
    };
    /// Makes the transport for a server URL.
    using TransportFactory = std::function<std::unique_ptr<Transport>(const std::string& url)>;

    SyncLoop(Replica& replica, TransportFactory transport, SyncScheduler::Options options,
             std::uint64_t seed);
    ~SyncLoop();
    SyncLoop(const SyncLoop&) = delete;
    SyncLoop& operator=(const SyncLoop&) = delete;

    /// Runs until `stop` becomes true (checked at least every 500 ms) or
    /// automatic syncs stop (auth, update_required: the last report says
    /// so). Calls `report` on this thread after every attempt. Throws
    /// SyncError not_logged_in without a session.
    void run(const std::atomic<bool>& stop, const std::function<void(const Report&)>& report);

  private:
    /// Handles one live channel event; true when the loop must end (Refused).
    bool liveEvent(const LiveEvent& e, const std::function<void(const Report&)>& report);

    Replica& replica_;
    TransportFactory transport_;
    SyncScheduler scheduler_;
    std::uint64_t seed_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool notice_ = false;           ///< guarded by mutex_
    std::vector<LiveEvent> events_; ///< guarded by mutex_
};

} // namespace fieldbook::device
