// SPDX-License-Identifier: MIT
#pragma once

#include "bench/workload.h"

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace fieldbook::bench {

using Clock = std::chrono::steady_clock;

/// Seconds from `t0` to now.
double secondsSince(Clock::time_point t0);

/// Median, min and max of a non-empty series ("%.3f s (min .. max)").
struct Spread {
    double median = 0;
    double min = 0;
    double max = 0;
};
Spread spread(std::vector<double> v);

/// The p-th quantile (0..1, nearest rank) of a non-empty series.
double percentile(std::vector<double> v, double p);

/// A temporary directory removed (with its contents) when this goes out of scope.
class TempDir {
  public:
    explicit TempDir(const std::string& prefix);
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

/// Creates server database `path`: imports tests/data/crm-sample
/// (FIELDBOOK_SAMPLE_DIR, password "demo") and writes the workload at `scale`
/// (generateWorkload). Prints one line with the time taken and the row counts.
Workload prepareServerDb(const std::filesystem::path& path, double scale);

/// A real fieldbook-server process (FIELDBOOK_SERVER_BIN) serving `db` on a
/// free loopback port with `threads` I/O threads and compaction off; waits for
/// its "listening on" line. SIGTERM and wait in the destructor. Throws
/// std::runtime_error when it does not start.
class ServerProcess {
  public:
    ServerProcess(const std::filesystem::path& db, int threads = 2);
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;
    /// "http://127.0.0.1:PORT".
    const std::string& url() const { return url_; }
    std::uint16_t port() const { return port_; }
    pid_t pid() const { return pid_; }
    /// The process's resident set now (VmRSS of /proc/PID/status), KiB; 0 when unknown.
    std::int64_t rssKb() const;
    /// The highest resident set so far (VmHWM), KiB; 0 when unknown.
    std::int64_t peakRssKb() const;

  private:
    pid_t pid_ = -1;
    int outFd_ = -1;
    std::string url_;
    std::uint16_t port_ = 0;
};

/// VmRSS (or another `key` such as "VmHWM") of process `pid` in KiB; 0 when unknown.
std::int64_t procStatusKb(pid_t pid, const char* key);

} // namespace fieldbook::bench
