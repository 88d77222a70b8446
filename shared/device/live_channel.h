// SPDX-License-Identifier: MIT
#pragma once

#include "device/sync_scheduler.h"

#include <atomic>
#include <cstdint>
#include <exception>
#include <functional>
#include <string>
#include <thread>

namespace fieldbook::device {

/// The live channel's reconnect backoff: full jitter, the ceiling 1 s
/// doubling to at most 10 s (a device is back within about 10 s of the
/// server; syncs keep their own, longer cap).
inline constexpr BackoffPolicy kLiveBackoff{1'000, 10'000};

/// What happened to the live channel, told to LiveChannel's `onEvent`.
struct LiveEvent {
    enum class Type {
        Connected, ///< the upgrade succeeded (first time, or again)
        Lost,      ///< an open channel broke, or the server it was open to is gone
        Refused,   ///< the server refused the upgrade for good (401/403/426): the channel ended
    };
    Type type = Type::Connected;
    std::int64_t atMs = 0;      ///< when, ms UTC
    bool afterLoss = false;     ///< Connected: a Lost came before it
    std::string message;        ///< Lost: why (the connection's error)
    std::exception_ptr refusal; ///< Refused: the SyncError (Auth or UpdateRequired, server code)
};

/// Keeps a device's live connection (LiveClient, `GET /api/v1/live`) open on
/// a thread of its own and calls `onNotice` (on that thread) when the
/// server announces changes, and once after every (re)connect, since
/// changes made while disconnected were not announced. After a failure it
/// reconnects with exponential backoff and full jitter (kLiveBackoff); a
/// refusal that retrying cannot fix (401/403/426) ends it. `onEvent` (on
/// the channel's thread, optional) is told of each connect, of a loss (once
/// per outage: not for every failed reconnect) and of the refusal, with its
/// server code. A close with 1008 (the server found the token no longer
/// valid) reconnects at once, so that the refusal's code is what is told.
/// Used by SyncLoop (`fieldbook-cli sync --follow`) and the app.
class LiveChannel {
  public:
    LiveChannel() = default;
    ~LiveChannel(); ///< stop()s
    LiveChannel(const LiveChannel&) = delete;
    LiveChannel& operator=(const LiveChannel&) = delete;

    /// Starts (or restarts) the channel to `serverUrl` with `token`; `seed`
    /// seeds the jitter.
    void start(std::string serverUrl, std::string token, std::uint64_t seed,
               std::function<void()> onNotice, std::function<void(const LiveEvent&)> onEvent = {});
    /// Ends the channel and waits for its thread (at most about 0.5 s).
    void stop();
    /// True while connected (for display; changes on the channel's thread).
    bool connected() const { return connected_; }

  private:
    void run(std::string url, std::string token, std::uint64_t seed, std::function<void()> onNotice,
             std::function<void(const LiveEvent&)> onEvent);

    std::thread thread_;
    std::atomic<bool> quit_{false};
    std::atomic<bool> connected_{false};
};

} // namespace fieldbook::device
