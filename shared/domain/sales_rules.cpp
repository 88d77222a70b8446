// SPDX-License-Identifier: MIT
#include "domain/sales_rules.h"
#include "domain/field_rules.h"

#include "domain/entities.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <limits>
#include <optional>
#include <vector>

namespace fieldbook::domain {

namespace {
std::string text(const nlohmann::json& obj, const char* name) {
    auto v = obj.value(name, nlohmann::json());
    if (!v.is_string()) {
        return {};
    }
    auto s = v.get<std::string>();
    auto first = s.find_first_not_of(" \t\r\n");
    return first == std::string::npos ? std::string() : s;
}

/// A member's text without leading and trailing space, tab, CR and LF (as
/// the server's tax id index trims it: sync-server/store/duplicates.cpp).
std::string trimmedText(const nlohmann::json& obj, const char* name) {
    auto s = text(obj, name);
    auto last = s.find_last_not_of(" \t\r\n");
    return last == std::string::npos ? std::string()
                                     : s.substr(s.find_first_not_of(" \t\r\n"),
                                                last + 1 - s.find_first_not_of(" \t\r\n"));
}

constexpr std::array<std::string_view, 15> kLegalForms = {
    "inc", "llc", "ltd", "corp", "corporation", "co",  "company", "gmbh",
    "ag",  "plc", "sa",  "oao",  "ooo",         "zao", "limited"};
} // namespace

RuleViolation checkDealOutcome(const nlohmann::json& dealAfter) {
    auto outcome = text(dealAfter, "outcome");
    if (outcome == "lost" && text(dealAfter, "refusal_reason").empty()) {
        return {"lost_needs_reason", "a lost deal needs a refusal reason (SPEC §2)"};
    }
    if (outcome == "won" && text(dealAfter, "contract_no").empty() &&
        text(dealAfter, "invoice_no").empty()) {
        return {"won_needs_document", "a won deal needs a contract or invoice number (SPEC §3.8)"};
    }
    return {};
}

RuleViolation checkStageMove(const nlohmann::json& stages, std::string_view from,
                             std::string_view to, bool override) {
    struct S {
        std::string code;
        std::int64_t order;
    };
    std::vector<S> live;
    std::vector<S> all; // active or not: where a deal's current stage stands
    for (const auto& s : stages) {
        if (s.value("deleted", nlohmann::json(false)) == true) {
            continue;
        }
        S item{s.value("code", std::string()), s.value("sort_order", std::int64_t{0})};
        all.push_back(item);
        if (s.value("active", nlohmann::json(true)) != false) {
            live.push_back(item);
        }
    }
    auto byOrder = [](const S& a, const S& b) { return a.order < b.order; };
    std::stable_sort(live.begin(), live.end(), byOrder);
    auto at = [&](std::string_view code) {
        return std::find_if(live.begin(), live.end(), [&](const S& s) { return s.code == code; });
    };
    auto target = at(to);
    if (target == live.end()) {
        return {"unknown_stage", "\"" + std::string(to) + "\" is not an active stage"};
    }
    if (override) {
        return {};
    }
    // The current stage may have been deactivated since: it is located among
    // all stages by sort_order, and the next stage is the next ACTIVE one.
    auto current = std::find_if(all.begin(), all.end(), [&](const S& s) { return s.code == from; });
    bool known = !from.empty() && current != all.end();
    auto expected = live.begin();
    if (known) {
        expected = std::find_if(live.begin(), live.end(),
                                [&](const S& s) { return s.order > current->order; });
    }
    if (!known) {
        // A deal without a (known) stage may start at the first stage only.
        if (target == live.begin()) {
            return {};
        }
    } else if (target == expected) {
        return {};
    }
    std::string next = expected == live.end() ? std::string("none (last stage)") : expected->code;
    return {"stage_out_of_order", "stages move in order: the next stage is " + next +
                                      "; only the head or an admin may skip or go back"};
}

std::string historyKindForActivity(std::string_view activityKind) {
    if (activityKind == "visit" || activityKind == "call" || activityKind == "meeting" ||
        activityKind == "demonstration") {
        return std::string(activityKind);
    }
    if (activityKind == "send_documents") {
        return "documents_sent";
    }
    return "note";
}

RuleViolation checkActivityStatusChange(std::string_view from, std::string_view to,
                                        bool privileged) {
    if (from.empty() && to != "planned" && to != "done") {
        return {"invalid_status",
                "a new activity is planned or done, not " + std::string(to) + " (SPEC §2)"};
    }
    bool closed = from == "done" || from == "cancelled";
    if (!closed || from == to || privileged) {
        return {};
    }
    return {"activity_closed", "this activity is " + std::string(from) +
                                   "; only the head or an admin may change its status (SPEC §2)"};
}

RuleViolation checkMailingStatusChange(std::string_view from, std::string_view to) {
    if (from.empty()) {
        if (to == "queued") {
            return {};
        }
        return {"invalid_status", "a new mailing request must be queued; the server sets sent "
                                  "or failed (SPEC §3.10)"};
    }
    if (from == to && from == "queued") {
        return {};
    }
    if (from == "queued" && to == "cancelled") {
        return {};
    }
    if (from != "queued") {
        return {"invalid_status",
                "this mailing request is " + std::string(from) + " and can no longer change"};
    }
    return {"invalid_status",
            "a queued mailing request can only be cancelled; the server sets sent or failed"};
}

RuleViolation checkRecordValues(std::string_view entity, const nlohmann::json& f) {
    auto integer = [&](const char* name) -> std::optional<std::int64_t> {
        auto v = f.value(name, nlohmann::json());
        if (!v.is_number_integer()) {
            return std::nullopt;
        }
        return v.get<std::int64_t>();
    };
    auto bad = [](const std::string& msg) { return RuleViolation{"invalid_value", msg}; };
    if (entity == "deal_line") {
        if (auto q = integer("quantity"); q && (*q < 1 || *q > kMaxQuantity)) {
            return bad("quantity must be from 1 to 1,000,000");
        }
        if (auto p = integer("price_cents"); p && (*p < 0 || *p > kMaxPriceCents)) {
            return bad("price_cents must be from 0 to 1,000,000,000,000 (10 billion units)");
        }
    } else if (entity == "payment") {
        if (auto a = integer("amount_cents"); a && (*a <= 0 || *a > kMaxAmountCents)) {
            return bad("amount_cents must be from 1 to 100,000,000,000,000 (10^14 cents)");
        }
    } else if (entity == "deal") {
        if (auto a = integer("amount_cents"); a && (*a < 0 || *a > kMaxAmountCents)) {
            return bad("amount_cents must be from 0 to 100,000,000,000,000 (10^14 cents)");
        }
    } else if (entity == "planned_activity") {
        auto d = integer("duration_min");
        if (d && (*d < 1 || *d > 1440)) {
            return bad("duration_min must be from 1 to 1440 minutes");
        }
        auto start = integer("starts_at");
        if (start && (*start < kMinTimeMs || *start > kMaxTimeMs)) {
            return bad("starts_at must lie from the year 1900 to the year 9999");
        }
        if (start && d && *start + *d * 60'000 > kMaxTimeMs) {
            return bad("the activity would end after the year 9999; plan it earlier");
        }
    } else if (entity == "mailing_request") {
        if (f.contains("address") && text(f, "address").empty()) {
            return bad("address must not be empty: give an e-mail address or a fax number");
        }
    }
    return {};
}

bool assignsWork(std::string_view entity, std::string_view field) {
    return (entity == "client" && field == "curator_id") ||
           (entity == "deal" && field == "manager_id") ||
           (entity == "planned_activity" && field == "assignee_id") ||
           (entity == "user" && field == "manager_id");
}

std::string curatorRoleProblem(std::string_view login, std::string_view role) {
    if (role == "manager" || role == "head") {
        return {};
    }
    return "curator " + std::string(login) + " is " +
           (role.empty() ? std::string("without a role") : "a " + std::string(role) + " user") +
           ": a client's curator is its responsible manager (role manager or head)";
}

RuleViolation checkFirstContactAt(std::int64_t atMs, std::int64_t mutationMs, std::int64_t nowMs) {
    if (atMs < mutationMs - kFirstContactBeforeMs) {
        return {"invalid_value", "first_contact_at lies more than 24 hours before the change; "
                                 "the first contact is recorded when it happens (SPEC §3.7)"};
    }
    if (atMs > nowMs + kFirstContactAfterMs) {
        return {"invalid_value", "first_contact_at lies in the future; check the device's clock"};
    }
    return {};
}

bool overlaps(std::int64_t aStartMs, std::int64_t aMinutes, std::int64_t bStartMs,
              std::int64_t bMinutes) {
    // Records pulled from elsewhere may hold any int64: the ends saturate
    // instead of wrapping (break-it F16).
    auto end = [](std::int64_t start, std::int64_t minutes) {
        std::int64_t span = 0;
        std::int64_t out = 0;
        if (__builtin_mul_overflow(minutes, std::int64_t{60'000}, &span) ||
            __builtin_add_overflow(start, span, &out)) {
            return minutes < 0 ? std::numeric_limits<std::int64_t>::min()
                               : std::numeric_limits<std::int64_t>::max();
        }
        return out;
    };
    return aStartMs < end(bStartMs, bMinutes) && bStartMs < end(aStartMs, aMinutes);
}

std::string normaliseName(std::string_view name) {
    std::vector<std::string> words;
    std::string word;
    auto flush = [&] {
        if (!word.empty() &&
            std::find(kLegalForms.begin(), kLegalForms.end(), word) == kLegalForms.end()) {
            words.push_back(word);
        }
        word.clear();
    };
    for (unsigned char c : name) {
        if (c >= 0x80) { // keep UTF-8 bytes as they are (no locale-dependent folding)
            word += static_cast<char>(c);
        } else if (std::isalnum(c)) {
            word += static_cast<char>(std::tolower(c));
        } else {
            flush();
        }
    }
    flush();
    std::string out;
    for (const auto& w : words) {
        out += (out.empty() ? "" : " ") + w;
    }
    return out;
}

std::string phoneDigits(std::string_view phone) {
    std::string digits;
    for (unsigned char c : phone) {
        if (std::isdigit(c)) {
            digits += static_cast<char>(c);
        }
    }
    return digits.size() > 10 ? digits.substr(digits.size() - 10) : digits;
}

std::string duplicateReason(const nlohmann::json& candidate, const nlohmann::json& existing) {
    // Padding is not part of a tax id (break-it: "  7788\t" and "7788" were
    // judged two organisations).
    auto taxA = trimmedText(candidate, "tax_id");
    auto taxB = trimmedText(existing, "tax_id");
    if (!taxA.empty() && taxA == taxB) {
        return "same tax id";
    }
    if (!taxA.empty() && !taxB.empty()) {
        return {}; // two different tax ids: two organisations, whatever the names
    }
    auto nameA = normaliseName(text(candidate, "name"));
    if (nameA.empty() || nameA != normaliseName(text(existing, "name"))) {
        return {};
    }
    auto phoneA = phoneDigits(text(candidate, "phone"));
    if (!phoneA.empty() && phoneA == phoneDigits(text(existing, "phone"))) {
        return "same name and phone";
    }
    auto cityA = normaliseName(text(candidate, "city"));
    auto cityB = normaliseName(text(existing, "city"));
    if (!cityA.empty() && cityA == cityB) {
        return "same name and city";
    }
    // With no phone and no city on one side there is nothing that tells the
    // two apart: the same name alone is then a probable duplicate (imported
    // accounts often have neither).
    auto phoneB = phoneDigits(text(existing, "phone"));
    if ((phoneA.empty() && cityA.empty()) || (phoneB.empty() && cityB.empty())) {
        return "same name";
    }
    return {};
}

} // namespace fieldbook::domain
