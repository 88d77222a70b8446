// SPDX-License-Identifier: MIT
#include "import/reference_lookup.h"

#include "domain/reference_codes.h"
#include "store/reference_data.h"

#include <algorithm>
#include <vector>

namespace fieldbook::server {

std::string referenceCode(std::string_view value) {
    return domain::referenceCode(value);
}

ReferenceLookup::ReferenceLookup(store::Database& db) {
    store::Statement st(db, "SELECT list, code, label, COALESCE(sort_order, 0) "
                            "FROM reference_items WHERE deleted = 0");
    while (st.step()) {
        ReferenceItem item{st.text(0), st.text(1), st.text(2), st.int64(3), true};
        auto& last = lastOrder_[item.list];
        last = std::max(last, item.sortOrder);
        items_.emplace(std::pair(item.list, item.code), std::move(item));
    }
}

const ReferenceItem* ReferenceLookup::find(const std::string& list,
                                           const std::string& value) const {
    // The device's --set uses the same rule (domain/reference_codes.h).
    std::vector<domain::ReferenceCodeLabel> items;
    for (auto it = items_.lower_bound({list, std::string()});
         it != items_.end() && it->first.first == list; ++it) {
        items.emplace_back(it->second.code, it->second.label);
    }
    auto code = domain::findReferenceCode(value, items);
    if (code.empty()) {
        return nullptr;
    }
    return &items_.at({list, code});
}

const ReferenceItem* ReferenceLookup::findOrAdd(const std::string& list, const std::string& value) {
    if (const auto* found = find(list, value)) {
        return found;
    }
    auto code = referenceCode(value);
    if (code.empty()) {
        return nullptr;
    }
    auto& last = lastOrder_[list];
    last += 10;
    ReferenceItem item{list, code, value, last, false};
    return &items_.emplace(std::pair(list, code), std::move(item)).first->second;
}

bool ReferenceLookup::store(store::Database& db, const std::string& list, const std::string& code) {
    auto it = items_.find({list, code});
    if (it == items_.end() || it->second.stored) {
        return false;
    }
    it->second.stored = true;
    return ensureReferenceItem(db, list, code, it->second.label, it->second.sortOrder);
}

} // namespace fieldbook::server
