// SPDX-License-Identifier: MIT
// Money and quantity on the device: checked arithmetic, so that no sum or
// product of cents ever wraps. The value limits (SPEC §2 value ranges) are
// the ones the server enforces, defined once in domain/sales_rules.h.
#pragma once

#include "domain/sales_rules.h"

#include <cstdint>
#include <optional>

namespace fieldbook::device {

using domain::kMaxAmountCents; ///< deal.amount_cents and payment.amount_cents
using domain::kMaxPriceCents;  ///< deal_line.price_cents
using domain::kMaxQuantity;    ///< deal_line.quantity

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
