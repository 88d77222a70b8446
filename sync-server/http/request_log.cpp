// SPDX-License-Identifier: MIT
#include "http/request_log.h"

#include "domain/clock.h"
#include "domain/count_text.h"

#include <spdlog/async_logger.h>
#include <spdlog/details/thread_pool.h>
#include <spdlog/sinks/base_sink.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string_view>
#include <thread>

namespace fieldbook::server {

namespace {
thread_local RequestNote current;

/// Writes each message as it is (the line already ends in "\n") to stderr
/// and counts what it wrote, so that drainServerLog() knows when the queue
/// is out.
class StderrSink final : public spdlog::sinks::base_sink<std::mutex> {
  public:
    std::atomic<std::size_t> written{0};

  protected:
    void sink_it_(const spdlog::details::log_msg& msg) override {
        std::fwrite(msg.payload.data(), 1, msg.payload.size(), stderr);
        ++written;
    }
    void flush_() override { std::fflush(stderr); }
};

/// The serve log's writer. Never destroyed: its thread may be blocked on a
/// stderr nobody reads, and the process must still exit.
struct ServerLog {
    std::size_t capacity = 0;
    std::shared_ptr<spdlog::details::thread_pool> pool;
    std::shared_ptr<StderrSink> sink;
    std::shared_ptr<spdlog::async_logger> logger;
    std::atomic<std::size_t> posted{0};
    std::atomic<std::size_t> reportedDrops{0}; ///< overruns already told of
};

std::once_flag started;
std::atomic<ServerLog*> serverLog{nullptr};

void post(ServerLog& log, std::string_view line) {
    ++log.posted;
    log.logger->log(spdlog::level::info, "{}", line);
}

/// At most `limit` bytes of `text`, spaces and control characters as '?'.
std::string printable(std::string_view text, std::size_t limit) {
    std::string out(text.substr(0, limit));
    for (auto& c : out) {
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
            c = '?';
        }
    }
    return out;
}
} // namespace

void beginRequestNote() {
    current = {};
}

void noteRequestUser(const std::string& login) {
    current.login = login;
}

void noteRequestCounts(std::string counts) {
    current.counts = std::move(counts);
}

RequestNote takeRequestNote() {
    RequestNote out = std::move(current);
    current = {};
    return out;
}

std::string requestLogLine(std::int64_t nowMs, const std::string& client, const std::string& method,
                           std::string_view target, unsigned status, const std::string& errorCode,
                           const RequestNote& note, std::int64_t durationMs) {
    auto path = target.substr(0, target.find('?'));
    // To the millisecond: requests of one second are told apart (fresh-user).
    std::string line = domain::formatIso8601Millis(nowMs) + " " + client + " " +
                       printable(method.empty() ? "-" : method, 16) + " " +
                       printable(path.empty() ? "-" : path, 200) + " " + std::to_string(status);
    if (!note.login.empty()) {
        line += " user=" + printable(note.login, 64);
    }
    if (!errorCode.empty()) {
        line += " error=" + printable(errorCode, 64);
    }
    line += " " + std::to_string(durationMs) + "ms";
    if (!note.counts.empty()) {
        line += " " + note.counts;
    }
    line += "\n";
    return line;
}

void startServerLog(std::size_t bufferLines) {
    std::call_once(started, [bufferLines] {
        auto* log = new ServerLog; // never deleted (ServerLog)
        log->capacity = std::max<std::size_t>(bufferLines, 1);
        log->pool = std::make_shared<spdlog::details::thread_pool>(log->capacity, 1);
        log->sink = std::make_shared<StderrSink>();
        log->logger =
            std::make_shared<spdlog::async_logger>("fieldbook-server", log->sink, log->pool,
                                                   spdlog::async_overflow_policy::overrun_oldest);
        log->logger->set_pattern("%v", spdlog::pattern_time_type::utc);
        serverLog = log;
    });
}

void writeServerLog(const std::string& line) {
    auto* log = serverLog.load();
    if (!log) {
        std::fwrite(line.data(), 1, line.size(), stderr);
        return;
    }
    // Tell of lines dropped since the last notice once the queue has room
    // (the notice itself may be dropped again: then the next one counts it).
    auto dropped = log->pool->overrun_counter();
    auto told = log->reportedDrops.load();
    if (dropped > told && log->pool->queue_size() < log->capacity / 2 + 1 &&
        log->reportedDrops.compare_exchange_strong(told, dropped)) {
        post(*log, "fieldbook-server: " +
                       domain::countText(static_cast<std::int64_t>(dropped - told), "log line") +
                       " dropped (standard error was not read fast enough)\n");
    }
    post(*log, line);
}

bool drainServerLog(std::int64_t timeoutMs) {
    auto* log = serverLog.load();
    if (!log) {
        return true;
    }
    auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    while (log->sink->written.load() + log->pool->overrun_counter() < log->posted.load()) {
        if (std::chrono::steady_clock::now() >= until) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
}

} // namespace fieldbook::server
