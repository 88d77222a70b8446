// SPDX-License-Identifier: MIT
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace fieldbook::server {

/// The client cards a new card may duplicate (SPEC §3.7), for an import that
/// checks many cards at once: cards are indexed by tax id and by normalised
/// name (domain::normaliseName), so domain::duplicateReason() runs only on
/// cards that can match, not on every pair.
class DuplicateIndex {
  public:
    struct Card {
        std::string id;
        nlohmann::json fields; ///< at least name; tax_id, phone, city when known
        int row = 0;           ///< the import row it came from; 0: a card in the database
    };

    /// Adds a card; later find() calls see it.
    void add(Card card);

    /// The earliest added card that `candidate` (client fields) probably
    /// duplicates, with duplicateReason()'s reason ("same tax id", "same
    /// name and phone", "same name and city"); nullopt when none.
    std::optional<std::pair<const Card*, std::string>> find(const nlohmann::json& candidate) const;

  private:
    std::vector<Card> cards_;
    std::map<std::string, std::vector<size_t>> byTax_, byName_;
};

} // namespace fieldbook::server
