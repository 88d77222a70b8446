// SPDX-License-Identifier: MIT
#include "sync/hlc.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <utility>

namespace fieldbook::sync {

std::string Hlc::toString() const {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%015lld-%06u-", static_cast<long long>(wallMs), counter);
    return std::string(buf) + node;
}

std::optional<Hlc> Hlc::parse(std::string_view text) {
    if (text.size() < 23 || text[15] != '-' || text[22] != '-') {
        return std::nullopt;
    }
    Hlc h;
    auto r1 = std::from_chars(text.data(), text.data() + 15, h.wallMs);
    auto r2 = std::from_chars(text.data() + 16, text.data() + 22, h.counter);
    if (r1.ec != std::errc() || r1.ptr != text.data() + 15 || r2.ec != std::errc() ||
        r2.ptr != text.data() + 22 || h.wallMs < 0) {
        return std::nullopt;
    }
    h.node = std::string(text.substr(23));
    return h;
}

HlcClock::HlcClock(std::string node, Hlc last) : node_(std::move(node)), last_(std::move(last)) {}

Hlc HlcClock::tick(std::int64_t nowMs) {
    if (nowMs > last_.wallMs) {
        last_.wallMs = nowMs;
        last_.counter = 0;
    } else {
        ++last_.counter;
    }
    last_.node = node_;
    return last_;
}

void HlcClock::observe(const Hlc& remote, std::int64_t nowMs) {
    std::int64_t wall = std::max({last_.wallMs, remote.wallMs, nowMs});
    if (wall == last_.wallMs && wall == remote.wallMs) {
        last_.counter = std::max(last_.counter, remote.counter) + 1;
    } else if (wall == last_.wallMs) {
        ++last_.counter;
    } else if (wall == remote.wallMs) {
        last_.counter = remote.counter + 1;
    } else {
        last_.counter = 0;
    }
    last_.wallMs = wall;
    last_.node = node_;
}

Hlc boundSkew(const Hlc& stamp, std::int64_t serverNowMs, std::int64_t maxSkewMs, bool& clamped) {
    clamped = stamp.wallMs > serverNowMs + maxSkewMs;
    if (!clamped) {
        return stamp;
    }
    return Hlc{serverNowMs, 0, stamp.node};
}

} // namespace fieldbook::sync
