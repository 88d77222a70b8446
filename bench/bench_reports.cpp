// SPDX-License-Identifier: MIT
// Times every analytics report (docs/reports.md) over a server database of N
// deals scaled from the CRM sample: the sample is imported, then N deals are
// generated from its deals (seeded: random sample deal, date shifted up to a
// year either way, random manager, amount scaled 0.5-1.5x), each with its
// two stage records, one history entry, and every fifth with a planned
// activity; clients get information sources and triggering events, lost
// deals refusal reasons. Prints the median, min and max of several runs per
// report, and the indexes in each report's query plan. Figures, not
// assertions (docs/reports.md "Speed").
//   fieldbook-bench-reports [N_DEALS=100000] [RUNS=5] [SEED=5]
// FIELDBOOK_BENCH_KEEP=1 keeps the database (its path is printed) for EXPLAIN.
#include "domain/clock.h"
#include "domain/entities.h"
#include "import/sample_importer.h"
#include "reports/reports.h"
#include "store/server_db.h"

#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <vector>

using namespace fieldbook;

namespace {

constexpr std::int64_t kDayMs = 86400000;

struct SampleDeal {
    std::optional<std::string> client, product;
    std::string outcome;
    std::optional<std::int64_t> opened, closed, amount;
};

std::vector<std::string> column(store::Database& db, const char* sql) {
    std::vector<std::string> out;
    store::Statement st(db, sql);
    while (st.step()) {
        out.push_back(st.text(0));
    }
    return out;
}

std::optional<std::int64_t> optInt(const store::Statement& st, int c) {
    return st.isNull(c) ? std::nullopt : std::optional(st.int64(c));
}

void bindOpt(store::Statement& st, int i, const std::optional<std::int64_t>& v) {
    v ? (void)st.bind(i, *v) : (void)st.bindNull(i);
}

/// Adds `n` generated deals (and their stages, history, activities) in one transaction.
void generate(server::ServerDb& sdb, int n, unsigned seed) {
    auto& db = sdb.db();
    std::mt19937_64 rng(seed);
    auto pick = [&](const auto& v) -> const auto& {
        return v[rng() % v.size()];
    };
    std::vector<SampleDeal> sample;
    {
        store::Statement st(db, "SELECT client_id, product_id, outcome, opened_at, closed_at, "
                                "amount_cents FROM deals");
        while (st.step()) {
            sample.push_back({st.optText(0), st.optText(1), st.text(2), optInt(st, 3),
                              optInt(st, 4), optInt(st, 5)});
        }
    }
    auto managers = column(db, "SELECT id FROM users WHERE role = 'manager'");
    auto sources = column(db, "SELECT code FROM reference_items WHERE list = "
                              "'information_source'");
    auto events = column(db, "SELECT code FROM reference_items WHERE list = 'triggering_event'");
    auto reasons = column(db, "SELECT code FROM reference_items WHERE list = 'refusal_reason'");
    auto kinds = std::vector<std::string>{"call", "meeting", "visit", "email", "demonstration"};
    auto statuses = std::vector<std::string>{"planned", "done", "done", "missed", "cancelled"};

    store::Transaction tx(db);
    auto seq = sdb.reserveSeq(static_cast<std::int64_t>(n) * 4 + 100);
    const auto now = domain::nowMs();
    for (const auto& c : column(db, "SELECT id FROM clients")) {
        store::Statement up(db, "UPDATE clients SET info_source = ?, triggering_event = ? "
                                "WHERE id = ?");
        up.bind(1, pick(sources)).bind(2, pick(events)).bind(3, c).run();
    }
    store::Statement deal(
        db, "INSERT INTO deals(id, version, updated_at, updated_by, seq, client_id, title, "
            "manager_id, product_id, stage, outcome, opened_at, opened_by, closed_at, "
            "amount_cents, refusal_reason) VALUES(?1, 1, ?2, 'bench', ?3, ?4, 'bench deal', ?5, "
            "?6, ?7, ?8, ?9, ?5, ?10, ?11, ?12)");
    store::Statement stage(
        db, "INSERT INTO deal_stages(id, version, updated_at, updated_by, seq, deal_id, stage, "
            "started_at, ended_at, manager_id) VALUES(?1, 1, ?2, 'bench', ?3, ?4, ?5, ?6, ?7, ?8)");
    store::Statement history(
        db, "INSERT INTO history_entries(id, version, updated_at, updated_by, seq, client_id, "
            "deal_id, author_id, kind, summary, occurred_at) VALUES(?1, 1, ?2, 'bench', ?3, ?4, "
            "?5, ?6, ?7, 'bench contact', ?8)");
    store::Statement activity(
        db, "INSERT INTO planned_activities(id, version, updated_at, updated_by, seq, client_id, "
            "deal_id, assignee_id, author_id, kind, starts_at, duration_min, status) "
            "VALUES(?1, 1, ?2, 'bench', ?3, ?4, ?5, ?6, ?6, 'visit', ?7, ?8, ?9)");
    for (int i = 0; i < n; ++i) {
        const auto& s = pick(sample);
        const auto shift = (static_cast<std::int64_t>(rng() % 731) - 365) * kDayMs;
        auto shifted = [&](const std::optional<std::int64_t>& t) {
            return t ? std::optional(*t + shift) : std::nullopt;
        };
        auto opened = shifted(s.opened);
        auto closed = shifted(s.closed);
        std::optional<std::int64_t> amount;
        if (s.amount) {
            amount = *s.amount * static_cast<std::int64_t>(50 + rng() % 101) / 100;
        }
        const auto& manager = pick(managers);
        auto id = domain::stableUuid("bench-deal", std::to_string(i));
        deal.reset();
        deal.bind(1, id).bind(2, now).bind(3, seq++).bind(4, s.client).bind(5, manager);
        deal.bind(6, s.product);
        deal.bind(7, s.outcome == "open" ? std::optional<std::string>("identifying_needs")
                                         : std::nullopt);
        deal.bind(8, s.outcome);
        bindOpt(deal, 9, opened);
        bindOpt(deal, 10, closed);
        bindOpt(deal, 11, amount);
        deal.bind(12, s.outcome == "lost" ? std::optional(pick(reasons)) : std::nullopt);
        deal.run();
        auto start = opened.value_or(closed.value_or(now));
        for (const char* code : {"initiating_interest", "identifying_needs"}) {
            bool first = std::string_view(code) == "initiating_interest";
            stage.reset();
            stage.bind(1, domain::stableUuid("bench-stage", id + code)).bind(2, now);
            stage.bind(3, seq++).bind(4, id).bind(5, code).bind(6, start);
            bindOpt(stage, 7, first ? std::optional(start) : closed);
            stage.bind(8, manager).run();
        }
        history.reset();
        history.bind(1, domain::stableUuid("bench-history", id)).bind(2, now).bind(3, seq++);
        history.bind(4, s.client).bind(5, id).bind(6, manager).bind(7, pick(kinds));
        history.bind(8, start + static_cast<std::int64_t>(rng() % 30) * kDayMs).run();
        if (i % 5 == 0) {
            activity.reset();
            activity.bind(1, domain::stableUuid("bench-activity", id)).bind(2, now);
            activity.bind(3, seq++).bind(4, s.client).bind(5, id).bind(6, manager);
            activity.bind(7, start + static_cast<std::int64_t>(rng() % 60) * kDayMs);
            activity.bind(8, static_cast<std::int64_t>(30 + rng() % 4 * 30));
            activity.bind(9, pick(statuses)).run();
        }
    }
    tx.commit();
}

double msSince(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

} // namespace

int main(int argc, char** argv) {
    if (sodium_init() < 0) {
        return 1;
    }
    const int nDeals = argc > 1 ? std::atoi(argv[1]) : 100000;
    const int runs = std::max(1, argc > 2 ? std::atoi(argv[2]) : 5);
    const unsigned seed = argc > 3 ? static_cast<unsigned>(std::atoi(argv[3])) : 5u;
    auto dir = std::filesystem::temp_directory_path() / ("fieldbook-bench-" + domain::newUuid());
    std::filesystem::create_directories(dir);
    int failures = 0;
    {
        server::ServerDb db((dir / "server.db").string());
        auto lock = db.lock();
        server::importSample(db, FIELDBOOK_SAMPLE_DIR, "demo");
        auto t0 = std::chrono::steady_clock::now();
        generate(db, nDeals, seed);
        std::printf("generated %d deals from the sample (seed %u) in %.1f s; %d runs each\n",
                    nDeals, seed, msSince(t0) / 1000, runs);

        const auto now = domain::nowMs();
        reports::Filters all;
        reports::Filters own = reports::parseFilters(
            db.db(),
            {{"manager", "darcel.schlecht"}, {"from", "2017-01-01"}, {"to", "2017-12-31"}});
        std::printf("%-22s %-10s %10s %10s %10s %8s  indexes\n", "report", "filters", "median ms",
                    "min ms", "max ms", "rows");
        for (auto name : reports::reportNames()) {
            for (const auto* f : {&all, &own}) {
                std::vector<double> times, cpu;
                std::size_t rows = 0;
                try {
                    for (int r = 0; r < runs; ++r) {
                        // As the server runs a report: a connection of its
                        // own, opened and tuned per request (report_route.cpp).
                        auto t = std::chrono::steady_clock::now();
                        auto c = std::clock();
                        store::Database conn((dir / "server.db").string());
                        reports::tuneReadConnection(conn);
                        rows = reports::runReport(conn, name, *f, now).rows.size();
                        times.push_back(msSince(t));
                        cpu.push_back(1000.0 * static_cast<double>(std::clock() - c) /
                                      CLOCKS_PER_SEC);
                    }
                } catch (const std::exception& e) {
                    std::printf("%s failed: %s\n", std::string(name).c_str(), e.what());
                    ++failures;
                    continue;
                }
                std::sort(times.begin(), times.end());
                std::sort(cpu.begin(), cpu.end());
                std::set<std::string> indexes;
                for (const auto& step : reports::queryPlan(db.db(), name, *f, now)) {
                    auto at = step.find("INDEX ");
                    if (at != std::string::npos) {
                        auto index = step.substr(at + 6);
                        index = index.substr(0, index.find(' '));
                        // AUTOMATIC ... INDEX (col=?): SQLite's own, built per query.
                        indexes.insert(index.starts_with("(") ? "automatic" + index : index);
                    }
                }
                std::string names;
                for (const auto& i : indexes) {
                    names += (names.empty() ? "" : ", ") + i;
                }
                std::printf("%-22s %-10s %10.1f %10.1f %10.1f %10.1f %8zu  %s\n",
                            std::string(name).c_str(), f == &all ? "all" : "own+2017",
                            times[times.size() / 2], times.front(), times.back(),
                            cpu[cpu.size() / 2], rows, names.empty() ? "(scan)" : names.c_str());
            }
        }
    }
    if (std::getenv("FIELDBOOK_BENCH_KEEP")) {
        std::printf("kept %s\n", (dir / "server.db").string().c_str());
    } else {
        std::filesystem::remove_all(dir);
    }
    return failures == 0 ? 0 : 1;
}
