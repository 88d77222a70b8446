// SPDX-License-Identifier: MIT
#include "store/mutation_log.h"

#include <sodium.h>

#include <array>

namespace fieldbook::server {

using nlohmann::json;

namespace {
/// A JSON value's text as the log and fingerprints have always written it
/// (invalid UTF-8 replaced, never a throw).
std::string dumpText(const json& value) {
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}
} // namespace

std::string mutationFingerprint(const sync::Mutation& m) {
    // The canonical text of {"base_version", "entity", "fields", "op",
    // "record_id"} as nlohmann::json dumps it (object keys sorted, no
    // spaces), written without copying the fields into a tree (issue 6): the
    // same bytes, so fingerprints logged by earlier builds still match.
    auto text = dumpText(m.fields);
    text.reserve(text.size() + m.entity.size() + m.recordId.size() + 96);
    text.insert(0, "{\"base_version\":" + std::to_string(m.baseVersion) +
                       ",\"entity\":" + dumpText(m.entity) + ",\"fields\":");
    text += ",\"op\":" + dumpText(m.op) + ",\"record_id\":" + dumpText(m.recordId) + "}";
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(text.data()),
                       text.size());
    std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    return std::string(hex.data());
}

MutationLog::MutationLog(ServerDb& db)
    : seen_(db.db(), "SELECT result, fingerprint FROM applied_mutations "
                     "WHERE device_id = ? AND mutation_id = ?"),
      remember_(db.db(), "INSERT INTO applied_mutations(device_id, mutation_id, result, "
                         "applied_at, fingerprint) VALUES(?,?,?,?,?)") {}

std::optional<MutationLog::Entry> MutationLog::find(const std::string& deviceId,
                                                    const std::string& mutationId) {
    seen_.reset();
    seen_.bind(1, deviceId).bind(2, mutationId);
    if (!seen_.step()) {
        return std::nullopt;
    }
    return Entry{json::parse(seen_.text(0)), seen_.isNull(1) ? std::string() : seen_.text(1)};
}

void MutationLog::remember(const std::string& deviceId, const sync::Mutation& m,
                           const sync::MutationResult& result, std::int64_t atMs) {
    remember_.reset();
    remember_.bind(1, deviceId)
        .bind(2, m.mutationId)
        .bind(3, sync::dumpSafe(sync::toJson(result)))
        .bind(4, atMs)
        .bind(5, mutationFingerprint(m))
        .run();
}

} // namespace fieldbook::server
