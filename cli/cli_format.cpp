// SPDX-License-Identifier: MIT
#include "cli_format.h"

#include "domain/clock.h"
#include "domain/count_text.h"
#include "domain/entities.h"

#include <charconv>
#include <limits>
#include <optional>
#include <regex>

namespace fieldbook::cli {

using nlohmann::json;

namespace {
bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

/// The ISO 8601 forms docs/cli.md "Values" lists, and only those: "T"
/// between date and time (no space), seconds 00-59 (no leap second 60), at
/// most three fraction digits (ms), a year from 0001. The calendar itself
/// (2017-02-30, hour 24...) is domain::parseIso8601's check.
std::optional<std::int64_t> parseCliIso(const std::string& text) {
    static const std::regex kForm(
        R"(^(\d{4})-\d{2}-\d{2}(T\d{2}:\d{2}(:(\d{2})(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$)");
    std::smatch m;
    if (!std::regex_match(text, m, kForm) || m[1] == "0000" || m[4] == "60") {
        return std::nullopt;
    }
    return domain::parseIso8601(text);
}
} // namespace

std::int64_t parseMoney(std::string_view text, const char* what) {
    auto bad = [&] {
        return UsageError(std::string(what) + " must be an amount such as 1234.50 or 1,234.50: \"" +
                          std::string(text) + "\"");
    };
    auto dot = text.find('.');
    auto units = text.substr(0, dot);
    auto decimals = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
    if (units.empty() ||
        (dot != std::string_view::npos && (decimals.empty() || decimals.size() > 2))) {
        throw bad();
    }
    // Thousands commas, if any, group by three: "1,234" yes, "12,34" no.
    std::string digits;
    std::size_t start = 0;
    for (bool first = true;; first = false) {
        auto comma = units.find(',', start);
        auto group = units.substr(start, comma == std::string_view::npos ? comma : comma - start);
        bool lastGroup = comma == std::string_view::npos;
        if (group.empty() || (!first && group.size() != 3) ||
            (first && !lastGroup && group.size() > 3)) {
            throw bad();
        }
        digits += group;
        if (lastGroup) {
            break;
        }
        start = comma + 1;
    }
    for (char c : digits) {
        if (!isDigit(c)) {
            throw bad();
        }
    }
    for (char c : decimals) {
        if (!isDigit(c)) {
            throw bad();
        }
    }
    std::string cents(decimals);
    cents.resize(2, '0');
    std::int64_t whole = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), whole);
    constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
    auto fraction = (cents[0] - '0') * 10 + (cents[1] - '0');
    if (ec != std::errc() || end != digits.data() + digits.size() ||
        whole > (kMax - fraction) / 100) {
        throw UsageError(std::string(what) + " is too large: \"" + std::string(text) + "\"");
    }
    return whole * 100 + fraction;
}

std::string formatMoney(std::int64_t cents) {
    bool negative = cents < 0;
    // Work in unsigned so that INT64_MIN has a magnitude.
    auto magnitude =
        negative ? 0 - static_cast<std::uint64_t>(cents) : static_cast<std::uint64_t>(cents);
    auto units = std::to_string(magnitude / 100);
    std::string grouped;
    for (std::size_t i = 0; i < units.size(); ++i) {
        if (i > 0 && (units.size() - i) % 3 == 0) {
            grouped += ',';
        }
        grouped += units[i];
    }
    auto frac = magnitude % 100;
    return (negative ? "-" : "") + grouped + "." + static_cast<char>('0' + frac / 10) +
           static_cast<char>('0' + frac % 10);
}

std::string money(const json& cents) {
    return cents.is_number_integer() ? formatMoney(cents.get<std::int64_t>()) : "-";
}

std::int64_t parseInteger(std::string_view text, const char* what) {
    std::int64_t v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
        throw UsageError(std::string(what) + " must be a whole number: \"" + std::string(text) +
                         "\"");
    }
    return v;
}

std::int64_t parseTime(const std::string& text, const char* what) {
    auto t = parseCliIso(text);
    if (!t) {
        throw UsageError(std::string(what) +
                         " must be ISO 8601, e.g. 2026-11-30T09:30 or 2026-11-30T09:30+03:00: \"" +
                         text + "\"");
    }
    return *t;
}

std::int64_t parseDay(const std::string& text, const char* what) {
    auto t = text.size() == 10 ? parseCliIso(text) : std::nullopt;
    if (!t) {
        throw UsageError(std::string(what) + " must be a date YYYY-MM-DD: \"" + text + "\"");
    }
    return *t;
}

json parseSets(std::string_view entity, const std::vector<std::string>& sets) {
    const auto* e = domain::findEntity(entity);
    json fields = json::object();
    for (const auto& s : sets) {
        auto eq = s.find('=');
        if (eq == std::string::npos || eq == 0) {
            throw UsageError("--set needs FIELD=VALUE: \"" + s + "\"");
        }
        auto name = s.substr(0, eq);
        auto value = s.substr(eq + 1);
        const auto* f = e ? domain::findField(*e, name) : nullptr;
        if (!f && e) {
            // A money field by the label the CLI prints it under ("revenue"
            // for revenue_cents, in units).
            if (const auto* money = domain::findField(*e, name + "_cents")) {
                f = money;
                name = std::string(money->name);
            }
        }
        if (value.empty()) {
            fields[name] = nullptr;
        } else if (f && f->type == domain::FieldType::Int && name.ends_with("_cents")) {
            // Money as every money figure of the CLI is printed and read
            // (units, "1,234.50"): a copied figure stores what it showed
            // (fresh-user: 40,790,000.00 shown, the same typed in cents
            // stored 100 times less).
            fields[name] = parseMoney(value, name.c_str());
        } else if (f && f->type == domain::FieldType::Int) {
            fields[name] = parseInteger(value, name.c_str());
        } else if (f && f->type == domain::FieldType::TimeMs) {
            // The forms --at takes (ISO 8601, a date alone), or milliseconds
            // since 1970 (digits, a leading minus): "2030-01-01" is a date,
            // not a malformed number (fresh-user).
            const bool msNumber = value.find_first_not_of("0123456789", value[0] == '-' ? 1 : 0) ==
                                      std::string::npos &&
                                  value != "-";
            if (msNumber) {
                fields[name] = parseInteger(value, name.c_str());
            } else if (auto t = parseCliIso(value)) {
                fields[name] = *t;
            } else {
                throw UsageError(name +
                                 " must be a time as --at takes it (ISO 8601, e.g. "
                                 "2026-11-30T09:30, 2026-11-30T09:30+03:00 or 2026-11-30) "
                                 "or milliseconds since 1970: \"" +
                                 value + "\"");
            }
        } else if (f && f->type == domain::FieldType::Bool) {
            if (value != "true" && value != "false" && value != "1" && value != "0") {
                throw UsageError(name + " must be true or false: \"" + value + "\"");
            }
            fields[name] = value == "true" || value == "1";
        } else {
            fields[name] = value;
        }
    }
    return fields;
}

std::string text(const json& v) {
    return v.is_string() ? v.get<std::string>() : v.is_null() ? "-" : v.dump();
}

std::string days(const json& n) {
    return n.is_number_integer() ? domain::countText(n.get<std::int64_t>(), "day")
                                 : text(n) + " days";
}

std::string when(const json& ms) {
    return ms.is_number_integer() ? domain::formatIso8601(ms.get<std::int64_t>()) : "-";
}

std::string day(const json& ms) {
    return ms.is_number_integer() ? domain::formatDate(ms.get<std::int64_t>()) : "-";
}

} // namespace fieldbook::cli
