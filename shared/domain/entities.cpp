// SPDX-License-Identifier: MIT
#include "domain/entities.h"

#include <algorithm>
#include <array>
#include <cstdint>

namespace fieldbook::domain {

namespace {
using T = FieldType;

const std::vector<EntityDef>& registry() {
    static const std::vector<EntityDef> defs = {
        {"user",
         "users",
         {{"login", T::Text, false, true},
          {"full_name", T::Text, false, true},
          {"role", T::Text, false, true},
          {"team", T::Text, false},
          {"manager_id", T::Ref, false},
          {"active", T::Bool, false}},
         false},
        {"product",
         "products",
         {{"name", T::Text, true, true}, {"series", T::Text}, {"list_price_cents", T::Int}}},
        {"client",
         "clients",
         {{"name", T::Text, true, true},
          {"tax_id", T::Text},
          {"industry", T::Text},
          {"region", T::Text},
          {"employees", T::Int},
          {"year_established", T::Int},
          {"revenue_cents", T::Int},
          {"parent_client_id", T::Ref},
          {"address", T::Text},
          {"phone", T::Text},
          {"email", T::Text},
          {"website", T::Text},
          {"curator_id", T::Ref},
          {"status", T::Text},
          {"interest_level", T::Text},
          {"info_source", T::Text},
          {"first_contact_at", T::TimeMs},
          {"first_contact_by", T::Ref},
          {"notes", T::Text}}},
        {"contact",
         "contacts",
         {{"client_id", T::Ref, true, true},
          {"name", T::Text, true, true},
          {"position", T::Text},
          {"phone", T::Text},
          {"email", T::Text},
          {"decision_maker", T::Bool}}},
        {"deal",
         "deals",
         {{"client_id", T::Ref},
          {"title", T::Text, true, true},
          {"manager_id", T::Ref, true, true},
          {"product_id", T::Ref},
          {"stage", T::Text},
          {"outcome", T::Text, true, true},
          {"opened_at", T::TimeMs},
          {"closed_at", T::TimeMs},
          {"amount_cents", T::Int},
          {"refusal_reason", T::Text},
          {"external_ref", T::Text},
          {"notes", T::Text}}},
        {"history_entry",
         "history_entries",
         {{"client_id", T::Ref, true, true},
          {"deal_id", T::Ref},
          {"author_id", T::Ref, false},
          {"kind", T::Text, true, true},
          {"summary", T::Text, true, true},
          {"occurred_at", T::TimeMs, true, true}}},
        {"planned_activity",
         "planned_activities",
         {{"client_id", T::Ref, true, true},
          {"deal_id", T::Ref},
          {"assignee_id", T::Ref, true, true},
          {"author_id", T::Ref, false},
          {"kind", T::Text, true, true},
          {"starts_at", T::TimeMs, true, true},
          {"duration_min", T::Int, true, true},
          {"place", T::Text},
          {"purpose", T::Text},
          {"status", T::Text, true, true}}},
        {"conflict",
         "conflicts",
         {{"entity", T::Text, false},
          {"record_id", T::Ref, false},
          {"field", T::Text, false},
          {"rule", T::Text, false},
          {"winner_value", T::Text, false},
          {"loser_value", T::Text, false},
          {"winner_id", T::Ref, false},
          {"loser_id", T::Ref, false},
          {"decided_at", T::TimeMs, false}},
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
        return {};
    case FieldType::Bool:
        return value.is_boolean() ? std::string() : name + " must be true or false";
    }
    return name + " has an unknown type";
}

std::string validateField(std::string_view entity, const FieldDef& field,
                          const nlohmann::json& value) {
    if (auto msg = validateValue(field, value); !msg.empty() || !value.is_string()) {
        return msg;
    }
    std::span<const std::string_view> allowed;
    if (field.name == "kind" && entity == "history_entry") {
        allowed = kHistoryKinds;
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
    if (field == "product_id") {
        return "product";
    }
    if (field == "manager_id" || field == "curator_id" || field == "assignee_id" ||
        field == "author_id" || field == "first_contact_by") {
        return "user";
    }
    (void)entity;
    return {};
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
