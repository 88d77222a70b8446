// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace fieldbook::domain {

/// "N things" as a count line says it in English: `n`, a space and `one`
/// when n is 1 or -1, else `many` (`one` + "s" when `many` is empty):
/// "0 clients", "1 client", "2 clients", "1 entry" / "3 entries". Every
/// count that fieldbook-cli and fieldbook-server print goes through it.
inline std::string countText(std::int64_t n, std::string_view one, std::string_view many = {}) {
    std::string out = std::to_string(n);
    out += ' ';
    if (n == 1 || n == -1) {
        out += one;
    } else if (many.empty()) {
        out += one;
        out += 's';
    } else {
        out += many;
    }
    return out;
}

} // namespace fieldbook::domain
