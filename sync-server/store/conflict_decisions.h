// SPDX-License-Identifier: MIT
#pragma once

#include "store/push_checks.h"
#include "sync/conflict_rules.h"
#include "sync/protocol.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace fieldbook::server {

/// Writes one conflict record (docs/conflicts.md "The conflict log"): in the
/// scope of `winnerId` and `loserId`, synced to both at their next pull.
/// Values are stored as JSON text. Inside the caller's savepoint.
void logConflict(ServerDb& db, const std::string& entity, const std::string& recordId,
                 const sync::ConflictNote& note, const std::string& winnerId,
                 const std::string& loserId, std::int64_t nowMs);

/// How one pushed field that differs from the stored value is decided.
struct FieldDecision {
    bool concurrent = false; ///< another device changed it after base_version
    bool apply = true;       ///< the pushed value is taken
    sync::Rule rule = sync::Rule::LastWriterWins;
    std::string storedUserId; ///< who wrote the stored value (the other side)
};

/// The deal close a stale edit must lose to (SPEC §4): set when the stored
/// deal is won or lost, its outcome was written after the mutation's
/// base_version by another device, and the mutation does not close the deal
/// itself (sync::closeBeatsStaleEdit). nullopt for every other record.
std::optional<sync::FieldWrite> unseenClose(const MutationContext& ctx, const sync::Hlc& stamp);

/// Decides field `name` (pushed `value`, differing from the stored one) of an
/// update: not concurrent → taken; `close` set → loses (TerminalOutcomeWins);
/// else sync::incomingWins under the field's rule, with the stage sort_order
/// (LaterStageWins), terminal outcome (TerminalOutcomeWins) or the writers'
/// roles (HeadAssignmentWins) looked up in `ctx.db`.
FieldDecision decideField(const MutationContext& ctx, const sync::Hlc& stamp,
                          const std::string& name, const nlohmann::json& value,
                          const std::optional<sync::FieldWrite>& close);

/// The latest write to the stored record after `baseVersion` by a device
/// other than the pusher's (field metadata, the delete marker included);
/// nullopt when the pusher had seen every change or made it itself.
std::optional<sync::FieldWrite> unseenWrite(const MutationContext& ctx);

/// True when `userId`'s role may delete records (head, admin).
bool mayDeleteRecords(ServerDb& db, const std::string& userId);

/// Records the delete in the field metadata under "deleted" ([stamp,
/// version, user]) so a later concurrent edit knows who deleted and from
/// which device (docs/conflicts.md "Edit versus delete").
void markDeleted(const MutationContext& ctx, nlohmann::json& meta, std::int64_t version);

/// The delete an edit of a tombstone had not seen: the "deleted" entry of
/// the field metadata when its version is greater than base_version and it
/// came from another device. nullopt otherwise (the edit is then refused as
/// record_deleted), also for tombstones without the entry.
std::optional<sync::FieldWrite> unseenDelete(const MutationContext& ctx);

/// A head's/admin's delete of a record with edits the deleter had not seen
/// (unseenWrite): one conflict per such field (rule head_delete_wins,
/// winner the deleter with value null, loser the editor with the edited
/// value), noted in `result`.
void logEditsLostToDelete(const MutationContext& ctx, sync::MutationResult& result);

/// An edit of a record a head/admin had deleted without the editor having
/// seen it (`del`): one conflict per pushed field that differs from the
/// tombstone (rule head_delete_wins, loser the pusher), noted in `result`
/// as lost. The tombstone does not change.
void logEditLostToDelete(const MutationContext& ctx, const sync::FieldWrite& del,
                         sync::MutationResult& result);

/// SPEC §3.7: a new card flagged duplicate_of `other` (a live client) is
/// logged as a conflict (rule probable_duplicate, field duplicate_of) between
/// the other card's curator (else its first contact) and the pusher, so both
/// see it; nothing is written when that is the pusher.
void logProbableDuplicate(const MutationContext& ctx, const nlohmann::json& other);

} // namespace fieldbook::server
