// SPDX-License-Identifier: MIT
#include "import/duplicate_index.h"

#include "domain/sales_rules.h"

#include <set>

namespace fieldbook::server {

namespace {
std::string text(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}
} // namespace

void DuplicateIndex::add(Card card) {
    auto i = cards_.size();
    if (auto tax = text(card.fields, "tax_id"); !tax.empty()) {
        byTax_[tax].push_back(i);
    }
    if (auto name = domain::normaliseName(text(card.fields, "name")); !name.empty()) {
        byName_[name].push_back(i);
    }
    cards_.push_back(std::move(card));
}

std::optional<std::pair<const DuplicateIndex::Card*, std::string>>
DuplicateIndex::find(const nlohmann::json& candidate) const {
    std::set<size_t> seen; // ordered: the earliest card wins
    auto collect = [&](const std::map<std::string, std::vector<size_t>>& m,
                       const std::string& key) {
        if (auto it = m.find(key); !key.empty() && it != m.end()) {
            seen.insert(it->second.begin(), it->second.end());
        }
    };
    collect(byTax_, text(candidate, "tax_id"));
    collect(byName_, domain::normaliseName(text(candidate, "name")));
    for (auto i : seen) {
        if (auto why = domain::duplicateReason(candidate, cards_[i].fields); !why.empty()) {
            return std::pair(&cards_[i], why);
        }
    }
    return std::nullopt;
}

} // namespace fieldbook::server
