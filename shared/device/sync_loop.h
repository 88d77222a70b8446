// SPDX-License-Identifier: MIT
#pragma once

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
#include <string>

namespace fieldbook::device {

/// The device syncing on its own without Qt (`fieldbook-cli sync --follow`;
/// the app drives the same SyncScheduler with Qt timers): syncs when the
/// scheduler says (start, edits seen in the outbox, live notices, the
/// period, backoff after failures) and keeps the live channel
/// (LiveClient) open on a thread of its own, reconnecting with the same
/// backoff. Records each attempt's health in the replica (sync_health.h).
class SyncLoop {
  public:
    /// One finished attempt.
    struct Report {
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
    Replica& replica_;
    TransportFactory transport_;
    SyncScheduler scheduler_;
    std::uint64_t seed_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool notice_ = false; ///< guarded by mutex_
};

} // namespace fieldbook::device
