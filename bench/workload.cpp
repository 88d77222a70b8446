// SPDX-License-Identifier: MIT
#include "bench/workload.h"

#include "domain/clock.h"
#include "domain/entities.h"
#include "store/auth.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <random>
#include <stdexcept>

namespace fieldbook::bench {

namespace {
using store::Statement;

/// One prepared INSERT per entity, fields bound by name; unset fields are NULL.
class Inserter {
  public:
    Inserter(store::Database& db, std::string_view entity, std::int64_t nowMs)
        : def_(*domain::findEntity(entity)), now_(nowMs),
          st_(db, sql(*domain::findEntity(entity))) {}

    Inserter& set(std::string_view field, std::string_view v) {
        st_.bind(index(field), v);
        return *this;
    }
    Inserter& set(std::string_view field, std::int64_t v) {
        st_.bind(index(field), v);
        return *this;
    }
    /// Writes the row with id `id` and change sequence `seq`, then clears the bindings.
    void insert(const std::string& id, std::int64_t seq) {
        st_.bind(1, id).bind(2, now_).bind(3, seq);
        st_.run();
        st_.reset();
        ++rows_;
    }
    std::int64_t rows() const { return rows_; }

  private:
    static std::string sql(const domain::EntityDef& e) {
        std::string cols = "id, version, updated_at, updated_by, deleted, seq, field_meta";
        std::string qs = "?1, 1, ?2, 'import', 0, ?3, '{}'";
        int i = 4;
        for (const auto& f : e.fields) {
            cols += ", " + std::string(f.name);
            qs += ", ?" + std::to_string(i++);
        }
        return "INSERT INTO " + std::string(e.table) + "(" + cols + ") VALUES(" + qs + ")";
    }
    int index(std::string_view field) const {
        for (std::size_t i = 0; i < def_.fields.size(); ++i) {
            if (def_.fields[i].name == field) {
                return static_cast<int>(i) + 4;
            }
        }
        throw std::logic_error("no field " + std::string(field));
    }

    const domain::EntityDef& def_;
    std::int64_t now_;
    Statement st_;
    std::int64_t rows_ = 0;
};

std::vector<std::string> column(store::Database& db, const std::string& sql) {
    std::vector<std::string> out;
    Statement st(db, sql);
    while (st.step()) {
        out.push_back(st.text(0));
    }
    if (out.empty()) {
        throw std::runtime_error("workload: the imported sample has no rows for: " + sql);
    }
    return out;
}

struct Rng {
    std::mt19937_64 gen;
    std::int64_t between(std::int64_t lo, std::int64_t hi) {
        return std::uniform_int_distribution<std::int64_t>(lo, hi)(gen);
    }
    template <class V> const auto& pick(const V& v) {
        return v[static_cast<std::size_t>(between(0, static_cast<std::int64_t>(v.size()) - 1))];
    }
    /// A random (version 4) UUID from the seeded generator.
    std::string uuid() {
        std::uint64_t a = gen();
        std::uint64_t b = gen();
        a = (a & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;
        b = (b & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;
        char buf[37];
        std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx",
                      static_cast<unsigned>(a >> 32), static_cast<unsigned>((a >> 16) & 0xffff),
                      static_cast<unsigned>(a & 0xffff), static_cast<unsigned>(b >> 48),
                      static_cast<unsigned long long>(b & 0xffffffffffffULL));
        return buf;
    }
};

std::int64_t scaled(double scale, std::int64_t n) {
    return std::max<std::int64_t>(1, static_cast<std::int64_t>(static_cast<double>(n) * scale));
}

constexpr std::int64_t kDayMs = 86'400'000;
} // namespace

Workload generateWorkload(server::ServerDb& serverDb, double scale, std::uint64_t seed) {
    auto& db = serverDb.db();
    Rng rng{std::mt19937_64(seed)};
    const auto now = domain::nowMs();
    Workload w;
    w.headLogin = "bench.head";

    // The sample's vocabulary: names, products, reference codes and stages.
    auto clientNames = column(db, "SELECT name FROM clients WHERE deleted = 0 ORDER BY name");
    auto personNames = column(db, "SELECT full_name FROM users ORDER BY login");
    auto products = column(db, "SELECT id FROM products ORDER BY name");
    auto ref = [&](const char* list) {
        return column(db, std::string("SELECT code FROM reference_items WHERE list = '") + list +
                              "' AND deleted = 0 ORDER BY sort_order");
    };
    auto industries = ref("industry");
    auto regions = ref("region");
    auto sources = ref("information_source");
    auto reasons = ref("contact_reason");
    auto historyKinds = ref("history_kind");
    auto stages = column(db, "SELECT code FROM stages WHERE deleted = 0 ORDER BY sort_order");
    std::map<std::string, std::int64_t> productPrice;
    {
        Statement st(db, "SELECT id, COALESCE(list_price_cents, 100000) FROM products");
        while (st.step()) {
            productPrice[st.text(0)] = st.int64(1);
        }
    }

    const std::int64_t nClients = scaled(scale, 10'000);
    const std::int64_t otherClients = scaled(scale, 20);
    // One hash for everyone: the same password, and hashing is slow by design.
    const std::string hash = server::hashPassword("demo");

    store::Transaction tx(db);
    Inserter users(db, "user", now);
    Inserter clients(db, "client", now);
    Inserter contacts(db, "contact", now);
    Inserter deals(db, "deal", now);
    Inserter dealStages(db, "deal_stage", now);
    Inserter history(db, "history_entry", now);
    Inserter activities(db, "planned_activity", now);
    Inserter busy(db, "busy_slot", now);
    Statement cred(db, "INSERT INTO credentials(user_id, password_hash) VALUES(?, ?)");
    std::int64_t seq = serverDb.currentSeq();

    auto addUser = [&](const std::string& login, const std::string& fullName, const char* role,
                       const std::string& managerId) {
        auto id = rng.uuid();
        users.set("login", login).set("full_name", fullName).set("role", role);
        users.set("team", "Bench").set("active", std::int64_t{1});
        users.set("email", login + "@fieldbook.example");
        if (!managerId.empty()) {
            users.set("manager_id", managerId);
        }
        users.insert(id, ++seq);
        cred.bind(1, id).bind(2, hash).run();
        cred.reset();
        return id;
    };
    const auto headId = addUser(w.headLogin, "Bench Head", "head", "");
    std::vector<std::string> managerIds;
    for (int m = 0; m < 100; ++m) {
        char login[32];
        std::snprintf(login, sizeof login, "bench.m%03d", m);
        w.managerLogins.emplace_back(login);
        managerIds.push_back(
            addUser(login, rng.pick(personNames) + " " + std::to_string(m), "manager", headId));
    }
    w.managerLogin = w.managerLogins.front();
    w.managerId = managerIds.front();

    // One manager's scope: per client 3 contacts, 10 history entries, 2 deals
    // (with 1-4 stage records), and every second client a planned activity.
    auto writeScope = [&](const std::string& managerId, std::int64_t count, bool keep) {
        for (std::int64_t c = 0; c < count; ++c) {
            auto clientId = rng.uuid();
            auto firstContact = now - rng.between(30, 3 * 365) * kDayMs;
            clients.set("name", rng.pick(clientNames) + " " + std::to_string(c))
                .set("industry", rng.pick(industries))
                .set("region", rng.pick(regions))
                .set("size", rng.pick(std::vector<std::string>{"small", "medium", "large"}))
                .set("employees", rng.between(5, 5000))
                .set("year_established", rng.between(1950, 2020))
                .set("revenue_cents", rng.between(100'000, 10'000'000'000))
                .set("city", "City " + std::to_string(rng.between(1, 400)))
                .set("phone", "+1 555 " + std::to_string(rng.between(1000000, 9999999)))
                .set("curator_id", managerId)
                .set("status", rng.pick(std::vector<std::string>{"prospect", "customer"}))
                .set("interest_level", rng.pick(std::vector<std::string>{"low", "medium", "high"}))
                .set("info_source", rng.pick(sources))
                .set("contact_reason", rng.pick(reasons))
                .set("initiative", "manager")
                .set("first_contact_at", firstContact)
                .set("first_contact_by", managerId);
            clients.insert(clientId, ++seq);
            if (keep) {
                w.clientIds.push_back(clientId);
            }
            for (int k = 0; k < 3; ++k) {
                auto id = rng.uuid();
                contacts.set("client_id", clientId)
                    .set("name", rng.pick(personNames))
                    .set("position",
                         rng.pick(std::vector<std::string>{"CEO", "CFO", "Buyer", "Engineer"}))
                    .set("phone", "+1 555 " + std::to_string(rng.between(1000000, 9999999)))
                    .set("email",
                         "contact" + std::to_string(rng.between(1, 999999)) + "@client.example")
                    .set("decision_maker", std::int64_t{k == 0});
                contacts.insert(id, ++seq);
                if (keep) {
                    w.contactIds.push_back(id);
                }
            }
            std::vector<std::string> clientDeals;
            for (int k = 0; k < 2; ++k) {
                auto id = rng.uuid();
                clientDeals.push_back(id);
                auto product = rng.pick(products);
                auto opened = firstContact + rng.between(0, 20) * kDayMs;
                auto nStages = rng.between(
                    1, static_cast<std::int64_t>(std::min<std::size_t>(4, stages.size())));
                auto outcome = rng.between(0, 3);
                const char* outcomeCode = outcome == 0 ? "won" : outcome == 1 ? "lost" : "open";
                auto qty = rng.between(1, 20);
                deals.set("client_id", clientId)
                    .set("title", "Deal " + std::to_string(c) + "-" + std::to_string(k))
                    .set("manager_id", managerId)
                    .set("product_id", product)
                    .set("stage", stages[static_cast<std::size_t>(nStages - 1)])
                    .set("outcome", outcomeCode)
                    .set("opened_at", opened)
                    .set("opened_by", managerId)
                    .set("amount_cents", qty * productPrice[product]);
                if (outcome < 2) {
                    deals.set("closed_at", opened + nStages * 7 * kDayMs);
                }
                deals.insert(id, ++seq);
                if (keep) {
                    w.dealIds.push_back(id);
                }
                for (std::int64_t s = 0; s < nStages; ++s) {
                    dealStages.set("deal_id", id)
                        .set("stage", stages[static_cast<std::size_t>(s)])
                        .set("started_at", opened + s * 7 * kDayMs)
                        .set("manager_id", managerId);
                    if (s + 1 < nStages || outcome < 2) {
                        dealStages.set("ended_at", opened + (s + 1) * 7 * kDayMs);
                    }
                    dealStages.insert(rng.uuid(), ++seq);
                }
            }
            std::string activityId;
            if (c % 2 == 0) {
                activityId = rng.uuid();
                auto starts =
                    (now / kDayMs + rng.between(0, 60)) * kDayMs + rng.between(8, 17) * 3'600'000;
                auto duration = rng.between(1, 4) * 30;
                activities.set("client_id", clientId)
                    .set("deal_id", clientDeals.front())
                    .set("assignee_id", managerId)
                    .set("author_id", managerId)
                    .set("kind", rng.pick(std::vector<std::string>{"call", "visit", "meeting"}))
                    .set("starts_at", starts)
                    .set("duration_min", duration)
                    .set("purpose", "Follow up on " + rng.pick(clientNames))
                    .set("status", "planned");
                activities.insert(activityId, ++seq);
                if (keep) {
                    w.activityIds.push_back(activityId);
                }
                // As store/busy_slots.cpp derives it for a planned activity.
                busy.set("user_id", managerId)
                    .set("starts_at", starts)
                    .set("duration_min", duration);
                busy.insert(domain::stableUuid("busy_slot", activityId), ++seq);
            }
            for (int k = 0; k < 10; ++k) {
                auto id = rng.uuid();
                history.set("client_id", clientId)
                    .set("author_id", managerId)
                    .set("kind", rng.pick(historyKinds))
                    .set("summary", "Talked to " + rng.pick(personNames) + " about " +
                                        rng.pick(clientNames) + ": next step agreed (" +
                                        std::to_string(k) + ")")
                    .set("occurred_at", firstContact + rng.between(0, 700) * kDayMs / 2);
                if (k % 3 == 0) {
                    history.set("deal_id", clientDeals[static_cast<std::size_t>(k % 2)]);
                }
                history.insert(id, ++seq);
                if (keep) {
                    w.historyIds.push_back(id);
                }
            }
        }
    };
    writeScope(w.managerId, nClients, true);
    w.scopeRecords = clients.rows() + contacts.rows() + deals.rows() + dealStages.rows() +
                     history.rows() + activities.rows() + busy.rows();
    for (std::size_t m = 1; m < managerIds.size(); ++m) {
        writeScope(managerIds[m], otherClients, false);
    }
    w.totalRecords = users.rows() + clients.rows() + contacts.rows() + deals.rows() +
                     dealStages.rows() + history.rows() + activities.rows() + busy.rows();
    Statement counter(db, "UPDATE seq_counter SET value = ? WHERE id = 1");
    counter.bind(1, seq).run();
    tx.commit();
    return w;
}

} // namespace fieldbook::bench
