// SPDX-License-Identifier: MIT
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace fieldbook::bench {

/// A replica holding bench.m000's scope at `scale` (bench/workload.h), made
/// once and cached as DIR/app-replica-scale-S-YYYY-MM-DD.db (DIR: env
/// FIELDBOOK_BENCH_CACHE_DIR, else FIELDBOOK_BENCH_CACHE_DIR of the build;
/// the UTC day keeps today's plan the same for every run of a day). Making
/// it: the workload in a server database, a real fieldbook-server process,
/// the device's SyncEngine and HttpTransport logging in as bench.m000 and
/// syncing the scope, as fieldbook-bench-initial-sync does (2-4 min at scale
/// 1 on this machine; a page that outlasts the 120 s timeout is resumed).
/// Prints one line saying which. Returns the cached file's path; throws
/// std::runtime_error or store::StoreError when it cannot be made.
std::filesystem::path cachedAppReplica(double scale);

/// One start of the real app (FIELDBOOK_APP_BIN) on a copy of a replica.
struct AppStart {
    double spawnToFrameMs = 0;    ///< posix_spawn -> the `first-plan-frame` line read
    long long selfReportedMs = 0; ///< the app's own ms since the kernel started it (10 ms ticks)
    long long mainToFrameMs = 0;  ///< the app's ms from main() to that frame
    long long peakRssKib = 0;     ///< VmHWM at that frame
    int planRows = 0;             ///< rows of today's plan in that frame
};

/// Copies `replica` to `profileDir`/replica.db, starts the app with
/// `--profile profileDir --lang en`, QT_QPA_PLATFORM=offscreen and
/// FIELDBOOK_REPORT_FIRST_PLAN_FRAME=1 (app/first_frame_report.h), and reads
/// its report line. The server named in the replica's session is not running:
/// the app opens offline. The app quits after the report (killed after 30 s).
/// Returns nothing, after printing why and the app's stderr, when it did not
/// report within 120 s.
std::optional<AppStart> timeAppStart(const std::filesystem::path& replica,
                                     const std::filesystem::path& profileDir);

} // namespace fieldbook::bench
