// SPDX-License-Identifier: MIT
#include "bench/bench_support.h"

#include "domain/clock.h"
#include "import/sample_importer.h"
#include "store/server_db.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace fieldbook::bench {

double secondsSince(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

Spread spread(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return {v[v.size() / 2], v.front(), v.back()};
}

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[i];
}

TempDir::TempDir(const std::string& prefix)
    : path_(std::filesystem::temp_directory_path() / (prefix + domain::newUuid())) {
    std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

Workload prepareServerDb(const std::filesystem::path& path, double scale) {
    auto t0 = Clock::now();
    server::ServerDb db(path.string());
    auto lock = db.lock();
    server::importSample(db, FIELDBOOK_SAMPLE_DIR, "demo");
    auto w = generateWorkload(db, scale);
    std::printf("workload (scale %.3g): %lld rows in the manager's scope, %lld rows written "
                "(100 managers + 1 head), %.1f s\n",
                scale, static_cast<long long>(w.scopeRecords),
                static_cast<long long>(w.totalRecords), secondsSince(t0));
    std::fflush(stdout);
    return w;
}

ServerProcess::ServerProcess(const std::filesystem::path& db, int threads) {
    int out[2];
    if (pipe(out) != 0) {
        throw std::runtime_error("pipe failed");
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    // Its stderr (a line per request, as shipped) to a file beside the
    // database, as a supervisor keeps it: not into the figures' output.
    const std::string logPath = (db.parent_path() / "server.log").string();
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, logPath.c_str(),
                                     O_WRONLY | O_CREAT | O_APPEND, 0644);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    // FIELDBOOK_SERVER_BIN in the environment: another build's server (an
    // old and a new binary compared on the same workload).
    const char* other = std::getenv("FIELDBOOK_SERVER_BIN");
    std::string bin = other && *other ? other : FIELDBOOK_SERVER_BIN;
    std::string dbPath = db.string();
    std::string threadText = std::to_string(threads);
    std::vector<std::string> args = {bin,         "serve",    "--db",
                                     dbPath,      "--listen", "127.0.0.1:0",
                                     "--threads", threadText, "--compact-horizon-days",
                                     "0"};
    std::vector<char*> argv;
    for (auto& a : args) {
        argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    int rc = posix_spawn(&pid_, bin.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    if (rc != 0) {
        close(out[0]);
        throw std::runtime_error("cannot start " + bin);
    }
    std::string line;
    char ch = 0;
    while (read(out[0], &ch, 1) == 1) {
        if (ch == '\n') {
            if (line.rfind("listening on ", 0) == 0) {
                break;
            }
            line.clear();
        } else {
            line += ch;
        }
    }
    outFd_ = out[0]; // kept open: a later line must not kill the server with SIGPIPE
    if (line.rfind("listening on ", 0) != 0) {
        throw std::runtime_error("fieldbook-server did not start");
    }
    url_ = line.substr(13);
    port_ = static_cast<std::uint16_t>(std::stoi(url_.substr(url_.rfind(':') + 1)));
}

ServerProcess::~ServerProcess() {
    if (pid_ > 0) {
        kill(pid_, SIGTERM);
        int status = 0;
        waitpid(pid_, &status, 0);
    }
    if (outFd_ >= 0) {
        close(outFd_);
    }
}

std::int64_t ServerProcess::rssKb() const {
    return procStatusKb(pid_, "VmRSS");
}

std::int64_t ServerProcess::peakRssKb() const {
    return procStatusKb(pid_, "VmHWM");
}

device::HttpResponse TimedTransport::request(std::string_view method, std::string_view target,
                                             std::string_view body, std::string_view bearer) {
    auto t0 = Clock::now();
    if (firstPullStart == Clock::time_point{} &&
        target.find("/sync/pull") != std::string_view::npos) {
        firstPullStart = t0;
        if (serverPid > 0) {
            serverCpuAtFirstPull = cpuSeconds(serverPid);
        }
    }
    auto r = http_.request(method, target, body, bearer);
    if (target.find("/sync/push") != std::string_view::npos) {
        pushSeconds += secondsSince(t0);
        ++pushes;
    } else if (target.find("/sync/pull") != std::string_view::npos) {
        double took = secondsSince(t0);
        pullSeconds += took;
        slowestPullSeconds = std::max(slowestPullSeconds, took);
        ++pulls;
    }
    return r;
}

double cpuSeconds(pid_t pid) {
    std::ifstream in(pid == 0 ? std::string("/proc/self/stat")
                              : "/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // proc(5): fields 14 and 15, utime and stime in clock ticks, after the
    // command name in parentheses (which may hold spaces).
    auto close = text.rfind(')');
    if (close == std::string::npos) {
        return 0;
    }
    std::istringstream fields(text.substr(close + 2));
    std::string skip;
    for (int i = 3; i < 14 && fields >> skip; ++i) {
    }
    long long utime = 0;
    long long stime = 0;
    if (!(fields >> utime >> stime)) {
        return 0;
    }
    return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

std::int64_t procStatusKb(pid_t pid, const char* key) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string k;
    std::string prefix = std::string(key) + ":";
    while (in >> k) {
        if (k == prefix) {
            std::int64_t kb = 0;
            in >> kb;
            return kb;
        }
        std::string rest;
        std::getline(in, rest);
    }
    return 0;
}

} // namespace fieldbook::bench
