// SPDX-License-Identifier: MIT
#include "device/sync_scheduler.h"

#include <algorithm>

namespace fieldbook::device {

std::int64_t backoffCeilingMs(const BackoffPolicy& policy, int failures) {
    if (failures < 1) {
        return 0;
    }
    std::int64_t ceiling = policy.baseMs;
    for (int i = 1; i < failures && ceiling < policy.capMs; ++i) {
        ceiling *= 2;
    }
    return std::min(ceiling, policy.capMs);
}

std::int64_t backoffDelayMs(const BackoffPolicy& policy, int failures, std::mt19937_64& rng) {
    std::uniform_int_distribution<std::int64_t> pick(0, backoffCeilingMs(policy, failures));
    return pick(rng);
}

SyncScheduler::SyncScheduler(Options options, std::uint64_t seed) : options_(options), rng_(seed) {}

void SyncScheduler::started(std::int64_t nowMs) {
    nowDue_ = nowMs;
}

void SyncScheduler::dueNow(std::int64_t nowMs) {
    nowDue_ = nowMs;
    if (retryDue_) {
        retryDue_ = nowMs;
    }
}

void SyncScheduler::networkChanged(std::int64_t nowMs, bool online) {
    if (online) {
        dueNow(nowMs);
    }
}

void SyncScheduler::liveConnected(std::int64_t nowMs) {
    dueNow(nowMs);
}

void SyncScheduler::liveRefused(std::int64_t nowMs) {
    dueNow(nowMs);
}

void SyncScheduler::localEdit(std::int64_t nowMs) {
    if (!burstStart_) {
        burstStart_ = nowMs;
    }
    editDue_ = std::min(nowMs + options_.debounceMs, *burstStart_ + options_.maxDebounceMs);
}

void SyncScheduler::liveNotice(std::int64_t nowMs) {
    nowDue_ = nowMs;
}

void SyncScheduler::retryNow(std::int64_t nowMs) {
    stopped_ = false;
    dueNow(nowMs);
}

std::optional<std::int64_t> SyncScheduler::dueAtMs() const {
    if (running_ || stopped_) {
        return std::nullopt;
    }
    if (retryDue_) {
        return retryDue_; // edits and notices wait for the backoff
    }
    std::optional<std::int64_t> due = periodicDue_;
    for (const auto& t : {nowDue_, editDue_}) {
        if (t && (!due || *t < *due)) {
            due = t;
        }
    }
    return due;
}

bool SyncScheduler::due(std::int64_t nowMs) const {
    auto at = dueAtMs();
    return at && *at <= nowMs;
}

void SyncScheduler::syncStarted(std::int64_t) {
    running_ = true;
    // This sync serves every event so far; events while it runs ask for another.
    nowDue_.reset();
    editDue_.reset();
    burstStart_.reset();
    retryDue_.reset();
    periodicDue_.reset();
}

void SyncScheduler::syncSucceeded(std::int64_t nowMs) {
    running_ = false;
    failures_ = 0;
    reason_.clear();
    lastFailure_.reset();
    periodicDue_ = nowMs + options_.periodMs;
}

void SyncScheduler::syncFailed(std::int64_t nowMs, SyncFailure kind, std::string reason) {
    running_ = false;
    ++failures_;
    reason_ = std::move(reason);
    lastFailure_ = kind;
    if (kind == SyncFailure::Auth || kind == SyncFailure::UpdateRequired) {
        stopped_ = true;
        return;
    }
    retryDue_ = nowMs + backoffDelayMs(options_.backoff, failures_, rng_);
}

bool SyncScheduler::persistentFailure() const {
    return failures_ >= options_.persistentAfter ||
           (lastFailure_ &&
            (*lastFailure_ == SyncFailure::Auth || *lastFailure_ == SyncFailure::UpdateRequired));
}

} // namespace fieldbook::device
