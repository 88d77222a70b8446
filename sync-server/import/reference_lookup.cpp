// SPDX-License-Identifier: MIT
#include "import/reference_lookup.h"

#include "store/reference_data.h"

#include <algorithm>

namespace fieldbook::server {

namespace {
bool equalsIgnoringAsciiCase(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
        return lower(x) == lower(y);
    });
}
} // namespace

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
    if (value.empty()) {
        return nullptr;
    }
    if (auto it = items_.find({list, value}); it != items_.end()) {
        return &it->second;
    }
    for (auto it = items_.lower_bound({list, std::string()});
         it != items_.end() && it->first.first == list; ++it) {
        if (equalsIgnoringAsciiCase(it->second.label, value)) {
            return &it->second;
        }
    }
    if (auto it = items_.find({list, referenceCode(value)}); it != items_.end()) {
        return &it->second;
    }
    return nullptr;
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
