// SPDX-License-Identifier: MIT
#pragma once

#include "device/replica.h"
#include "device/sync_engine.h"

#include <nlohmann/json.hpp>

#include <optional>

namespace fieldbook::device {

/// Asks the server which existing cards a new card would duplicate (SPEC
/// §3.7; GET /api/v1/clients/duplicates?name=&tax_id=&phone=&city=, bearer
/// token of `session`): the server sees every card, the replica only its
/// scope. Returns the server's candidates in the shape of
/// Replica::findDuplicates, or nullopt when the server cannot be reached, the
/// token is refused, or the answer is not a JSON array (or an object with a
/// "duplicates" array): the caller then falls back to the local check.
/// Never throws for network or server failures.
std::optional<nlohmann::json> findDuplicatesOnline(Transport& transport, const Session& session,
                                                   const nlohmann::json& clientFields);

/// Percent-encodes `text` for a URL query value (RFC 3986 unreserved kept).
std::string urlEncode(std::string_view text);

} // namespace fieldbook::device
