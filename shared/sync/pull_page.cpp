// SPDX-License-Identifier: MIT
#include "sync/pull_page.h"

#include <climits>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace fieldbook::sync {

using nlohmann::json;

namespace {

/// The SAX events of one pull page (nlohmann::json::sax_parse). The page's
/// own members (cursor, has_more, ...) are few: they are kept as a small
/// document and checked by pullResponseFromJson. Each record of "changes"
/// is read into a RecordChange as its members arrive; a value nested
/// deeper (a field's object or array, a member this device does not know)
/// is built as a document and handed over when it ends.
class PullPageReader {
  public:
    using string_t = json::string_t;
    using binary_t = json::binary_t;

    bool null() { return value(json()); }
    bool boolean(bool v) { return value(json(v)); }
    bool number_integer(json::number_integer_t v) { return value(json(v)); }
    bool number_unsigned(json::number_unsigned_t v) { return value(json(v)); }
    bool number_float(json::number_float_t v, const string_t& /*text*/) { return value(json(v)); }
    bool binary(binary_t& /*v*/) { return value(json()); } // never in JSON text
    bool string(string_t& v) {
        if (building_.empty() && !frames_.empty() && frames_.back() == Frame::Record) {
            // The record's own strings go straight to their place.
            if (key_ == "entity" || key_ == "id" || key_ == "updated_by") {
                auto& to = key_ == "entity" ? record_.entity
                           : key_ == "id"   ? record_.id
                                            : record_.updatedBy;
                to = std::move(v);
                seen(key_);
                return true;
            }
        }
        return value(json(std::move(v)));
    }

    bool key(string_t& k) {
        if (building_.empty()) {
            key_ = std::move(k);
        } else {
            buildKey_ = std::move(k);
        }
        return true;
    }

    bool start_object(std::size_t /*size*/) {
        enter();
        if (building_.empty()) {
            if (frames_.empty()) {
                frames_.push_back(Frame::Top);
                return true;
            }
            switch (frames_.back()) {
            case Frame::Changes:
                record_ = RecordChange();
                seen_ = 0;
                frames_.push_back(Frame::Record);
                return true;
            case Frame::Record:
                if (key_ == "fields") {
                    record_.fields = json::object();
                    seen(key_);
                    frames_.push_back(Frame::Fields);
                    return true;
                }
                break;
            case Frame::Top:
            case Frame::Fields:
                break;
            }
        }
        return build(json::object());
    }

    bool start_array(std::size_t /*size*/) {
        enter();
        if (building_.empty() && !frames_.empty()) {
            if (frames_.back() == Frame::Top && key_ == "changes") {
                if (top_.contains(key_)) {
                    repeated(key_);
                }
                top_["changes"] = json::array(); // present and an array; the records go to changes_
                frames_.push_back(Frame::Changes);
                return true;
            }
            if (frames_.back() == Frame::Changes) {
                throw ProtocolError("invalid_request", "expected a JSON object");
            }
        }
        return build(json::array());
    }

    bool end_object() { return leave(); }
    bool end_array() { return leave(); }

    bool parse_error(std::size_t /*position*/, const std::string& /*last_token*/,
                     const json::exception& e) {
        throw ProtocolError("malformed_json", e.what());
    }

    /// The page, once sax_parse has read all of it.
    PullResponse take() {
        if (!whole_.is_discarded()) {
            // The body was not an object: pullResponseFromJson says why.
            return pullResponseFromJson(std::move(whole_));
        }
        auto page = pullResponseFromJson(std::move(top_));
        page.changes = std::move(changes_);
        return page;
    }

  private:
    enum class Frame { Top, Changes, Record, Fields };

    // The record members read so far (seen_ bits).
    static constexpr unsigned kEntity = 1, kId = 2, kVersion = 4, kUpdatedAt = 8, kFields = 16,
                              kSeq = 32, kDeleted = 64, kRemoved = 128, kUpdatedBy = 256;

    /// RFC 8259 §4 leaves a repeated name's meaning open; a page is refused
    /// rather than read by "the last one counts" (break-it: a second empty
    /// "changes" dropped the page's records and moved the cursor past them).
    [[noreturn]] static void repeated(const std::string& k) {
        throw ProtocolError("invalid_request", "member " + dumpSafe(json(k)) + " appears twice");
    }

    /// Marks a record member read; a known one read twice is refused.
    void seen(const std::string& k) {
        const unsigned bit = k == "entity"       ? kEntity
                             : k == "id"         ? kId
                             : k == "version"    ? kVersion
                             : k == "updated_at" ? kUpdatedAt
                             : k == "fields"     ? kFields
                             : k == "seq"        ? kSeq
                             : k == "deleted"    ? kDeleted
                             : k == "removed"    ? kRemoved
                             : k == "updated_by" ? kUpdatedBy
                                                 : 0U;
        if ((seen_ & bit) != 0) {
            repeated(k);
        }
        seen_ |= bit;
    }

    void enter() {
        if (frames_.size() + building_.size() + 1 > static_cast<std::size_t>(kMaxJsonDepth)) {
            throw ProtocolError("malformed_json", "JSON nested deeper than " +
                                                      std::to_string(kMaxJsonDepth) + " levels");
        }
    }

    /// Opens a container that is built as a document.
    bool build(json container) {
        if (building_.empty()) {
            built_ = std::move(container);
            building_.push_back(&built_);
            return true;
        }
        building_.push_back(insert(std::move(container)));
        return true;
    }

    /// Puts `v` into the innermost container being built; returns where.
    json* insert(json v) {
        json& into = *building_.back();
        if (into.is_array()) {
            into.push_back(std::move(v));
            return &into.back();
        }
        auto& slot = into[buildKey_];
        slot = std::move(v);
        return &slot;
    }

    bool leave() {
        if (!building_.empty()) {
            building_.pop_back();
            if (building_.empty()) {
                return place(std::move(built_));
            }
            return true;
        }
        auto ended = frames_.back();
        frames_.pop_back();
        if (ended == Frame::Record) {
            finishRecord();
        }
        return true;
    }

    /// A scalar: into the container being built, or its place.
    bool value(json v) {
        if (!building_.empty()) {
            insert(std::move(v));
            return true;
        }
        return place(std::move(v));
    }

    /// A whole value (scalar or built) at the current member of the current frame.
    bool place(json v) {
        if (frames_.empty()) {
            whole_ = std::move(v); // the body is not an object
            return true;
        }
        switch (frames_.back()) {
        case Frame::Top:
            if (top_.contains(key_)) {
                repeated(key_);
            }
            top_[key_] = std::move(v);
            return true;
        case Frame::Changes:
            throw ProtocolError("invalid_request", "expected a JSON object");
        case Frame::Fields:
            if (!record_.fields.emplace(key_, std::move(v)).second) {
                repeated(key_);
            }
            return true;
        case Frame::Record:
            recordMember(std::move(v));
            return true;
        }
        return true;
    }

    static std::int64_t asInteger(const std::string& k, const json& v) {
        if (!v.is_number_integer()) {
            throw ProtocolError("invalid_request", "\"" + k + "\" must be an integer");
        }
        if (v.is_number_unsigned() &&
            v.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) {
            throw ProtocolError("invalid_request",
                                "\"" + k + "\" is out of range (at most 2^63 - 1)");
        }
        return v.get<std::int64_t>();
    }

    static bool asBoolean(const std::string& k, const json& v) {
        if (!v.is_boolean()) {
            throw ProtocolError("invalid_request", "\"" + k + "\" must be a boolean");
        }
        return v.get<bool>();
    }

    /// A record member other than a string of entity, id or updated_by.
    void recordMember(json v) {
        if (key_ == "entity" || key_ == "id") {
            throw ProtocolError("invalid_request", "\"" + key_ + "\" must be a string");
        }
        if (key_ == "updated_by") {
            if (!v.is_null()) {
                throw ProtocolError("invalid_request", "\"updated_by\" must be a string");
            }
            record_.updatedBy.clear();
        } else if (key_ == "version") {
            record_.version = asInteger(key_, v);
        } else if (key_ == "updated_at") {
            record_.updatedAt = asInteger(key_, v);
        } else if (key_ == "seq") {
            record_.seq = asInteger(key_, v);
        } else if (key_ == "deleted") {
            record_.deleted = asBoolean(key_, v);
        } else if (key_ == "removed") {
            record_.removed = asBoolean(key_, v);
        } else if (key_ == "fields") {
            throw ProtocolError("invalid_request", "\"fields\" must be an object");
        } else {
            return; // a member this device does not know
        }
        seen(key_);
    }

    /// The record is whole: checked as recordChangeFromJson checks it.
    void finishRecord() {
        for (auto [bit, name] :
             {std::pair{kEntity, "entity"}, std::pair{kId, "id"}, std::pair{kVersion, "version"},
              std::pair{kUpdatedAt, "updated_at"}, std::pair{kFields, "fields"},
              std::pair{kSeq, "seq"}}) {
            if ((seen_ & bit) == 0) {
                throw ProtocolError("invalid_request",
                                    std::string("missing field \"") + name + "\"");
            }
        }
        checkRecordChange(record_);
        changes_.push_back(std::move(record_));
        record_ = RecordChange();
    }

    std::vector<Frame> frames_;
    std::string key_;                             ///< the member being read in the innermost frame
    json top_ = json::object();                   ///< the page's own members
    json whole_ = json(json::value_t::discarded); ///< a body that is not an object
    std::vector<RecordChange> changes_;
    RecordChange record_;
    unsigned seen_ = 0;

    json built_;                  ///< a value being built as a document
    std::vector<json*> building_; ///< its open containers, innermost last
    std::string buildKey_;        ///< the member being read in them
};

} // namespace

PullResponse readPullPage(std::string_view text) {
    // RFC 8259 §8.1, as parseJson.
    if (text.substr(0, 3) == "\xEF\xBB\xBF") {
        throw ProtocolError("malformed_json", "body starts with a UTF-8 byte order mark "
                                              "(RFC 8259 §8.1); send the JSON without it");
    }
    PullPageReader reader;
    json::sax_parse(text.data(), text.data() + text.size(), &reader);
    return reader.take();
}

} // namespace fieldbook::sync
