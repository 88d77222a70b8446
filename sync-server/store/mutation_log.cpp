// SPDX-License-Identifier: MIT
#include "store/mutation_log.h"

#include <sodium.h>

#include <array>

namespace fieldbook::server {

using nlohmann::json;

std::string mutationFingerprint(const sync::Mutation& m) {
    json canonical = {{"entity", m.entity},
                      {"record_id", m.recordId},
                      {"op", m.op},
                      {"fields", m.fields},
                      {"base_version", m.baseVersion}};
    // nlohmann::json keeps object keys sorted: dump() is canonical.
    auto text = canonical.dump(-1, ' ', false, json::error_handler_t::replace);
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
