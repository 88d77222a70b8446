// SPDX-License-Identifier: MIT
#include "sync/pulled_page.h"

#include "sync/pull_page_reader.h"

#include <climits>
#include <set>
#include <utility>

namespace fieldbook::sync {

using nlohmann::json;

namespace {
/// The JSON type of a field value as read, before the registry is asked.
enum class Read : std::uint8_t { Null, Integer, Boolean, String, Other };

/// Each record of the page into a PulledPage: a field's name and value go
/// to a scratch list reused from record to record (the entity may come
/// after "fields"), resolved against the registry when the record ends.
class FlatRows {
  public:
    explicit FlatRows(PulledPage& page) : page_(page) {}

    void beginFields() {
        read_.clear();
        names_.clear();
        many_.clear();
    }

    void fieldString(const std::string& key, const std::string& v) {
        auto& r = add(key, Read::String);
        r.at = static_cast<std::uint32_t>(page_.text.size());
        r.size = static_cast<std::uint32_t>(v.size());
        page_.text += v;
    }

    void field(const std::string& key, const json& v) {
        if (v.is_null()) {
            add(key, Read::Null);
        } else if (v.is_boolean()) {
            add(key, Read::Boolean).integer = v.get<bool>() ? 1 : 0;
        } else if (v.is_number_integer() &&
                   !(v.is_number_unsigned() &&
                     v.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))) {
            add(key, Read::Integer).integer = v.get<std::int64_t>();
        } else {
            add(key, Read::Other); // a float, a number past int64, an object or an array
        }
    }

    /// The checks of checkRecordChange, in its order, then the row.
    void finishRecord(const detail::PulledHead& head) {
        checkRecordId(head.id);
        ++page_.records;
        const auto* e = domain::findEntity(head.entity);
        if (!e) {
            return; // a newer server's entity: checked, counted, not kept
        }
        PulledRow row;
        row.entity = e;
        row.version = head.version;
        row.updatedAt = head.updatedAt;
        row.seq = head.seq;
        row.deleted = head.deleted;
        row.removed = head.removed;
        row.firstValue = static_cast<std::uint32_t>(page_.values.size());
        for (const auto& f : e->fields) {
            PulledValue out;
            if (const auto* r = find(f.name); r != nullptr && r->read != Read::Null) {
                const char* expected = nullptr;
                switch (f.type) {
                case domain::FieldType::Text:
                case domain::FieldType::Ref:
                    expected = r->read == Read::String ? nullptr : "a string";
                    out.kind = PulledValue::Kind::Text;
                    out.textAt = r->at;
                    out.textSize = r->size;
                    break;
                case domain::FieldType::Int:
                case domain::FieldType::TimeMs:
                    expected = r->read == Read::Integer ? nullptr : "an integer";
                    out.kind = PulledValue::Kind::Integer;
                    out.integer = r->integer;
                    break;
                case domain::FieldType::Bool:
                    expected = r->read == Read::Boolean ? nullptr : "true or false";
                    out.kind = PulledValue::Kind::Integer;
                    out.integer = r->integer;
                    break;
                }
                if (expected) {
                    throw ProtocolError("invalid_request",
                                        "field \"" + std::string(f.name) + "\" of " + head.entity +
                                            " " + head.id + " must be " + expected + " or null");
                }
            } else if (r != nullptr) {
                out.kind = PulledValue::Kind::Null;
            }
            page_.values.push_back(out);
        }
        row.idAt = static_cast<std::uint32_t>(page_.text.size());
        row.idSize = static_cast<std::uint32_t>(head.id.size());
        page_.text += head.id;
        row.updatedByAt = static_cast<std::uint32_t>(page_.text.size());
        row.updatedBySize = static_cast<std::uint32_t>(head.updatedBy.size());
        page_.text += head.updatedBy;
        page_.rows.push_back(row);
    }

  private:
    struct Field {
        std::uint32_t nameAt = 0, nameSize = 0; ///< in names_
        Read read = Read::Null;
        std::int64_t integer = 0;
        std::uint32_t at = 0, size = 0; ///< a string's place in the page's text
    };

    std::string_view nameOf(const Field& f) const {
        return std::string_view(names_).substr(f.nameAt, f.nameSize);
    }

    const Field* find(std::string_view name) const {
        for (const auto& f : read_) {
            if (nameOf(f) == name) {
                return &f;
            }
        }
        return nullptr;
    }

    /// A field read; a name read twice in one record is refused.
    Field& add(const std::string& key, Read read) {
        // A record's fields are few: a scan; a set only past that.
        constexpr std::size_t kScanned = 32;
        if (read_.size() < kScanned) {
            if (find(key) != nullptr) {
                detail::refuseRepeated(key);
            }
        } else {
            if (many_.empty()) {
                for (const auto& f : read_) {
                    many_.emplace(nameOf(f));
                }
            }
            if (!many_.emplace(key).second) {
                detail::refuseRepeated(key);
            }
        }
        Field f;
        f.nameAt = static_cast<std::uint32_t>(names_.size());
        f.nameSize = static_cast<std::uint32_t>(key.size());
        f.read = read;
        names_ += key;
        read_.push_back(f);
        return read_.back();
    }

    PulledPage& page_;
    std::vector<Field> read_; ///< the current record's fields
    std::string names_;       ///< their names
    std::set<std::string, std::less<>> many_;
};
} // namespace

RecordChange PulledPage::change(const PulledRow& r) const {
    RecordChange c;
    c.entity = std::string(r.entity->name);
    c.id = std::string(id(r));
    c.version = r.version;
    c.updatedAt = r.updatedAt;
    c.updatedBy = std::string(updatedBy(r));
    c.deleted = r.deleted;
    c.removed = r.removed;
    c.seq = r.seq;
    std::size_t i = r.firstValue;
    for (const auto& f : r.entity->fields) {
        const auto& v = values[i++];
        switch (v.kind) {
        case PulledValue::Kind::Absent:
            break;
        case PulledValue::Kind::Null:
            c.fields[std::string(f.name)] = nullptr;
            break;
        case PulledValue::Kind::Integer:
            if (f.type == domain::FieldType::Bool) {
                c.fields[std::string(f.name)] = v.integer != 0;
            } else {
                c.fields[std::string(f.name)] = v.integer;
            }
            break;
        case PulledValue::Kind::Text:
            c.fields[std::string(f.name)] = std::string(textOf(v));
            break;
        }
    }
    return c;
}

PulledPage readPulledPage(std::string_view text) {
    PulledPage page;
    page.text.reserve(text.size()); // the page's strings are fewer bytes than the page
    FlatRows rows(page);
    detail::PullPageReader<FlatRows> reader(rows);
    detail::saxReadPage(text, reader);
    page.position = reader.takePosition();
    return page;
}

} // namespace fieldbook::sync
