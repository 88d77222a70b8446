// SPDX-License-Identifier: MIT
#include "domain/entities.h"
#include "domain/field_rules.h"

#include <algorithm>
#include <array>
#include <cstdint>

namespace fieldbook::domain {

namespace {
using T = FieldType;

// Writable by devices unless marked kServer; kReq: required on create.
constexpr bool kServer = false;
constexpr bool kDev = true;
constexpr bool kReq = true;

const std::vector<EntityDef>& registry() {
    // Dependency order: a record's references come before it. docs/data-model.md
    // describes every table and field; keep the two in step.
    static const std::vector<EntityDef> defs = {
        {"user",
         "users",
         {{"login", T::Text, kServer, kReq},
          {"full_name", T::Text, kDev, kReq},
          {"role", T::Text, kDev, kReq},
          {"team", T::Text},
          {"manager_id", T::Ref},
          {"active", T::Bool},
          {"email", T::Text},
          {"stage_codes", T::Text}, // comma-separated stage codes the user normally works
          {"segments", T::Text}}},  // comma-separated region/industry codes
        {"reference_item",
         "reference_items",
         {{"list", T::Text, kDev, kReq},
          {"code", T::Text, kDev, kReq},
          {"label", T::Text, kDev, kReq},
          {"sort_order", T::Int},
          {"active", T::Bool}}},
        {"stage",
         "stages",
         {{"code", T::Text, kDev, kReq},
          {"name", T::Text, kDev, kReq},
          {"sort_order", T::Int, kDev, kReq},
          {"norm_days", T::Int},
          {"bound_manager_ids", T::Text}, // comma-separated user ids
          {"bound_segments", T::Text},    // comma-separated region/industry codes
          {"active", T::Bool}}},
        {"document_template",
         "document_templates",
         {{"name", T::Text, kDev, kReq},
          {"kind", T::Text, kDev, kReq},
          {"subject", T::Text},
          {"body", T::Text},
          {"attachment", T::Text},
          {"active", T::Bool}}},
        {"product",
         "products",
         {{"name", T::Text, kDev, kReq},
          {"series", T::Text},
          {"list_price_cents", T::Int},
          {"active", T::Bool}}},
        {"client",
         "clients",
         {{"name", T::Text, kDev, kReq},
          {"tax_id", T::Text},
          {"industry", T::Text, kDev, false, "industry"},
          {"region", T::Text, kDev, false, "region"},
          {"size", T::Text},
          {"employees", T::Int},
          {"year_established", T::Int},
          {"revenue_cents", T::Int},
          {"parent_client_id", T::Ref},
          {"address", T::Text},
          {"city", T::Text},
          {"phone", T::Text},
          {"email", T::Text},
          {"website", T::Text},
          {"curator_id", T::Ref},
          {"status", T::Text},
          {"interest_level", T::Text},
          {"info_source", T::Text, kDev, false, "information_source"},
          {"contact_reason", T::Text, kDev, false, "contact_reason"},
          {"initiative", T::Text},
          {"triggering_event", T::Text, kDev, false, "triggering_event"},
          {"first_contact_at", T::TimeMs},
          {"first_contact_by", T::Ref, false},
          {"duplicate_of", T::Ref},
          {"notes", T::Text},
          // Set by a merge (issue 4): the card this tombstone was merged into
          // (docs/conflicts.md "Merging duplicates"); pushed only alone.
          {"merged_into", T::Ref}}},
        {"contact",
         "contacts",
         {{"client_id", T::Ref, kDev, kReq},
          {"name", T::Text, kDev, kReq},
          {"position", T::Text},
          {"phone", T::Text},
          {"email", T::Text},
          {"fax", T::Text},
          {"decision_maker", T::Bool},
          {"notes", T::Text}}},
        {"deal",
         "deals",
         {{"client_id", T::Ref},
          {"title", T::Text, kDev, kReq},
          {"manager_id", T::Ref, kDev, kReq},
          {"product_id", T::Ref},
          {"stage", T::Text},
          {"outcome", T::Text, kDev, kReq},
          {"opened_at", T::TimeMs},
          {"opened_by", T::Ref, kServer},
          {"closed_at", T::TimeMs},
          {"amount_cents", T::Int},
          {"payment_terms", T::Text},
          {"contract_no", T::Text},
          {"invoice_no", T::Text},
          {"refusal_reason", T::Text, kDev, false, "refusal_reason"},
          {"refusal_comment", T::Text},
          {"external_ref", T::Text},
          {"notes", T::Text}}},
        {"deal_line",
         "deal_lines",
         {{"deal_id", T::Ref, kDev, kReq},
          {"product_id", T::Ref, kDev, kReq},
          {"quantity", T::Int, kDev, kReq},
          {"price_cents", T::Int, kDev, kReq}}},
        {"deal_stage",
         "deal_stages",
         {{"deal_id", T::Ref, kDev, kReq},
          {"stage", T::Text, kDev, kReq},
          {"started_at", T::TimeMs, kDev, kReq},
          {"ended_at", T::TimeMs},
          {"manager_id", T::Ref}}},
        {"payment",
         "payments",
         {{"deal_id", T::Ref, kDev, kReq},
          {"amount_cents", T::Int, kDev, kReq},
          {"paid_at", T::TimeMs, kDev, kReq},
          {"document_no", T::Text}}},
        {"delivery",
         "deliveries",
         {{"deal_id", T::Ref, kDev, kReq},
          {"delivered_at", T::TimeMs, kDev, kReq},
          {"waybill_no", T::Text}}},
        {"planned_activity",
         "planned_activities",
         {{"client_id", T::Ref, kDev, kReq},
          {"deal_id", T::Ref},
          {"assignee_id", T::Ref, kDev, kReq},
          {"author_id", T::Ref, kServer},
          {"kind", T::Text, kDev, kReq},
          {"starts_at", T::TimeMs, kDev, kReq},
          {"duration_min", T::Int, kDev, kReq},
          {"place", T::Text},
          {"purpose", T::Text},
          {"status", T::Text, kDev, kReq},
          {"result", T::Text}}},
        {"history_entry",
         "history_entries",
         {{"client_id", T::Ref, kDev, kReq},
          {"deal_id", T::Ref},
          {"planned_activity_id", T::Ref},
          {"author_id", T::Ref, kServer},
          {"kind", T::Text, kDev, kReq, "history_kind"},
          {"summary", T::Text, kDev, kReq},
          {"occurred_at", T::TimeMs, kDev, kReq},
          {"revisions", T::Text, kServer}}}, // JSON [{summary, at, by}] of earlier texts
        {"mailing_request",
         "mailing_requests",
         {{"client_id", T::Ref, kDev, kReq},
          {"contact_id", T::Ref, kDev, kReq},
          {"template_id", T::Ref, kDev, kReq},
          {"channel", T::Text, kDev, kReq},
          {"address", T::Text, kDev, kReq},
          {"status", T::Text, kDev, kReq},
          {"author_id", T::Ref, kServer},
          {"requested_at", T::TimeMs},
          {"sent_at", T::TimeMs, kServer},
          {"error", T::Text, kServer}}},
        {"busy_slot",
         "busy_slots",
         {{"user_id", T::Ref, kServer},
          {"starts_at", T::TimeMs, kServer},
          {"duration_min", T::Int, kServer}},
         false},
        {"conflict",
         "conflicts",
         {{"entity", T::Text, kServer},
          {"record_id", T::Ref, kServer},
          {"field", T::Text, kServer},
          {"rule", T::Text, kServer},
          {"winner_value", T::Text, kServer},
          {"loser_value", T::Text, kServer},
          {"winner_id", T::Ref, kServer},
          {"loser_id", T::Ref, kServer},
          {"decided_at", T::TimeMs, kServer}},
         false},
    };
    return defs;
}

constexpr std::array<std::string_view, 11> kHistoryKinds = {
    "call",      "meeting",       "letter",       "fax",  "email", "documents_sent",
    "demo_sent", "demonstration", "support_call", "note", "visit"};
constexpr std::array<std::string_view, 6> kActivityKinds = {
    "call", "visit", "meeting", "demonstration", "send_documents", "other"};
constexpr std::array<std::string_view, 4> kActivityStatuses = {"planned", "done", "cancelled",
                                                               "missed"};
constexpr std::array<std::string_view, 4> kClientStatuses = {"prospect", "customer", "refused",
                                                             "archived"};
constexpr std::array<std::string_view, 3> kOutcomes = {"open", "won", "lost"};
constexpr std::array<std::string_view, 6> kRoles = {"manager",   "telemarketing", "support",
                                                    "marketing", "head",          "admin"};
constexpr std::array<std::string_view, 4> kClientSizes = {"small", "medium", "large", "enterprise"};
constexpr std::array<std::string_view, 4> kInterestLevels = {"none", "low", "medium", "high"};
/// SPEC §2: our initiative (whose: telemarketing or manager) or the client's own request.
constexpr std::array<std::string_view, 3> kInitiatives = {"telemarketing", "manager", "client"};
constexpr std::array<std::string_view, 2> kMailingChannels = {"email", "fax"};
constexpr std::array<std::string_view, 4> kMailingStatuses = {"queued", "sent", "failed",
                                                              "cancelled"};
constexpr std::array<std::string_view, 4> kTemplateKinds = {"document", "demo", "price_list",
                                                            "other"};
constexpr std::array<std::string_view, 7> kReferenceLists = {
    "region",           "industry",       "information_source", "contact_reason",
    "triggering_event", "refusal_reason", "history_kind"};
} // namespace

std::span<const EntityDef> entities() {
    return registry();
}

const EntityDef* findEntity(std::string_view name) {
    for (const auto& e : registry()) {
        if (e.name == name) {
            return &e;
        }
    }
    return nullptr;
}

const FieldDef* findField(const EntityDef& entity, std::string_view name) {
    for (const auto& f : entity.fields) {
        if (f.name == name) {
            return &f;
        }
    }
    return nullptr;
}

bool serverSetOnCreate(std::string_view entity, std::string_view field) {
    return entity == "client" && field == "duplicate_of";
}

std::string validateValue(const FieldDef& field, const nlohmann::json& value) {
    std::string name(field.name);
    if (value.is_null()) {
        return field.required ? name + " is required" : std::string();
    }
    switch (field.type) {
    case FieldType::Text:
    case FieldType::Ref:
        if (!value.is_string()) {
            return name + " must be a string";
        }
        if (field.required && value.get_ref<const std::string&>().empty()) {
            return name + " must not be empty";
        }
        if (field.required && value.get_ref<const std::string&>().find_first_not_of(
                                  " \t\r\n\v\f") == std::string::npos) {
            return name + " must not be blank";
        }
        if (value.get_ref<const std::string&>().size() > 64 * 1024) {
            return name + " is longer than 65536 bytes";
        }
        try {
            (void)value.dump(); // the serializer checks UTF-8
        } catch (const nlohmann::json::type_error&) {
            return name + " is not valid UTF-8 text";
        }
        return {};
    case FieldType::Int:
    case FieldType::TimeMs:
        if (!value.is_number_integer()) {
            return name + " must be an integer";
        }
        if (value.is_number_unsigned() &&
            value.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) {
            return name + " is larger than a 64-bit signed integer";
        }
        if (field.type == FieldType::TimeMs &&
            (value.get<std::int64_t>() < kMinTimeMs || value.get<std::int64_t>() > kMaxTimeMs)) {
            return name + " must be a time from the year 1900 to 9999 (ms since 1970 UTC)";
        }
        return {};
    case FieldType::Bool:
        return value.is_boolean() ? std::string() : name + " must be true or false";
    }
    return name + " has an unknown type";
}

std::string emailProblem(std::string_view email) {
    if (email.empty()) {
        return {};
    }
    const auto at = email.find('@');
    const bool spaces = std::any_of(email.begin(), email.end(), [](char c) {
        return static_cast<unsigned char>(c) <= ' ' || c == 0x7f;
    });
    if (at == std::string_view::npos || at == 0 || at + 1 == email.size() ||
        email.find('@', at + 1) != std::string_view::npos || spaces) {
        return "email \"" + std::string(email) +
               "\" is not an e-mail address (one name@domain, no spaces)";
    }
    return {};
}

bool isRecordId(std::string_view id) {
    constexpr std::size_t kMaxIdBytes = 64;
    return !id.empty() && id.size() <= kMaxIdBytes &&
           std::all_of(id.begin(), id.end(), [](char ch) {
               return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') ||
                      (ch >= 'A' && ch <= 'Z') || ch == '-' || ch == '_';
           });
}

std::string validateField(std::string_view entity, const FieldDef& field,
                          const nlohmann::json& value) {
    if (auto msg = validateValue(field, value); !msg.empty() || !value.is_string()) {
        return msg;
    }
    if (field.type == FieldType::Ref && !isRecordId(value.get_ref<const std::string&>())) {
        return std::string(field.name) + " " +
               value.dump(-1, ' ', true, nlohmann::json::error_handler_t::replace) +
               " is not a record id (1 to 64 letters, digits, '-' or '_')";
    }
    if (field.name == "email") {
        return emailProblem(value.get_ref<const std::string&>());
    }
    std::span<const std::string_view> allowed;
    if (field.name == "kind" && entity == "history_entry") {
        return {}; // a reference list (history_kind), checked against the records
    } else if (field.name == "kind" && entity == "planned_activity") {
        allowed = kActivityKinds;
    } else if (field.name == "status" && entity == "planned_activity") {
        allowed = kActivityStatuses;
    } else if (field.name == "status" && entity == "client") {
        allowed = kClientStatuses;
    } else if (field.name == "outcome" && entity == "deal") {
        allowed = kOutcomes;
    } else if (field.name == "role" && entity == "user") {
        allowed = kRoles;
    } else if (field.name == "size" && entity == "client") {
        allowed = kClientSizes;
    } else if (field.name == "interest_level" && entity == "client") {
        allowed = kInterestLevels;
    } else if (field.name == "initiative" && entity == "client") {
        allowed = kInitiatives;
    } else if (field.name == "channel" && entity == "mailing_request") {
        allowed = kMailingChannels;
    } else if (field.name == "status" && entity == "mailing_request") {
        allowed = kMailingStatuses;
    } else if (field.name == "kind" && entity == "document_template") {
        allowed = kTemplateKinds;
    } else if (field.name == "list" && entity == "reference_item") {
        allowed = kReferenceLists;
    } else {
        return {};
    }
    if (isKnown(allowed, value.get_ref<const std::string&>())) {
        return {};
    }
    std::string list;
    for (auto v : allowed) {
        list += (list.empty() ? "" : ", ") + std::string(v);
    }
    return std::string(field.name) + " must be one of: " + list;
}

std::string_view referencedEntity(std::string_view entity, std::string_view field) {
    if (field == "client_id" || field == "parent_client_id") {
        return "client";
    }
    if (field == "deal_id") {
        return "deal";
    }
    if (field == "contact_id") {
        return "contact";
    }
    if (field == "template_id") {
        return "document_template";
    }
    if (field == "planned_activity_id") {
        return "planned_activity";
    }
    if (field == "duplicate_of" || field == "merged_into") {
        return "client";
    }
    if (field == "product_id") {
        return "product";
    }
    if (field == "manager_id" || field == "curator_id" || field == "assignee_id" ||
        field == "author_id" || field == "first_contact_by" || field == "opened_by" ||
        field == "user_id") {
        return "user";
    }
    (void)entity;
    return {};
}

std::span<const std::string_view> referenceLists() {
    return kReferenceLists;
}

std::span<const std::string_view> activityStatuses() {
    return kActivityStatuses;
}
std::span<const std::string_view> clientStatuses() {
    return kClientStatuses;
}

std::span<const std::string_view> historyKinds() {
    return kHistoryKinds;
}
std::span<const std::string_view> activityKinds() {
    return kActivityKinds;
}
std::span<const std::string_view> dealOutcomes() {
    return kOutcomes;
}
std::span<const std::string_view> roles() {
    return kRoles;
}

bool isKnown(std::span<const std::string_view> list, std::string_view value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

bool hasFullScope(std::string_view role) {
    return role != "manager";
}

} // namespace fieldbook::domain
