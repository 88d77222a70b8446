// SPDX-License-Identifier: MIT
#pragma once

#include "domain/entities.h"
#include "sync/protocol.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fieldbook::sync {

/// One field value of a pulled record, typed as the entity registry types
/// the field (checked as checkRecordChange checks it).
struct PulledValue {
    enum class Kind : std::uint8_t { Absent, Null, Integer, Text };
    Kind kind = Kind::Absent;
    std::int64_t integer = 0;   ///< Integer: the count, cents, ms UTC or flag (0/1)
    std::uint32_t textAt = 0;   ///< Text: offset in PulledPage::text
    std::uint32_t textSize = 0; ///< Text: bytes
};

/// One record of a pull page whose entity this device knows.
struct PulledRow {
    const domain::EntityDef* entity = nullptr;
    std::uint32_t idAt = 0, idSize = 0;               ///< in PulledPage::text
    std::uint32_t updatedByAt = 0, updatedBySize = 0; ///< in PulledPage::text
    std::int64_t version = 0;
    std::int64_t updatedAt = 0; ///< ms UTC
    std::int64_t seq = 0;
    bool deleted = false;
    bool removed = false;
    /// entity->fields.size() values from here in PulledPage::values, in the
    /// registry's order (Absent where the page did not send the field).
    std::uint32_t firstValue = 0;
};

/// A pull page read flat (issue 6): no RecordChange and no JSON value per
/// record or field; every string of the page in one buffer. Records of an
/// entity this device does not know, and fields it does not know, are
/// checked and counted, not kept (docs/protocol.md: a newer server's).
struct PulledPage {
    PullResponse position;   ///< the page's own members; `changes` stays empty
    std::size_t records = 0; ///< every record of the page, kept or not
    std::vector<PulledRow> rows;
    std::vector<PulledValue> values;
    std::string text;

    std::string_view id(const PulledRow& r) const { return slice(r.idAt, r.idSize); }
    std::string_view updatedBy(const PulledRow& r) const {
        return slice(r.updatedByAt, r.updatedBySize);
    }
    std::string_view textOf(const PulledValue& v) const { return slice(v.textAt, v.textSize); }
    /// The row as a RecordChange (its known fields; null for a Null value),
    /// for the rarer paths: tombstones, removals, records with pending edits.
    RecordChange change(const PulledRow& r) const;

  private:
    std::string_view slice(std::uint32_t at, std::uint32_t size) const {
        return std::string_view(text).substr(at, size);
    }
};

/// Reads a pull page as readPullPage does (same checks, same ProtocolError
/// codes and messages: repeated members, missing members, member types, id
/// syntax, a known field's JSON type), into the flat PulledPage.
PulledPage readPulledPage(std::string_view text);

} // namespace fieldbook::sync
