// SPDX-License-Identifier: MIT
#pragma once

#include "domain/entities.h"
#include "store/auth.h"
#include "store/records.h"
#include "store/server_db.h"
#include "sync/protocol.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace fieldbook::server {

/// Thrown while one pushed mutation is handled to refuse it with a stable
/// code and a message (docs/protocol.md "Per-mutation rejection codes"); the
/// mutation's savepoint rolls back everything it wrote.
struct Reject {
    std::string code;
    std::string message;
};

/// One pushed mutation as the checks and rules see it.
struct MutationContext {
    ServerDb& db;
    const Principal& who;
    const sync::Mutation& m;
    const domain::EntityDef& entity;
    const StoredRecord* stored; ///< null when the record does not exist yet
    std::string stamp;          ///< the mutation's HLC after skew bound and node fix
    std::int64_t nowMs;
    /// A mutation redirected from a merged client card that the user could
    /// write as sent: scope for writing is not checked again (store/merge.h).
    bool writableBeforeMerge = false;

    bool creating() const { return stored == nullptr; }
    /// True when `after[name]` differs from the stored value (from null when creating).
    bool changes(const nlohmann::json& after, std::string_view name) const;
    /// The stored value of a field (null when creating).
    nlohmann::json before(std::string_view name) const;
};

/// The checks on the pushed `fields` alone, field by field in key order:
/// unknown_field, read_only_field (server-written), invalid_value (type,
/// length, UTF-8, enumerated values), unknown_reference (a Ref naming no
/// live record), parent_deleted (a client_id naming a client tombstone, not
/// merged, or a deal_id a deal tombstone: a new record under a deleted
/// parent is refused as an edit under one is, the message naming who
/// deleted it; docs/conflicts.md "Under a deleted parent"). Throws Reject.
void checkPushedFields(ServerDb& db, const domain::EntityDef& entity, const sync::Mutation& m);

/// An upsert of an existing record whose parent is a tombstone: the client
/// its stored client_id names (contact, deal, planned activity, history
/// entry, mailing request), or the deal its stored deal_id names (deal
/// line, stage, payment, delivery), deleted and not merged (a merged
/// card's records moved to the survivor). Reject{"parent_deleted"}: the
/// head's delete of a card or deal wins over edits under it, and an edit
/// never brings back a child without its parent (docs/conflicts.md
/// "Edit versus delete"). A mutation that sends a new live parent passes.
void checkParentLive(ServerDb& db, const domain::EntityDef& entity, const sync::Mutation& m,
                     const nlohmann::json& storedFields);

/// The role × action matrix (SPEC §1, docs/permissions.md): the actions
/// domain::requiredActions() derives from the mutation must all be allowed
/// for the user's role, else Reject{"forbidden", "<role> may not <action>
/// (SPEC §1)"}. Users are never created by push (`fieldbook-server user
/// add`) nor deleted (set `active` to false): both "forbidden".
void checkPermission(const MutationContext& ctx);

/// Value rules on the record as it would be after the change, for the fields
/// that change: a Text field with a reference list must name a live, active
/// reference_item of that list (invalid_value); reference_item (list, code)
/// and stage code unique among live records (duplicate_code); a field that
/// gives work (domain::assignsWork: curator, deal manager, assignee, a
/// user's head) set to a deactivated user (inactive_user); the ranges of
/// domain::checkRecordValues (invalid_value); a time of a past event
/// (domain::checkPastEventTimes: history, payment, delivery, stage and deal
/// times) more than 10 min after the server's clock (invalid_value); a
/// client's parent_client_id naming the card or a subsidiary of it
/// (domain::checkClientParent: client_cycle). Throws Reject.
void checkValues(const MutationContext& ctx, const nlohmann::json& after);

} // namespace fieldbook::server
