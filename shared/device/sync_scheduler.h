// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <string>

namespace fieldbook::device {

/// Exponential backoff with full jitter (M. Brooker, "Exponential Backoff
/// And Jitter", AWS Architecture Blog, 2015): the n-th consecutive failure
/// waits a delay drawn uniformly from [0, min(capMs, baseMs * 2^(n-1))].
struct BackoffPolicy {
    std::int64_t baseMs = 1'000;  ///< ceiling after the first failure
    std::int64_t capMs = 300'000; ///< the ceiling never exceeds this (5 min)
};

/// The ceiling of the wait after `failures` (>= 1) consecutive failures, in ms:
/// min(cap, base * 2^(failures-1)). 0 for failures < 1.
std::int64_t backoffCeilingMs(const BackoffPolicy& policy, int failures);

/// A wait after `failures` consecutive failures: uniform in [0, ceiling] ms,
/// drawn from `rng` (seed it to replay a schedule).
std::int64_t backoffDelayMs(const BackoffPolicy& policy, int failures, std::mt19937_64& rng);

/// What stopped a sync, as the scheduler needs to know it (mirrors
/// SyncError::Kind plus failures that are not the server's).
enum class SyncFailure { Network, Server, Protocol, Storage, Auth, UpdateRequired };

/// When the device syncs on its own (SPEC §4; docs/protocol.md "When the
/// device syncs"). A pure policy: it holds no thread, timer or clock; the
/// caller feeds it events with the time (ms of a monotonic clock) and asks
/// when the next sync is due. The app (SyncWorker/AppSession) and
/// `fieldbook-cli sync --follow` drive it.
///
/// - started, network back online, a live notice: due at once;
/// - the live channel connected again, or refused for good: due at once,
///   a backoff wait included (changes made while it was down were not
///   announced; a refusal's reason is learnt from the sync's own answer);
/// - a local edit: due `debounceMs` after the last edit (at most
///   `maxDebounceMs` after the first edit of a burst);
/// - after a success: due again `periodMs` later;
/// - after a failure: due after backoffDelayMs() (the backoff is not cut
///   short by edits or notices, only by the network coming back or
///   retryNow()); Auth and UpdateRequired failures stop the automatic
///   syncs at once (retrying cannot help: log in again, update the app);
/// - persistentFailure() is true after `persistentAfter` consecutive
///   failures, or at once for Auth and UpdateRequired.
class SyncScheduler {
  public:
    struct Options {
        std::int64_t debounceMs = 2'000;
        std::int64_t maxDebounceMs = 10'000;
        std::int64_t periodMs = 300'000;
        int persistentAfter = 3;
        BackoffPolicy backoff;
    };

    /// `seed` seeds the jitter (std::random_device()() in production).
    SyncScheduler(Options options, std::uint64_t seed);

    void started(std::int64_t nowMs);
    /// The network changed; when it is `online`, a sync is due at once, a
    /// backoff wait included. Offline, nothing changes: the next attempt
    /// fails fast and backs off.
    void networkChanged(std::int64_t nowMs, bool online);
    void localEdit(std::int64_t nowMs);
    void liveNotice(std::int64_t nowMs);
    /// The live channel connected (again, after a loss, or for the first
    /// time): changes made while it was down were not announced and the
    /// server is reachable, so a sync is due at once, a backoff wait
    /// included (device::LiveEvent::Connected).
    void liveConnected(std::int64_t nowMs);
    /// The server refused the live channel's upgrade for good (401/403/426,
    /// device::LiveEvent::Refused; the channel has ended): a sync is due at
    /// once, a backoff wait included, so that its own answer says why and,
    /// for an auth or update failure, stops the automatic syncs. Does not
    /// undo stopped() (only retryNow() does).
    void liveRefused(std::int64_t nowMs);
    /// The user asked to sync now: due at once, even when stopped.
    void retryNow(std::int64_t nowMs);

    /// When the next sync should start (ms, same clock), or nullopt: one is
    /// running, or automatic syncs stopped (Auth, UpdateRequired).
    std::optional<std::int64_t> dueAtMs() const;
    /// True when dueAtMs() has come.
    bool due(std::int64_t nowMs) const;

    void syncStarted(std::int64_t nowMs);
    void syncSucceeded(std::int64_t nowMs);
    /// `reason` is the message to show (the server's or the engine's).
    void syncFailed(std::int64_t nowMs, SyncFailure kind, std::string reason);

    int consecutiveFailures() const { return failures_; }
    bool stopped() const { return stopped_; }
    /// The failure should be shown to the user (banner, `status`).
    bool persistentFailure() const;
    /// Why the last attempt failed; empty after a success.
    const std::string& lastReason() const { return reason_; }
    std::optional<SyncFailure> lastFailure() const { return lastFailure_; }

  private:
    /// Due at once, a backoff wait included.
    void dueNow(std::int64_t nowMs);

    Options options_;
    std::mt19937_64 rng_;
    bool running_ = false;
    bool stopped_ = false;
    int failures_ = 0;
    std::string reason_;
    std::optional<SyncFailure> lastFailure_;
    std::optional<std::int64_t> nowDue_;     ///< start, notice, network, retryNow
    std::optional<std::int64_t> editDue_;    ///< debounced local edits
    std::optional<std::int64_t> burstStart_; ///< first edit of the current burst
    std::optional<std::int64_t> retryDue_;   ///< backoff after a failure
    std::optional<std::int64_t> periodicDue_;
};

} // namespace fieldbook::device
