// SPDX-License-Identifier: MIT
#include "http/report_executor.h"

#include <boost/asio/post.hpp>

namespace fieldbook::server {

ReportExecutor::ReportExecutor(std::size_t threads, std::size_t queue)
    : threads_(threads), queue_(queue), pool_(threads) {}

ReportExecutor::~ReportExecutor() {
    stop();
}

bool ReportExecutor::trySubmit(std::function<void()> job) {
    {
        std::lock_guard lock(mutex_);
        if (stopped_ || inFlight_ >= threads_ + queue_) {
            return false;
        }
        ++inFlight_;
    }
    boost::asio::post(pool_, [this, job = std::move(job)] {
        try {
            job();
        } catch (...) { // an escaping exception would end the process (asio's run)
        }
        std::lock_guard lock(mutex_);
        --inFlight_;
    });
    return true;
}

void ReportExecutor::stop() {
    {
        std::lock_guard lock(mutex_);
        stopped_ = true;
    }
    pool_.stop();
    pool_.join();
}

} // namespace fieldbook::server
