// SPDX-License-Identifier: MIT
#pragma once

#include "store/database.h"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>

namespace fieldbook::server {

/// The lower_snake_case code of a reference-list value: domain::referenceCode
/// (domain/reference_codes.h), "United States" -> "united_states".
std::string referenceCode(std::string_view value);

/// One item of a reference list (SPEC §2 "Reference lists").
struct ReferenceItem {
    std::string list;
    std::string code;
    std::string label;
    std::int64_t sortOrder = 0;
    bool stored = false; ///< false: proposed by add(), not yet in the database
};

/// Resolves the values an import finds in reference-list columns (client
/// industry, region, info_source, contact_reason, triggering_event) against
/// the live reference_item records of a server database, read once.
class ReferenceLookup {
  public:
    /// Reads every live (not deleted) reference item. Throws store::StoreError.
    explicit ReferenceLookup(store::Database& db);

    /// The item `value` names in `list` (domain::findReferenceCode, the rule
    /// a device's --set uses too): an item whose code is `value`, else one
    /// whose label equals it ignoring ASCII case, else one whose code is
    /// referenceCode(value). nullptr when none (or `value` is empty).
    const ReferenceItem* find(const std::string& list, const std::string& value) const;

    /// find(), or else a new item {list, referenceCode(value), label value,
    /// sort order after the list's last} kept in memory (stored = false)
    /// until store(). nullptr when `value` gives an empty code.
    const ReferenceItem* findOrAdd(const std::string& list, const std::string& value);

    /// Writes a proposed item with ensureReferenceItem (store/reference_data.h)
    /// inside the caller's write transaction. Returns true when a row was
    /// written; false for an item that was stored already.
    bool store(store::Database& db, const std::string& list, const std::string& code);

  private:
    std::map<std::pair<std::string, std::string>, ReferenceItem> items_; ///< (list, code)
    std::map<std::string, std::int64_t> lastOrder_;                      ///< per list
};

} // namespace fieldbook::server
