// SPDX-License-Identifier: MIT
// Internal to shared/sync: the SAX reader of a pull page (docs/protocol.md
// "Pull"), shared by readPullPage (RecordChanges) and readPulledPage (flat
// rows for the replica's first download, issue 6). The reader checks the
// page's and each record's own members; what a record's fields become is
// its Sink's business.
#pragma once

#include "sync/protocol.h"

#include <climits>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

namespace fieldbook::sync::detail {

/// RFC 8259 §4 leaves a repeated name's meaning open; a page is refused
/// rather than read by "the last one counts" (break-it: a second empty
/// "changes" dropped the page's records and moved the cursor past them).
[[noreturn]] inline void refuseRepeated(std::string_view k) {
    throw ProtocolError("invalid_request",
                        "member " + dumpSafe(nlohmann::json(std::string(k))) + " appears twice");
}

/// Folds `text` into a record's content hash `h` (order matters: the server
/// writes a record's fields in one order). Shared by both page readers, so
/// they call the same two copies of a record the same or different.
inline std::size_t mixContent(std::size_t h, std::string_view text) {
    return (h ^ std::hash<std::string_view>{}(text)) * 0x100000001b3ULL + 0x9e3779b9;
}

/// A record's own members (all but "fields"), reused from record to record.
struct PulledHead {
    std::string entity;
    std::string id;
    std::string updatedBy;
    std::int64_t version = 0;
    std::int64_t updatedAt = 0;
    std::int64_t seq = 0;
    bool deleted = false;
    bool removed = false;

    void clear() {
        entity.clear();
        id.clear();
        updatedBy.clear();
        version = updatedAt = seq = 0;
        deleted = removed = false;
    }
};

/// The SAX events of one pull page (nlohmann::json::sax_parse). The page's
/// own members (cursor, has_more, ...) are few: they are kept as a small
/// document and checked by pullResponseFromJson. Each record's own members
/// are read into a PulledHead; its fields go to `Sink` (beginFields(),
/// fieldString(key, string&), field(key, json&&), finishRecord(head)) as
/// they arrive; a value nested deeper (a field's object or array, a member
/// this device does not know) is built as a document and handed over when
/// it ends.
template <class Sink> class PullPageReader {
  public:
    using json = nlohmann::json;
    using string_t = json::string_t;
    using binary_t = json::binary_t;

    explicit PullPageReader(Sink& sink) : sink_(sink) {}

    bool null() { return value(json()); }
    bool boolean(bool v) { return value(json(v)); }
    bool number_integer(json::number_integer_t v) { return value(json(v)); }
    bool number_unsigned(json::number_unsigned_t v) { return value(json(v)); }
    bool number_float(json::number_float_t v, const string_t& /*text*/) { return value(json(v)); }
    bool binary(binary_t& /*v*/) { return value(json()); } // never in JSON text
    bool string(string_t& v) {
        if (building_.empty() && !frames_.empty()) {
            if (frames_.back() == Frame::Record &&
                (key_ == "entity" || key_ == "id" || key_ == "updated_by")) {
                // The record's own strings go straight to their place.
                auto& to = key_ == "entity" ? head_.entity
                           : key_ == "id"   ? head_.id
                                            : head_.updatedBy;
                to.assign(v);
                seen(key_);
                return true;
            }
            if (frames_.back() == Frame::Fields) {
                mix(key_);
                mix(v);
                sink_.fieldString(key_, v);
                return true;
            }
        }
        return value(json(std::move(v)));
    }

    bool key(string_t& k) {
        if (building_.empty()) {
            key_.assign(k);
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
                head_.clear();
                seen_ = 0;
                content_ = 0;
                frames_.push_back(Frame::Record);
                return true;
            case Frame::Record:
                if (key_ == "fields") {
                    seen(key_);
                    sink_.beginFields();
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
                    refuseRepeated(key_);
                }
                top_["changes"] = json::array(); // present and an array; the records go to the sink
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

    /// The page's own members, once sax_parse has read all of it (changes empty).
    PullResponse takePosition() {
        if (!whole_.is_discarded()) {
            // The body was not an object: pullResponseFromJson says why.
            return pullResponseFromJson(std::move(whole_));
        }
        return pullResponseFromJson(std::move(top_));
    }

  private:
    enum class Frame { Top, Changes, Record, Fields };

    // The record members read so far (seen_ bits).
    static constexpr unsigned kEntity = 1, kId = 2, kVersion = 4, kUpdatedAt = 8, kFields = 16,
                              kSeq = 32, kDeleted = 64, kRemoved = 128, kUpdatedBy = 256;

    /// Marks a record member read; a known one read twice is refused.
    /// Folds `text` into the record's content hash (order matters: the
    /// server writes a record's fields in one order).
    void mix(std::string_view text) { content_ = mixContent(content_, text); }

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
            refuseRepeated(k);
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
                refuseRepeated(key_);
            }
            top_[key_] = std::move(v);
            return true;
        case Frame::Changes:
            throw ProtocolError("invalid_request", "expected a JSON object");
        case Frame::Fields:
            mix(key_);
            if (v.is_number_integer()) {
                mix(std::to_string(v.template get<std::int64_t>()));
            } else {
                mix(v.dump(-1, ' ', false, json::error_handler_t::replace));
            }
            sink_.field(key_, std::move(v));
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
            v.template get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) {
            throw ProtocolError("invalid_request",
                                "\"" + k + "\" is out of range (at most 2^63 - 1)");
        }
        return v.template get<std::int64_t>();
    }

    static bool asBoolean(const std::string& k, const json& v) {
        if (!v.is_boolean()) {
            throw ProtocolError("invalid_request", "\"" + k + "\" must be a boolean");
        }
        return v.template get<bool>();
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
            head_.updatedBy.clear();
        } else if (key_ == "version") {
            head_.version = asInteger(key_, v);
        } else if (key_ == "updated_at") {
            head_.updatedAt = asInteger(key_, v);
        } else if (key_ == "seq") {
            head_.seq = asInteger(key_, v);
        } else if (key_ == "deleted") {
            head_.deleted = asBoolean(key_, v);
        } else if (key_ == "removed") {
            head_.removed = asBoolean(key_, v);
        } else if (key_ == "fields") {
            throw ProtocolError("invalid_request", "\"fields\" must be an object");
        } else {
            return; // a member this device does not know
        }
        seen(key_);
    }

    /// The record is whole: its members present, then the sink checks it
    /// as checkRecordChange does (recordChangeFromJson's order).
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
        // A record twice in one page is the same state twice (a card that
        // entered the user's scope twice since the cursor comes with each
        // entry); a second copy that differs is refused: taken in order, it
        // deleted the record or raised its version past every real update,
        // or, at the same version, left a value the server never had
        // (break-it). Its fields are compared by a hash of their text.
        mix(head_.updatedBy);
        mix(std::to_string(head_.updatedAt));
        const auto state = std::tuple{head_.version, head_.deleted, head_.removed, content_};
        auto [at, added] = pageRecords_.emplace(head_.entity + '\x1f' + head_.id, state);
        if (!added && at->second != state) {
            throw ProtocolError("invalid_request", "record " + head_.entity + " " + head_.id +
                                                       " appears twice in one page, differently");
        }
        sink_.finishRecord(head_);
    }

    Sink& sink_;
    std::vector<Frame> frames_;
    std::string key_;                             ///< the member being read in the innermost frame
    json top_ = json::object();                   ///< the page's own members
    json whole_ = json(json::value_t::discarded); ///< a body that is not an object
    PulledHead head_;
    unsigned seen_ = 0;
    /// entity + '\x1f' + id -> (version, deleted, removed, content hash) of
    /// each record read
    std::unordered_map<std::string, std::tuple<std::int64_t, bool, bool, std::size_t>> pageRecords_;
    std::size_t content_ = 0; ///< the hash of the record's fields so far (mix())

    json built_;                  ///< a value being built as a document
    std::vector<json*> building_; ///< its open containers, innermost last
    std::string buildKey_;        ///< the member being read in them
};

/// Runs `reader` over `text` (RFC 8259 §8.1: no byte order mark, as parseJson).
template <class Reader> void saxReadPage(std::string_view text, Reader& reader) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") {
        throw ProtocolError("malformed_json", "body starts with a UTF-8 byte order mark "
                                              "(RFC 8259 §8.1); send the JSON without it");
    }
    nlohmann::json::sax_parse(text.data(), text.data() + text.size(), &reader);
}

} // namespace fieldbook::sync::detail
