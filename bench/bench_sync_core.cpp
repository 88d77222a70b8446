// SPDX-License-Identifier: MIT
// Prints the cost of the sync core without the network: server pull of the
// whole imported sample for a head, applying those pages to an empty device
// replica, and a push of N history entries. Figures, not assertions; issue 6
// grows this into the full benchmark suite (docs/performance.md).
//   fieldbook-bench-core [N_PUSH=2000]
#include "device/replica.h"
#include "domain/clock.h"
#include "import/sample_importer.h"
#include "store/auth.h"
#include "store/pull.h"
#include "store/push.h"
#include "store/server_db.h"

#include <sodium.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

using namespace fieldbook;

namespace {
double secondsSince(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
} // namespace

int main(int argc, char** argv) {
    if (sodium_init() < 0) {
        return 1;
    }
    int nPush = argc > 1 ? std::atoi(argv[1]) : 2000;
    auto dir = std::filesystem::temp_directory_path() / ("fieldbook-bench-" + domain::newUuid());
    std::filesystem::create_directories(dir);
    server::ServerDb db((dir / "server.db").string());
    auto lock = db.lock();
    auto t0 = std::chrono::steady_clock::now();
    server::importSample(db, FIELDBOOK_SAMPLE_DIR, "demo");
    std::printf("import-sample (85 clients, 8,800 deals, 41 users): %.3f s\n", secondsSince(t0));

    store::Statement who(db.db(), "SELECT id FROM users WHERE login = 'celia.rouche'");
    who.step();
    server::Principal head{who.text(0), "celia.rouche", "head", "bench-device"};

    device::Replica replica((dir / "replica.db").string());
    t0 = std::chrono::steady_clock::now();
    std::int64_t cursor = 0;
    std::size_t records = 0;
    double applySeconds = 0;
    for (;;) {
        auto page = server::pull(db, head, cursor, 1000);
        auto ta = std::chrono::steady_clock::now();
        replica.applyPull(page);
        applySeconds += secondsSince(ta);
        records += page.changes.size();
        cursor = page.cursor;
        if (!page.hasMore) {
            break;
        }
    }
    double total = secondsSince(t0);
    std::printf("initial sync in-process (head, %zu records): %.3f s, %.0f records/s "
                "(server pull %.3f s, replica apply %.3f s)\n",
                records, total, static_cast<double>(records) / total, total - applySeconds,
                applySeconds);

    store::Statement client(db.db(), "SELECT id FROM clients LIMIT 1");
    client.step();
    auto clientId = client.text(0);
    sync::PushRequest req;
    for (int i = 0; i < nPush; ++i) {
        sync::Mutation m;
        m.mutationId = domain::newUuid();
        m.entity = "history_entry";
        m.recordId = domain::newUuid();
        m.fields = {{"client_id", clientId},
                    {"kind", "call"},
                    {"summary", "bench call " + std::to_string(i)},
                    {"occurred_at", domain::nowMs()}};
        m.hlc =
            sync::Hlc{domain::nowMs(), static_cast<std::uint32_t>(i), "bench-device"}.toString();
        req.mutations.push_back(std::move(m));
    }
    server::PushOptions opts;
    opts.maxMutations = static_cast<std::size_t>(nPush);
    t0 = std::chrono::steady_clock::now();
    auto resp = server::applyPush(db, head, req, opts);
    double pushSeconds = secondsSince(t0);
    std::printf(
        "push of %d history entries in one batch: %.3f s, %.0f mutations/s (%zu answered)\n", nPush,
        pushSeconds, nPush / pushSeconds, resp.results.size());
    std::filesystem::remove_all(dir);
    return resp.results.size() == static_cast<std::size_t>(nPush) ? 0 : 1;
}
