// SPDX-License-Identifier: MIT
#pragma once

#include "bench/bench_support.h"

#include <QMetaObject>

#include <atomic>
#include <mutex>

class QEventLoop;
class QQuickWindow;

namespace fieldbook::bench {

/// The frames of a Qt Quick window, timed where they are swapped (the GUI
/// thread with the basic render loop, the render thread with the threaded
/// one): nextFrame() asks for a frame and runs the event loop until a frame
/// synchronised after the call (so holding every change made before it) has
/// been swapped, and returns when that was (steady clock). Offscreen there
/// is no vsync: a frame is swapped as soon as it is rendered.
class FrameClock {
  public:
    explicit FrameClock(QQuickWindow* window);
    ~FrameClock();
    FrameClock(const FrameClock&) = delete;
    FrameClock& operator=(const FrameClock&) = delete;

    /// The swap time of the first frame synchronised after this call. Throws
    /// std::runtime_error when none comes within `timeoutMs`.
    Clock::time_point nextFrame(int timeoutMs = 10'000);

  private:
    QQuickWindow* window_;
    QMetaObject::Connection synced_;
    QMetaObject::Connection swapped_;
    std::atomic<int> syncCount_{0};
    std::mutex mutex_;
    int swappedSync_ = 0;           ///< syncCount_ of the last swapped frame
    Clock::time_point swappedAt_{}; ///< when it was swapped
    int waitingFor_ = 0;
    QEventLoop* waiting_ = nullptr;
};

} // namespace fieldbook::bench
