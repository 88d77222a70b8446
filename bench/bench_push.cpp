// SPDX-License-Identifier: MIT
// A day offline (issue 6, figure 2): after the initial sync of the manager's
// scope (bench/workload.h) the device makes N offline edits of mixed entities
// through the replica's workflows (client notes, contact phones, deal notes,
// planned activity places, new history entries), then one SyncEngine::sync()
// pushes them over HTTP to a real fieldbook-server process and pulls what
// follows (the server's copies of the edited records). Prints mutations/s,
// the push and the pull in seconds, and how much of each was the server's
// answer and of the server's CPU. Beside the push, the push floor
// (bench/push_floor.h): the rows the push wrote (records and idempotency-log
// rows) written again by prepared statements into a copy of the server's
// database as it was before the push, in one transaction, FLOOR_RUNS times:
// what SQLite itself costs for them with the server's indexes. Figures, not
// assertions (docs/performance.md).
//   fieldbook-bench-push [SCALE=1.0] [EDITS=10000] [BATCH=500] [AHEAD=1] [FLOOR_RUNS=3]
// BATCH is the device's push batch (SyncEngine::pushBatchSize, the server
// takes at most 1,000); AHEAD=0 turns SyncEngine::pushAhead off; FLOOR_RUNS=0
// skips the floor.
#include "bench/bench_support.h"
#include "bench/push_floor.h"
#include "device/replica.h"
#include "domain/clock.h"

#include <sodium.h>

#include <cstdio>
#include <cstdlib>
#include <string>

using namespace fieldbook;
using namespace fieldbook::bench;
using nlohmann::json;

int main(int argc, char** argv) {
    if (sodium_init() < 0) {
        return 1;
    }
    const double scale = argc > 1 ? std::atof(argv[1]) : 1.0;
    const int edits = argc > 2 ? std::max(1, std::atoi(argv[2])) : 10000;
    const int batch = argc > 3 ? std::max(1, std::atoi(argv[3])) : 500;
    const bool ahead = argc > 4 ? std::atoi(argv[4]) != 0 : true;
    const int floorRuns = argc > 5 ? std::max(0, std::atoi(argv[5])) : 3;
    TempDir dir("fieldbook-bench-push-");
    auto w = prepareServerDb(dir.path() / "server.db", scale);
    ServerProcess server(dir.path() / "server.db");

    device::Replica replica((dir.path() / "replica.db").string());
    TimedTransport http(server.url());
    http.serverPid = server.pid();
    device::SyncEngine engine(replica, http);
    engine.pushBatchSize = batch;
    engine.pushAhead = ahead;
    engine.login(server.url(), w.managerLogin, "demo", "bench-phone");
    auto t0 = Clock::now();
    auto first = engine.sync();
    std::printf("initial sync: %d records, %.3f s\n", first.pulled, secondsSince(t0));

    t0 = Clock::now();
    const auto now = domain::nowMs();
    auto at = [](const std::vector<std::string>& v, int i) {
        return v[static_cast<std::size_t>(i) % v.size()];
    };
    for (int i = 0; i < edits; ++i) {
        auto n = std::to_string(i);
        switch (i % 5) {
        case 0:
            replica.updateRecord("client", at(w.clientIds, i / 5),
                                 {{"notes", "offline note " + n}});
            break;
        case 1:
            replica.updateRecord("contact", at(w.contactIds, i / 5),
                                 {{"phone", "+1 555 0" + std::to_string(100000 + i)}});
            break;
        case 2:
            replica.updateRecord("deal", at(w.dealIds, i / 5),
                                 {{"notes", "offline deal note " + n}});
            break;
        case 3:
            replica.updateRecord("planned_activity", at(w.activityIds, i / 5),
                                 {{"place", "Office " + n}});
            break;
        default:
            replica.logHistory(at(w.clientIds, i / 5), "call", "offline call " + n, "",
                               now - 3'600'000);
        }
    }
    std::printf("%d offline edits made on the replica: %.3f s\n", edits, secondsSince(t0));

    http.pushSeconds = http.pullSeconds = 0;
    http.pushes = http.pulls = 0;
    http.firstPullStart = {};
    const auto snapshot = (dir.path() / "before-push.db").string();
    if (floorRuns > 0) {
        snapshotServerDb((dir.path() / "server.db").string(), snapshot);
    }
    const double serverCpu0 = cpuSeconds(server.pid());
    t0 = Clock::now();
    auto s = engine.sync();
    double total = secondsSince(t0);
    const double serverCpuEnd = cpuSeconds(server.pid());
    double pushPhase = std::chrono::duration<double>(http.firstPullStart - t0).count();
    std::printf("push batch %d, push ahead %s\n", batch, ahead ? "on" : "off");
    std::printf("sync after a day offline: %d mutations pushed (%d rejected) in %d requests, "
                "%d records pulled in %d pages, %.3f s in all\n",
                s.pushed, s.rejected, http.pushes, s.pulled, http.pulls, total);
    std::printf("  push: %.3f s, %.0f mutations/s (waiting for the server's answers: %.3f s)\n",
                pushPhase, s.pushed / pushPhase, http.pushSeconds);
    std::printf("  pull that follows: %.3f s, %.0f records/s (server answers: %.3f s)\n",
                total - pushPhase, s.pulled / (total - pushPhase), http.pullSeconds);
    const double pushCpu = http.serverCpuAtFirstPull - serverCpu0;
    std::printf("  server CPU: push %.3f s (%.1f us a mutation), pull %.3f s\n", pushCpu,
                pushCpu * 1e6 / std::max(1, s.pushed), serverCpuEnd - http.serverCpuAtFirstPull);
    if (floorRuns > 0) {
        auto writes = readPushWrites((dir.path() / "server.db").string(), snapshot);
        std::vector<double> wall, cpu;
        for (int run = 0; run < floorRuns; ++run) {
            auto f = writePushFloor(snapshot, (dir.path() / "floor.db").string(), writes);
            wall.push_back(f.wall);
            cpu.push_back(f.cpu);
        }
        auto fw = spread(wall);
        auto fc = spread(cpu);
        std::printf("push floor (%d record rows inserted, %d updated, %d idempotency-log rows; "
                    "prepared statements, one transaction, %d runs): %.3f s (min %.3f, max "
                    "%.3f), CPU %.3f s (min %.3f, max %.3f)\n",
                    writes.inserted, writes.updated, writes.logRows, floorRuns, fw.median, fw.min,
                    fw.max, fc.median, fc.min, fc.max);
        std::printf("ratio push/floor: %.2f (server CPU in the push / floor CPU: %.2f)\n",
                    pushPhase / fw.median, pushCpu / fc.median);
    }
    std::printf("server RSS: %lld KiB (peak %lld KiB)\n", static_cast<long long>(server.rssKb()),
                static_cast<long long>(server.peakRssKb()));
    return s.pushed == edits && s.rejected == 0 ? 0 : 1;
}
