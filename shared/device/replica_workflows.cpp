// SPDX-License-Identifier: MIT
// Sales-process workflows on cards, contacts, history, plans and mailings
// (SPEC §3; issue 3). Deals are in replica_deals.cpp.
#include "device/replica.h"

#include "domain/clock.h"
#include "domain/entities.h"
#include "domain/field_rules.h"
#include "domain/sales_rules.h"
#include "domain/time_rules.h"

#include <algorithm>

namespace fieldbook::device {

using nlohmann::json;
using store::Statement;
using store::Transaction;

namespace {
bool blank(const std::string& s) {
    return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

std::string str(const json& r, const char* name) {
    auto v = r.value(name, json());
    return v.is_string() ? v.get<std::string>() : std::string();
}

json objectOrThrow(const json& fields) {
    if (fields.is_null()) {
        return json::object();
    }
    if (!fields.is_object()) {
        throw DomainError("invalid_fields", "fields must be an object");
    }
    return fields;
}
} // namespace

// --- history --------------------------------------------------------------

namespace {
/// A history kind must be in the history_kind list the replica holds, or in
/// the built-in list while the replica has none yet (before the first sync).
void checkHistoryKind(store::Database& db, const std::string& kind) {
    Statement st(db, "SELECT COUNT(*), SUM(code = ?1 AND COALESCE(active, 1) != 0) "
                     "FROM reference_items WHERE list = 'history_kind' AND deleted = 0");
    st.bind(1, kind);
    st.step();
    bool known = st.int64(0) > 0 ? st.int64(1) > 0 : domain::isKnown(domain::historyKinds(), kind);
    if (!known) {
        throw DomainError("invalid_kind", "unknown history entry kind \"" + kind +
                                              "\" (see: fieldbook-cli refs history_kind)");
    }
}
} // namespace

std::string Replica::logHistory(const std::string& clientId, const std::string& kind,
                                const std::string& summary, const std::string& dealId,
                                std::int64_t occurredAtMs) {
    auto s = requireSession();
    Transaction tx(db_);
    liveRecord("client", clientId, "unknown_client");
    checkHistoryKind(db_, kind);
    if (blank(summary)) {
        throw DomainError("empty_summary", "the summary must say what was discussed");
    }
    json fields = {{"client_id", clientId},
                   {"kind", kind},
                   {"summary", summary},
                   {"occurred_at", occurredAtMs}};
    if (auto v = domain::checkPastEventTimes("history_entry", fields, domain::nowMs())) {
        throw DomainError(v.code, v.message);
    }
    if (!dealId.empty()) {
        auto deal = record("deal", dealId);
        if (deal.is_null() || deal["deleted"].get<bool>() || deal["client_id"] != clientId) {
            throw DomainError("unknown_deal", "deal " + dealId + " is not a deal of this client");
        }
        fields["deal_id"] = dealId;
    }
    authorize(s, "history_entry", nullptr, fields);
    auto id = insertInTx("history_entry", fields);
    tx.commit();
    return id;
}

void Replica::correctHistory(const std::string& entryId, const std::string& summary) {
    auto s = requireSession();
    Transaction tx(db_);
    auto entry = liveRecord("history_entry", entryId, "unknown_record");
    if (str(entry, "author_id") != s.userId) {
        throw DomainError("not_author", "only the author may correct a history entry; log a new "
                                        "entry instead (SPEC §2)");
    }
    if (blank(summary)) {
        throw DomainError("empty_summary", "the summary must say what was discussed");
    }
    json change = {{"summary", summary}};
    authorize(s, "history_entry", &entry, change);
    if (patchInTx("history_entry", entryId, change).empty()) {
        return;
    }
    // The server keeps the previous text (revisions is server-owned and never
    // pushed); show it here at once, as the server will.
    json revisions = json::array();
    if (entry["revisions"].is_string()) {
        auto parsed = json::parse(entry["revisions"].get<std::string>(), nullptr, false);
        if (parsed.is_array()) {
            revisions = parsed;
        }
    }
    revisions.push_back({{"summary", entry["summary"]}, {"at", domain::nowMs()}, {"by", s.userId}});
    Statement st(db_, "UPDATE history_entries SET revisions = ? WHERE id = ?");
    st.bind(1, revisions.dump()).bind(2, entryId).run();
    tx.commit();
}

// --- clients and contacts ---------------------------------------------------

json Replica::findDuplicates(const json& clientFields) {
    auto candidate = objectOrThrow(clientFields);
    Statement st(db_, "SELECT c.id, c.name, c.tax_id, c.phone, c.city, c.curator_id, "
                      "(SELECT full_name FROM users u WHERE u.id = c.curator_id), "
                      "c.first_contact_at, c.first_contact_by, "
                      "(SELECT full_name FROM users u WHERE u.id = c.first_contact_by) "
                      "FROM clients c WHERE c.deleted = 0 "
                      "ORDER BY c.first_contact_at IS NULL, c.first_contact_at, c.name");
    json out = json::array();
    auto opt = [&](int col) { return st.isNull(col) ? json() : json(st.text(col)); };
    while (st.step()) {
        json existing = {{"id", st.text(0)},      {"name", opt(1)}, {"tax_id", opt(2)},
                         {"phone", opt(3)},       {"city", opt(4)}, {"curator_id", opt(5)},
                         {"curator_name", opt(6)}};
        auto reason = domain::duplicateReason(candidate, existing);
        if (reason.empty()) {
            continue;
        }
        existing["first_contact_at"] = st.isNull(7) ? json() : json(st.int64(7));
        existing["first_contact_by"] = opt(8);
        existing["first_contact_by_name"] = opt(9);
        existing["reason"] = reason;
        out.push_back(std::move(existing));
    }
    return out;
}

std::string Replica::createClient(const json& fields) {
    auto s = requireSession();
    auto f = objectOrThrow(fields);
    if (f.contains("name") && f["name"].is_string() && blank(f["name"].get<std::string>())) {
        throw DomainError("invalid_value", "name must not be blank");
    }
    Transaction tx(db_);
    if (!f.contains("status")) {
        f["status"] = "prospect";
    }
    const auto now = domain::nowMs();
    if (!f.contains("first_contact_at") || f["first_contact_at"].is_null()) {
        f["first_contact_at"] = now;
    } else if (f["first_contact_at"].is_number_integer()) {
        if (auto v =
                domain::checkFirstContactAt(f["first_contact_at"].get<std::int64_t>(), now, now)) {
            throw DomainError(v.code, v.message);
        }
    }
    if (s.role == "manager" && !f.contains("curator_id")) {
        f["curator_id"] = s.userId;
    }
    authorize(s, "client", nullptr, f);
    checkReferences("client", f);
    checkCodes("client", f);
    auto id = insertInTx("client", f);
    tx.commit();
    return id;
}

std::string Replica::addContact(const std::string& clientId, const json& fields) {
    auto s = requireSession();
    auto f = objectOrThrow(fields);
    if (f.contains("client_id") && f["client_id"] != clientId) {
        throw DomainError("invalid_fields", "a contact's client is the one it is added to");
    }
    if (f.contains("name") && f["name"].is_string() && blank(f["name"].get<std::string>())) {
        throw DomainError("invalid_value", "name must not be blank");
    }
    Transaction tx(db_);
    liveRecord("client", clientId, "unknown_client");
    f["client_id"] = clientId;
    authorize(s, "contact", nullptr, f);
    checkReferences("contact", f);
    auto id = insertInTx("contact", f);
    tx.commit();
    return id;
}

void Replica::reassignClient(const std::string& clientId, const std::string& curatorId) {
    auto s = requireSession();
    Transaction tx(db_);
    auto client = liveRecord("client", clientId, "unknown_client");
    auto user = liveRecord("user", curatorId, "unknown_user");
    if (user["active"] == false) {
        throw DomainError("inactive_user", str(user, "login") + " is not an active user");
    }
    if (auto why = domain::curatorRoleProblem(str(user, "login"), str(user, "role"));
        !why.empty()) {
        throw DomainError("invalid_value", why);
    }
    json change = {{"curator_id", curatorId}};
    authorize(s, "client", &client, change);
    patchInTx("client", clientId, change);
    tx.commit();
}

// --- planned activities -----------------------------------------------------

std::string Replica::planActivity(const std::string& clientId, const std::string& kind,
                                  std::int64_t startsAtMs, int durationMin,
                                  const std::string& assigneeId, const std::string& purpose,
                                  const std::string& place) {
    auto s = requireSession();
    Transaction tx(db_);
    liveRecord("client", clientId, "unknown_client");
    if (!domain::isKnown(domain::activityKinds(), kind)) {
        throw DomainError("invalid_kind", "unknown planned activity kind \"" + kind + "\"");
    }
    if (durationMin <= 0 || durationMin > 24 * 60) {
        throw DomainError("invalid_duration", "duration must be 1 to 1440 minutes");
    }
    std::string assignee = assigneeId.empty() ? s.userId : assigneeId;
    liveRecord("user", assignee, "unknown_user");
    json fields = {{"client_id", clientId},   {"assignee_id", assignee},     {"kind", kind},
                   {"starts_at", startsAtMs}, {"duration_min", durationMin}, {"status", "planned"}};
    if (!purpose.empty()) {
        fields["purpose"] = purpose;
    }
    if (!place.empty()) {
        fields["place"] = place;
    }
    authorize(s, "planned_activity", nullptr, fields);
    checkReferences("planned_activity", fields); // an inactive assignee
    auto id = insertInTx("planned_activity", fields);
    tx.commit();
    return id;
}

std::string Replica::completeActivity(const std::string& activityId, const std::string& summary,
                                      const std::string& historyKind) {
    auto s = requireSession();
    Transaction tx(db_);
    auto activity = liveRecord("planned_activity", activityId, "unknown_record");
    if (activity["status"] != "planned") {
        throw DomainError("activity_closed", "this activity is already " + str(activity, "status"));
    }
    if (blank(summary)) {
        throw DomainError("empty_summary", "the summary must say what was done and agreed");
    }
    auto kind =
        historyKind.empty() ? domain::historyKindForActivity(str(activity, "kind")) : historyKind;
    checkHistoryKind(db_, kind);
    // The same id on every device and on the server: one activity, one entry.
    auto entryId = domain::stableUuid("activity_done", activityId);
    if (!record("history_entry", entryId).is_null()) {
        throw DomainError("activity_closed", "this activity already has its history entry");
    }
    auto now = domain::nowMs();
    auto startsAt =
        activity["starts_at"].is_number_integer() ? activity["starts_at"].get<std::int64_t>() : now;
    json entry = {{"client_id", activity["client_id"]},
                  {"kind", kind},
                  {"summary", summary},
                  {"occurred_at", std::min(startsAt, now)},
                  {"planned_activity_id", activityId}};
    if (activity["deal_id"].is_string()) {
        entry["deal_id"] = activity["deal_id"];
    }
    json done = {{"status", "done"}, {"result", summary}};
    authorize(s, "history_entry", nullptr, entry);
    authorize(s, "planned_activity", &activity, done);
    insertInTx("history_entry", entry, entryId);
    patchInTx("planned_activity", activityId, done);
    tx.commit();
    return entryId;
}

void Replica::setActivityStatus(const std::string& activityId, const std::string& status) {
    auto s = requireSession();
    if (status != "cancelled" && status != "missed") {
        throw DomainError("invalid_status",
                          "status must be cancelled or missed (done: complete the activity)");
    }
    Transaction tx(db_);
    auto activity = liveRecord("planned_activity", activityId, "unknown_record");
    if (activity["status"] != "planned") {
        throw DomainError("activity_closed", "this activity is already " + str(activity, "status"));
    }
    json change = {{"status", status}};
    authorize(s, "planned_activity", &activity, change);
    patchInTx("planned_activity", activityId, change);
    tx.commit();
}

void Replica::reassignActivity(const std::string& activityId, const std::string& assigneeId) {
    auto s = requireSession();
    Transaction tx(db_);
    auto activity = liveRecord("planned_activity", activityId, "unknown_record");
    if (activity["status"] != "planned") {
        throw DomainError("activity_closed", "this activity is already " + str(activity, "status"));
    }
    auto user = liveRecord("user", assigneeId, "unknown_user");
    if (user["active"] == false) {
        throw DomainError("inactive_user", str(user, "login") + " is not an active user");
    }
    json change = {{"assignee_id", assigneeId}};
    authorize(s, "planned_activity", &activity, change);
    patchInTx("planned_activity", activityId, change);
    tx.commit();
}

// --- mailings ---------------------------------------------------------------

std::string Replica::queueMailing(const std::string& contactId, const std::string& templateId,
                                  const std::string& channel) {
    auto s = requireSession();
    if (channel != "email" && channel != "fax") {
        throw DomainError("invalid_channel", "channel must be email or fax");
    }
    Transaction tx(db_);
    auto contact = liveRecord("contact", contactId, "unknown_contact");
    auto tmpl = liveRecord("document_template", templateId, "unknown_template");
    if (tmpl["active"] == false) {
        throw DomainError("unknown_template",
                          "template \"" + str(tmpl, "name") + "\" is no longer in use");
    }
    auto address = str(contact, channel == "email" ? "email" : "fax");
    if (blank(address)) {
        throw DomainError("no_address", str(contact, "name") + " has no " +
                                            (channel == "email" ? "e-mail address" : "fax number") +
                                            "; add it to the contact first");
    }
    json fields = {{"client_id", contact["client_id"]},
                   {"contact_id", contactId},
                   {"template_id", templateId},
                   {"channel", channel},
                   {"address", address},
                   {"status", "queued"},
                   {"requested_at", domain::nowMs()}};
    authorize(s, "mailing_request", nullptr, fields);
    auto id = insertInTx("mailing_request", fields);
    tx.commit();
    return id;
}

} // namespace fieldbook::device
