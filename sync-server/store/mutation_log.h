// SPDX-License-Identifier: MIT
#pragma once

#include "store/server_db.h"
#include "sync/protocol.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace fieldbook::server {

/// The fingerprint of what a mutation asks (docs/protocol.md "Idempotency"):
/// SHA-256, in lower-case hex, of the canonical JSON (keys sorted, no
/// spaces) of {entity, record_id, op, fields, base_version}. The mutation id
/// and the HLC stamp are not part of it.
std::string mutationFingerprint(const sync::Mutation& m);

/// The idempotency log `applied_mutations`: the first answer given to each
/// (device id, mutation id), with the fingerprint of that mutation. Its
/// statements are prepared once; use it inside the push's transaction.
class MutationLog {
  public:
    explicit MutationLog(ServerDb& db);

    /// One logged answer: the result as first given and the fingerprint of
    /// the mutation it answered (empty for rows logged before schema 6).
    struct Entry {
        nlohmann::json result;
        std::string fingerprint;
    };
    /// The logged answer of (deviceId, mutationId), or nullopt.
    std::optional<Entry> find(const std::string& deviceId, const std::string& mutationId);
    /// Logs the answer `result` to `m` from `deviceId`, at `atMs` (ms UTC).
    void remember(const std::string& deviceId, const sync::Mutation& m,
                  const sync::MutationResult& result, std::int64_t atMs);

  private:
    store::Statement seen_;
    store::Statement remember_;
};

} // namespace fieldbook::server
