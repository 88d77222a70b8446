// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fieldbook::domain {

/// Milliseconds since the Unix epoch, UTC, from the system clock.
std::int64_t nowMs();

/// Parses ISO 8601 (RFC 3339) "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS[.fff]]" with
/// an optional "Z" or "+HH:MM"/"-HH:MM" offset; no offset means UTC.
/// Returns ms since the epoch (UTC), or nullopt when the text is not a valid
/// date/time (including 2017-02-30).
std::optional<std::int64_t> parseIso8601(std::string_view text);

/// Formats ms since the epoch as "YYYY-MM-DDTHH:MM:SSZ" (UTC, RFC 3339).
std::string formatIso8601(std::int64_t ms);
/// Formats ms since the epoch as "YYYY-MM-DDTHH:MM:SS.mmmZ" (UTC, RFC 3339,
/// to the millisecond: logs whose lines must be told apart within a second).
std::string formatIso8601Millis(std::int64_t ms);
/// Formats ms since the epoch as "YYYY-MM-DD" (UTC).
std::string formatDate(std::int64_t ms);

/// A random UUID version 4 (RFC 9562), lower-case text, from libsodium's CSPRNG.
std::string newUuid();

/// A name-based UUID for imported rows: the same (namespace, name) always
/// yields the same id, so re-importing never duplicates. Lower-case text.
std::string stableUuid(std::string_view nameSpace, std::string_view name);

} // namespace fieldbook::domain
