// SPDX-License-Identifier: MIT
#pragma once

#include "domain/sales_rules.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string_view>

namespace fieldbook::domain {

/// How far after the judging clock a time of a past event may lie (10 min,
/// ms): room for a device clock that drifts a little ahead of the server's
/// (twice the server's HLC skew bound of 5 min), never a date to come.
inline constexpr std::int64_t kPastEventToleranceMs = 10 * 60'000;

/// True for the times a user enters for something that has happened (SPEC
/// §2): a history entry's occurred_at, a payment's paid_at, a delivery's
/// delivered_at, a deal stage's started_at and ended_at, a deal's opened_at
/// and closed_at. History is append-only and its time never changes, so a
/// date to come would stand for good (fresh-user trial, main 350da72).
bool isPastEventTime(std::string_view entity, std::string_view field);

/// Checks the past-event times among `fields` (the fields a change sets:
/// all of a new record's, the changed ones of an edit; `entity` a protocol
/// name): each integer one must not lie after `nowMs` +
/// kPastEventToleranceMs (all ms UTC). The device judges by its clock at
/// input, the server by its own on push (the server's clock decides).
/// Code invalid_value, the message naming the field and the time.
RuleViolation checkPastEventTimes(std::string_view entity, const nlohmann::json& fields,
                                  std::int64_t nowMs);

} // namespace fieldbook::domain
