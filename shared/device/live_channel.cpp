// SPDX-License-Identifier: MIT
#include "device/live_channel.h"

#include "device/live_client.h"
#include "device/sync_scheduler.h"

#include <chrono>
#include <random>

namespace fieldbook::device {

namespace {
constexpr int kPollMs = 250; // how soon stop() is seen
std::int64_t steadyMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}
} // namespace

LiveChannel::~LiveChannel() {
    stop();
}

void LiveChannel::start(std::string serverUrl, std::string token, std::uint64_t seed,
                        std::function<void()> onNotice) {
    stop();
    quit_ = false;
    thread_ = std::thread(&LiveChannel::run, this, std::move(serverUrl), std::move(token), seed,
                          std::move(onNotice));
}

void LiveChannel::stop() {
    quit_ = true;
    if (thread_.joinable()) {
        thread_.join();
    }
    connected_ = false;
}

void LiveChannel::run(std::string url, std::string token, std::uint64_t seed,
                      std::function<void()> onNotice) {
    std::mt19937_64 rng(seed);
    BackoffPolicy backoff;
    int failures = 0;
    while (!quit_) {
        try {
            LiveClient live(url, token, 15'000);
            live.connect();
            failures = 0;
            connected_ = true;
            onNotice();
            while (!quit_) {
                if (auto n = live.next(kPollMs); n && n->type == "changed") {
                    onNotice();
                }
            }
        } catch (const SyncError& e) {
            connected_ = false;
            if (e.kind() == SyncError::Kind::Auth || e.kind() == SyncError::Kind::UpdateRequired) {
                return;
            }
            ++failures;
        } catch (const std::exception&) {
            connected_ = false;
            ++failures;
        }
        const auto until = steadyMs() + backoffDelayMs(backoff, failures, rng);
        while (!quit_ && steadyMs() < until) {
            std::this_thread::sleep_for(std::chrono::milliseconds(
                std::min<std::int64_t>(kPollMs, std::max<std::int64_t>(1, until - steadyMs()))));
        }
    }
    connected_ = false;
}

} // namespace fieldbook::device
