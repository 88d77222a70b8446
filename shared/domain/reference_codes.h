// SPDX-License-Identifier: MIT
#pragma once

// How a value names an item of a reference list (SPEC §2 "Reference
// lists"): one rule for `fieldbook-server import-clients` (and `report
// --segment`'s lists) and a device's `fieldbook-cli ... --set FIELD=VALUE`.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fieldbook::domain {

/// The lower_snake_case code of a reference-list value (docs/import.md):
/// ASCII letters lower-cased, ASCII digits and non-ASCII (UTF-8) bytes kept,
/// every run of other characters one "_", none at either end.
/// "United States" -> "united_states", "Москва" -> "Москва", "--" -> "".
std::string referenceCode(std::string_view value);

/// True when `a` and `b` are equal ignoring the case of ASCII letters.
bool equalsIgnoringAsciiCase(std::string_view a, std::string_view b);

/// One item of a list as the lookup needs it: {code, label}.
using ReferenceCodeLabel = std::pair<std::string, std::string>;

/// The code of the item `value` names among `items` (one list's items):
/// the item whose code is `value`, else the first whose label equals it
/// ignoring ASCII case ("Retail" names code retail), else the one whose
/// code is referenceCode(value). Empty when none matches or `value` is empty.
std::string findReferenceCode(std::string_view value, const std::vector<ReferenceCodeLabel>& items);

} // namespace fieldbook::domain
