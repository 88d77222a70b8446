// SPDX-License-Identifier: MIT
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace fieldbook::domain {

/// A broken business rule: a stable code (e.g. "lost_needs_reason") and a
/// message for the user. Empty code means the rule holds.
struct RuleViolation {
    std::string code;
    std::string message;
    explicit operator bool() const { return !code.empty(); }
};

/// SPEC §2 deal outcome rules, checked on the deal's fields as they would be
/// after the change: a "lost" deal needs a refusal_reason; a "won" deal needs
/// a contract_no or an invoice_no. Codes: lost_needs_reason, won_needs_document.
RuleViolation checkDealOutcome(const nlohmann::json& dealAfter);

/// SPEC §2 stage order. `stages` is the live stage list (JSON array of
/// {code, sort_order, active}); `from` the deal's current stage code (may be
/// empty for a deal without a stage), `to` the requested one. Without
/// `override`, only the next active stage by sort_order (or the first when
/// `from` is empty) is allowed. Codes: unknown_stage, stage_out_of_order.
RuleViolation checkStageMove(const nlohmann::json& stages, std::string_view from,
                             std::string_view to, bool override);

/// The history-entry kind written when a planned activity of `activityKind`
/// is marked done (SPEC §2 "Marking it done creates the history entry"):
/// visit -> visit, call -> call, meeting -> meeting, demonstration ->
/// demonstration, send_documents -> documents_sent, anything else -> note.
std::string historyKindForActivity(std::string_view activityKind);

/// SPEC §2 planned activity status: a "done" or "cancelled" activity is
/// closed; its status changes again only when `privileged` (the head or an
/// admin). `from` and `to` are status values (`from` empty for a new record:
/// a new activity is "planned" or "done", never "cancelled" or "missed").
/// Codes: activity_closed, invalid_status.
RuleViolation checkActivityStatusChange(std::string_view from, std::string_view to,
                                        bool privileged);

/// SPEC §3.10 mailing request status as a device may set it: a new request
/// is "queued"; a queued one may become "cancelled"; "sent" and "failed" are
/// the server's, and a request that is no longer queued does not change.
/// `from` is empty for a new record. Code: invalid_status.
RuleViolation checkMailingStatusChange(std::string_view from, std::string_view to);

/// Upper limits of money and quantities (docs/data-model.md, Deals): no
/// sum of lines or payments a device computes can overflow 64 bits.
inline constexpr std::int64_t kMaxQuantity = 1'000'000;
inline constexpr std::int64_t kMaxPriceCents = 1'000'000'000'000;    // 10 billion units
inline constexpr std::int64_t kMaxAmountCents = 100'000'000'000'000; // 10^14 cents

/// SPEC §2 value ranges on a record's fields as they would be after the
/// change (`entity` a protocol name): deal_line quantity 1..kMaxQuantity and
/// price_cents 0..kMaxPriceCents; payment amount_cents 1..kMaxAmountCents;
/// deal amount_cents 0..kMaxAmountCents; planned_activity
/// duration_min from 1 to 1440 (one day), starts_at within
/// kMinTimeMs..kMaxTimeMs (domain/entities.h) and its end (start +
/// duration) not after kMaxTimeMs; mailing_request address not blank.
/// Code: invalid_value, the message naming the field.
RuleViolation checkRecordValues(std::string_view entity, const nlohmann::json& fieldsAfter);

/// How far a client's first contact sent by a device may lie before the
/// mutation (24 h, ms) and after the server's clock (5 min, ms): SPEC §3.7,
/// "who found this client first" must not be claimable by back-dating.
inline constexpr std::int64_t kFirstContactBeforeMs = 24 * 3'600'000;
inline constexpr std::int64_t kFirstContactAfterMs = 5 * 60'000;

/// Checks a first_contact_at a device sends (on create, or filling an
/// imported card's empty one): `atMs` must lie from `mutationMs` (the
/// mutation's HLC wall time after the server's skew bound; the device uses
/// its own clock) minus kFirstContactBeforeMs up to `nowMs` plus
/// kFirstContactAfterMs; all ms UTC. Code: invalid_value.
RuleViolation checkFirstContactAt(std::int64_t atMs, std::int64_t mutationMs, std::int64_t nowMs);

/// True when `field` of `entity` gives work to a user: a client's
/// curator_id, a deal's manager_id, a planned activity's assignee_id, a
/// user's manager_id (their head). A new value there must name an active
/// user (inactive_user); a value already stored stays (SPEC §1: users are
/// deactivated, never deleted, and their records keep their history).
bool assignsWork(std::string_view entity, std::string_view field);

/// True when [aStartMs, aStartMs + aMinutes) and [bStartMs, bStartMs + bMinutes) overlap
/// (ms UTC, minutes); ends that would not fit in 64 bits saturate, never wrap.
bool overlaps(std::int64_t aStartMs, std::int64_t aMinutes, std::int64_t bStartMs,
              std::int64_t bMinutes);

/// SPEC §3.7 duplicate detection. normaliseName lower-cases, drops
/// punctuation and legal-form words (inc, llc, ltd, corp, corporation, co,
/// company, gmbh, ag, plc, sa, oao, ooo, zao) and joins words with one space:
/// "ACME Corp." and "Acme corporation" give "acme".
std::string normaliseName(std::string_view name);
/// The digits of a phone number, the last 10 kept so that a country prefix
/// does not matter ("+1 (555) 010-0100" -> "5550100100").
std::string phoneDigits(std::string_view phone);
/// Why `candidate` is a probable duplicate of `existing` (both client field
/// objects): "same tax id", "same name and phone", "same name and city",
/// "same name" (when one of the two has neither phone nor city, so nothing
/// tells them apart), or empty when it is not. Blank values never match.
std::string duplicateReason(const nlohmann::json& candidate, const nlohmann::json& existing);

} // namespace fieldbook::domain
