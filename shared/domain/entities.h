// SPDX-License-Identifier: MIT
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace fieldbook::domain {

/// How a field's value is stored and carried in JSON.
enum class FieldType {
    Text,   ///< UTF-8 string
    Int,    ///< 64-bit integer (counts, cents)
    TimeMs, ///< 64-bit integer, milliseconds since the Unix epoch, UTC
    Bool,   ///< JSON true/false, stored as 0/1
    Ref,    ///< UUID text of another record (or a user id)
};

/// One synced field of an entity. `deviceWritable` is false for fields the
/// server fills itself (e.g. a history entry's author).
struct FieldDef {
    std::string_view name;
    FieldType type;
    bool deviceWritable = true;
    bool required = false;
    /// For a Text field holding a code of a reference list (SPEC §2
    /// "Reference lists"): the list's name, e.g. "region". The server and the
    /// device check the code against the live reference_item records.
    std::string_view referenceList = {};
};

/// One synced entity (SPEC.md section 2). Every entity's table also carries
/// the common columns id, version, updated_at, updated_by, deleted.
struct EntityDef {
    std::string_view name;  ///< protocol name, e.g. "history_entry"
    std::string_view table; ///< SQL table name, e.g. "history_entries"
    std::vector<FieldDef> fields;
    bool devicePushable = true; ///< false: server-managed (users, conflicts)
};

/// All synced entities, in dependency order (users before clients before deals...).
std::span<const EntityDef> entities();
/// Looks an entity up by its protocol name; nullptr when unknown.
const EntityDef* findEntity(std::string_view name);
/// Looks a field up; nullptr when the entity has no such field.
const FieldDef* findField(const EntityDef& entity, std::string_view name);

/// True for a field a device may not send on a new record although it may
/// change it later with the permission the matrix asks: a client's
/// `duplicate_of`, which only the server's duplicate check sets on create
/// (SPEC §3.7; clearing or changing it later needs `reassign`,
/// docs/permissions.md). Sending it non-null on create is `read_only_field`.
bool serverSetOnCreate(std::string_view entity, std::string_view field);

/// Times (FieldType::TimeMs) lie from 1900-01-01T00:00:00Z to
/// 9999-12-31T23:59:59.999Z (ms since 1970 UTC): ISO 8601 shows them with
/// four year digits.
inline constexpr std::int64_t kMinTimeMs = -2'208'988'800'000;
inline constexpr std::int64_t kMaxTimeMs = 253'402'300'799'999;

/// Checks that `value` is acceptable JSON for `field` (null always is, unless
/// required): the JSON type; required text not empty or blank (whitespace
/// only); text at most 64 KiB of UTF-8; integers within int64; times within
/// kMinTimeMs..kMaxTimeMs. Returns an empty string when valid, else a
/// message for the user.
std::string validateValue(const FieldDef& field, const nlohmann::json& value);

/// Like validateValue, and also checks enumerated fields against their list
/// (history entry and planned activity kinds, planned activity status, deal
/// outcome, client status; SPEC §2), and that a reference field (FieldType::Ref)
/// holds an id (isRecordId). Empty string when valid.
std::string validateField(std::string_view entity, const FieldDef& field,
                          const nlohmann::json& value);

/// Whether `id` is a record id a device accepts: 1 to 64 of [A-Za-z0-9_-]
/// (no blank, no control byte, no path, no SQL; the server's ids are UUIDs).
/// The one rule for record ids and reference values on every side: the
/// device's pull check (sync::checkRecordId), validateField for reference
/// fields, and the server's push (break-it 6 F1: 36 spaces were stored and
/// then refused by every device that pulled them).
bool isRecordId(std::string_view id);

/// For a reference field, the entity it points to ("client" for client_id,
/// "user" for manager_id...), or empty when the field is no reference.
std::string_view referencedEntity(std::string_view entity, std::string_view field);

/// Names of the reference lists held in reference_item records (SPEC §2):
/// region, industry, information_source, contact_reason, triggering_event,
/// refusal_reason, history_kind.
std::span<const std::string_view> referenceLists();

/// Planned activity statuses and client statuses of SPEC §2.
std::span<const std::string_view> activityStatuses();
std::span<const std::string_view> clientStatuses();

/// Values a history entry's and a planned activity's `kind` may take (SPEC §2).
std::span<const std::string_view> historyKinds();
std::span<const std::string_view> activityKinds();
/// Deal outcomes: open, won, lost.
std::span<const std::string_view> dealOutcomes();
/// User roles of SPEC §1.
std::span<const std::string_view> roles();
bool isKnown(std::span<const std::string_view> list, std::string_view value);

/// True for roles whose device replicates everything (SPEC §4: the head's
/// scope is everything; office roles read everything).
bool hasFullScope(std::string_view role);

} // namespace fieldbook::domain
