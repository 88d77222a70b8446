// SPDX-License-Identifier: MIT
#include "conflict_text.h"

#include "device/replica.h"
#include "domain/clock.h"
#include "sync/conflict_rules.h"

#include <sstream>

namespace fieldbook::cli {

using nlohmann::json;

namespace {

std::string text(const json& record, const char* key) {
    auto it = record.find(key);
    return it != record.end() && it->is_string() ? it->get<std::string>() : std::string();
}

/// A conflict value is JSON text ("\"Berlin\"", "12", "null"): strings are
/// shown in quotes once, everything else as JSON.
std::string valueText(const json& conflict, const char* key) {
    auto raw = text(conflict, key);
    auto value = json::parse(raw, nullptr, false);
    if (value.is_discarded()) {
        return "\"" + raw + "\"";
    }
    return value.is_string() ? "\"" + value.get<std::string>() + "\"" : value.dump();
}

/// The record's title as a person would name it, or "ENTITY ID" when it is not on the device.
std::string recordTitle(device::Replica& replica, const std::string& entity,
                        const std::string& id) {
    json record;
    try {
        record = replica.record(entity, id);
    } catch (const std::exception&) {
        record = nullptr;
    }
    if (record.is_object()) {
        for (const char* key : {"name", "title", "full_name", "purpose", "summary", "code"}) {
            if (auto t = text(record, key); !t.empty()) {
                return entity + " \"" + t + "\"";
            }
        }
    }
    return entity + " " + id;
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
    out << recordTitle(replica, entity, recordId) << " " << field << ": ";
    if (winner == myUserId && loser == myUserId) {
        out << "your " << loserValue << " from another device was replaced by your later "
            << winnerValue << ".";
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
        auto mine = json::parse(text(conflict, "loser_value"), nullptr, false);
        auto arg = field + "=" +
                   (mine.is_string() ? mine.get<std::string>()
                    : mine.is_null() ? ""
                                     : mine.dump());
        std::string quoted;
        for (char c : arg) {
            quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
        }
        out << " To apply yours again: fieldbook-cli edit-client " << recordId << " --set '"
            << quoted << "'";
    }
    return out.str();
}

} // namespace fieldbook::cli
