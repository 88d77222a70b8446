// SPDX-License-Identifier: MIT
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <thread>

namespace fieldbook::device {

/// Keeps a device's live connection (LiveClient, `GET /api/v1/live`) open on
/// a thread of its own and calls `onNotice` (on that thread) when the
/// server announces changes, and once after every (re)connect, since
/// changes made while disconnected were not announced. After a failure it
/// reconnects with exponential backoff and full jitter (BackoffPolicy,
/// sync_scheduler.h); a refusal that retrying cannot fix (401/403/426) ends
/// it: the next sync meets and reports the same refusal. Used by
/// SyncLoop (`fieldbook-cli sync --follow`) and the app.
class LiveChannel {
  public:
    LiveChannel() = default;
    ~LiveChannel(); ///< stop()s
    LiveChannel(const LiveChannel&) = delete;
    LiveChannel& operator=(const LiveChannel&) = delete;

    /// Starts (or restarts) the channel to `serverUrl` with `token`; `seed`
    /// seeds the jitter.
    void start(std::string serverUrl, std::string token, std::uint64_t seed,
               std::function<void()> onNotice);
    /// Ends the channel and waits for its thread (at most about 0.5 s).
    void stop();
    /// True while connected (for display; changes on the channel's thread).
    bool connected() const { return connected_; }

  private:
    void run(std::string url, std::string token, std::uint64_t seed,
             std::function<void()> onNotice);

    std::thread thread_;
    std::atomic<bool> quit_{false};
    std::atomic<bool> connected_{false};
};

} // namespace fieldbook::device
