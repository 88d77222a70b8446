// SPDX-License-Identifier: MIT
#pragma once

#include "store/push_checks.h"

#include <nlohmann/json.hpp>

namespace fieldbook::server {

/// The sales-process rules of SPEC §2-3 on one pushed upsert, run on the
/// record as it would be after the merge (`after`, every field), before it
/// is written. May fill server-owned fields in `after`. Throws Reject:
/// - deal: closed (won/lost) deals keep their stage and outcome unless the
///   role may override_stage_order ("deal_closed"); a stage change follows
///   domain::checkStageMove against the live stages ("unknown_stage",
///   "stage_out_of_order" unless the role may override_stage_order);
///   domain::checkDealOutcome ("won_needs_document", "lost_needs_reason");
///   closing sets closed_at (now, if null); a new deal gets opened_by = the
///   pusher and opened_at = now if null.
///   closed_at is set only with a won/lost outcome ("invalid_value") and not
///   changed on a closed deal without override ("deal_closed").
/// - deal_stage: its stage must be a live stage ("unknown_stage") and the
///   deal's current stage or the next one (domain::checkStageMove,
///   "stage_out_of_order"); no stage record of a closed deal is created or
///   changed; unless override ("deal_closed").
/// - deal_line: no change on a won or lost deal; payment, delivery: no
///   change on a lost deal; unless override_stage_order ("deal_closed").
/// - planned_activity: a new one is planned or done ("invalid_status"); a
///   done or cancelled one changes only by the head or an admin
///   (domain::checkActivityStatusChange, "activity_closed").
/// - user: active is never null ("invalid_value"); nobody deactivates
///   themselves ("forbidden").
/// - mailing_request: the contact belongs to the client, a new request's
///   template is active ("invalid_value").
/// - history_entry: a corrected summary appends {summary, at, by} of the old
///   text to `revisions`.
/// - client: a new card that domain::duplicateReason matches with a live card
///   gets duplicate_of = the earliest such card (store/duplicates.h).
/// - mailing_request: domain::checkMailingStatusChange ("invalid_status");
///   requested_at defaults to now.
void applyRecordRules(const MutationContext& ctx, nlohmann::json& after);

/// The sales-process rules on a delete (the stored record in ctx): a
/// deal_stage or deal_line of a won or lost deal, a payment or delivery of a
/// lost deal ("deal_closed", unless override_stage_order); a done or
/// cancelled planned_activity ("activity_closed", unless head or admin).
void applyDeleteRules(const MutationContext& ctx);

/// What the server writes besides the record itself, after it is written
/// (`deleted`: the mutation was a delete), each through the same versioned
/// write so it syncs out: a deal that became won or lost ends its open
/// deal_stage records (ended_at = closed_at); a planned activity that became
/// "done" gets its history entry (id domain::stableUuid("activity_done",
/// activity id), unless one exists); every planned activity write updates
/// its busy slot (store/busy_slots.h).
void applyFollowUps(const MutationContext& ctx, const nlohmann::json& after, bool deleted);

} // namespace fieldbook::server
