// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace fieldbook::server {

class LiveSlots;

/// One user's place among their live connections, held from before the
/// WebSocket upgrade is accepted until the session ends (its destructor
/// gives the place back, whichever way the upgrade or the session failed).
/// Move-only.
class LiveSlot {
  public:
    LiveSlot(std::shared_ptr<LiveSlots> slots, std::string userId);
    LiveSlot(LiveSlot&& other) noexcept = default;
    LiveSlot& operator=(LiveSlot&& other) noexcept;
    LiveSlot(const LiveSlot&) = delete;
    LiveSlot& operator=(const LiveSlot&) = delete;
    ~LiveSlot();

  private:
    void release();
    std::shared_ptr<LiveSlots> slots_; ///< null once moved from
    std::string userId_;
};

/// The count of live connections per user, reserved before the upgrade is
/// accepted, so that many upgrades sent at once cannot all pass a check
/// made after their handshakes (break-it: 60 at once all passed the 16).
/// Thread-safe; owned by shared_ptr (each LiveSlot keeps it alive).
class LiveSlots : public std::enable_shared_from_this<LiveSlots> {
  public:
    /// `perUser`: the most live connections one user may hold.
    explicit LiveSlots(std::size_t perUser) : perUser_(perUser) {}

    /// A place for one more live connection of `userId`, or nullopt when
    /// the user already holds `perUser` (the caller answers 429
    /// too_many_connections, docs/protocol.md).
    std::optional<LiveSlot> reserve(const std::string& userId);
    /// Places `userId` holds now (reserved or in an open session).
    std::size_t heldBy(const std::string& userId) const;

  private:
    friend class LiveSlot;
    void release(const std::string& userId);

    const std::size_t perUser_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, std::size_t> held_;
};

} // namespace fieldbook::server
