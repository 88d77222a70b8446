// SPDX-License-Identifier: MIT
// Money and quantity on the device: the value limits (SPEC §2 value ranges)
// and checked arithmetic, so that no sum or product of cents ever wraps.
#pragma once

#include <cstdint>
#include <optional>

namespace fieldbook::device {

// The limits the server enforces on a pushed record, mirrored here once for
// every device check (the server's copy lives in sync-server; move both to
// shared/domain when the server exposes them there).
inline constexpr std::int64_t kMaxQuantity = 1'000'000;               ///< deal_line.quantity
inline constexpr std::int64_t kMaxPriceCents = 1'000'000'000'000;     ///< deal_line.price_cents
inline constexpr std::int64_t kMaxPaymentCents = 100'000'000'000'000; ///< payment.amount_cents

/// a * b, or nullopt when the product does not fit in 64 bits.
inline std::optional<std::int64_t> checkedMul(std::int64_t a, std::int64_t b) {
    std::int64_t r = 0;
    if (__builtin_mul_overflow(a, b, &r)) {
        return std::nullopt;
    }
    return r;
}

/// a + b, or nullopt when the sum does not fit in 64 bits.
inline std::optional<std::int64_t> checkedAdd(std::int64_t a, std::int64_t b) {
    std::int64_t r = 0;
    if (__builtin_add_overflow(a, b, &r)) {
        return std::nullopt;
    }
    return r;
}

} // namespace fieldbook::device
