// SPDX-License-Identifier: MIT
// Records as a pull page brings them, for tests that fill a real replica
// without a server (Replica::applyPull on a page built here).
#pragma once

#include "sync/protocol.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <string>
#include <utility>

namespace fieldbook::test {

/// A fixed, readable version-4-shaped UUID: "00000000-0000-4000-8000-" then
/// `kind` and `n` in 11 digits, e.g. testUuid(7, 'c') for client 7.
inline std::string testUuid(int n, char kind) {
    char text[40];
    std::snprintf(text, sizeof text, "00000000-0000-4000-8000-%c%011d", kind, n);
    return text;
}

/// A record of `entity` as the server sends it: version 1, written by
/// "server" at 2020-09-13T12:26:40Z, sequence 1; a tombstone if `deleted`.
inline sync::RecordChange pulledRecord(const std::string& entity, const std::string& id,
                                       nlohmann::json fields, bool deleted = false) {
    sync::RecordChange c;
    c.entity = entity;
    c.id = id;
    c.version = 1;
    c.updatedAt = 1'600'000'000'000;
    c.updatedBy = "server";
    c.deleted = deleted;
    c.fields = std::move(fields);
    c.seq = 1;
    return c;
}

} // namespace fieldbook::test
