// SPDX-License-Identifier: MIT
#include "live/live_slots.h"

#include <utility>

namespace fieldbook::server {

LiveSlot::LiveSlot(std::shared_ptr<LiveSlots> slots, std::string userId)
    : slots_(std::move(slots)), userId_(std::move(userId)) {}

LiveSlot& LiveSlot::operator=(LiveSlot&& other) noexcept {
    if (this != &other) {
        release();
        slots_ = std::move(other.slots_);
        userId_ = std::move(other.userId_);
    }
    return *this;
}

LiveSlot::~LiveSlot() {
    release();
}

void LiveSlot::release() {
    if (slots_) {
        slots_->release(userId_);
        slots_.reset();
    }
}

std::optional<LiveSlot> LiveSlots::reserve(const std::string& userId) {
    {
        std::lock_guard g(mutex_);
        auto& n = held_[userId];
        if (n >= perUser_) {
            return std::nullopt;
        }
        ++n;
    }
    return LiveSlot(shared_from_this(), userId);
}

std::size_t LiveSlots::heldBy(const std::string& userId) const {
    std::lock_guard g(mutex_);
    auto it = held_.find(userId);
    return it == held_.end() ? 0 : it->second;
}

void LiveSlots::release(const std::string& userId) {
    std::lock_guard g(mutex_);
    auto it = held_.find(userId);
    if (it != held_.end() && --it->second == 0) {
        held_.erase(it);
    }
}

} // namespace fieldbook::server
