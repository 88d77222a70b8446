// SPDX-License-Identifier: MIT
// "The device checks first" (issue 3): the checks every workflow runs before
// it writes, so that what the server would refuse is refused offline too.
#include "device/replica.h"

#include "domain/entities.h"
#include "domain/field_rules.h"
#include "domain/permissions.h"
#include "domain/sales_rules.h"

#include <algorithm>

namespace fieldbook::device {

using nlohmann::json;
using store::Statement;

namespace {
/// The stable error code for a reference to a missing record of `entity`.
std::string unknownCode(std::string_view entity) {
    if (entity == "document_template") {
        return "unknown_template";
    }
    if (entity == "planned_activity" || entity == "history_entry") {
        return "unknown_record";
    }
    return "unknown_" + std::string(entity);
}
} // namespace

Session Replica::requireSession() {
    auto s = session();
    if (!s) {
        throw DomainError("not_logged_in",
                          "log in first: fieldbook-cli login --server URL --user LOGIN");
    }
    return *s;
}

void Replica::authorize(const Session& s, const std::string& entity, const json* stored,
                        const json& fields) {
    domain::MutationIntent m{entity, stored == nullptr, false, stored, &fields, s.userId};
    auto needed = domain::requiredActions(m); // firstRefused points into it
    if (const auto* refused = domain::firstRefused(s.role, needed)) {
        throw DomainError("forbidden", domain::refusalMessage(s.role, *refused));
    }
}

void Replica::checkReferences(const std::string& entity, const json& fields) {
    for (const auto& [name, value] : fields.items()) {
        auto target = domain::referencedEntity(entity, name);
        if (target.empty() || !value.is_string()) {
            continue;
        }
        auto r = record(std::string(target), value.get<std::string>());
        if (r.is_null() || r["deleted"].get<bool>()) {
            throw DomainError(unknownCode(target), name + ": no " + std::string(target) + " " +
                                                       value.get<std::string>() +
                                                       " on this device (sync first?)");
        }
        if (domain::assignsWork(entity, name) && r["active"] == false) {
            throw DomainError("inactive_user", name + ": " + r.value("login", std::string()) +
                                                   " is not an active user");
        }
        if (entity == "client" && name == "curator_id") {
            auto why = domain::curatorRoleProblem(r.value("login", std::string()),
                                                  r.value("role", std::string()));
            if (!why.empty()) {
                throw DomainError("invalid_value", name + ": " + why);
            }
        }
    }
}

void Replica::checkCodes(const std::string& entity, const json& fields) {
    const auto* e = domain::findEntity(entity);
    if (!e) {
        return;
    }
    for (const auto& [name, value] : fields.items()) {
        const auto* f = domain::findField(*e, name);
        if (!f || f->referenceList.empty() || !value.is_string()) {
            continue;
        }
        std::string list(f->referenceList);
        Statement st(db_, "SELECT COUNT(*), SUM(code = ?2 AND COALESCE(active, 1) != 0) "
                          "FROM reference_items WHERE list = ?1 AND deleted = 0");
        st.bind(1, list).bind(2, value.get<std::string>());
        st.step();
        if (st.int64(0) > 0 && st.int64(1) == 0) {
            throw DomainError("unknown_code", name + ": \"" + value.get<std::string>() +
                                                  "\" is not in the " + list +
                                                  " list (see: fieldbook-cli refs " + list + ")");
        }
    }
}

json Replica::liveRecord(const std::string& entity, const std::string& id,
                         const std::string& code) {
    auto r = record(entity, id);
    if (r.is_null() || r["deleted"].get<bool>()) {
        std::string what = entity == "planned_activity" ? "planned activity" : entity;
        std::replace(what.begin(), what.end(), '_', ' ');
        throw DomainError(code, "no " + what + " " + id + " on this device");
    }
    return r;
}

std::vector<std::string> Replica::openDealStages(const std::string& dealId) {
    Statement st(db_, "SELECT id FROM deal_stages WHERE deal_id = ? AND deleted = 0 AND "
                      "ended_at IS NULL ORDER BY started_at");
    st.bind(1, dealId);
    std::vector<std::string> ids;
    while (st.step()) {
        ids.push_back(st.text(0));
    }
    return ids;
}

} // namespace fieldbook::device
