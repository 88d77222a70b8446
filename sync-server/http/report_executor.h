// SPDX-License-Identifier: MIT
#pragma once

#include <boost/asio/thread_pool.hpp>

#include <cstddef>
#include <functional>
#include <mutex>

namespace fieldbook::server {

/// The threads that run reports (docs/reports.md "Where reports run"), apart
/// from the I/O threads so that a long whole-company report never holds a
/// pull, a push or /healthz. At most `threads` reports run at once and at
/// most `queue` more wait; trySubmit() refuses beyond that (the caller
/// answers 503 `reports_busy`). Thread-safe.
class ReportExecutor {
  public:
    /// `threads` >= 1 report threads (`serve --report-threads`), `queue` >= 0
    /// waiting reports (`serve --report-queue`).
    ReportExecutor(std::size_t threads, std::size_t queue);
    /// Calls stop().
    ~ReportExecutor();
    ReportExecutor(const ReportExecutor&) = delete;
    ReportExecutor& operator=(const ReportExecutor&) = delete;

    /// Queues `job` to run on a report thread. Returns false, without
    /// running or keeping it, when `threads + queue` jobs are already
    /// running or waiting, or after stop(). `job` must not throw.
    bool trySubmit(std::function<void()> job);
    /// Refuses new jobs, drops the waiting ones (unrun: their captures are
    /// destroyed) and waits for the running ones to end. After it returns no
    /// report thread runs. Idempotent.
    void stop();

    /// Report threads.
    std::size_t threads() const { return threads_; }
    /// Waiting reports allowed beyond the running ones.
    std::size_t queue() const { return queue_; }
    /// Seconds a refused client should wait (the Retry-After header).
    static constexpr int kRetryAfterS = 2;

  private:
    const std::size_t threads_;
    const std::size_t queue_;
    boost::asio::thread_pool pool_;
    std::mutex mutex_;
    std::size_t inFlight_ = 0; ///< running + waiting, under mutex_
    bool stopped_ = false;     ///< under mutex_
};

} // namespace fieldbook::server
