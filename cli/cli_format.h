// SPDX-License-Identifier: MIT
// Parsing and printing of the values fieldbook-cli reads and shows: money,
// dates, times, `--set FIELD=VALUE` lists (docs/cli.md).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace fieldbook::cli {

/// Bad command-line usage: exit 2, nothing written.
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// An amount in units with at most two decimals ("1234.50", "1234.5",
/// "1234", "1,234.50" with thousands commas) as cents, exactly (no floating
/// point). Throws UsageError naming `what` for anything else, a negative
/// amount or one above 92,233,720,368,547,758.07.
std::int64_t parseMoney(std::string_view text, const char* what);
/// Cents as units with thousands separators and two decimals: 123450 -> "1,234.50".
std::string formatMoney(std::int64_t cents);
/// formatMoney for a JSON integer; "-" for anything else (no value).
std::string money(const nlohmann::json& cents);

/// A whole number, all of `text` (no "12abc"); UsageError otherwise.
std::int64_t parseInteger(std::string_view text, const char* what);
/// ISO 8601 in the forms of docs/cli.md "Values" (YYYY-MM-DD, then
/// optionally THH:MM[:SS[.f to .fff]] and Z or +HH:MM/-HH:MM; no offset means
/// UTC) as ms. A space for "T", second 60, year 0000 or more than three
/// fraction digits are refused; UsageError otherwise.
std::int64_t parseTime(const std::string& text, const char* what);
/// Exactly YYYY-MM-DD: the start of that UTC day in ms; UsageError otherwise.
std::int64_t parseDay(const std::string& text, const char* what);

/// `--set FIELD=VALUE` pairs for `entity`, typed by the field's registry type:
/// integers for Int and TimeMs (TimeMs also takes ISO 8601), true/false/1/0
/// for Bool, text otherwise; an empty VALUE is null. Unknown fields are
/// passed on for the replica to refuse (unknown_field).
nlohmann::json parseSets(std::string_view entity, const std::vector<std::string>& sets);

/// A JSON string as is, "-" for null, anything else dumped.
std::string text(const nlohmann::json& v);
/// A whole number of days: "1 day", "5 days" ("- days" when null).
std::string days(const nlohmann::json& n);
/// An ms JSON integer as ISO 8601 UTC text, "-" otherwise.
std::string when(const nlohmann::json& ms);
/// An ms JSON integer as YYYY-MM-DD (UTC), "-" otherwise.
std::string day(const nlohmann::json& ms);

} // namespace fieldbook::cli
