// SPDX-License-Identifier: MIT
#pragma once

#include "bench/workload.h"
#include "device/http_transport.h"
#include "device/sync_engine.h"

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

/// A real fieldbook-server process (FIELDBOOK_SERVER_BIN, of this build or
/// named by the environment variable of that name) serving `db` on a
/// free loopback port with `threads` I/O threads and compaction off (its
/// request log on, as shipped, into server.log beside `db`); waits for
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

/// The device's HttpTransport, timing its requests: seconds spent waiting
/// for push answers and for pull answers (the rest of a sync is the device's
/// own work: JSON decoding and the replica's writes).
class TimedTransport : public device::Transport {
  public:
    explicit TimedTransport(const std::string& url) : http_(url) {}
    device::HttpResponse request(std::string_view method, std::string_view target,
                                 std::string_view body, std::string_view bearer) override;
    double pushSeconds = 0;
    double pullSeconds = 0;
    double slowestPullSeconds = 0; ///< the longest single pull answer
    int pushes = 0;
    int pulls = 0;
    Clock::time_point firstPullStart{}; ///< when the first pull request was sent
    /// With a server's pid: its CPU seconds (cpuSeconds) when the first pull
    /// request was sent, so a sync's push and pull phases split the server's CPU.
    pid_t serverPid = 0;
    double serverCpuAtFirstPull = 0;

  private:
    device::HttpTransport http_;
};

/// VmRSS (or another `key` such as "VmHWM") of process `pid` in KiB; 0 when unknown.
std::int64_t procStatusKb(pid_t pid, const char* key);
/// CPU time (user + system, all threads) that process `pid` has used so
/// far, in seconds, from /proc/PID/stat; `pid` 0: this process. 0 when unknown.
/// Beside wall-clock figures on a shared machine: other processes slow a
/// run down, they do not add to its CPU time.
double cpuSeconds(pid_t pid);

} // namespace fieldbook::bench
