// SPDX-License-Identifier: MIT
#pragma once

// Messages of the Fieldbook sync protocol and their JSON codec.
// The wire format is documented in docs/protocol.md.
//
// Protocol versions (sent by devices in the X-Fieldbook-Protocol header):
//   1 — 2026-11: login, push (mutations with base version and HLC), pull by
//       server cursor in pages, per-mutation results, conflict log records.
//       Within 1 (issue 4): pulled changes may carry "removed": true (the
//       record left the user's scope), and records that enter a scope come
//       whole in the same pull stream.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace fieldbook::sync {

inline constexpr int kProtocolVersion = 1;
/// Oldest device protocol the server still serves; older gets HTTP 426.
inline constexpr int kMinProtocolVersion = 1;
inline constexpr const char* kProtocolHeader = "X-Fieldbook-Protocol";

/// Raised by the codec when a message is not valid JSON or lacks a field.
/// `code()` is the stable error code the server answers with.
class ProtocolError : public std::runtime_error {
  public:
    ProtocolError(std::string code, const std::string& message)
        : std::runtime_error(message), code_(std::move(code)) {}
    const std::string& code() const { return code_; }

  private:
    std::string code_;
};

struct LoginRequest {
    std::string login;
    std::string password;
    std::string deviceId;   ///< empty: the server registers a new device
    std::string deviceName; ///< shown to admins, e.g. "fieldbook-cli"
};

struct UserInfo {
    std::string id;
    std::string login;
    std::string fullName;
    std::string role;
};

struct LoginResponse {
    std::string token; ///< bearer token; the server stores only its hash
    std::int64_t expiresAtMs = 0;
    std::string deviceId;
    UserInfo user;
};

/// One change a device made offline. `baseVersion` is the record version the
/// edit was made on (0: the device created the record). `fields` holds only
/// the fields that changed. `hlc` is the device's hybrid logical clock stamp.
struct Mutation {
    std::string mutationId; ///< UUID made on the device; push is idempotent per (device, id)
    std::string entity;
    std::string recordId;
    std::string op = "upsert"; ///< "upsert" or "delete"
    std::int64_t baseVersion = 0;
    nlohmann::json fields = nlohmann::json::object();
    std::string hlc;
};

struct PushRequest {
    std::vector<Mutation> mutations;
    /// Where the device's replica stands (docs/protocol.md "Restores"): the
    /// epoch of its last pull and its cursor. Empty epoch: not sent (a new
    /// device, or one that does not know the key). The server answers 409
    /// server_restored, applying nothing, when they show its database went
    /// back in time.
    std::string epoch;
    std::int64_t cursor = 0;
};

/// A value that lost a conflict (docs/conflicts.md).
struct ConflictNote {
    std::string field;
    std::string rule;
    nlohmann::json winnerValue;
    nlohmann::json loserValue;
    bool pushedValueLost = false; ///< true: the pushed value lost; false: it replaced another
};

/// One record as the server holds it now (pull sends whole records).
struct RecordChange {
    std::string entity;
    std::string id;
    std::int64_t version = 0;
    std::int64_t updatedAt = 0;
    std::string updatedBy;
    bool deleted = false;
    nlohmann::json fields = nlohmann::json::object();
    std::int64_t seq = 0; ///< server change sequence (the cursor position)
    /// Pull only: the record left the user's scope (it was not deleted).
    /// Drop it unless local edits of it are pending. `deleted` is true too,
    /// so a device that does not know this key drops it like a tombstone.
    bool removed = false;
};

struct MutationResult {
    std::string mutationId;
    std::string status; ///< "applied" or "rejected"
    std::int64_t version = 0;
    bool duplicate =
        false; ///< true: answered from the idempotency log (the first answer, replayed)
    std::vector<ConflictNote> conflicts;
    std::string errorCode; ///< set when rejected
    std::string errorMessage;
    /// The record as the server holds it after this mutation (also for
    /// rejected and losing ones), so the device never keeps showing a value
    /// the server does not have. `hasCurrent` with no `current`: the server
    /// has no such record in the user's scope (e.g. a refused create).
    bool hasCurrent = false;
    std::optional<RecordChange> current;
};

struct PushResponse {
    std::vector<MutationResult> results;
    std::int64_t serverTimeMs = 0;
};

struct PullResponse {
    std::vector<RecordChange> changes;
    std::int64_t cursor = 0; ///< pass back as ?cursor= to resume after these changes
    bool hasMore = false;
    std::int64_t serverTimeMs = 0;
    /// The server database's identity (a random UUID made with the database).
    std::string databaseId;
    /// The server epoch this cursor belongs to (a random UUID per `serve`
    /// start); pass back as ?epoch= and in push requests. Empty from an older server.
    std::string epoch;
    /// The live-only snapshot of a first download (docs/protocol.md "First
    /// download"): pass back as ?snapshot= on the next pages. 0: none.
    std::int64_t snapshot = 0;
};

nlohmann::json toJson(const LoginRequest& m);
nlohmann::json toJson(const LoginResponse& m);
nlohmann::json toJson(const Mutation& m);
nlohmann::json toJson(const PushRequest& m);
nlohmann::json toJson(const MutationResult& m);
nlohmann::json toJson(const PushResponse& m);
nlohmann::json toJson(const RecordChange& m);
nlohmann::json toJson(const PullResponse& m);

/// The longest mutation_id accepted (bytes; printable ASCII 0x21-0x7e).
inline constexpr std::size_t kMaxMutationIdBytes = 64;

/// The longest push `epoch` accepted (bytes; printable ASCII). The server's
/// epochs are UUIDs.
inline constexpr std::size_t kMaxEpochBytes = 64;

/// Decoders throw ProtocolError("malformed_json" | "invalid_request" |
/// "invalid_epoch", ...);
/// mutationFromJson also for a mutation_id that is empty, longer than
/// kMaxMutationIdBytes or not printable ASCII; every decoder for an integer
/// above 2^63 - 1 ("out of range"); pushRequestFromJson for a `cursor`
/// without `epoch`, and invalid_epoch for an epoch longer than
/// kMaxEpochBytes or not printable.
LoginRequest loginRequestFromJson(const nlohmann::json& j);
LoginResponse loginResponseFromJson(const nlohmann::json& j);
Mutation mutationFromJson(const nlohmann::json& j);
PushRequest pushRequestFromJson(const nlohmann::json& j);
MutationResult mutationResultFromJson(const nlohmann::json& j);
PushResponse pushResponseFromJson(const nlohmann::json& j);
RecordChange recordChangeFromJson(const nlohmann::json& j);
/// A record the server sent, checked before a device stores it: its id is
/// 1 to 64 letters, digits, '-' or '_' (the server's ids are UUIDs), and each
/// field the entity registry knows holds null or its type's JSON (a string
/// for text and references, an integer for counts, cents and ms times, true
/// or false for flags). An unknown entity or field is left to the replica
/// (a newer server's). Throws ProtocolError("invalid_request") naming the
/// member (break-it: a page of [1,2] values was stored as text "[1,2]").
/// Every decoder of a RecordChange calls it.
void checkRecordChange(const RecordChange& c);
/// The id part of checkRecordChange: 1 to 64 of [A-Za-z0-9_-] (no path, no
/// SQL); throws ProtocolError("invalid_request") quoting the id.
void checkRecordId(std::string_view id);
/// Takes the page by value: pass it as an rvalue and each record's fields
/// are moved out of it instead of copied.
PullResponse pullResponseFromJson(nlohmann::json j);

/// Deepest JSON nesting parseJson accepts.
inline constexpr int kMaxJsonDepth = 64;

/// Parses text as JSON (RFC 8259, UTF-8, nesting at most kMaxJsonDepth
/// arrays or objects, no byte order mark: RFC 8259 §8.1); throws
/// ProtocolError("malformed_json") with the parser's message.
nlohmann::json parseJson(std::string_view text);

/// Serialises JSON, replacing invalid UTF-8 (e.g. echoed request bytes in an
/// error message) with U+FFFD instead of throwing.
std::string dumpSafe(const nlohmann::json& value);

/// `text` with each NUL byte written as the two characters `\0`, for an
/// error message built from input (a NUL would end the message where a C
/// string reads it: break-it, a filter name "%00" cut the message).
std::string escapeNul(std::string_view text);

/// The JSON error body every failing endpoint answers with:
/// {"error":{"code":"...","message":"..."}}.
nlohmann::json errorBody(std::string_view code, std::string_view message);

} // namespace fieldbook::sync
