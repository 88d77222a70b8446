// SPDX-License-Identifier: MIT
#include "sync/protocol.h"

#include "domain/entities.h"

#include <algorithm>
#include <type_traits>
#include <utility>

namespace fieldbook::sync {

using nlohmann::json;

namespace {
const json& need(const json& j, const char* key) {
    if (!j.is_object()) {
        throw ProtocolError("invalid_request", "expected a JSON object");
    }
    auto it = j.find(key);
    if (it == j.end()) {
        throw ProtocolError("invalid_request", std::string("missing field \"") + key + "\"");
    }
    return *it;
}

std::string str(const json& j, const char* key) {
    const auto& v = need(j, key);
    if (!v.is_string()) {
        throw ProtocolError("invalid_request", std::string("\"") + key + "\" must be a string");
    }
    return v.get<std::string>();
}

std::string optStr(const json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) {
        return {};
    }
    if (!it->is_string()) {
        throw ProtocolError("invalid_request", std::string("\"") + key + "\" must be a string");
    }
    return it->get<std::string>();
}

std::int64_t integer(const json& j, const char* key) {
    const auto& v = need(j, key);
    if (!v.is_number_integer()) {
        throw ProtocolError("invalid_request", std::string("\"") + key + "\" must be an integer");
    }
    if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) {
        throw ProtocolError("invalid_request",
                            std::string("\"") + key + "\" is out of range (at most 2^63 - 1)");
    }
    return v.get<std::int64_t>();
}

bool boolean(const json& j, const char* key, bool fallback) {
    auto it = j.find(key);
    if (it == j.end()) {
        return fallback;
    }
    if (!it->is_boolean()) {
        throw ProtocolError("invalid_request", std::string("\"") + key + "\" must be a boolean");
    }
    return it->get<bool>();
}

const json& array(const json& j, const char* key) {
    const auto& v = need(j, key);
    if (!v.is_array()) {
        throw ProtocolError("invalid_request", std::string("\"") + key + "\" must be an array");
    }
    return v;
}
} // namespace

json toJson(const LoginRequest& m) {
    return {{"login", m.login},
            {"password", m.password},
            {"device_id", m.deviceId},
            {"device_name", m.deviceName}};
}

json toJson(const LoginResponse& m) {
    return {{"token", m.token},
            {"expires_at", m.expiresAtMs},
            {"device_id", m.deviceId},
            {"user",
             {{"id", m.user.id},
              {"login", m.user.login},
              {"full_name", m.user.fullName},
              {"role", m.user.role}}}};
}

json toJson(const Mutation& m) {
    return {{"mutation_id", m.mutationId},
            {"entity", m.entity},
            {"record_id", m.recordId},
            {"op", m.op},
            {"base_version", m.baseVersion},
            {"fields", m.fields},
            {"hlc", m.hlc}};
}

json toJson(const PushRequest& m) {
    json arr = json::array();
    for (const auto& x : m.mutations) {
        arr.push_back(toJson(x));
    }
    json j = {{"mutations", std::move(arr)}};
    if (!m.epoch.empty()) {
        j["epoch"] = m.epoch;
        j["cursor"] = m.cursor;
    }
    return j;
}

json toJson(const MutationResult& m) {
    json j = {{"mutation_id", m.mutationId}, {"status", m.status}, {"version", m.version}};
    if (m.duplicate) {
        j["duplicate"] = true;
    }
    if (!m.conflicts.empty()) {
        json arr = json::array();
        for (const auto& c : m.conflicts) {
            arr.push_back({{"field", c.field},
                           {"rule", c.rule},
                           {"winner_value", c.winnerValue},
                           {"loser_value", c.loserValue},
                           {"pushed_value_lost", c.pushedValueLost}});
        }
        j["conflicts"] = std::move(arr);
    }
    if (!m.errorCode.empty()) {
        j["error"] = {{"code", m.errorCode}, {"message", m.errorMessage}};
    }
    if (m.hasCurrent) {
        j["current"] = m.current ? toJson(*m.current) : json();
    }
    return j;
}

json toJson(const PushResponse& m) {
    json arr = json::array();
    for (const auto& x : m.results) {
        arr.push_back(toJson(x));
    }
    return {{"results", std::move(arr)}, {"server_time", m.serverTimeMs}};
}

json toJson(const RecordChange& m) {
    json j = {{"entity", m.entity},        {"id", m.id},
              {"version", m.version},      {"updated_at", m.updatedAt},
              {"updated_by", m.updatedBy}, {"deleted", m.deleted},
              {"fields", m.fields},        {"seq", m.seq}};
    if (m.removed) {
        j["removed"] = true;
    }
    return j;
}

json toJson(const PullResponse& m) {
    json arr = json::array();
    for (const auto& x : m.changes) {
        arr.push_back(toJson(x));
    }
    json j = {{"changes", std::move(arr)},
              {"cursor", m.cursor},
              {"has_more", m.hasMore},
              {"server_time", m.serverTimeMs}};
    if (!m.databaseId.empty()) {
        j["database_id"] = m.databaseId;
    }
    if (!m.epoch.empty()) {
        j["epoch"] = m.epoch;
    }
    if (m.snapshot > 0) {
        j["snapshot"] = m.snapshot;
    }
    return j;
}

LoginRequest loginRequestFromJson(const json& j) {
    return {str(j, "login"), str(j, "password"), optStr(j, "device_id"), optStr(j, "device_name")};
}

LoginResponse loginResponseFromJson(const json& j) {
    LoginResponse r;
    r.token = str(j, "token");
    r.expiresAtMs = integer(j, "expires_at");
    r.deviceId = str(j, "device_id");
    const auto& u = need(j, "user");
    r.user = {str(u, "id"), str(u, "login"), str(u, "full_name"), str(u, "role")};
    return r;
}

Mutation mutationFromJson(const json& j) {
    Mutation m;
    m.mutationId = str(j, "mutation_id");
    // Kept in the idempotency log: short printable ASCII (a UUID fits).
    bool printable = std::all_of(m.mutationId.begin(), m.mutationId.end(),
                                 [](char c) { return c >= 0x21 && c <= 0x7e; });
    if (m.mutationId.empty() || m.mutationId.size() > kMaxMutationIdBytes || !printable) {
        throw ProtocolError("invalid_request",
                            "\"mutation_id\" must be 1 to 64 bytes of printable ASCII");
    }
    m.entity = str(j, "entity");
    m.recordId = str(j, "record_id");
    m.op = str(j, "op");
    if (m.op != "upsert" && m.op != "delete") {
        throw ProtocolError("invalid_request", "\"op\" must be \"upsert\" or \"delete\"");
    }
    m.baseVersion = integer(j, "base_version");
    if (m.baseVersion < 0) {
        throw ProtocolError("invalid_request", "\"base_version\" must not be negative");
    }
    auto it = j.find("fields");
    if (it != j.end()) {
        if (!it->is_object()) {
            throw ProtocolError("invalid_request", "\"fields\" must be an object");
        }
        m.fields = *it;
    }
    m.hlc = str(j, "hlc");
    return m;
}

PushRequest pushRequestFromJson(const json& j) {
    PushRequest r;
    for (const auto& x : array(j, "mutations")) {
        r.mutations.push_back(mutationFromJson(x));
    }
    r.epoch = optStr(j, "epoch");
    if (r.epoch.empty() && j.contains("cursor")) {
        throw ProtocolError("invalid_request", "\"cursor\" is sent with \"epoch\" (where the "
                                               "replica stands in which epoch): send both or "
                                               "neither");
    }
    bool printableEpoch = std::all_of(r.epoch.begin(), r.epoch.end(),
                                      [](unsigned char c) { return c >= 0x21 && c <= 0x7e; });
    if (r.epoch.size() > kMaxEpochBytes || !printableEpoch) {
        throw ProtocolError("invalid_epoch", "\"epoch\" must be at most " +
                                                 std::to_string(kMaxEpochBytes) +
                                                 " bytes of printable ASCII");
    }
    if (!r.epoch.empty()) {
        r.cursor = integer(j, "cursor");
        if (r.cursor < 0) {
            throw ProtocolError("invalid_request", "cursor must not be negative");
        }
    }
    return r;
}

MutationResult mutationResultFromJson(const json& j) {
    MutationResult r;
    r.mutationId = str(j, "mutation_id");
    r.status = str(j, "status");
    r.version = integer(j, "version");
    r.duplicate = boolean(j, "duplicate", false);
    if (auto it = j.find("conflicts"); it != j.end() && it->is_array()) {
        for (const auto& c : *it) {
            r.conflicts.push_back({str(c, "field"), str(c, "rule"), c.value("winner_value", json()),
                                   c.value("loser_value", json()),
                                   boolean(c, "pushed_value_lost", false)});
        }
    }
    if (auto it = j.find("error"); it != j.end() && it->is_object()) {
        r.errorCode = str(*it, "code");
        r.errorMessage = optStr(*it, "message");
    }
    if (auto it = j.find("current"); it != j.end()) {
        r.hasCurrent = true;
        if (it->is_object()) {
            r.current = recordChangeFromJson(*it);
        }
    }
    return r;
}

PushResponse pushResponseFromJson(const json& j) {
    PushResponse r;
    for (const auto& x : array(j, "results")) {
        r.results.push_back(mutationResultFromJson(x));
    }
    r.serverTimeMs = integer(j, "server_time");
    return r;
}

namespace {
/// recordChangeFromJson; from a mutable value the fields are moved, not
/// copied (a pull page's records, issue 6).
template <typename Json> RecordChange readRecordChange(Json&& j) {
    RecordChange c;
    c.entity = str(j, "entity");
    c.id = str(j, "id");
    c.version = integer(j, "version");
    c.updatedAt = integer(j, "updated_at");
    c.updatedBy = optStr(j, "updated_by");
    c.deleted = boolean(j, "deleted", false);
    const auto& f = need(j, "fields");
    if (!f.is_object()) {
        throw ProtocolError("invalid_request", "\"fields\" must be an object");
    }
    if constexpr (std::is_const_v<std::remove_reference_t<Json>>) {
        c.fields = f;
    } else {
        c.fields = std::move(j["fields"]);
    }
    c.seq = integer(j, "seq");
    c.removed = boolean(j, "removed", false);
    checkRecordChange(c);
    return c;
}
} // namespace

void checkRecordId(std::string_view id) {
    if (!domain::isRecordId(id)) {
        throw ProtocolError("invalid_request", "record id " + dumpSafe(json(std::string(id))) +
                                                   " is not an id (1 to 64 letters, digits, "
                                                   "'-' or '_')");
    }
}

void checkRecordChange(const RecordChange& c) {
    checkRecordId(c.id);
    const auto* e = domain::findEntity(c.entity);
    if (!e || !c.fields.is_object()) {
        return;
    }
    for (const auto& f : e->fields) {
        auto v = c.fields.find(f.name);
        if (v == c.fields.end() || v->is_null()) {
            continue;
        }
        const char* expected = nullptr;
        switch (f.type) {
        case domain::FieldType::Text:
        case domain::FieldType::Ref:
            expected = v->is_string() ? nullptr : "a string";
            break;
        case domain::FieldType::Int:
        case domain::FieldType::TimeMs:
            expected = v->is_number_integer() &&
                               !(v->is_number_unsigned() &&
                                 v->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))
                           ? nullptr
                           : "an integer";
            break;
        case domain::FieldType::Bool:
            expected = v->is_boolean() ? nullptr : "true or false";
            break;
        }
        if (expected) {
            throw ProtocolError("invalid_request", "field \"" + std::string(f.name) + "\" of " +
                                                       c.entity + " " + c.id + " must be " +
                                                       expected + " or null");
        }
    }
}

RecordChange recordChangeFromJson(const json& j) {
    return readRecordChange(j);
}

PullResponse pullResponseFromJson(json j) {
    PullResponse r;
    array(j, "changes"); // checked: present and an array
    auto& changes = j["changes"];
    r.changes.reserve(changes.size());
    for (auto& x : changes) {
        r.changes.push_back(readRecordChange(x));
    }
    r.cursor = integer(j, "cursor");
    r.hasMore = boolean(j, "has_more", false);
    r.serverTimeMs = integer(j, "server_time");
    r.databaseId = optStr(j, "database_id");
    r.epoch = optStr(j, "epoch");
    r.snapshot = j.contains("snapshot") ? integer(j, "snapshot") : 0;
    return r;
}

json parseJson(std::string_view text) {
    // Nesting is bounded so that a hostile body cannot exhaust the stack of the
    // recursive copy and destruction of the value.
    // The parser reports a container's start at the depth outside it, and
    // a member at the depth inside: count a start one level deeper, so that
    // kMaxJsonDepth arrays or objects pass and one more does not.
    json::parser_callback_t limitDepth = [](int depth, json::parse_event_t event, json&) {
        bool opens =
            event == json::parse_event_t::object_start || event == json::parse_event_t::array_start;
        if ((opens ? depth + 1 : depth) > kMaxJsonDepth) {
            throw ProtocolError("malformed_json", "JSON nested deeper than " +
                                                      std::to_string(kMaxJsonDepth) + " levels");
        }
        return true;
    };
    // RFC 8259 §8.1: senders must not add a byte order mark. The parser
    // would skip it silently; a body other parsers reject is refused.
    if (text.substr(0, 3) == "\xEF\xBB\xBF") {
        throw ProtocolError("malformed_json", "body starts with a UTF-8 byte order mark "
                                              "(RFC 8259 §8.1); send the JSON without it");
    }
    try {
        return json::parse(text, limitDepth);
    } catch (const json::exception& e) {
        throw ProtocolError("malformed_json", std::string("body is not valid JSON: ") + e.what());
    }
}

std::string dumpSafe(const json& value) {
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

json errorBody(std::string_view code, std::string_view message) {
    return {{"error", {{"code", code}, {"message", message}}}};
}

std::string escapeNul(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == '\0') {
            out += "\\0";
        } else {
            out += c;
        }
    }
    return out;
}

} // namespace fieldbook::sync
