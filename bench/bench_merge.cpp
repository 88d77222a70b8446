// SPDX-License-Identifier: MIT
// Prints how long the server takes to merge two client cards of N deals and
// N history entries each (issue 4, "Merging duplicates"; a merge holds the
// server's database lock, so every other request waits that long). Two
// managers curate the cards, a third has a tenth of the merged card's deals,
// so the merge changes three managers' scopes. Figures, not assertions.
//   fieldbook-bench-merge [N=200]
#include "domain/clock.h"
#include "store/auth.h"
#include "store/push.h"
#include "store/server_db.h"
#include "sync/hlc.h"

#include <sodium.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

using namespace fieldbook;
using nlohmann::json;

namespace {
double secondsSince(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

std::uint32_t counter = 0;

sync::Mutation mutation(const std::string& entity, const std::string& id, json fields,
                        std::int64_t baseVersion = 0) {
    sync::Mutation m;
    m.mutationId = domain::newUuid();
    m.entity = entity;
    m.recordId = id;
    m.baseVersion = baseVersion;
    m.fields = std::move(fields);
    m.hlc = sync::Hlc{domain::nowMs(), counter++, "bench-device"}.toString();
    return m;
}

/// Applies the batch as the head; returns false (and says why) if any was refused.
bool pushAll(server::ServerDb& db, const server::Principal& who, const sync::PushRequest& req) {
    server::PushOptions opts;
    opts.maxMutations = req.mutations.size();
    auto resp = server::applyPush(db, who, req, opts);
    for (const auto& r : resp.results) {
        if (r.status != "applied") {
            std::fprintf(stderr, "refused: %s %s\n", r.errorCode.c_str(), r.errorMessage.c_str());
            return false;
        }
    }
    return true;
}
} // namespace

int main(int argc, char** argv) {
    if (sodium_init() < 0) {
        return 1;
    }
    int n = argc > 1 ? std::atoi(argv[1]) : 200;
    auto dir = std::filesystem::temp_directory_path() / ("fieldbook-bench-" + domain::newUuid());
    std::filesystem::create_directories(dir);
    int rc = 1;
    {
        server::ServerDb db((dir / "server.db").string());
        auto lock = db.lock();
        server::Principal head{server::addUser(db, "hana.head", "Hana Head", "head", "demo-pass-1"),
                               "hana.head", "head", "bench-device"};
        auto oldCurator = server::addUser(db, "otto.old", "Otto Old", "manager", "demo-pass-1");
        auto newCurator = server::addUser(db, "nina.new", "Nina New", "manager", "demo-pass-1");
        auto third = server::addUser(db, "tom.third", "Tom Third", "manager", "demo-pass-1");

        auto merged = domain::newUuid();
        auto survivor = domain::newUuid();
        sync::PushRequest req;
        req.mutations.push_back(
            mutation("client", merged, {{"name", "Ironbark Timber"}, {"curator_id", oldCurator}}));
        req.mutations.push_back(mutation(
            "client", survivor, {{"name", "Ironbark Timber Co"}, {"curator_id", newCurator}}));
        for (int i = 0; i < n; ++i) {
            for (const auto& card : {merged, survivor}) {
                auto manager = card == survivor ? newCurator : (i % 10 == 0 ? third : head.userId);
                req.mutations.push_back(mutation("deal", domain::newUuid(),
                                                 {{"client_id", card},
                                                  {"title", "Deal " + std::to_string(i)},
                                                  {"manager_id", manager},
                                                  {"outcome", "open"}}));
                req.mutations.push_back(mutation("history_entry", domain::newUuid(),
                                                 {{"client_id", card},
                                                  {"kind", "call"},
                                                  {"summary", "Call " + std::to_string(i)},
                                                  {"occurred_at", domain::nowMs()}}));
            }
        }
        auto t0 = std::chrono::steady_clock::now();
        if (pushAll(db, head, req)) {
            std::printf("two cards of %d deals and %d history entries each pushed: %.3f s\n", n, n,
                        secondsSince(t0));
            sync::PushRequest merge;
            merge.mutations.push_back(mutation("client", merged, {{"merged_into", survivor}}, 1));
            t0 = std::chrono::steady_clock::now();
            if (pushAll(db, head, merge)) {
                std::printf("merge of the two cards (%d records moved, 3 managers' scopes "
                            "changed): %.3f s\n",
                            2 * n, secondsSince(t0));
                rc = 0;
            }
        }
    }
    std::filesystem::remove_all(dir);
    return rc;
}
