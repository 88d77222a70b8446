// SPDX-License-Identifier: MIT
#include "conflict_text.h"

#include "cli_format.h"
#include "device/replica.h"
#include "domain/clock.h"
#include "domain/entities.h"
#include "domain/permissions.h"
#include "sync/conflict_rules.h"

#include <sstream>

namespace fieldbook::cli {

using nlohmann::json;

namespace {

std::string text(const json& record, const char* key) {
    auto it = record.find(key);
    return it != record.end() && it->is_string() ? it->get<std::string>() : std::string();
}

/// A conflict value (JSON text: "\"Berlin\"", "12", "null") as the CLI
/// prints the field elsewhere: money in units ("40,790,000.00"), times in
/// ISO 8601, no value as "(empty)", the `deleted` entry as "delete" or
/// "edit" (docs/conflicts.md "Edit versus delete"), strings in quotes once.
std::string valueText(const json& conflict, const char* key) {
    auto raw = text(conflict, key);
    auto value = json::parse(raw, nullptr, false);
    if (value.is_discarded()) {
        return "\"" + raw + "\"";
    }
    if (value.is_null()) {
        return "(empty)";
    }
    const auto field = text(conflict, "field");
    if (field == "deleted" && value.is_boolean()) {
        return value.get<bool>() ? "delete" : "edit";
    }
    const auto* entity = domain::findEntity(text(conflict, "entity"));
    const auto* def = entity ? domain::findField(*entity, field) : nullptr;
    if (def && value.is_number_integer()) {
        if (def->type == domain::FieldType::Int && field.ends_with("_cents")) {
            return money(value);
        }
        if (def->type == domain::FieldType::TimeMs) {
            return when(value);
        }
    }
    return value.is_string() ? "\"" + value.get<std::string>() + "\"" : value.dump();
}

/// The loser's value as `--set FIELD=VALUE` reads it back (parseSets):
/// money in units, times in ISO 8601, null as empty, text as is.
std::string setArgument(const json& conflict) {
    const auto field = text(conflict, "field");
    auto mine = json::parse(text(conflict, "loser_value"), nullptr, false);
    std::string value;
    if (mine.is_string()) {
        value = mine.get<std::string>();
    } else if (mine.is_null() || mine.is_discarded()) {
        value = "";
    } else {
        const auto* entity = domain::findEntity(text(conflict, "entity"));
        const auto* def = entity ? domain::findField(*entity, field) : nullptr;
        if (def && mine.is_number_integer() && def->type == domain::FieldType::Int &&
            field.ends_with("_cents")) {
            value = formatMoney(mine.get<std::int64_t>());
        } else if (def && mine.is_number_integer() && def->type == domain::FieldType::TimeMs) {
            value = when(mine);
        } else {
            value = mine.dump();
        }
    }
    return field + "=" + value;
}

/// The record's title as a person would name it, or "ENTITY ID" when it is not on the device.
std::string recordTitle(device::Replica& replica, const std::string& entity, const std::string& id,
                        const json& sent = json()) {
    json record;
    try {
        record = replica.record(entity, id);
    } catch (const std::exception&) {
        record = nullptr;
    }
    std::string title = entity + " " + id;
    if (record.is_object()) {
        for (const char* key : {"name", "title", "full_name", "purpose", "summary", "code"}) {
            if (auto t = text(record, key); !t.empty()) {
                title = entity + " \"" + t + "\"";
                break;
            }
        }
        if (record.value("deleted", false)) {
            title += " (deleted)";
        }
    } else {
        // Named by what the user sent, when the record never reached the device's copy.
        for (const char* key : {"name", "title", "full_name", "purpose", "summary"}) {
            if (auto t = sent.is_object() ? text(sent, key) : std::string(); !t.empty()) {
                title = entity + " \"" + t + "\"";
                break;
            }
        }
        title += " (not on this device)";
    }
    return title;
}

std::string userName(device::Replica& replica, const std::string& userId) {
    if (userId.empty()) {
        return "someone";
    }
    json user;
    try {
        user = replica.record("user", userId);
    } catch (const std::exception&) {
        user = nullptr;
    }
    auto name = user.is_object() ? text(user, "full_name") : std::string();
    return name.empty() ? "user " + userId : name;
}

/// Why `edit-client ID --set FIELD=MINE` cannot apply the reader's lost
/// value again, or "" when it can: the card is no longer on the device, the
/// field is written by the server (duplicate_of, merged_into,
/// first_contact_by), it is set once and is set (first_contact_at, SPEC §2),
/// or the reader's role may not make that change (docs/permissions.md).
std::string whyNotApplyAgain(device::Replica& replica, const json& conflict) {
    const auto recordId = text(conflict, "record_id");
    const auto field = text(conflict, "field");
    json card;
    try {
        card = replica.record("client", recordId);
    } catch (const std::exception&) {
        card = nullptr;
    }
    if (!card.is_object() || card.value("deleted", false)) {
        return "the card is no longer on this device";
    }
    const auto* entity = domain::findEntity("client");
    const auto* def = entity ? domain::findField(*entity, field) : nullptr;
    const auto rule = sync::ruleFor("client", field);
    if (!def || !def->deviceWritable || rule == sync::Rule::ServerOwned ||
        domain::serverSetOnCreate("client", field) || field == "merged_into") {
        return field + " is written by the server";
    }
    if (rule == sync::Rule::Immutable && !card.value(field, json()).is_null()) {
        return field + " cannot change once set (SPEC §2)";
    }
    auto session = replica.session();
    json change = {{field, json::parse(text(conflict, "loser_value"), nullptr, false)}};
    if (change[field].is_discarded()) {
        change[field] = nullptr;
    }
    domain::MutationIntent intent{"client", false,   false,
                                  &card,    &change, session ? session->userId : std::string()};
    const auto needed = domain::requiredActions(intent);
    const std::string role = session ? session->role : std::string("signed out");
    if (const auto* refused = domain::firstRefused(role, needed)) {
        return domain::refusalMessage(role, *refused);
    }
    return {};
}

} // namespace

std::string describeConflict(device::Replica& replica, const json& conflict,
                             const std::string& myUserId) {
    const auto entity = text(conflict, "entity");
    const auto recordId = text(conflict, "record_id");
    const auto field = text(conflict, "field");
    const auto winner = text(conflict, "winner_id");
    const auto loser = text(conflict, "loser_id");
    const auto winnerValue = valueText(conflict, "winner_value");
    const auto loserValue = valueText(conflict, "loser_value");

    std::ostringstream out;
    if (auto at = conflict.find("decided_at"); at != conflict.end() && at->is_number_integer()) {
        out << domain::formatIso8601(at->get<std::int64_t>()) << " ";
    }
    // The `deleted` entry is the record itself, not a field of it.
    out << recordTitle(replica, entity, recordId) << (field == "deleted" ? "" : " " + field)
        << ": ";
    if (winner == myUserId && loser == myUserId) {
        // Both edits are the reader's, from two of their devices; which one
        // is this device the record does not say.
        out << "your " << loserValue << " was replaced by your later " << winnerValue
            << " (two of your devices edited it).";
    } else if (loser == myUserId && text(conflict, "rule") == "head_delete_wins") {
        out << "your " << loserValue << " was lost: " << userName(replica, winner)
            << " deleted the record.";
    } else if (loser == myUserId) {
        out << "your " << loserValue << " was replaced by " << userName(replica, winner) << "'s "
            << winnerValue << ".";
    } else if (winner == myUserId) {
        out << "your " << winnerValue << " replaced " << userName(replica, loser) << "'s "
            << loserValue << ".";
    } else {
        out << userName(replica, winner) << "'s " << winnerValue << " replaced "
            << userName(replica, loser) << "'s " << loserValue << ".";
    }
    out << " Rule: " << sync::ruleExplanation(text(conflict, "rule")) << ".";
    if (loser == myUserId && entity == "client" && field != "deleted") {
        if (auto why = whyNotApplyAgain(replica, conflict); !why.empty()) {
            out << " Yours cannot be applied again: " << why << ".";
            return out.str();
        }
        auto arg = setArgument(conflict);
        std::string quoted;
        for (char c : arg) {
            quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
        }
        out << " To apply yours again: fieldbook-cli edit-client " << recordId << " --set '"
            << quoted << "'";
    }
    return out.str();
}

std::string describeRejected(device::Replica& replica, const json& rejected) {
    const auto entity = text(rejected, "entity");
    const auto recordId = text(rejected, "record_id");
    std::ostringstream out;
    if (auto at = rejected.find("rejected_at"); at != rejected.end() && at->is_number_integer()) {
        out << domain::formatIso8601(at->get<std::int64_t>()) << " ";
    }
    const auto op = text(rejected, "op");
    out << (op == "delete"   ? "delete of "
            : op == "create" ? "new "
                             : "edit of ")
        << recordTitle(replica, entity, recordId, rejected.value("fields", json())) << " refused ("
        << text(rejected, "error_code") << "): " << text(rejected, "error_message");
    auto fields = rejected.find("fields");
    if (fields != rejected.end() && fields->is_object() && !fields->empty()) {
        out << ". You sent:";
        for (const auto& [name, value] : fields->items()) {
            json one = {{"entity", entity}, {"field", name}, {"value", value.dump()}};
            out << " " << name << "=" << valueText(one, "value");
        }
    }
    return out.str();
}

} // namespace fieldbook::cli
