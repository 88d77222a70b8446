// SPDX-License-Identifier: MIT
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fieldbook::sync {

/// A hybrid logical clock timestamp (Kulkarni et al., "Logical Physical
/// Clocks", 2014): wall time in ms UTC, a counter for events within the same
/// ms, and the node (device id) that breaks exact ties. Text form
/// "WWWWWWWWWWWWWWW-CCCCCC-node" (15-digit ms, 6-digit counter) sorts the same
/// way as the tuple, so it can be compared as a string in SQL too.
struct Hlc {
    std::int64_t wallMs = 0;
    std::uint32_t counter = 0;
    std::string node;

    auto operator<=>(const Hlc&) const = default;
    bool operator==(const Hlc&) const = default;

    std::string toString() const;
    /// Parses the text form; nullopt when malformed.
    static std::optional<Hlc> parse(std::string_view text);
};

/// The clock of one node. Not thread-safe: one per device or per server store.
class HlcClock {
  public:
    explicit HlcClock(std::string node, Hlc last = {});
    /// A new timestamp for a local event, greater than every one seen so far.
    Hlc tick(std::int64_t nowMs);
    /// Merges a timestamp seen from another node (receive event).
    void observe(const Hlc& remote, std::int64_t nowMs);
    const Hlc& last() const { return last_; }

  private:
    std::string node_;
    Hlc last_;
};

/// The server's bound on a device's clock (SPEC §4: a device with a wrong
/// clock cannot abuse last-writer-wins). A mutation stamped more than
/// `maxSkewMs` ahead of the server's clock is re-stamped at the server's time.
/// Returns the stamp to use and sets `clamped` when it changed.
Hlc boundSkew(const Hlc& stamp, std::int64_t serverNowMs, std::int64_t maxSkewMs, bool& clamped);

} // namespace fieldbook::sync
