// SPDX-License-Identifier: MIT
#include "device/sync_loop.h"

#include "device/live_channel.h"
#include "domain/clock.h"

#include <chrono>

namespace fieldbook::device {

namespace {
std::int64_t steadyMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}
constexpr std::int64_t kPollMs = 500; // stop flag and outbox checks
} // namespace

SyncLoop::SyncLoop(Replica& replica, TransportFactory transport, SyncScheduler::Options options,
                   std::uint64_t seed)
    : replica_(replica), transport_(std::move(transport)), scheduler_(options, seed), seed_(seed) {}

SyncLoop::~SyncLoop() = default;

void SyncLoop::run(const std::atomic<bool>& stop,
                   const std::function<void(const Report&)>& report) {
    auto session = replica_.session();
    if (!session || session->token.empty()) {
        throw SyncError(SyncError::Kind::Auth, 0, "not_logged_in",
                        "log in first: fieldbook-cli login --server URL --user LOGIN");
    }
    LiveChannel live;
    live.start(
        session->serverUrl, session->token, seed_ + 1,
        [this] {
            {
                std::lock_guard g(mutex_);
                notice_ = true;
            }
            wake_.notify_one();
        },
        [this](const LiveEvent& e) {
            {
                std::lock_guard g(mutex_);
                events_.push_back(e);
            }
            wake_.notify_one();
        });

    auto transport = transport_(session->serverUrl);
    SyncEngine engine(replica_, *transport);
    scheduler_.started(steadyMs());
    int lastPending = replica_.status().pending;
    while (!stop) {
        std::vector<LiveEvent> events;
        {
            std::unique_lock lk(mutex_);
            auto until = steadyMs() + kPollMs;
            if (auto due = scheduler_.dueAtMs()) {
                until = std::min(until, *due);
            }
            wake_.wait_until(
                lk, std::chrono::steady_clock::time_point(std::chrono::milliseconds(until)),
                [&] { return notice_ || !events_.empty(); });
            if (notice_) {
                notice_ = false;
                scheduler_.liveNotice(steadyMs());
            }
            events.swap(events_);
        }
        for (const auto& e : events) {
            if (liveEvent(e, report)) {
                return;
            }
        }
        // Edits made by other programs on this replica (fieldbook-cli log ...).
        const int pending = replica_.status().pending;
        if (pending > lastPending) {
            scheduler_.localEdit(steadyMs());
        }
        lastPending = pending;
        if (!scheduler_.due(steadyMs())) {
            continue;
        }
        scheduler_.syncStarted(steadyMs());
        Report r;
        try {
            r.summary = engine.sync();
            r.ok = true;
            scheduler_.syncSucceeded(steadyMs());
            recordSyncHealth(replica_, domain::nowMs(), true);
        } catch (...) {
            r.failure = classifyFailure(std::current_exception());
            scheduler_.syncFailed(steadyMs(), r.failure.kind, r.failure.message);
            recordSyncHealth(replica_, domain::nowMs(), false, r.failure.code, r.failure.kindName);
        }
        lastPending = replica_.status().pending;
        r.consecutiveFailures = scheduler_.consecutiveFailures();
        r.persistent = scheduler_.persistentFailure();
        r.stopped = scheduler_.stopped();
        if (auto due = scheduler_.dueAtMs()) {
            r.nextInMs = std::max<std::int64_t>(0, *due - steadyMs());
        }
        report(r);
        if (r.stopped) {
            return;
        }
    }
}

bool SyncLoop::liveEvent(const LiveEvent& e, const std::function<void(const Report&)>& report) {
    Report r;
    r.live = e;
    switch (e.type) {
    case LiveEvent::Type::Connected:
        // Back (or there at last): sync now, even while a sync backoff runs.
        scheduler_.liveConnected(steadyMs());
        if (!e.afterLoss) {
            return false;
        }
        r.ok = true;
        break;
    case LiveEvent::Type::Lost:
        replica_.setMeta("last_error", "live channel lost at " + domain::formatIso8601(e.atMs) +
                                           ": " + e.message);
        r.failure = {SyncFailure::Network, "network", "network", e.message};
        break;
    case LiveEvent::Type::Refused:
        r.failure = classifyFailure(e.refusal);
        scheduler_.syncFailed(steadyMs(), r.failure.kind, r.failure.message);
        recordSyncHealth(replica_, e.atMs, false, r.failure.code, r.failure.kindName);
        replica_.recordSyncAttempt(e.atMs, r.failure.message);
        r.consecutiveFailures = scheduler_.consecutiveFailures();
        r.persistent = scheduler_.persistentFailure();
        r.stopped = scheduler_.stopped();
        break;
    }
    if (auto due = scheduler_.dueAtMs()) {
        r.nextInMs = std::max<std::int64_t>(0, *due - steadyMs());
    }
    report(r);
    return r.stopped;
}

} // namespace fieldbook::device
