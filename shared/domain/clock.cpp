// SPDX-License-Identifier: MIT
#include "domain/clock.h"

#include <sodium.h>

#include <array>
#include <charconv>
#include <chrono>
#include <cstdio>

namespace fieldbook::domain {

std::int64_t nowMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

namespace {
bool readInt(std::string_view s, size_t pos, size_t len, int& out) {
    if (pos + len > s.size()) {
        return false;
    }
    for (size_t i = pos; i < pos + len; ++i) {
        if (s[i] < '0' || s[i] > '9') {
            return false;
        }
    }
    auto r = std::from_chars(s.data() + pos, s.data() + pos + len, out);
    return r.ec == std::errc();
}

std::string uuidText(const std::array<unsigned char, 16>& b) {
    char out[37];
    std::snprintf(out, sizeof out,
                  "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0],
                  b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13],
                  b[14], b[15]);
    return out;
}
} // namespace

std::optional<std::int64_t> parseIso8601(std::string_view s) {
    using namespace std::chrono;
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0, ms = 0;
    if (s.size() < 10 || !readInt(s, 0, 4, y) || s[4] != '-' || !readInt(s, 5, 2, mo) ||
        s[7] != '-' || !readInt(s, 8, 2, d)) {
        return std::nullopt;
    }
    year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) {
        return std::nullopt;
    }
    size_t p = 10;
    int offsetMin = 0;
    if (p < s.size()) {
        if (s[p] != 'T' && s[p] != ' ') {
            return std::nullopt;
        }
        if (!readInt(s, p + 1, 2, h) || s.size() < p + 6 || s[p + 3] != ':' ||
            !readInt(s, p + 4, 2, mi)) {
            return std::nullopt;
        }
        p += 6;
        if (p < s.size() && s[p] == ':') {
            if (!readInt(s, p + 1, 2, sec)) {
                return std::nullopt;
            }
            p += 3;
            if (p < s.size() && s[p] == '.') {
                size_t q = p + 1;
                int digits = 0;
                ms = 0;
                while (q < s.size() && s[q] >= '0' && s[q] <= '9') {
                    if (digits < 3) {
                        ms = ms * 10 + (s[q] - '0');
                    }
                    ++digits;
                    ++q;
                }
                if (digits == 0) {
                    return std::nullopt;
                }
                for (int k = digits; k < 3; ++k) {
                    ms *= 10;
                }
                p = q;
            }
        }
        if (h > 23 || mi > 59 || sec > 60) {
            return std::nullopt;
        }
        if (p < s.size()) {
            if (s[p] == 'Z' && p + 1 == s.size()) {
                p += 1;
            } else if ((s[p] == '+' || s[p] == '-') && s.size() == p + 6 && s[p + 3] == ':') {
                int oh = 0, om = 0;
                if (!readInt(s, p + 1, 2, oh) || !readInt(s, p + 4, 2, om) || oh > 23 || om > 59) {
                    return std::nullopt;
                }
                offsetMin = (oh * 60 + om) * (s[p] == '-' ? -1 : 1);
                p = s.size();
            } else {
                return std::nullopt;
            }
        }
    }
    if (p != s.size()) {
        return std::nullopt;
    }
    auto days = sys_days(ymd).time_since_epoch().count();
    std::int64_t total = static_cast<std::int64_t>(days) * 86400000LL + h * 3600000LL +
                         mi * 60000LL + sec * 1000LL + ms - offsetMin * 60000LL;
    return total;
}

std::string formatIso8601(std::int64_t ms) {
    using namespace std::chrono;
    auto tp = sys_time<milliseconds>(milliseconds(ms));
    auto dp = floor<days>(tp);
    year_month_day ymd(dp);
    hh_mm_ss hms(floor<seconds>(tp - dp));
    char out[32];
    std::snprintf(out, sizeof out, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()));
    return out;
}

std::string formatIso8601Millis(std::int64_t ms) {
    auto text = formatIso8601(ms);
    char millis[8];
    std::snprintf(millis, sizeof millis, ".%03dZ", static_cast<int>(((ms % 1000) + 1000) % 1000));
    text.replace(text.size() - 1, 1, millis);
    return text;
}

std::string formatDate(std::int64_t ms) {
    return formatIso8601(ms).substr(0, 10);
}

std::string newUuid() {
    std::array<unsigned char, 16> b{};
    randombytes_buf(b.data(), b.size());
    b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
    b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
    return uuidText(b);
}

std::string stableUuid(std::string_view nameSpace, std::string_view name) {
    // Version 8 (RFC 9562 custom) from a BLAKE2b hash; version 5's SHA-1 is
    // not in libsodium, and only stability and uniqueness matter here.
    std::array<unsigned char, 16> b{};
    crypto_generichash_state st;
    crypto_generichash_init(&st, nullptr, 0, b.size());
    crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(nameSpace.data()),
                              nameSpace.size());
    const unsigned char sep = 0;
    crypto_generichash_update(&st, &sep, 1);
    crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(name.data()),
                              name.size());
    crypto_generichash_final(&st, b.data(), b.size());
    b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x80);
    b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
    return uuidText(b);
}

} // namespace fieldbook::domain
