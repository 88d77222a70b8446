// SPDX-License-Identifier: MIT
#include "sync/pulled_page.h"

#include "sync/pull_page_reader.h"

#include <simdjson.h>

#include <climits>
#include <mutex>
#include <set>
#include <unordered_map>
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

    void fieldString(std::string_view key, std::string_view v) {
        auto& r = add(key, Read::String);
        r.at = static_cast<std::uint32_t>(page_.text.size());
        r.size = static_cast<std::uint32_t>(v.size());
        page_.text += v;
    }

    void field(std::string_view key, const json& v) {
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
    Field& add(std::string_view key, Read read) {
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

/// Thrown by the fast reader at anything it leaves to the SAX reader.
struct NotFast {};

/// simdjson's DOM of one page read into FlatRows (issue 6: nlohmann's SAX
/// lexer was about 30 % of the device's CPU during a first download). It
/// reads the usual shape only: the page an object of scalars and
/// "changes", each record an object of its own members and scalars, its
/// "fields" an object of strings, integers, booleans and nulls. Anything
/// else (a value the SAX reader would refuse or read differently: invalid
/// JSON or UTF-8, a repeated member, a float, a nested value, an escaped
/// UTF-16 surrogate, a record twice with different contents, any
/// ProtocolError) throws NotFast, and readPulledPage reads the page again
/// with the SAX reader, which answers it exactly as before.
class FastPage {
  public:
    FastPage(PulledPage& page, FlatRows& rows) : page_(page), rows_(rows) {}

    void read(simdjson::dom::element doc) {
        simdjson::dom::object top;
        need(doc.get_object().get(top) == simdjson::SUCCESS);
        json members = json::object();
        bool changes = false;
        for (auto [key, value] : top) {
            if (key == "changes") {
                need(!changes);
                changes = true;
                simdjson::dom::array records;
                need(value.get_array().get(records) == simdjson::SUCCESS);
                for (auto r : records) {
                    record(r);
                }
                continue;
            }
            need(!members.contains(std::string(key)));
            members[std::string(key)] = scalar(value);
        }
        need(changes);
        members["changes"] = json::array();
        page_.position = pullResponseFromJson(std::move(members));
    }

  private:
    static void need(bool ok) {
        if (!ok) {
            throw NotFast{};
        }
    }

    /// A page member as the SAX reader keeps it (non-negative integers
    /// unsigned, as nlohmann reads them).
    static json scalar(simdjson::dom::element v) {
        switch (v.type()) {
        case simdjson::dom::element_type::INT64: {
            const auto i = v.get_int64().value_unsafe();
            return i >= 0 ? json(static_cast<std::uint64_t>(i)) : json(i);
        }
        case simdjson::dom::element_type::UINT64:
            return json(v.get_uint64().value_unsafe());
        case simdjson::dom::element_type::STRING:
            return json(std::string(v.get_string().value_unsafe()));
        case simdjson::dom::element_type::BOOL:
            return json(v.get_bool().value_unsafe());
        case simdjson::dom::element_type::NULL_VALUE:
            return json();
        default:
            throw NotFast{}; // a float, an object or an array
        }
    }

    static std::int64_t integer(simdjson::dom::element v) {
        need(v.type() == simdjson::dom::element_type::INT64);
        return v.get_int64().value_unsafe();
    }

    static bool boolean(simdjson::dom::element v) {
        need(v.type() == simdjson::dom::element_type::BOOL);
        return v.get_bool().value_unsafe();
    }

    static std::string_view string(simdjson::dom::element v) {
        need(v.type() == simdjson::dom::element_type::STRING);
        return v.get_string().value_unsafe();
    }

    void record(simdjson::dom::element r) {
        simdjson::dom::object members;
        need(r.get_object().get(members) == simdjson::SUCCESS);
        head_.clear();
        unsigned seen = 0;
        auto mark = [&seen](unsigned bit) {
            need((seen & bit) == 0);
            seen |= bit;
        };
        std::size_t content = 0;
        for (auto [key, value] : members) {
            if (key == "entity") {
                mark(1);
                head_.entity.assign(string(value));
            } else if (key == "id") {
                mark(2);
                head_.id.assign(string(value));
            } else if (key == "version") {
                mark(4);
                head_.version = integer(value);
            } else if (key == "updated_at") {
                mark(8);
                head_.updatedAt = integer(value);
            } else if (key == "fields") {
                mark(16);
                content = fields(value);
            } else if (key == "seq") {
                mark(32);
                head_.seq = integer(value);
            } else if (key == "deleted") {
                mark(64);
                head_.deleted = boolean(value);
            } else if (key == "removed") {
                mark(128);
                head_.removed = boolean(value);
            } else if (key == "updated_by") {
                mark(256);
                if (value.type() != simdjson::dom::element_type::NULL_VALUE) {
                    head_.updatedBy.assign(string(value));
                }
            } else {
                // A member this device does not know: a scalar is ignored,
                // as the SAX reader does; a nested one it checks for depth.
                need(value.type() != simdjson::dom::element_type::OBJECT &&
                     value.type() != simdjson::dom::element_type::ARRAY);
            }
        }
        need((seen & 63U) == 63U); // entity, id, version, updated_at, fields, seq
        // A record twice in one page: the SAX reader's state and hash.
        content = detail::mixContent(content, head_.updatedBy);
        content = detail::mixContent(content, std::to_string(head_.updatedAt));
        const auto state = std::tuple{head_.version, head_.deleted, head_.removed, content};
        auto [at, added] = records_.emplace(head_.entity + '\x1f' + head_.id, state);
        need(added || at->second == state);
        rows_.finishRecord(head_);
    }

    /// The record's fields to the sink; returns their content hash.
    std::size_t fields(simdjson::dom::element f) {
        simdjson::dom::object members;
        need(f.get_object().get(members) == simdjson::SUCCESS);
        rows_.beginFields();
        std::size_t content = 0;
        for (auto [key, value] : members) {
            content = detail::mixContent(content, key);
            switch (value.type()) {
            case simdjson::dom::element_type::STRING: {
                const auto text = value.get_string().value_unsafe();
                content = detail::mixContent(content, text);
                rows_.fieldString(key, text);
                break;
            }
            case simdjson::dom::element_type::INT64: {
                const auto i = value.get_int64().value_unsafe();
                content = detail::mixContent(content, std::to_string(i));
                rows_.field(key, json(i));
                break;
            }
            case simdjson::dom::element_type::BOOL: {
                const bool b = value.get_bool().value_unsafe();
                content = detail::mixContent(content, b ? "true" : "false");
                rows_.field(key, json(b));
                break;
            }
            case simdjson::dom::element_type::NULL_VALUE:
                content = detail::mixContent(content, "null");
                rows_.field(key, json());
                break;
            default:
                throw NotFast{}; // a float, a number past int64, an object or an array
            }
        }
        return content;
    }

    PulledPage& page_;
    FlatRows& rows_;
    detail::PulledHead head_;
    std::unordered_map<std::string, std::tuple<std::int64_t, bool, bool, std::size_t>> records_;
};

/// A backslash-u escape of a UTF-16 surrogate (D800-DFFF): left to the SAX
/// reader, whose rules for them are the protocol's.
bool escapesASurrogate(std::string_view text) {
    for (auto at = text.find("\\u"); at != std::string_view::npos; at = text.find("\\u", at + 2)) {
        if (at + 2 < text.size() && (text[at + 2] == 'd' || text[at + 2] == 'D')) {
            return true;
        }
    }
    return false;
}

/// The page read by simdjson (FastPage); false when it is left to the SAX
/// reader. One parser for the process, its buffers kept from page to page
/// (the pages are read on a new thread each: a thread_local one would be
/// allocated again per page).
bool readFast(std::string_view text, PulledPage& page) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF" || escapesASurrogate(text)) {
        return false;
    }
    static std::mutex lock;
    static simdjson::dom::parser parser;
    std::lock_guard hold(lock);
    simdjson::dom::element doc;
    if (parser.parse(text.data(), text.size()).get(doc) != simdjson::SUCCESS) {
        return false;
    }
    try {
        FlatRows rows(page);
        FastPage fast(page, rows);
        fast.read(doc);
        return true;
    } catch (const NotFast&) {
        return false;
    } catch (const ProtocolError&) {
        return false; // the SAX reader says it in its words and order
    }
}
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
    {
        PulledPage page;
        page.text.reserve(text.size()); // the page's strings are fewer bytes than the page
        if (readFast(text, page)) {
            return page;
        }
    }
    PulledPage page;
    page.text.reserve(text.size());
    FlatRows rows(page);
    detail::PullPageReader<FlatRows> reader(rows);
    detail::saxReadPage(text, reader);
    page.position = reader.takePosition();
    return page;
}

} // namespace fieldbook::sync
