// SPDX-License-Identifier: MIT
// The device checks of a generic edit (createRecord/updateRecord, used by
// edit-client): the same role × action matrix, references, reference-list
// codes and sales rules as the workflows and the server, so that a generic
// edit the server would refuse is refused offline too (SPEC §1, §2).
#include "device/money.h"
#include "device/replica.h"

#include "domain/client_rules.h"
#include "domain/clock.h"
#include "domain/entities.h"
#include "domain/permissions.h"
#include "domain/sales_rules.h"
#include "domain/time_rules.h"

#include <string>

namespace fieldbook::device {

using nlohmann::json;
using store::Statement;

namespace {
std::string textOf(const json& v) {
    return v.is_string() ? v.get<std::string>() : std::string();
}

bool blank(const json& v) {
    return v.is_string() && v.get<std::string>().find_first_not_of(" \t\r\n") == std::string::npos;
}

bool isClosed(const json& outcome) {
    return outcome == "won" || outcome == "lost";
}

/// The integer `name` of `after` must lie in [lo, hi]; DomainError(code) otherwise.
void inRange(const json& after, const char* name, std::int64_t lo, std::int64_t hi,
             const char* code) {
    auto v = after.value(name, json());
    if (v.is_null()) {
        return; // required fields are the registry's check
    }
    bool ok = v.is_number_integer() && v.get<std::int64_t>() >= lo && v.get<std::int64_t>() <= hi;
    if (v.is_number_unsigned()) {
        ok = v.get<std::uint64_t>() >= static_cast<std::uint64_t>(lo) &&
             v.get<std::uint64_t>() <= static_cast<std::uint64_t>(hi);
    }
    if (!ok) {
        throw DomainError(code, std::string(name) + " must be " + std::to_string(lo) + " to " +
                                    std::to_string(hi));
    }
}
} // namespace

void Replica::checkValueLimits(const std::string& entity, const json& after) {
    if (entity == "deal_line") {
        inRange(after, "quantity", 1, kMaxQuantity, "invalid_quantity");
        inRange(after, "price_cents", 0, kMaxPriceCents, "invalid_price");
    } else if (entity == "payment") {
        inRange(after, "amount_cents", 1, kMaxAmountCents, "invalid_amount");
    } else if (entity == "deal") {
        inRange(after, "amount_cents", 0, kMaxAmountCents, "invalid_amount");
    }
}

void Replica::checkEdit(const Session& s, const std::string& entity, const json* stored,
                        const json& fields) {
    authorize(s, entity, stored, fields);
    checkReferences(entity, fields);
    checkCodes(entity, fields);
    json after = stored ? *stored : json::object();
    for (const auto& [name, value] : fields.items()) {
        after[name] = value;
    }
    auto before = [&](const char* name) { return stored ? stored->value(name, json()) : json(); };
    auto changes = [&](const char* name) {
        return fields.contains(name) && (!stored || before(name) != fields[name]);
    };
    checkValueLimits(entity, after);
    if (auto v = domain::checkRecordValues(entity, after)) {
        throw DomainError(v.code, v.message);
    }
    if (auto v = domain::checkPastEventTimes(entity, fields, domain::nowMs())) {
        throw DomainError(v.code, v.message);
    }
    if (entity == "client" && stored && changes("parent_client_id") &&
        after["parent_client_id"].is_string()) {
        auto parentOf = [this](const std::string& id) {
            auto card = record("client", id);
            return card.is_object() ? textOf(card.value("parent_client_id", json()))
                                    : std::string();
        };
        if (auto v = domain::checkClientParent(textOf(stored->value("id", json())),
                                               textOf(after["parent_client_id"]), parentOf)) {
            throw DomainError(v.code, v.message);
        }
    }
    bool privileged = domain::allowed(s.role, domain::Action::OverrideStageOrder);
    if ((entity == "client" || entity == "contact") && blank(after.value("name", json()))) {
        throw DomainError("invalid_value", "name must not be blank");
    }
    if (entity == "client" && changes("first_contact_at") &&
        after["first_contact_at"].is_number_integer()) {
        auto now = domain::nowMs();
        if (auto v = domain::checkFirstContactAt(after["first_contact_at"].get<std::int64_t>(), now,
                                                 now)) {
            throw DomainError(v.code, v.message);
        }
    }
    if (entity == "deal") {
        if (blank(after.value("title", json()))) {
            throw DomainError("invalid_value", "a deal needs a title");
        }
        bool wasClosed = stored && isClosed(before("outcome"));
        if (wasClosed && !privileged && (changes("stage") || changes("outcome"))) {
            throw DomainError("deal_closed", "this deal is " + textOf(before("outcome")) +
                                                 "; only the head or an admin may move its "
                                                 "stage or reopen it (SPEC §2)");
        }
        if (changes("stage")) {
            auto v = domain::checkStageMove(stages(), textOf(before("stage")),
                                            textOf(after["stage"]), false);
            if (v.code == "unknown_stage" || (v && !privileged)) {
                throw DomainError(v.code, v.message);
            }
        }
        if (!stored || changes("outcome") || changes("refusal_reason") || changes("contract_no") ||
            changes("invoice_no")) {
            if (auto v = domain::checkDealOutcome(after)) {
                throw DomainError(v.code, v.message);
            }
        }
    } else if (entity == "deal_stage") {
        if (changes("stage")) {
            auto code = textOf(after["stage"]);
            bool known = false;
            for (const auto& st : stages()) {
                known = known || st["code"] == code;
            }
            if (!known) {
                throw DomainError("unknown_stage", "\"" + code + "\" is not an active stage");
            }
        }
    }
    if ((entity == "deal_line" || entity == "payment" || entity == "delivery" ||
         (entity == "deal_stage" && !stored)) &&
        !privileged && after["deal_id"].is_string()) {
        auto outcome = record("deal", after["deal_id"].get<std::string>()).value("outcome", json());
        bool refused =
            entity == "payment" || entity == "delivery" ? outcome == "lost" : isClosed(outcome);
        if (refused) {
            throw DomainError("deal_closed", "this deal is " + textOf(outcome) + "; it takes no " +
                                                 entity + " changes");
        }
    }
    if (entity == "planned_activity") {
        if (changes("kind") && !domain::isKnown(domain::activityKinds(), textOf(after["kind"]))) {
            throw DomainError("invalid_kind",
                              "unknown planned activity kind \"" + textOf(after["kind"]) + "\"");
        }
        if (stored && changes("status")) {
            if (auto v = domain::checkActivityStatusChange(textOf(before("status")),
                                                           textOf(after["status"]), privileged)) {
                throw DomainError(v.code, v.message);
            }
        }
    }
    if (entity == "history_entry") {
        if (stored && textOf(before("author_id")) != s.userId) {
            throw DomainError("not_author", "only the author may correct a history entry; log a "
                                            "new entry instead (SPEC §2)");
        }
        if (blank(after.value("summary", json()))) {
            throw DomainError("empty_summary", "the summary must say what was discussed");
        }
    }
    if (entity == "mailing_request" && (changes("contact_id") || changes("client_id")) &&
        after["contact_id"].is_string()) {
        auto contact = record("contact", after["contact_id"].get<std::string>());
        if (!contact.is_object() || contact.value("client_id", json()) != after["client_id"]) {
            throw DomainError("invalid_value", "contact_id is not a contact of this client");
        }
    }
    if (entity == "mailing_request" && !stored && after["template_id"].is_string()) {
        auto tmpl = record("document_template", after["template_id"].get<std::string>());
        if (tmpl.is_object() && tmpl.value("active", json()) == false) {
            throw DomainError("invalid_value", "template_id names a retired (inactive) template");
        }
    }
    if (entity == "mailing_request" &&
        (!stored || changes("status") || textOf(before("status")) != "queued")) {
        if (auto v = domain::checkMailingStatusChange(textOf(before("status")),
                                                      textOf(after["status"]))) {
            throw DomainError(v.code, v.message);
        }
    }
}

} // namespace fieldbook::device
