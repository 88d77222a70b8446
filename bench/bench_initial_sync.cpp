// SPDX-License-Identifier: MIT
// Initial sync of a manager's scope (issue 6, figure 1): a real
// fieldbook-server process on a loopback port serves the generated workload
// (bench/workload.h); the device's real SyncEngine and HttpTransport pull it
// into an empty replica. Beside it, in the same run, the floor: the same rows
// inserted straight into an empty replica (same schema and indexes) with
// prepared statements in one transaction. Median of RUNS runs with min and
// max, and the ratio sync/floor. Figures, not assertions (docs/performance.md).
//   fieldbook-bench-initial-sync [SCALE=1.0] [RUNS=3] [PAGE=SyncEngine's default]
//                                [AHEAD=1: request the next page while one is applied; 0: not]
//                                [BATCH=SyncEngine's default: pages per commit in a download]
//                                [DEFER=1: a first download builds its indexes after its rows; 0:
//                                not]
// The floor's headline inserts into the replica with its indexes, each row
// into every index as it comes (the floor); a second floor line
// builds the same indexes after the rows (CREATE INDEX sorts), as the
// device's first download does since DEFER.
#include "bench/bench_support.h"
#include "device/replica.h"
#include "device/replica_indexes.h"
#include "device/sync_engine.h"
#include "domain/entities.h"
#include "store/database.h"

#include <sodium.h>
#include <sqlite3.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <variant>
#include <vector>

using namespace fieldbook;
using namespace fieldbook::bench;

namespace {
using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string>;

/// Every row of one entity table, as stored in a replica.
struct TableRows {
    std::string table;
    int columns = 0;
    std::vector<Value> values; ///< row-major
};

std::vector<TableRows> readReplicaRows(const std::string& path) {
    store::Database db(path);
    std::vector<TableRows> out;
    for (const auto& e : domain::entities()) {
        TableRows t;
        t.table = std::string(e.table);
        store::Statement st(db, "SELECT * FROM " + t.table);
        t.columns = st.columnCount();
        while (st.step()) {
            for (int c = 0; c < t.columns; ++c) {
                switch (st.columnType(c)) {
                case SQLITE_INTEGER:
                    t.values.emplace_back(st.int64(c));
                    break;
                case SQLITE_FLOAT:
                    t.values.emplace_back(st.real(c));
                    break;
                case SQLITE_NULL:
                    t.values.emplace_back(nullptr);
                    break;
                default:
                    t.values.emplace_back(st.text(c));
                }
            }
        }
        out.push_back(std::move(t));
    }
    return out;
}

/// The floor: `rows` into the empty replica at `path` (device::Replica makes
/// its schema), one prepared INSERT per table, one transaction. With
/// `indexesAfter` the indexes a download does not read are dropped first
/// and built after the rows, in the same transaction. Returns seconds.
double insertFloor(const std::string& path, const std::vector<TableRows>& rows, bool indexesAfter) {
    { device::Replica schema(path); }
    store::Database db(path);
    auto t0 = Clock::now();
    store::Transaction tx(db);
    if (indexesAfter) {
        device::dropIndexesForDownload(db);
    }
    for (const auto& t : rows) {
        if (t.values.empty()) {
            continue;
        }
        std::string qs = "?";
        for (int c = 1; c < t.columns; ++c) {
            qs += ",?";
        }
        store::Statement ins(db, "INSERT INTO " + t.table + " VALUES(" + qs + ")");
        for (std::size_t r = 0; r < t.values.size(); r += static_cast<std::size_t>(t.columns)) {
            for (int c = 0; c < t.columns; ++c) {
                const auto& v = t.values[r + static_cast<std::size_t>(c)];
                if (const auto* i = std::get_if<std::int64_t>(&v)) {
                    ins.bind(c + 1, *i);
                } else if (const auto* d = std::get_if<double>(&v)) {
                    ins.bind(c + 1, *d);
                } else if (const auto* s = std::get_if<std::string>(&v)) {
                    ins.bind(c + 1, *s);
                } else {
                    ins.bindNull(c + 1);
                }
            }
            ins.run();
            ins.reset();
        }
    }
    if (indexesAfter) {
        device::createMissingReplicaIndexes(db);
    }
    tx.commit();
    return secondsSince(t0);
}
} // namespace

int main(int argc, char** argv) {
    if (sodium_init() < 0) {
        return 1;
    }
    const double scale = argc > 1 ? std::atof(argv[1]) : 1.0;
    const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
    const int pageSize = argc > 3 ? std::atoi(argv[3]) : 0;
    const bool pullAhead = argc > 4 ? std::atoi(argv[4]) != 0 : true;
    const int pagesPerCommit = argc > 5 ? std::atoi(argv[5]) : 0;
    const bool deferIndexes = argc > 6 ? std::atoi(argv[6]) != 0 : true;
    TempDir dir("fieldbook-bench-sync-");
    auto w = prepareServerDb(dir.path() / "server.db", scale);
    ServerProcess server(dir.path() / "server.db");

    std::vector<double> syncSeconds, floorSeconds, floorAfterSeconds, answerSeconds, deviceCpu,
        serverCpu;
    int records = 0;
    std::string lastReplica;
    for (int run = 0; run < runs; ++run) {
        lastReplica = (dir.path() / ("replica-" + std::to_string(run) + ".db")).string();
        device::Replica replica(lastReplica);
        TimedTransport http(server.url());
        device::SyncEngine engine(replica, http);
        if (pageSize > 0) {
            engine.pullPageSize = pageSize;
        }
        engine.pullAhead = pullAhead;
        engine.deferIndexes = deferIndexes;
        if (pagesPerCommit > 0) {
            engine.downloadPagesPerCommit = pagesPerCommit;
        }
        engine.login(server.url(), w.managerLogin, "demo", "bench-phone-" + std::to_string(run));
        const double deviceCpu0 = cpuSeconds(0);
        const double serverCpu0 = cpuSeconds(server.pid());
        auto t0 = Clock::now();
        auto summary = engine.sync();
        syncSeconds.push_back(secondsSince(t0));
        deviceCpu.push_back(cpuSeconds(0) - deviceCpu0);
        serverCpu.push_back(cpuSeconds(server.pid()) - serverCpu0);
        answerSeconds.push_back(http.pullSeconds);
        records = summary.pulled;
        std::printf("  sync run %d: %d records in %d pages, %.3f s (waiting for the server's "
                    "answers %.3f s, the slowest %.3f s; the rest %.3f s); CPU: "
                    "device %.3f s, server %.3f s\n",
                    run + 1, summary.pulled, http.pulls, syncSeconds.back(), http.pullSeconds,
                    http.slowestPullSeconds, syncSeconds.back() - http.pullSeconds,
                    deviceCpu.back(), serverCpu.back());
        const auto& pt = engine.pullTimes;
        std::printf("    threads (CPU s): applying %.3f (indexes dropped and built %.3f), "
                    "fetching %.3f + reading the pages %.3f; the applier waited %.3f s for "
                    "pages asked ahead (%d pages)\n",
                    pt.applyCpu + pt.indexCpu, pt.indexCpu, pt.fetchCpu, pt.readCpu, pt.waitWall,
                    pt.pages);
        std::fflush(stdout);
    }
    auto rows = readReplicaRows(lastReplica);
    std::size_t floorRows = 0;
    for (const auto& t : rows) {
        floorRows += t.values.size() / static_cast<std::size_t>(std::max(1, t.columns));
    }
    for (int run = 0; run < runs; ++run) {
        floorSeconds.push_back(insertFloor(
            (dir.path() / ("floor-" + std::to_string(run) + ".db")).string(), rows, false));
        floorAfterSeconds.push_back(insertFloor(
            (dir.path() / ("floor-after-" + std::to_string(run) + ".db")).string(), rows, true));
    }
    auto s = spread(syncSeconds);
    auto f = spread(floorSeconds);
    std::printf("initial sync (%s, %d records over HTTP on loopback, %d runs): %.3f s "
                "(min %.3f, max %.3f), %.0f records/s\n",
                w.managerLogin.c_str(), records, runs, s.median, s.min, s.max, records / s.median);
    std::printf("floor (%zu rows, prepared inserts, one transaction): %.3f s (min %.3f, max "
                "%.3f), %.0f rows/s\n",
                floorRows, f.median, f.min, f.max, static_cast<double>(floorRows) / f.median);
    auto fa = spread(floorAfterSeconds);
    std::printf("floor, indexes built after the rows (%zu rows, prepared inserts, CREATE INDEX, "
                "one transaction): %.3f s (min %.3f, max %.3f), %.0f rows/s\n",
                floorRows, fa.median, fa.min, fa.max, static_cast<double>(floorRows) / fa.median);
    std::printf("ratio sync/floor: %.2f\n", s.median / f.median);
    std::printf("ratio sync/floor with indexes built after the rows: %.2f\n", s.median / fa.median);
    auto dc = spread(deviceCpu);
    auto sc = spread(serverCpu);
    std::printf("CPU per sync: device %.3f s (min %.3f, max %.3f), server %.3f s (min %.3f, "
                "max %.3f)\n",
                dc.median, dc.min, dc.max, sc.median, sc.min, sc.max);
    std::printf("server RSS after the syncs: %lld KiB (peak %lld KiB)\n",
                static_cast<long long>(server.rssKb()), static_cast<long long>(server.peakRssKb()));
    return records > 0 && static_cast<std::size_t>(records) >= floorRows ? 0 : 1;
}
