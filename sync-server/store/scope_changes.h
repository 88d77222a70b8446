// SPDX-License-Identifier: MIT
#pragma once

// Scope changes (SPEC §3.5, §4; docs/architecture.md "Scope changes"): when a
// write moves clients, deals or a record into or out of a manager's scope,
// the server logs the change and lays out, at new positions of the change
// sequence, the records the manager's next pull must send (a card that
// entered the scope, even though its records are older than the device's
// cursor) or withdraw (records that left it). store/pull.cpp reads them.

#include "domain/entities.h"
#include "store/server_db.h"

#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fieldbook::server {

/// What a change can move in or out of a scope: clients and deals whose
/// membership in a manager's scope may change, and users it names.
struct ScopeTouch {
    std::set<std::string> clients;
    std::set<std::string> deals;
    std::set<std::string> users;
    bool empty() const { return clients.empty() && deals.empty(); }
};

/// The touch of a pushed upsert or delete of record `id` of `entity`:
/// `stored` is the record's fields before (null when creating), `pushed` the
/// mutation's fields. Empty when the write cannot change a scope: nothing
/// but a create or delete of a deal, deal stage or planned activity, or a
/// change of curator_id, manager_id, assignee_id, client_id or deal_id can.
ScopeTouch touchOfMutation(std::string_view entity, const std::string& id,
                           const nlohmann::json* stored, const nlohmann::json& pushed,
                           bool deleting);

/// A record a ScopeWatch follows through a write: its entity, id and
/// fields before the write (null: a new record).
struct WatchedRecord {
    std::string entity;
    std::string id;
    nlohmann::json stored; ///< null when the write creates the record
};

/// Watches one write, or a batch of writes made together (a merge of client
/// cards moves hundreds of records at once), for scope changes. Construct
/// it before the write(s), call record() after, in the same transaction (a
/// rolled-back write takes its scope changes with it). Only users without
/// full scope (managers) are watched; everyone else's scope is everything.
/// The cost is a few queries per affected manager plus one scope check per
/// watched record and manager, before and after: linear in the records.
class ScopeWatch {
  public:
    /// Notes, for every manager who can be affected (usersWithScopeAt() of
    /// the touched clients and deals, plus the users the write names), which
    /// touched clients, which of their deals and whether the written record
    /// itself (`entity`/`id` with the `stored` fields; null: a new record)
    /// are in that manager's scope now. Does nothing when `touch` is empty.
    ScopeWatch(ServerDb& db, std::string entity, std::string id, const nlohmann::json* stored,
               ScopeTouch touch);

    /// The same for a batch of writes: `records` are every record written
    /// (with their fields before), `touch` the union of their touches;
    /// `causeEntity`/`causeId` name what the rows are logged as caused by
    /// (a merge: the merged client).
    ScopeWatch(ServerDb& db, std::vector<WatchedRecord> records, ScopeTouch touch,
               std::string causeEntity, std::string causeId);

    /// After the write: for each membership that changed between before and
    /// now (only the net change of the whole batch), appends a row to
    /// `scope_changes` (kind `client_card`, `deal_card` or `record`,
    /// granted or revoked, with its own seq; a deal whose client's card
    /// changed the same way for that user gets no row of its own: the
    /// client's card holds it) and one `scope_change_items`
    /// row per record the change concerns: every live record of a card that
    /// entered the scope, every record (tombstones included) of a card that
    /// left it, or the record itself (a watched record that left the scope
    /// and is in no revoked card). Items get consecutive seq numbers after
    /// the row's. Returns the number of scope_changes rows written.
    int record();

  private:
    struct Membership {
        std::set<std::string> clients;
        std::set<std::string> deals;
        std::vector<bool> records; ///< per watched record: in the scope
    };
    void start(const ScopeTouch& touch);
    Membership membershipOf(const std::string& userId,
                            const std::vector<const nlohmann::json*>& fields);

    ServerDb& db_;
    std::vector<WatchedRecord> records_;
    std::string causeEntity_;
    std::string causeId_;
    std::vector<std::string> clients_; ///< touched clients
    std::vector<std::string> deals_;   ///< touched deals and the deals of touched clients
    std::map<std::string, Membership> before_;
};

/// The records of a client's card (the client, its contacts, deals, history
/// entries, planned activities and mailing requests, and its deals' lines,
/// stages, payments and deliveries) or of a deal's card (the deal and its
/// lines, stages, payments and deliveries), as (entity, id) in registry
/// order. `liveOnly`: without tombstones. `kind` is "client_card" or
/// "deal_card".
std::vector<std::pair<std::string, std::string>> cardRecords(ServerDb& db, std::string_view kind,
                                                             const std::string& id, bool liveOnly);

} // namespace fieldbook::server
