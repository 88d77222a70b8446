// SPDX-License-Identifier: MIT
#include "store/scope_changes.h"

#include "domain/clock.h"
#include "store/auth.h"
#include "store/records.h"
#include "store/scope.h"

#include <algorithm>
#include <optional>
#include <tuple>

namespace fieldbook::server {

using nlohmann::json;

namespace {
constexpr const char* kScopeFields[] = {"curator_id", "manager_id", "assignee_id", "client_id",
                                        "deal_id"};
constexpr const char* kUserFields[] = {"curator_id", "manager_id", "assignee_id"};

void addText(std::set<std::string>& to, const json* record, const char* name) {
    if (record && record->is_object()) {
        auto it = record->find(name);
        if (it != record->end() && it->is_string()) {
            to.insert(it->get<std::string>());
        }
    }
}

std::vector<std::string> textColumn(store::Statement& st) {
    std::vector<std::string> out;
    while (st.step()) {
        if (!st.isNull(0)) {
            out.push_back(st.text(0));
        }
    }
    return out;
}

std::set<std::string> managersAmong(ServerDb& db, const std::set<std::string>& ids) {
    std::set<std::string> out;
    auto st =
        db.statement("SELECT id, role FROM users WHERE id IN (SELECT value FROM json_each(?))");
    st->bind(1, json(ids).dump());
    while (st->step()) {
        if (!domain::hasFullScope(st->isNull(1) ? std::string() : st->text(1))) {
            out.insert(st->text(0));
        }
    }
    return out;
}

template <typename T> std::vector<std::string> minus(const T& a, const T& b) {
    std::vector<std::string> out;
    for (const auto& x : a) {
        if (!b.count(x)) {
            out.push_back(x);
        }
    }
    return out;
}
} // namespace

ScopeTouch touchOfMutation(std::string_view entity, const std::string& id, const json* stored,
                           const json& pushed, bool deleting) {
    ScopeTouch t;
    bool creating = stored == nullptr;
    bool relevant =
        deleting ||
        (creating && (entity == "deal" || entity == "deal_stage" || entity == "planned_activity"));
    for (const char* name : kScopeFields) {
        auto it = pushed.find(name);
        if (!creating && it != pushed.end() && stored->value(name, json()) != *it) {
            relevant = true;
        }
    }
    if (!relevant) {
        return t;
    }
    const json* after = pushed.is_object() ? &pushed : nullptr;
    if (entity == "client") {
        t.clients.insert(id);
    } else {
        addText(t.clients, stored, "client_id");
        addText(t.clients, after, "client_id");
    }
    if (entity == "deal") {
        t.deals.insert(id);
    } else if (isDealChild(entity)) {
        addText(t.deals, stored, "deal_id");
        addText(t.deals, after, "deal_id");
    }
    for (const char* name : kUserFields) {
        addText(t.users, stored, name);
        addText(t.users, after, name);
    }
    return t;
}

std::vector<std::pair<std::string, std::string>> cardRecords(ServerDb& db, std::string_view kind,
                                                             const std::string& id, bool liveOnly) {
    bool clientCard = kind == "client_card";
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& e : domain::entities()) {
        bool hasClient = domain::findField(e, "client_id") != nullptr;
        bool hasDeal = domain::findField(e, "deal_id") != nullptr;
        std::string where;
        if (e.name == (clientCard ? "client" : "deal")) {
            where = "id = ?1";
        } else if (clientCard && hasClient) {
            where = "client_id = ?1";
        } else if (hasDeal && !hasClient) {
            where = clientCard ? "deal_id IN (SELECT id FROM deals WHERE client_id = ?1)"
                               : "deal_id = ?1";
        } else {
            continue;
        }
        if (liveOnly) {
            where += " AND deleted = 0";
        }
        auto st = db.statement("SELECT id FROM " + std::string(e.table) + " WHERE " + where +
                               " ORDER BY id");
        st->bind(1, id);
        for (auto& rid : textColumn(*st)) {
            out.emplace_back(std::string(e.name), std::move(rid));
        }
    }
    return out;
}

ScopeWatch::ScopeWatch(ServerDb& db, std::string entity, std::string id, const json* stored,
                       ScopeTouch touch)
    : db_(db), causeEntity_(entity), causeId_(id) {
    records_.push_back({std::move(entity), std::move(id), stored ? *stored : json()});
    start(touch);
}

ScopeWatch::ScopeWatch(ServerDb& db, std::vector<WatchedRecord> records, ScopeTouch touch,
                       std::string causeEntity, std::string causeId)
    : db_(db), records_(std::move(records)), causeEntity_(std::move(causeEntity)),
      causeId_(std::move(causeId)) {
    start(touch);
}

void ScopeWatch::start(const ScopeTouch& touch) {
    if (touch.empty()) {
        return;
    }
    std::set<std::string> clients = touch.clients;
    std::set<std::string> deals = touch.deals;
    {
        auto st = db_.statement("SELECT client_id FROM deals WHERE id IN "
                                "(SELECT value FROM json_each(?))");
        st->bind(1, json(touch.deals).dump());
        for (auto& c : textColumn(*st)) {
            clients.insert(std::move(c));
        }
    }
    {
        auto st = db_.statement("SELECT id FROM deals WHERE client_id IN "
                                "(SELECT value FROM json_each(?))");
        st->bind(1, json(clients).dump());
        for (auto& d : textColumn(*st)) {
            deals.insert(std::move(d));
        }
    }
    clients_.assign(clients.begin(), clients.end());
    deals_.assign(deals.begin(), deals.end());
    auto users = usersWithScopeAt(db_, clients_, deals_);
    users.merge(managersAmong(db_, touch.users));
    std::vector<const json*> fields;
    for (const auto& r : records_) {
        fields.push_back(r.stored.is_null() ? nullptr : &r.stored);
    }
    for (const auto& u : users) {
        before_[u] = membershipOf(u, fields);
    }
}

ScopeWatch::Membership ScopeWatch::membershipOf(const std::string& userId,
                                                const std::vector<const json*>& fields) {
    Membership m;
    m.clients = scopeClientsAmong(db_, userId, clients_);
    m.deals = scopeDealsAmong(db_, userId, deals_);
    Principal who{userId, "", "manager", ""};
    m.records.reserve(records_.size());
    for (std::size_t i = 0; i < records_.size(); ++i) {
        m.records.push_back(fields[i] &&
                            inScope(db_, who, records_[i].entity, records_[i].id, *fields[i]));
    }
    return m;
}

int ScopeWatch::record() {
    if (before_.empty()) {
        return 0;
    }
    std::vector<json> afterFields;
    std::vector<const json*> after;
    afterFields.reserve(records_.size());
    for (const auto& r : records_) {
        const auto* e = domain::findEntity(r.entity);
        auto stored = e ? loadRecord(db_, *e, r.id) : std::nullopt;
        afterFields.push_back(stored ? std::move(stored->fields) : json());
    }
    for (const auto& f : afterFields) {
        after.push_back(f.is_null() ? nullptr : &f);
    }
    auto changedAt = domain::nowMs();
    auto change =
        db_.statement("INSERT INTO scope_changes(seq, user_id, kind, entity, record_id, "
                      "granted, changed_at, cause_entity, cause_id) VALUES(?,?,?,?,?,?,?,?,?)");
    auto item = db_.statement("INSERT INTO scope_change_items(pos, change_seq, user_id, "
                              "entity, record_id, granted) VALUES(?,?,?,?,?,?)");
    // Each deal's client now: the client cards listed below are read now too.
    std::map<std::string, std::string> clientOf;
    {
        auto st = db_.statement("SELECT id, client_id FROM deals WHERE client_id IS NOT "
                                "NULL AND id IN (SELECT value FROM json_each(?))");
        st->bind(1, json(deals_).dump());
        while (st->step()) {
            clientOf[st->text(0)] = st->text(1);
        }
    }
    int rows = 0;
    for (const auto& [user, before] : before_) {
        auto now = membershipOf(user, after);
        std::set<std::tuple<std::string, std::string, bool>> sent; // one item per record and way
        auto write = [&](const char* kind, const std::string& entity, const std::string& recordId,
                         bool granted) {
            std::vector<std::pair<std::string, std::string>> records;
            if (std::string_view(kind) == "record") {
                if (sent.count({entity, recordId, granted})) {
                    return; // its card's change says it already
                }
                records.emplace_back(entity, recordId);
            } else {
                records = cardRecords(db_, kind, recordId, granted);
            }
            auto seq = db_.nextSeq();
            change->reset();
            change->bind(1, seq)
                .bind(2, user)
                .bind(3, kind)
                .bind(4, entity)
                .bind(5, recordId)
                .bind(6, std::int64_t{granted ? 1 : 0})
                .bind(7, changedAt)
                .bind(8, causeEntity_)
                .bind(9, causeId_)
                .run();
            ++rows;
            std::vector<std::pair<std::string, std::string>> fresh;
            for (auto& r : records) {
                if (sent.emplace(r.first, r.second, granted).second) {
                    fresh.push_back(std::move(r));
                }
            }
            if (fresh.empty()) {
                return;
            }
            auto pos = db_.reserveSeq(static_cast<std::int64_t>(fresh.size()));
            for (const auto& [e, rid] : fresh) {
                item->reset();
                item->bind(1, pos++)
                    .bind(2, seq)
                    .bind(3, user)
                    .bind(4, e)
                    .bind(5, rid)
                    .bind(6, std::int64_t{granted ? 1 : 0})
                    .run();
            }
        };
        auto gained = minus(now.clients, before.clients);
        auto lost = minus(before.clients, now.clients);
        // A deal whose client's card moved the same way is in that card already.
        auto coveredBy = [&](const std::vector<std::string>& cards, const std::string& deal) {
            auto it = clientOf.find(deal);
            return it != clientOf.end() &&
                   std::find(cards.begin(), cards.end(), it->second) != cards.end();
        };
        for (const auto& c : gained) {
            write("client_card", "client", c, true);
        }
        for (const auto& d : minus(now.deals, before.deals)) {
            if (!coveredBy(gained, d)) {
                write("deal_card", "deal", d, true);
            }
        }
        for (const auto& c : lost) {
            write("client_card", "client", c, false);
        }
        for (const auto& d : minus(before.deals, now.deals)) {
            if (!coveredBy(lost, d)) {
                write("deal_card", "deal", d, false);
            }
        }
        for (std::size_t i = 0; i < records_.size(); ++i) {
            if (before.records[i] && !now.records[i]) {
                write("record", records_[i].entity, records_[i].id, false);
            }
        }
    }
    return rows;
}

} // namespace fieldbook::server
