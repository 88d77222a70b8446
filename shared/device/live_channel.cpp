// SPDX-License-Identifier: MIT
#include "device/live_channel.h"

#include "device/live_client.h"
#include "device/sync_scheduler.h"
#include "domain/clock.h"

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
                        std::function<void()> onNotice,
                        std::function<void(const LiveEvent&)> onEvent) {
    stop();
    quit_ = false;
    thread_ = std::thread(&LiveChannel::run, this, std::move(serverUrl), std::move(token), seed,
                          std::move(onNotice), std::move(onEvent));
}

void LiveChannel::stop() {
    quit_ = true;
    if (thread_.joinable()) {
        thread_.join();
    }
    connected_ = false;
}

void LiveChannel::run(std::string url, std::string token, std::uint64_t seed,
                      std::function<void()> onNotice,
                      std::function<void(const LiveEvent&)> onEvent) {
    std::mt19937_64 rng(seed);
    int failures = 0;
    bool up = false;                    // connected, and no loss told since
    bool lostTold = false;              // a Lost was told and no Connected since
    std::int64_t atOnceMs = -1'000'000; // the last reconnect without a wait (after a 1008)
    auto tell = [&](LiveEvent e) {
        e.atMs = domain::nowMs();
        if (onEvent) {
            onEvent(e);
        }
    };
    while (!quit_) {
        bool wasConnected = false;
        int closeCode = 0;
        std::string why;
        try {
            LiveClient live(url, token, 15'000);
            live.connect();
            failures = 0;
            connected_ = true;
            wasConnected = true;
            up = true;
            tell({LiveEvent::Type::Connected, 0, lostTold, {}, {}});
            lostTold = false;
            onNotice();
            try {
                while (!quit_) {
                    if (auto n = live.next(kPollMs); n && n->type == "changed") {
                        onNotice();
                    }
                }
            } catch (const std::exception&) {
                closeCode = live.closeCode();
                throw;
            }
        } catch (const SyncError& e) {
            connected_ = false;
            if (e.kind() == SyncError::Kind::Auth || e.kind() == SyncError::Kind::UpdateRequired) {
                tell({LiveEvent::Type::Refused, 0, false, e.what(), std::current_exception()});
                return;
            }
            why = e.what();
        } catch (const std::exception& e) {
            connected_ = false;
            why = e.what();
        }
        if (quit_) {
            break;
        }
        if (wasConnected && closeCode == 1008 && steadyMs() - atOnceMs > 10'000) {
            atOnceMs = steadyMs();
            continue; // the token was found no longer valid: the upgrade says why, at once
        }
        if (up) {
            up = false;
            lostTold = true;
            tell({LiveEvent::Type::Lost, 0, false, why, {}});
        }
        ++failures;
        const auto until = steadyMs() + backoffDelayMs(kLiveBackoff, failures, rng);
        while (!quit_ && steadyMs() < until) {
            std::this_thread::sleep_for(std::chrono::milliseconds(
                std::min<std::int64_t>(kPollMs, std::max<std::int64_t>(1, until - steadyMs()))));
        }
    }
    connected_ = false;
}

} // namespace fieldbook::device
