// SPDX-License-Identifier: MIT
#include "bench/app_start.h"

#include "bench/bench_support.h"
#include "device/http_transport.h"
#include "device/replica.h"
#include "device/sync_engine.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

extern char** environ;

namespace fieldbook::bench {

namespace fs = std::filesystem;

namespace {

std::string utcDay() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &tm);
    return text;
}

/// Waits up to `timeoutMs` for the child to exit; SIGKILL after that.
void reap(pid_t pid, int timeoutMs) {
    for (int waited = 0; waited < timeoutMs; waited += 10) {
        int status = 0;
        if (waitpid(pid, &status, WNOHANG) == pid) {
            return;
        }
        usleep(10'000);
    }
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
}

std::string readFile(const fs::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

fs::path cachedAppReplica(double scale) {
    const char* fromEnv = std::getenv("FIELDBOOK_BENCH_CACHE_DIR");
    const fs::path dir =
        fromEnv && *fromEnv ? fs::path(fromEnv) : fs::path(FIELDBOOK_BENCH_CACHE_DIR);
    char scaleText[32];
    std::snprintf(scaleText, sizeof scaleText, "%g", scale);
    const auto path =
        dir / ("app-replica-scale-" + std::string(scaleText) + "-" + utcDay() + ".db");
    if (fs::exists(path)) {
        std::printf("replica: cached %s (delete it to make it again)\n", path.string().c_str());
        std::fflush(stdout);
        return path;
    }
    fs::create_directories(dir);
    TempDir tmp("fieldbook-bench-app-replica-");
    auto w = prepareServerDb(tmp.path() / "server.db", scale);
    const auto replicaPath = tmp.path() / "replica.db";
    {
        ServerProcess server(tmp.path() / "server.db");
        device::Replica replica(replicaPath.string());
        device::HttpTransport http(server.url(), 120'000); // a loaded machine: pages of seconds
        device::SyncEngine engine(replica, http);
        engine.login(server.url(), w.managerLogin, "demo", "bench-app");
        const auto t0 = Clock::now();
        int pulled = 0;
        // On a loaded machine a page can outlast the timeout: the engine
        // resumes from its cursor, as a device does at its next sync.
        for (int attempt = 1;; ++attempt) {
            try {
                pulled += engine.sync().pulled;
                break;
            } catch (const device::NetworkError& e) {
                if (attempt == 5) {
                    throw;
                }
                std::printf("replica: sync attempt %d failed (%s); resuming\n", attempt, e.what());
                std::fflush(stdout);
            }
        }
        std::printf("replica: %s's scope synced, %.1f s\n", w.managerLogin.c_str(),
                    secondsSince(t0));
    }
    if (fs::exists(fs::path(replicaPath.string() + "-wal"))) {
        throw std::runtime_error("the replica kept a WAL file after closing");
    }
    const fs::path partial = path.string() + ".part";
    fs::copy_file(replicaPath, partial, fs::copy_options::overwrite_existing);
    fs::rename(partial, path);
    std::printf("replica: cached as %s\n", path.string().c_str());
    std::fflush(stdout);
    return path;
}

std::optional<AppStart> timeAppStart(const fs::path& replica, const fs::path& profileDir) {
    fs::create_directories(profileDir);
    fs::copy_file(replica, profileDir / "replica.db", fs::copy_options::overwrite_existing);
    const auto errPath = profileDir / "stderr.txt";

    int out[2];
    if (pipe(out) != 0) {
        throw std::runtime_error("pipe failed");
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, errPath.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e) {
        const std::string kv = *e;
        if (kv.rfind("QT_QPA_PLATFORM=", 0) != 0 &&
            kv.rfind("FIELDBOOK_REPORT_FIRST_PLAN_FRAME=", 0) != 0) {
            env.push_back(kv);
        }
    }
    env.push_back("QT_QPA_PLATFORM=offscreen");
    env.push_back("FIELDBOOK_REPORT_FIRST_PLAN_FRAME=1");
    std::vector<std::string> args = {FIELDBOOK_APP_BIN, "--profile", profileDir.string(), "--lang",
                                     "en"};
    std::vector<char*> argv, envp;
    for (auto& a : args) {
        argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    for (auto& e : env) {
        envp.push_back(e.data());
    }
    envp.push_back(nullptr);

    pid_t pid = -1;
    const auto t0 = Clock::now();
    const int rc = posix_spawn(&pid, args[0].c_str(), &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    if (rc != 0) {
        close(out[0]);
        throw std::runtime_error("cannot start " + args[0]);
    }

    std::string text;
    std::optional<AppStart> result;
    pollfd pfd{out[0], POLLIN, 0};
    while (!result && poll(&pfd, 1, 120'000) > 0) {
        char buf[512];
        const ssize_t n = read(out[0], buf, sizeof buf);
        if (n <= 0) {
            break;
        }
        text.append(buf, static_cast<std::size_t>(n));
        const auto at = text.find("first-plan-frame ");
        if (at == std::string::npos || text.find('\n', at) == std::string::npos) {
            continue;
        }
        const double spawnToFrame = secondsSince(t0) * 1000.0;
        AppStart s;
        if (std::sscanf(text.c_str() + at,
                        "first-plan-frame %lld main-ms %lld vmhwm-kib %lld plan-rows %d",
                        &s.selfReportedMs, &s.mainToFrameMs, &s.peakRssKib, &s.planRows) == 4) {
            s.spawnToFrameMs = spawnToFrame;
            result = s;
        }
        break;
    }
    if (!result) {
        kill(pid, SIGKILL);
    }
    reap(pid, 30'000);
    close(out[0]);
    if (!result) {
        std::printf("the app did not report its first plan frame; its output:\n%s%s\n",
                    text.c_str(), readFile(errPath).c_str());
    }
    return result;
}

} // namespace fieldbook::bench
