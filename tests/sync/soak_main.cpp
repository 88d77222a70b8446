// SPDX-License-Identifier: MIT
// soak: the convergence harness of tst_convergence over many seeds
// (docs/testing.md). `soak --seeds N [--first S] [--steps K]` runs seeds
// S..S+N-1; `soak --seed S` runs one and prints its trace. Exits 1 and
// prints each failing seed with its repro command.
#include "convergence_harness.h"

#include <QCoreApplication>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

using namespace fieldbook::test;

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    std::uint64_t first = 1;
    std::uint64_t count = 100;
    ConvergenceOptions options;
    bool one = false;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto next = [&]() -> std::uint64_t {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "soak: %s needs a number\n", a.c_str());
                std::exit(2);
            }
            return std::strtoull(argv[++i], nullptr, 10);
        };
        if (a == "--seeds") {
            count = next();
        } else if (a == "--first") {
            first = next();
        } else if (a == "--seed") {
            first = next();
            count = 1;
            one = true;
        } else if (a == "--steps") {
            options.steps = static_cast<int>(next());
        } else {
            std::fprintf(stderr, "usage: soak [--seeds N] [--first S] [--seed S] [--steps K]\n");
            return 2;
        }
    }
    ConvergenceWorld world;
    auto error = world.prepare();
    if (!error.empty()) {
        std::fprintf(stderr, "soak: %s\n", error.c_str());
        return 1;
    }
    int failed = 0;
    for (auto seed = first; seed < first + count; ++seed) {
        auto r = world.run(seed, options);
        if (one || !r.ok) {
            for (const auto& line : r.trace) {
                std::printf("  %s\n", line.c_str());
            }
        }
        if (r.ok) {
            std::printf("seed %llu ok: %d applied, %d rejected, %d refused, %d conflicts\n",
                        static_cast<unsigned long long>(seed), r.applied, r.rejected,
                        r.refusedLocally, r.conflicts);
        } else {
            ++failed;
            std::printf("seed %llu FAILED:\n%s\nrepro: %s\n", static_cast<unsigned long long>(seed),
                        r.failure.c_str(), reproCommand(seed).c_str());
        }
        std::fflush(stdout);
    }
    std::printf("%llu seeds, %d failed\n", static_cast<unsigned long long>(count), failed);
    return failed == 0 ? 0 : 1;
}
