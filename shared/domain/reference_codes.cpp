// SPDX-License-Identifier: MIT
#include "domain/reference_codes.h"

#include <algorithm>

namespace fieldbook::domain {

std::string referenceCode(std::string_view value) {
    std::string out;
    bool gap = false;
    for (unsigned char c : value) {
        bool keep =
            c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (!keep) {
            gap = true;
            continue;
        }
        if (gap && !out.empty()) {
            out += '_';
        }
        gap = false;
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : static_cast<char>(c);
    }
    return out;
}

bool equalsIgnoringAsciiCase(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
        return lower(x) == lower(y);
    });
}

std::string findReferenceCode(std::string_view value,
                              const std::vector<ReferenceCodeLabel>& items) {
    if (value.empty()) {
        return {};
    }
    for (const auto& [code, label] : items) {
        if (code == value) {
            return code;
        }
    }
    for (const auto& [code, label] : items) {
        if (equalsIgnoringAsciiCase(label, value)) {
            return code;
        }
    }
    const auto derived = referenceCode(value);
    for (const auto& [code, label] : items) {
        if (!derived.empty() && code == derived) {
            return code;
        }
    }
    return {};
}

} // namespace fieldbook::domain
