// SPDX-License-Identifier: MIT
#include "bench/frame_clock.h"

#include <QEventLoop>
#include <QQuickWindow>
#include <QTimer>

#include <stdexcept>

namespace fieldbook::bench {

FrameClock::FrameClock(QQuickWindow* window) : window_(window) {
    // Direct connections: these run on the thread that renders, while the
    // GUI thread is blocked (afterSynchronizing) or busy with other work.
    synced_ = QObject::connect(
        window, &QQuickWindow::afterSynchronizing, window, [this] { ++syncCount_; },
        Qt::DirectConnection);
    swapped_ = QObject::connect(
        window, &QQuickWindow::frameSwapped, window,
        [this] {
            const auto now = Clock::now();
            std::lock_guard lock(mutex_);
            swappedSync_ = syncCount_;
            swappedAt_ = now;
            if (waiting_ && swappedSync_ >= waitingFor_) {
                QMetaObject::invokeMethod(waiting_, &QEventLoop::quit, Qt::QueuedConnection);
            }
        },
        Qt::DirectConnection);
}

FrameClock::~FrameClock() {
    QObject::disconnect(synced_);
    QObject::disconnect(swapped_);
}

Clock::time_point FrameClock::nextFrame(int timeoutMs) {
    QEventLoop loop;
    {
        std::lock_guard lock(mutex_);
        waitingFor_ = syncCount_ + 1;
        waiting_ = &loop;
    }
    window_->update();
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    std::lock_guard lock(mutex_);
    waiting_ = nullptr;
    if (swappedSync_ < waitingFor_) {
        throw std::runtime_error("no frame was drawn within the timeout");
    }
    return swappedAt_;
}

} // namespace fieldbook::bench
