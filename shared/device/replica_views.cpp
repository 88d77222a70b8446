// SPDX-License-Identifier: MIT
// Reads of the sales process (issue 3): the deal view with its stage
// timeline, reference lists, mailings, history revisions and busy times.
#include "device/replica.h"

#include "device/money.h"
#include "device/record_query.h"
#include "domain/clock.h"

#include <algorithm>
#include <optional>
#include <set>
#include <utility>
#include <vector>

namespace fieldbook::device {

using detail::def;
using detail::noParams;
using detail::selectRecords;
using nlohmann::json;
using store::Statement;

namespace {
constexpr std::int64_t kDayMs = 86'400'000;

/// The sum of `a` (times `b` when given) over `rows`, in checked arithmetic;
/// nullopt when it does not fit in 64 bits (extreme values stored by an
/// older server). Rows without the values count 0.
std::optional<std::int64_t> sumOf(const json& rows, const char* a, const char* b = nullptr) {
    std::int64_t total = 0;
    for (const auto& r : rows) {
        auto x = r.value(a, json());
        if (!x.is_number_integer()) {
            continue;
        }
        std::optional<std::int64_t> v = x.get<std::int64_t>();
        if (b) {
            auto y = r.value(b, json());
            v = y.is_number_integer() ? checkedMul(*v, y.get<std::int64_t>()) : 0;
        }
        auto sum = v ? checkedAdd(total, *v) : std::nullopt;
        if (!sum) {
            return std::nullopt;
        }
        total = *sum;
    }
    return total;
}

/// A checked total as JSON: the number, or null with `<name>_overflow` true.
void putTotal(json& out, const char* name, std::optional<std::int64_t> total) {
    out[name] = total ? json(*total) : json();
    out[std::string(name) + "_overflow"] = !total;
}
} // namespace

json Replica::dealView(const std::string& dealId) {
    store::ReadTransaction snapshot(db_);
    auto deal = selectRecords(
        db_, def("deal"), "d",
        "(SELECT name FROM clients c WHERE c.id = d.client_id), "
        "(SELECT full_name FROM users u WHERE u.id = d.manager_id), "
        "(SELECT name FROM stages s WHERE s.code = d.stage AND s.deleted = 0), "
        "(SELECT full_name FROM users u WHERE u.id = d.opened_by), "
        "(SELECT name FROM products p WHERE p.id = d.product_id), "
        "(SELECT label FROM reference_items r WHERE r.list = 'refusal_reason' AND "
        "r.code = d.refusal_reason AND r.deleted = 0)",
        {"client_name", "manager_name", "stage_name", "opened_by_name", "product_name",
         "refusal_reason_label"},
        "WHERE d.id = ? AND d.deleted = 0", [&](Statement& st) { st.bind(1, dealId); });
    if (deal.empty()) {
        return nullptr;
    }
    auto byDeal = [&](Statement& st) { st.bind(1, dealId); };
    json view;
    view["deal"] = deal[0];
    view["client"] = deal[0]["client_id"].is_string()
                         ? record("client", deal[0]["client_id"].get<std::string>())
                         : json();
    auto lines = selectRecords(
        db_, def("deal_line"), "l", "(SELECT name FROM products p WHERE p.id = l.product_id)",
        {"product_name"}, "WHERE l.deal_id = ? AND l.deleted = 0 ORDER BY l.rowid", byDeal);
    for (auto& l : lines) {
        if (l["quantity"].is_number_integer() && l["price_cents"].is_number_integer()) {
            putTotal(l, "total_cents",
                     checkedMul(l["quantity"].get<std::int64_t>(),
                                l["price_cents"].get<std::int64_t>()));
        } else {
            l["total_cents"] = nullptr;
            l["total_cents_overflow"] = false;
        }
    }
    auto stages = selectRecords(
        db_, def("deal_stage"), "x",
        "(SELECT name FROM stages s WHERE s.code = x.stage AND s.deleted = 0), "
        "(SELECT norm_days FROM stages s WHERE s.code = x.stage AND s.deleted = 0), "
        "(SELECT full_name FROM users u WHERE u.id = x.manager_id)",
        {"name", "norm_days", "manager_name"},
        "WHERE x.deal_id = ? AND x.deleted = 0 ORDER BY x.started_at, x.rowid", byDeal);
    auto now = domain::nowMs();
    for (auto& s : stages) {
        if (!s["started_at"].is_number_integer()) {
            s["days"] = nullptr;
            s["over_norm"] = false;
            continue;
        }
        auto end = s["ended_at"].is_number_integer() ? s["ended_at"].get<std::int64_t>() : now;
        auto days = std::max<std::int64_t>(0, (end - s["started_at"].get<std::int64_t>()) / kDayMs);
        s["days"] = days;
        s["over_norm"] =
            s["norm_days"].is_number_integer() && days > s["norm_days"].get<std::int64_t>();
    }
    view["lines"] = lines;
    view["stages"] = stages;
    view["payments"] =
        selectRecords(db_, def("payment"), "p", "", {},
                      "WHERE p.deal_id = ? AND p.deleted = 0 ORDER BY p.paid_at", byDeal);
    view["deliveries"] =
        selectRecords(db_, def("delivery"), "v", "", {},
                      "WHERE v.deal_id = ? AND v.deleted = 0 ORDER BY v.delivered_at", byDeal);
    view["history"] = selectRecords(
        db_, def("history_entry"), "h", "(SELECT full_name FROM users u WHERE u.id = h.author_id)",
        {"author_name"}, "WHERE h.deal_id = ? AND h.deleted = 0 ORDER BY h.occurred_at DESC, h.id",
        byDeal);
    view["plans"] = selectRecords(
        db_, def("planned_activity"), "a",
        "(SELECT full_name FROM users u WHERE u.id = a.assignee_id)", {"assignee_name"},
        "WHERE a.deal_id = ? AND a.deleted = 0 ORDER BY a.starts_at", byDeal);
    putTotal(view, "lines_total_cents", sumOf(lines, "quantity", "price_cents"));
    putTotal(view, "paid_cents", sumOf(view["payments"], "amount_cents"));
    return view;
}

json Replica::referenceItems(const std::string& list) {
    return selectRecords(db_, def("reference_item"), "r", "", {},
                         "WHERE r.list = ? AND r.deleted = 0 AND COALESCE(r.active, 1) != 0 "
                         "ORDER BY r.sort_order, r.code",
                         [&](Statement& st) { st.bind(1, list); });
}

json Replica::stages() {
    return selectRecords(db_, def("stage"), "s", "", {},
                         "WHERE s.deleted = 0 AND COALESCE(s.active, 1) != 0 "
                         "ORDER BY s.sort_order, s.code",
                         noParams);
}

json Replica::documentTemplates() {
    return selectRecords(db_, def("document_template"), "t", "", {},
                         "WHERE t.deleted = 0 AND COALESCE(t.active, 1) != 0 "
                         "ORDER BY t.name COLLATE NOCASE",
                         noParams);
}

json Replica::products() {
    return selectRecords(db_, def("product"), "p", "", {},
                         "WHERE p.deleted = 0 ORDER BY p.name COLLATE NOCASE", noParams);
}

json Replica::mailingRequests(const std::string& clientId) {
    return selectRecords(db_, def("mailing_request"), "m",
                         "(SELECT name FROM contacts x WHERE x.id = m.contact_id), "
                         "(SELECT name FROM document_templates t WHERE t.id = m.template_id), "
                         "(SELECT full_name FROM users u WHERE u.id = m.author_id)",
                         {"contact_name", "template_name", "author_name"},
                         "WHERE m.client_id = ? AND m.deleted = 0 "
                         "ORDER BY m.requested_at DESC, m.rowid DESC",
                         [&](Statement& st) { st.bind(1, clientId); });
}

json Replica::historyEntry(const std::string& entryId) {
    auto rows = selectRecords(db_, def("history_entry"), "h",
                              "(SELECT full_name FROM users u WHERE u.id = h.author_id), "
                              "(SELECT name FROM clients c WHERE c.id = h.client_id)",
                              {"author_name", "client_name"}, "WHERE h.id = ? AND h.deleted = 0",
                              [&](Statement& st) { st.bind(1, entryId); });
    if (rows.empty()) {
        return nullptr;
    }
    auto entry = rows[0];
    json revisions = json::array();
    if (entry["revisions"].is_string()) {
        auto parsed = json::parse(entry["revisions"].get<std::string>(), nullptr, false);
        if (parsed.is_array()) {
            revisions = parsed;
        }
    }
    for (auto& r : revisions) {
        auto by = r.value("by", json());
        auto user = by.is_string() ? record("user", by.get<std::string>()) : json();
        r["by_name"] = user.is_object() ? user["full_name"] : json();
    }
    entry["revisions"] = revisions;
    return entry;
}

json Replica::busyTimes(const std::string& userId, std::int64_t fromMs, std::int64_t toMs,
                        const std::string& exceptActivityId) {
    // The device's own copy of an activity wins over its busy slot: a visit
    // cancelled, moved or reassigned here is no longer busy at the old time.
    // A slot's id is domain::stableUuid("busy_slot", activityId) (an older
    // server used the activity id itself; both are recognised).
    std::set<std::string> ownSlots;
    Statement own(db_, "SELECT id FROM planned_activities");
    while (own.step()) {
        auto id = own.text(0);
        ownSlots.insert(domain::stableUuid("busy_slot", id));
        ownSlots.insert(std::move(id));
    }
    std::vector<std::pair<std::int64_t, std::int64_t>> busy;
    // The excepted activity's slot is in ownSlots when the device holds the
    // activity; its id and slot id are left out here in any case.
    if (!exceptActivityId.empty()) {
        ownSlots.insert(domain::stableUuid("busy_slot", exceptActivityId));
        ownSlots.insert(exceptActivityId);
    }
    Statement st(db_, "SELECT starts_at, duration_min FROM planned_activities "
                      "WHERE assignee_id = ?1 AND deleted = 0 AND status = 'planned' "
                      "AND starts_at < ?3 AND starts_at + duration_min * 60000 > ?2 AND id <> ?4");
    st.bind(1, userId).bind(2, fromMs).bind(3, toMs).bind(4, exceptActivityId);
    while (st.step()) {
        busy.emplace_back(st.int64(0), st.int64(1));
    }
    Statement slots(db_, "SELECT id, starts_at, duration_min FROM busy_slots "
                         "WHERE user_id = ?1 AND deleted = 0 "
                         "AND starts_at < ?3 AND starts_at + duration_min * 60000 > ?2");
    slots.bind(1, userId).bind(2, fromMs).bind(3, toMs);
    while (slots.step()) {
        if (!ownSlots.contains(slots.text(0))) {
            busy.emplace_back(slots.int64(1), slots.int64(2));
        }
    }
    std::sort(busy.begin(), busy.end());
    json out = json::array();
    for (const auto& [startsAt, minutes] : busy) {
        out.push_back({{"starts_at", startsAt}, {"duration_min", minutes}});
    }
    return out;
}

json Replica::overlaps(const std::string& userId, std::int64_t startsAtMs, int durationMin,
                       const std::string& exceptActivityId) {
    return busyTimes(userId, startsAtMs, startsAtMs + std::int64_t{durationMin} * 60'000,
                     exceptActivityId);
}

} // namespace fieldbook::device
