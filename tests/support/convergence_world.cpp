// SPDX-License-Identifier: MIT
// The seeded random field day of the convergence harness: which device does
// what, in which order, and the checks after the final sync.
#include "convergence_harness.h"

#include "device/http_transport.h"
#include "device/replica.h"
#include "domain/entities.h"
#include "domain/permissions.h"
#include "store/database.h"

#include <QDir>
#include <QFile>

#include <algorithm>
#include <cstdio>
#include <random>

namespace fieldbook::test {

using nlohmann::json;

namespace {

bool copyDb(const QString& from, const QString& to) {
    for (const char* suffix : {"", "-wal"}) {
        QString src = from + QLatin1String(suffix);
        if (QFile::exists(src) && !QFile::copy(src, to + QLatin1String(suffix))) {
            return false;
        }
    }
    return true;
}

struct LiveDevice {
    ConvergenceWorld::DeviceSeed who;
    std::string path;
    std::unique_ptr<device::Replica> replica;
    std::unique_ptr<device::HttpTransport> http;
    std::unique_ptr<RecordingTransport> recording;
    std::unique_ptr<device::SyncEngine> engine;
    bool offline = false;
};

/// The records the run knows of, in the order they came to be (never sorted
/// by their random ids, so a seed makes the same choices every time).
struct Pools {
    std::vector<std::string> clients, contacts, deals, activities;
    std::vector<std::pair<std::string, std::size_t>> history; ///< entry id, author device
    std::map<std::string, std::string> labels;                ///< id -> "C3" for the trace
    std::string add(std::vector<std::string>& pool, const std::string& prefix,
                    const std::string& id) {
        pool.push_back(id);
        auto label = prefix + std::to_string(pool.size() - 1);
        labels[id] = label;
        return label;
    }
    std::string label(const std::string& id) const {
        auto it = labels.find(id);
        return it == labels.end() ? id.substr(0, 8) : it->second;
    }
};

class FieldDay {
  public:
    FieldDay(std::uint64_t seed, std::vector<LiveDevice>& devices, Pools& pools,
             ConvergenceResult& result, bool echo)
        : rng_(seed), seed_(seed), devices_(devices), pools_(pools), result_(result), echo_(echo) {}

    /// One random step; returns false when something failed that is no
    /// user-facing refusal (the run stops there).
    bool step(int n) {
        step_ = n;
        auto d = pick(devices_.size());
        auto& dev = devices_[d];
        auto roll = pick(100);
        if (roll < 22) {
            return sync(dev);
        }
        if (roll < 25) {
            dev.offline = !dev.offline;
            return note(dev, dev.offline ? "goes offline" : "comes back online");
        }
        return edit(d, pick(22));
    }

    /// Syncs `dev` unless it is offline; `moved` tells whether anything was
    /// pushed or pulled.
    bool sync(LiveDevice& dev, bool* moved = nullptr) {
        if (dev.offline) {
            return note(dev, "sync skipped (offline)");
        }
        try {
            auto s = dev.engine->sync();
            if (moved) {
                *moved = s.pushed + s.rejected + s.pulled > 0;
            }
            result_.applied += s.pushed;
            result_.rejected += s.rejected;
            std::string refused;
            for (const auto& r : dev.recording->takeRejections()) {
                auto space = r.find(' ');
                auto id = r.substr(space + 1, r.find(' ', space + 1) - space - 1);
                refused += "; refused " + r.substr(0, space) + " " + pools_.label(id) +
                           r.substr(r.find(' ', space + 1));
            }
            return note(dev, "sync: pushed " + std::to_string(s.pushed) + ", rejected " +
                                 std::to_string(s.rejected) + ", pulled " +
                                 std::to_string(s.pulled) + ", conflicts " +
                                 std::to_string(s.conflicts) + refused);
        } catch (const std::exception& e) {
            note(dev, std::string("sync FAILED: ") + e.what());
            result_.failure = dev.who.name + ": sync failed: " + e.what();
            return false;
        }
    }

    bool note(const LiveDevice& dev, const std::string& what) {
        auto line = "#" + std::to_string(step_) + " " + dev.who.name + ": " + what;
        if (echo_) {
            std::fprintf(stderr, "%s\n", line.c_str());
        }
        result_.trace.push_back(std::move(line));
        return true;
    }

  private:
    std::size_t pick(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(rng_() % n); }

    /// One of the records of `pool` this device holds: mostly one of the
    /// newest four (so devices collide on them), else any. Nine times in
    /// ten; the tenth may be one it does not hold (the device refuses).
    const std::string* choose(const std::vector<std::string>& pool, const char* entity,
                              device::Replica& r) {
        held_.clear();
        bool any = pick(10) == 0;
        for (const auto& id : pool) {
            if (any || !r.record(entity, id).is_null()) {
                held_.push_back(&id);
            }
        }
        if (held_.empty()) {
            return nullptr;
        }
        auto n = held_.size();
        if (pick(10) < 6) {
            return held_[n - 1 - pick(std::min<std::size_t>(n, 4))];
        }
        return held_[pick(n)];
    }

    std::string value(const LiveDevice& dev, const char* what) {
        return std::string(what) + " " + std::to_string(step_) + " by " + dev.who.name;
    }

    std::string otherManager(std::size_t notDevice) {
        std::vector<std::string> managers;
        for (std::size_t i = 0; i < devices_.size(); ++i) {
            if (devices_[i].who.role == "manager" && i != notDevice) {
                managers.push_back(devices_[i].who.userId);
            }
        }
        return managers.empty() ? std::string() : managers[pick(managers.size())];
    }

    std::string userLabel(const std::string& userId) {
        for (const auto& d : devices_) {
            if (d.who.userId == userId) {
                return d.who.name;
            }
        }
        return userId;
    }

    bool edit(std::size_t d, std::size_t op) {
        auto& dev = devices_[d];
        auto& r = *dev.replica;
        std::string what;
        try {
            switch (op) {
            case 0: { // a new client card
                json f = {{"name", "Conv " + std::to_string(seed_) + "-" + std::to_string(step_)},
                          {"city", "City " + std::to_string(pick(5))}};
                if (dev.who.role != "manager") {
                    f["curator_id"] = otherManager(d);
                }
                what = "new client";
                auto id = r.createClient(f);
                what += " " + pools_.add(pools_.clients, "C", id);
                break;
            }
            case 1:
            case 2: { // same-field collisions on clients
                const auto* c = choose(pools_.clients, "client", r);
                if (!c) {
                    return note(dev, "no client to edit");
                }
                static const char* kFields[] = {"phone", "city", "notes"};
                const char* field = kFields[pick(3)];
                auto v = value(dev, field);
                what = "edit client " + pools_.label(*c) + " " + field + "='" + v + "'";
                r.updateRecord("client", *c, {{field, v}});
                break;
            }
            case 3: {
                const auto* c = choose(pools_.clients, "client", r);
                if (!c) {
                    return note(dev, "no client for a contact");
                }
                what = "add contact to " + pools_.label(*c);
                auto id =
                    r.addContact(*c, {{"name", value(dev, "Contact")},
                                      {"email", "k" + std::to_string(step_) + "@example.com"}});
                what += " " + pools_.add(pools_.contacts, "K", id);
                break;
            }
            case 4: {
                const auto* k = choose(pools_.contacts, "contact", r);
                if (!k) {
                    return note(dev, "no contact to edit");
                }
                const char* field = pick(2) ? "phone" : "position";
                auto v = value(dev, field);
                what = "edit contact " + pools_.label(*k) + " " + field + "='" + v + "'";
                r.updateRecord("contact", *k, {{field, v}});
                break;
            }
            case 5: {
                const auto* c = choose(pools_.clients, "client", r);
                if (!c) {
                    return note(dev, "no client to log on");
                }
                what = "log call at " + pools_.label(*c);
                auto id = r.logHistory(*c, "call", value(dev, "Call"), {},
                                       1'780'000'000'000 + static_cast<std::int64_t>(step_));
                pools_.history.emplace_back(id, d);
                pools_.labels[id] = "H" + std::to_string(pools_.history.size() - 1);
                what += " " + pools_.labels[id];
                break;
            }
            case 6: {
                std::vector<std::string> own;
                for (const auto& [id, author] : pools_.history) {
                    if (author == d) {
                        own.push_back(id);
                    }
                }
                const auto* h = choose(own, "history_entry", r);
                if (!h) {
                    return note(dev, "no own history entry to correct");
                }
                what = "correct " + pools_.label(*h);
                r.correctHistory(*h, value(dev, "Corrected"));
                break;
            }
            case 7: {
                const auto* c = choose(pools_.clients, "client", r);
                if (!c) {
                    return note(dev, "no client for a deal");
                }
                what = "open deal at " + pools_.label(*c);
                auto id = r.openDeal(*c, value(dev, "Deal"), {}, json::object());
                what += " " + pools_.add(pools_.deals, "D", id);
                break;
            }
            case 8: {
                const auto* deal = choose(pools_.deals, "deal", r);
                if (!deal) {
                    return note(dev, "no deal to move");
                }
                auto rec = r.record("deal", *deal);
                auto stages = r.stages();
                std::string next;
                for (std::size_t i = 0; i + 1 < stages.size(); ++i) {
                    if (!rec.is_null() && stages[i]["code"] == rec["stage"]) {
                        next = stages[i + 1]["code"].get<std::string>();
                    }
                }
                if (next.empty()) {
                    return note(dev, "deal " + pools_.label(*deal) + " has no next stage here");
                }
                what = "move deal " + pools_.label(*deal) + " to " + next;
                r.moveStage(*deal, next, false);
                break;
            }
            case 9:
            case 10: { // same-field collisions on deals
                const auto* deal = choose(pools_.deals, "deal", r);
                if (!deal) {
                    return note(dev, "no deal to edit");
                }
                const char* field = pick(2) ? "notes" : "payment_terms";
                auto v = value(dev, field);
                what = "edit deal " + pools_.label(*deal) + " " + field + "='" + v + "'";
                r.updateRecord("deal", *deal, {{field, v}});
                break;
            }
            case 11: {
                const auto* deal = choose(pools_.deals, "deal", r);
                if (!deal) {
                    return note(dev, "no deal to close");
                }
                if (pick(2)) {
                    what = "close deal " + pools_.label(*deal) + " won";
                    r.closeDeal(*deal, "won", {{"contract_no", value(dev, "K")}});
                } else {
                    auto reasons = r.referenceItems("refusal_reason");
                    json f = json::object();
                    if (!reasons.empty()) {
                        f["refusal_reason"] = reasons[0]["code"];
                    }
                    what = "close deal " + pools_.label(*deal) + " lost";
                    r.closeDeal(*deal, "lost", f);
                }
                break;
            }
            case 12: {
                const auto* c = choose(pools_.clients, "client", r);
                if (!c) {
                    return note(dev, "no client to plan at");
                }
                std::string assignee = dev.who.role == "manager" ? std::string() : otherManager(d);
                what = "plan visit at " + pools_.label(*c) +
                       (assignee.empty() ? "" : " for " + userLabel(assignee));
                auto id = r.planActivity(*c, "visit",
                                         1'800'000'000'000 +
                                             static_cast<std::int64_t>(pick(200)) * 3'600'000,
                                         60, assignee, value(dev, "Purpose"), "Office");
                what += " " + pools_.add(pools_.activities, "A", id);
                break;
            }
            case 13: {
                const auto* a = choose(pools_.activities, "planned_activity", r);
                if (!a) {
                    return note(dev, "no activity to complete");
                }
                what = "complete " + pools_.label(*a);
                r.completeActivity(*a, value(dev, "Done"), {});
                break;
            }
            case 14: {
                const auto* a = choose(pools_.activities, "planned_activity", r);
                if (!a) {
                    return note(dev, "no activity to edit");
                }
                if (pick(3) == 0) {
                    const char* status = pick(2) ? "cancelled" : "missed";
                    what = "set " + pools_.label(*a) + " " + status;
                    r.setActivityStatus(*a, status);
                } else {
                    auto v = value(dev, "place");
                    what = "edit " + pools_.label(*a) + " place='" + v + "'";
                    r.updateRecord("planned_activity", *a, {{"place", v}});
                }
                break;
            }
            case 15: {
                const auto* c = choose(pools_.clients, "client", r);
                auto to = otherManager(devices_.size());
                if (!c || to.empty()) {
                    return note(dev, "no client to reassign");
                }
                what = "reassign client " + pools_.label(*c) + " to " + userLabel(to);
                r.reassignClient(*c, to);
                break;
            }
            case 16: {
                const auto* a = choose(pools_.activities, "planned_activity", r);
                auto to = otherManager(devices_.size());
                if (!a || to.empty()) {
                    return note(dev, "no activity to reassign");
                }
                what = "reassign " + pools_.label(*a) + " to " + userLabel(to);
                r.reassignActivity(*a, to);
                break;
            }
            case 17: { // deletes: a manager's loses to an edit, the head's wins
                const std::string* target = nullptr;
                const char* entity = "contact";
                bool head = domain::allowed(dev.who.role, domain::Action::DeleteRecords);
                auto kind = pick(head ? 4 : 3);
                if (head && kind == 0) {
                    entity = "client";
                    target = choose(pools_.clients, entity, r);
                } else if (head && kind == 1) {
                    entity = "deal";
                    target = choose(pools_.deals, entity, r);
                } else if (!head && kind == 0) {
                    entity = "planned_activity";
                    target = choose(pools_.activities, entity, r);
                } else {
                    target = choose(pools_.contacts, entity, r);
                }
                if (!target) {
                    return note(dev, std::string("no ") + entity + " to delete");
                }
                what = std::string("delete ") + entity + " " + pools_.label(*target);
                r.deleteRecord(entity, *target);
                break;
            }
            case 20:
            case 21: { // the head merges one card into another (SPEC §3.7)
                std::size_t h = 0;
                while (h < devices_.size() && devices_[h].who.role != "head") {
                    ++h;
                }
                if (h == devices_.size()) {
                    return note(dev, "no head to merge");
                }
                auto& head = devices_[h];
                const auto* from = choose(pools_.clients, "client", *head.replica);
                const auto* into = choose(pools_.clients, "client", *head.replica);
                if (!from || !into || from == into) {
                    return note(head, "no two clients to merge");
                }
                what = "merge client " + pools_.label(*from) + " into " + pools_.label(*into);
                try {
                    head.replica->mergeClients(*into, *from);
                } catch (const device::DomainError& e) {
                    ++result_.refusedLocally;
                    return note(head, what + " -> refused " + e.code());
                }
                return note(head, what);
            }
            case 18: {
                const auto* k = choose(pools_.contacts, "contact", r);
                auto templates = r.documentTemplates();
                if (!k || templates.empty()) {
                    return note(dev, "no contact or template to mail");
                }
                what = "mail " + pools_.label(*k);
                r.queueMailing(*k, templates[0]["id"].get<std::string>(), "email");
                break;
            }
            case 19: {
                const auto* k = choose(pools_.contacts, "contact", r);
                if (!k) {
                    return note(dev, "no contact to edit");
                }
                bool on = pick(2) == 1;
                what = "edit contact " + pools_.label(*k) +
                       " decision_maker=" + (on ? "true" : "false");
                r.updateRecord("contact", *k, {{"decision_maker", on}});
                break;
            }
            default: {
                const auto* deal = choose(pools_.deals, "deal", r);
                auto products = r.products();
                if (!deal || products.empty()) {
                    return note(dev, "no deal or product for a line");
                }
                auto qty = static_cast<std::int64_t>(1 + pick(5));
                what = "add line to " + pools_.label(*deal) + " qty " + std::to_string(qty);
                r.addDealLine(*deal, products[0]["id"].get<std::string>(), qty, 10000);
                break;
            }
            }
            return note(dev, what);
        } catch (const device::DomainError& e) {
            ++result_.refusedLocally;
            return note(dev, what + " -> refused " + e.code());
        } catch (const std::exception& e) {
            note(dev, what + " -> FAILED: " + e.what());
            result_.failure = dev.who.name + ": " + what + " failed: " + e.what();
            return false;
        }
    }

    std::mt19937_64 rng_;
    std::uint64_t seed_;
    std::vector<LiveDevice>& devices_;
    Pools& pools_;
    ConvergenceResult& result_;
    bool echo_;
    int step_ = 0;
    std::vector<const std::string*> held_;
};

} // namespace

std::string ConvergenceWorld::prepare() {
    if (!dir_.isValid()) {
        return "no temporary directory";
    }
    TestServer server;
    if (!server.start()) {
        return "the server did not start: " + server.serverLog().toStdString();
    }
    auto add = fieldbook::test::run(
        binPath(QStringLiteral("fieldbook-server")),
        {QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--db"), server.dbPath(),
         QStringLiteral("--login"), QStringLiteral("tina.tele"), QStringLiteral("--name"),
         QStringLiteral("Tina Tele"), QStringLiteral("--role"), QStringLiteral("telemarketing")},
        "demo\n");
    if (add.exitCode != 0) {
        return "user add: " + add.err.toStdString();
    }
    devices_ = {{"darcel.schlecht", "manager", {}},
                {"gladys.colclough", "manager", {}},
                {"melvin.marxen", "head", {}},
                {"tina.tele", "telemarketing", {}}};
    for (auto& d : devices_) {
        try {
            device::Replica replica((dir_.path() + QLatin1Char('/')).toStdString() + d.name +
                                    ".db");
            device::HttpTransport http(server.url().toStdString());
            device::SyncEngine engine(replica, http);
            engine.login(server.url().toStdString(), d.name, "demo", d.name + "-phone");
            d.userId = replica.session()->userId;
            engine.sync();
        } catch (const std::exception& e) {
            return d.name + ": " + e.what();
        }
    }
    if (server.stop() != 0) {
        return "the server did not stop cleanly";
    }
    if (!copyDb(server.dbPath(), dir_.path() + QStringLiteral("/server.db"))) {
        return "cannot copy the server database";
    }
    store::Database db((dir_.path() + QStringLiteral("/server.db")).toStdString());
    for (std::size_t i = 0; i < 2; ++i) {
        // Clients the manager works: curated, or with an open deal of theirs.
        store::Statement c(db, "SELECT id FROM clients WHERE deleted = 0 AND (curator_id = ?1 "
                               "OR id IN (SELECT client_id FROM deals WHERE manager_id = ?1 AND "
                               "outcome = 'open')) ORDER BY id LIMIT 3");
        c.bind(1, devices_[i].userId);
        while (c.step()) {
            sampleClients_.push_back(c.text(0));
        }
        store::Statement deal(db, "SELECT id FROM deals WHERE manager_id = ? AND outcome = "
                                  "'open' AND deleted = 0 ORDER BY id LIMIT 2");
        deal.bind(1, devices_[i].userId);
        while (deal.step()) {
            sampleDeals_.push_back(deal.text(0));
        }
    }
    return {};
}

ConvergenceResult ConvergenceWorld::run(std::uint64_t seed, const ConvergenceOptions& options) {
    ConvergenceResult result;
    TestServer server;
    if (!copyDb(dir_.path() + QStringLiteral("/server.db"), server.dbPath()) ||
        !server.start(false)) {
        result.failure = "the server did not start on the copied database";
        return result;
    }
    QTemporaryDir runDir;
    std::vector<AckedWrite> acked;
    std::set<std::string> seen;
    std::vector<LiveDevice> devices(devices_.size());
    for (std::size_t i = 0; i < devices_.size(); ++i) {
        auto& d = devices[i];
        d.who = devices_[i];
        d.path = (runDir.path() + QLatin1Char('/')).toStdString() + d.who.name + ".db";
        auto from = dir_.path() + QLatin1Char('/') + QString::fromStdString(d.who.name) +
                    QStringLiteral(".db");
        if (!copyDb(from, QString::fromStdString(d.path))) {
            result.failure = "cannot copy the replica of " + d.who.name;
            return result;
        }
        d.replica = std::make_unique<device::Replica>(d.path);
        d.http = std::make_unique<device::HttpTransport>(server.url().toStdString());
        d.recording = std::make_unique<RecordingTransport>(*d.http, d.who.name, acked, seen);
        d.engine = std::make_unique<device::SyncEngine>(*d.replica, *d.recording);
    }
    Pools pools;
    for (const auto& c : sampleClients_) {
        pools.add(pools.clients, "C", c);
    }
    for (const auto& deal : sampleDeals_) {
        pools.add(pools.deals, "D", deal);
    }
    FieldDay day(seed, devices, pools, result, options.echoTrace);
    for (int n = 1; n <= options.steps; ++n) {
        if (!day.step(n)) {
            return result;
        }
    }
    // The final sync: every device online, rounds until nothing moves.
    bool quiet = false;
    for (int round = 0; round < options.maxFinalRounds && !quiet; ++round) {
        quiet = true;
        for (auto& d : devices) {
            d.offline = false;
            bool moved = false;
            if (!day.sync(d, &moved)) {
                return result;
            }
            quiet = quiet && !moved;
        }
    }
    if (!quiet) {
        result.failure = "the devices did not become quiescent in " +
                         std::to_string(options.maxFinalRounds) + " sync rounds";
        return result;
    }
    std::vector<std::string> problems;
    for (auto& d : devices) {
        if (!d.replica->outbox(1).empty()) {
            problems.push_back(d.who.name + ": the outbox is not empty after the final sync");
        }
        try {
            auto onServer = dumpServerScope(*d.http, d.replica->session()->token);
            for (const auto& line : dumpDifferences(dumpReplica(d.path), onServer)) {
                problems.push_back(d.who.name + ": " + line);
            }
        } catch (const std::exception& e) {
            problems.push_back(d.who.name + ": cannot read the server's scope: " + e.what());
        }
        if (domain::hasFullScope(d.who.role)) {
            // The pull is checked too: a full-scope replica holds every live
            // record of the server's file (conflict records and busy slots
            // are per person and left out).
            auto own = [](CanonicalDump dump) {
                std::erase_if(dump, [](const auto& kv) {
                    return kv.first.rfind("conflict/", 0) == 0 ||
                           kv.first.rfind("busy_slot/", 0) == 0;
                });
                return dump;
            };
            for (const auto& line : dumpDifferences(
                     own(dumpReplica(d.path)), own(dumpReplica(server.dbPath().toStdString())))) {
                problems.push_back(d.who.name +
                                   " (full scope, against the server's file): " + line);
            }
        }
        auto ok = integrityCheck(d.path);
        if (ok != "ok") {
            problems.push_back(d.who.name + ": integrity_check: " + ok);
        }
    }
    for (const auto& line : lostWrites(server.dbPath().toStdString(), acked)) {
        problems.push_back("lost: " + line);
    }
    auto ok = integrityCheck(server.dbPath().toStdString());
    if (ok != "ok") {
        problems.push_back("server integrity_check: " + ok);
    }
    {
        store::Database db(server.dbPath().toStdString());
        store::Statement st(db, "SELECT COUNT(*) FROM conflicts");
        st.step();
        result.conflicts = static_cast<int>(st.int64(0));
    }
    for (const auto& p : problems) {
        result.failure += p + "\n";
    }
    result.ok = problems.empty();
    return result;
}

} // namespace fieldbook::test
