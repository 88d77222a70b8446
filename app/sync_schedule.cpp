// SPDX-License-Identifier: MIT
#include "sync_schedule.h"

#include <QLoggingCategory>
#include <QNetworkInformation>

#include <algorithm>
#include <random>

Q_LOGGING_CATEGORY(lcSchedule, "fieldbook.app.sync")

namespace fieldbook::app {

namespace {
device::SyncScheduler::Options schedulerOptions(int debounceMs, int periodMs, int firstRetryMs,
                                                int maxRetryMs) {
    device::SyncScheduler::Options o;
    o.debounceMs = debounceMs;
    o.maxDebounceMs = 5LL * debounceMs;
    o.periodMs = periodMs;
    o.backoff.baseMs = firstRetryMs;
    o.backoff.capMs = maxRetryMs;
    return o;
}

device::SyncFailure failureOf(SyncOutcome::Failure f) {
    using F = SyncOutcome::Failure;
    switch (f) {
    case F::Auth:
        return device::SyncFailure::Auth;
    case F::UpdateRequired:
        return device::SyncFailure::UpdateRequired;
    case F::Server:
        return device::SyncFailure::Server;
    case F::Storage:
        return device::SyncFailure::Storage;
    case F::Network:
        return device::SyncFailure::Network;
    case F::None:
    case F::Protocol:
    case F::BadUrl:
        break;
    }
    return device::SyncFailure::Protocol;
}
} // namespace

SyncSchedule::SyncSchedule(int debounceMs, int periodMs, int firstRetryMs, int maxRetryMs,
                           QObject* parent)
    : QObject(parent), scheduler_(schedulerOptions(debounceMs, periodMs, firstRetryMs, maxRetryMs),
                                  std::random_device{}()) {
    clock_.start();
    timer_.setSingleShot(true);
    connect(&timer_, &QTimer::timeout, this, &SyncSchedule::onTimer);
    if (QNetworkInformation::loadDefaultBackend() && QNetworkInformation::instance()) {
        connect(QNetworkInformation::instance(), &QNetworkInformation::reachabilityChanged, this,
                [this](QNetworkInformation::Reachability r) {
                    onReachability(r == QNetworkInformation::Reachability::Online ||
                                   r == QNetworkInformation::Reachability::Site ||
                                   r == QNetworkInformation::Reachability::Local);
                });
    } else {
        qCInfo(lcSchedule) << "no network information backend: syncs follow the timers only";
    }
}

SyncSchedule::~SyncSchedule() {
    live_.stop(); // before this object goes: its callback posts to it
}

void SyncSchedule::start(const QString& serverUrl, const QString& token) {
    active_ = true;
    const auto generation = ++generation_;
    scheduler_.retryNow(now());
    scheduler_.started(now());
    // The callbacks run on the live channel's thread; the queued calls run
    // on ours (and are dropped if this object is gone: the destructor stops
    // the channel first, so no callback outlives it; or if the channel was
    // stopped or started again meanwhile).
    live_.start(
        serverUrl.toStdString(), token.toStdString(), std::random_device{}(),
        [this, generation] {
            QMetaObject::invokeMethod(
                this,
                [this, generation] {
                    if (generation == generation_) {
                        onLiveNotice();
                    }
                },
                Qt::QueuedConnection);
        },
        [this, generation](const device::LiveEvent& e) {
            QMetaObject::invokeMethod(
                this,
                [this, generation, type = e.type, afterLoss = e.afterLoss,
                 message = QString::fromStdString(e.message)] {
                    if (generation == generation_) {
                        onLiveEvent(type, afterLoss, message);
                    }
                },
                Qt::QueuedConnection);
        });
    reschedule();
}

void SyncSchedule::stop() {
    active_ = false;
    ++generation_;
    live_.stop();
    timer_.stop();
}

void SyncSchedule::localEdit() {
    scheduler_.localEdit(now());
    reschedule();
}

void SyncSchedule::retryNow() {
    scheduler_.retryNow(now());
    reschedule();
}

void SyncSchedule::syncStarted() {
    scheduler_.syncStarted(now());
    timer_.stop();
}

void SyncSchedule::syncFinished(const SyncOutcome& outcome) {
    if (outcome.ok()) {
        scheduler_.syncSucceeded(now());
    } else {
        scheduler_.syncFailed(now(), failureOf(outcome.failure), outcome.message.toStdString());
    }
    reschedule();
}

void SyncSchedule::onLiveNotice() {
    scheduler_.liveNotice(now());
    reschedule();
}

void SyncSchedule::onLiveEvent(device::LiveEvent::Type type, bool afterLoss,
                               const QString& message) {
    using T = device::LiveEvent::Type;
    switch (type) {
    case T::Connected:
        qCInfo(lcSchedule).noquote()
            << (afterLoss ? "live channel connected again: syncing now" : "live channel connected");
        scheduler_.liveConnected(now());
        break;
    case T::Lost:
        // It reconnects by itself; the syncs meanwhile say whether the server is reachable.
        qCInfo(lcSchedule) << "live channel lost:" << message;
        return;
    case T::Refused:
        // The channel has ended; the sync's answer says why and stops the syncs.
        qCInfo(lcSchedule) << "live channel refused by the server:" << message << "- syncing now";
        scheduler_.liveRefused(now());
        break;
    }
    reschedule();
}

void SyncSchedule::onReachability(bool online) {
    qCInfo(lcSchedule) << "network reachability changed; online:" << online;
    scheduler_.networkChanged(now(), online);
    reschedule();
}

void SyncSchedule::reschedule() {
    auto due = scheduler_.dueAtMs();
    if (!active_ || !due) {
        timer_.stop();
        return;
    }
    timer_.start(static_cast<int>(std::clamp<qint64>(*due - now(), 0, 24LL * 3600 * 1000)));
}

void SyncSchedule::onTimer() {
    if (active_ && scheduler_.due(now())) {
        emit syncDue();
    } else {
        reschedule();
    }
}

} // namespace fieldbook::app
