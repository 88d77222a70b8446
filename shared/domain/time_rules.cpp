// SPDX-License-Identifier: MIT
#include "domain/time_rules.h"

#include "domain/clock.h"

#include <string>

namespace fieldbook::domain {

bool isPastEventTime(std::string_view entity, std::string_view field) {
    return (entity == "history_entry" && field == "occurred_at") ||
           (entity == "payment" && field == "paid_at") ||
           (entity == "delivery" && field == "delivered_at") ||
           (entity == "deal_stage" && (field == "started_at" || field == "ended_at")) ||
           (entity == "deal" && (field == "opened_at" || field == "closed_at"));
}

RuleViolation checkPastEventTimes(std::string_view entity, const nlohmann::json& fields,
                                  std::int64_t nowMs) {
    if (!fields.is_object()) {
        return {};
    }
    for (const auto& [name, value] : fields.items()) {
        if (!value.is_number_integer() || !isPastEventTime(entity, name)) {
            continue;
        }
        auto at = value.get<std::int64_t>();
        if (at > nowMs + kPastEventToleranceMs) {
            return {"invalid_value",
                    name + " " + formatIso8601(at) + " lies in the future (now is " +
                        formatIso8601(nowMs) +
                        "): record what has happened, when it happened; check the device's "
                        "clock if it is wrong"};
        }
    }
    return {};
}

} // namespace fieldbook::domain
