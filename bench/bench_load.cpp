// SPDX-License-Identifier: MIT
// The server under load (issue 6, figure 3): one load process simulates
// DEVICES devices (two per manager of the generated department, bench/workload.h)
// against a real fieldbook-server process on a loopback port for SECONDS
// seconds. Each device keeps a live WebSocket (GET /api/v1/live) and a
// keep-alive HTTP connection, and cycles: write a history entry, push it,
// pull from its cursor, wait THINK_MS (jittered +-50%; 0: back to back).
// Prints mutations/s, pull latency p50/p99, notice latency p50/p99 twice:
// push sent -> the other device of the same manager reads the `changed`
// notice covering that push's seq (the push's own wait for the server
// included), and commit -> that read (from the pushed record's updated_at,
// stamped under the writer's lock: at most 1 ms over; the issue's
// "commit-to-notification"),
// errors (anything but a 200, an applied mutation and a well-formed
// notice) and the server's RSS. Boost.Beast async on one thread (C++20
// coroutines). Figures, not assertions (docs/performance.md).
//   fieldbook-bench-load [DEVICES=200] [SECONDS=60] [THINK_MS=1000] [SCALE=0.1]
#include "bench/bench_support.h"
#include "domain/clock.h"
#include "sync/hlc.h"
#include "sync/protocol.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <sodium.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>
#include <string>
#include <vector>

using namespace fieldbook;
using namespace fieldbook::bench;
namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;
using net::awaitable;
using net::use_awaitable;
using nlohmann::json;

namespace {
double ms(Clock::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}

/// What every simulated device shares (one thread: no locks).
struct Load {
    tcp::endpoint server;
    Clock::time_point stopAt;
    int thinkMs = 1000;
    std::mt19937 rng{6};
    std::int64_t mutations = 0;
    std::int64_t errors = 0;
    std::vector<double> pullMs;
    std::vector<double> noticeMs;
    /// The same notices from the push's commit: the notice read (wall clock,
    /// us) minus the pushed record's `updated_at` (ms UTC, stamped by the
    /// server under the writer's lock before the commit): an upper bound of
    /// commit -> notice read by at most 1 ms, without the push's own wait
    /// for the server (figure 3's "commit-to-notification").
    std::vector<double> commitNoticeMs;
    std::map<std::string, int> errorKinds;

    void error(const std::string& what) {
        ++errors;
        if (++errorKinds[what] == 1) {
            std::fprintf(stderr, "load error: %s\n", what.c_str());
        }
    }
};

/// Wall-clock time now, microseconds UTC (comparable with the server's
/// `updated_at`, ms UTC: one machine, one clock).
std::int64_t wallUs() {
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

/// One manager's devices: pushes waiting for the other device's notice.
struct ManagerState {
    struct Pending {
        int device;
        Clock::time_point sent;
        std::int64_t seq;
        std::int64_t committedMs; ///< the pushed record's updated_at (ms UTC)
    };
    std::vector<Pending> pending;
    /// A notice received: by which device, when (steady and wall clock), for which seq.
    struct Notice {
        int device;
        Clock::time_point at;
        std::int64_t atWallUs;
        std::int64_t seq;
    };
    /// Notices received, newest last, trimmed.
    std::vector<Notice> notices;

    static void record(Load& load, Clock::time_point sent, std::int64_t committedMs,
                       Clock::time_point at, std::int64_t atWallUs) {
        load.noticeMs.push_back(ms(at - sent));
        load.commitNoticeMs.push_back(static_cast<double>(atWallUs) / 1000.0 -
                                      static_cast<double>(committedMs));
    }

    void noticed(Load& load, int device, std::int64_t seq, Clock::time_point now,
                 std::int64_t nowWallUs) {
        notices.push_back({device, now, nowWallUs, seq});
        if (notices.size() > 64) {
            notices.erase(notices.begin());
        }
        std::erase_if(pending, [&](const Pending& p) {
            if (p.device != device && p.seq <= seq) {
                record(load, p.sent, p.committedMs, now, nowWallUs);
                return true;
            }
            return false;
        });
    }
    void pushed(Load& load, int device, Clock::time_point sent, std::int64_t seq,
                std::int64_t committedMs) {
        // The notice may have overtaken the push's answer.
        for (const auto& [d, at, atWallUs, n] : notices) {
            if (d != device && n >= seq && at >= sent) {
                record(load, sent, committedMs, at, atWallUs);
                return;
            }
        }
        pending.push_back({device, sent, seq, committedMs});
    }
};

struct Device {
    int index = 0;
    std::string token;
    std::string clientId;
    std::string deviceId;
    std::int64_t cursor = 0;
    ManagerState* manager = nullptr;
};

http::request<http::string_body> makeRequest(http::verb verb, const std::string& target,
                                             const std::string& token, std::string body) {
    http::request<http::string_body> req{verb, target, 11};
    req.set(http::field::host, "127.0.0.1");
    req.set(sync::kProtocolHeader, std::to_string(sync::kProtocolVersion));
    req.set(http::field::authorization, "Bearer " + token);
    req.keep_alive(true);
    if (verb == http::verb::post) {
        req.set(http::field::content_type, "application/json");
        req.body() = std::move(body);
        req.prepare_payload();
    }
    return req;
}

awaitable<void> liveChannel(Load& load, Device& d) {
    auto ex = co_await net::this_coro::executor;
    websocket::stream<beast::tcp_stream> ws(ex);
    try {
        co_await beast::get_lowest_layer(ws).async_connect(load.server, use_awaitable);
        beast::get_lowest_layer(ws).expires_never();
        ws.set_option(websocket::stream_base::decorator([&d](websocket::request_type& req) {
            req.set(http::field::authorization, "Bearer " + d.token);
            req.set(sync::kProtocolHeader, std::to_string(sync::kProtocolVersion));
        }));
        co_await ws.async_handshake("127.0.0.1", "/api/v1/live", use_awaitable);
        beast::flat_buffer buffer;
        while (Clock::now() < load.stopAt) {
            co_await ws.async_read(buffer, use_awaitable);
            // Stamped as soon as the read completes, before the parse.
            const auto readAt = Clock::now();
            const auto readAtWallUs = wallUs();
            auto j = json::parse(beast::buffers_to_string(buffer.data()), nullptr, false);
            buffer.consume(buffer.size());
            if (j.is_discarded() || !j.contains("type")) {
                load.error("malformed notice");
                continue;
            }
            if (j["type"] == "changed") {
                d.manager->noticed(load, d.index, j.value("seq", std::int64_t{0}), readAt,
                                   readAtWallUs);
            }
        }
        beast::error_code ignored;
        beast::get_lowest_layer(ws).socket().close(ignored);
    } catch (const boost::system::system_error& e) {
        if (Clock::now() < load.stopAt) {
            load.error(std::string("live channel: ") + e.what());
        }
    }
}

awaitable<void> editPushPull(Load& load, Device& d) {
    auto ex = co_await net::this_coro::executor;
    beast::tcp_stream stream(ex);
    beast::flat_buffer buffer;
    net::steady_timer think(ex);
    std::uniform_int_distribution<int> jitter(load.thinkMs / 2, load.thinkMs * 3 / 2);
    try {
        co_await stream.async_connect(load.server, use_awaitable);
        for (int cycle = 0; Clock::now() < load.stopAt; ++cycle) {
            sync::Mutation m;
            m.mutationId = domain::newUuid();
            m.entity = "history_entry";
            m.recordId = domain::newUuid();
            m.fields = {{"client_id", d.clientId},
                        {"kind", "call"},
                        {"summary", "load call " + std::to_string(cycle)},
                        {"occurred_at", domain::nowMs() - 60'000}};
            m.hlc = sync::Hlc{domain::nowMs(), 0, d.deviceId}.toString();
            sync::PushRequest push;
            push.mutations = {m};
            auto req = makeRequest(http::verb::post, "/api/v1/sync/push", d.token,
                                   sync::toJson(push).dump());
            auto sent = Clock::now();
            co_await http::async_write(stream, req, use_awaitable);
            http::response<http::string_body> res;
            co_await http::async_read(stream, buffer, res, use_awaitable);
            if (res.result_int() != 200) {
                load.error("push HTTP " + std::to_string(res.result_int()) + " " + res.body());
            } else {
                auto answer = sync::pushResponseFromJson(json::parse(res.body()));
                if (answer.results.size() != 1 || answer.results[0].status != "applied") {
                    load.error("push not applied: " + res.body().substr(0, 200));
                } else {
                    ++load.mutations;
                    if (answer.results[0].current) {
                        d.manager->pushed(load, d.index, sent, answer.results[0].current->seq,
                                          answer.results[0].current->updatedAt);
                    }
                }
            }
            auto pullReq =
                makeRequest(http::verb::get,
                            "/api/v1/sync/pull?cursor=" + std::to_string(d.cursor) + "&limit=1000",
                            d.token, {});
            auto t0 = Clock::now();
            co_await http::async_write(stream, pullReq, use_awaitable);
            http::response<http::string_body> pulled;
            co_await http::async_read(stream, buffer, pulled, use_awaitable);
            load.pullMs.push_back(ms(Clock::now() - t0));
            if (pulled.result_int() != 200) {
                load.error("pull HTTP " + std::to_string(pulled.result_int()));
            } else {
                d.cursor = json::parse(pulled.body()).value("cursor", d.cursor);
            }
            if (load.thinkMs > 0) {
                think.expires_after(std::chrono::milliseconds(jitter(load.rng)));
                co_await think.async_wait(use_awaitable);
            }
        }
    } catch (const std::exception& e) {
        load.error(std::string("device: ") + e.what());
    }
}

/// Logs in (blocking, before the run) and pulls the device's scope up to now.
Device setUpDevice(const std::string& url, const std::string& login, int index) {
    device::HttpTransport http(url);
    sync::LoginRequest req{login, "demo", "", "load-" + std::to_string(index)};
    auto r = http.request("POST", "/api/v1/login", sync::toJson(req).dump(), "");
    if (r.status != 200) {
        throw std::runtime_error("login " + login + ": HTTP " + std::to_string(r.status));
    }
    auto resp = sync::loginResponseFromJson(json::parse(r.body));
    Device d;
    d.index = index;
    d.token = resp.token;
    d.deviceId = resp.deviceId;
    for (std::int64_t snapshot = 0;;) {
        auto page = json::parse(
            http.request("GET",
                         "/api/v1/sync/pull?limit=5000&cursor=" + std::to_string(d.cursor) +
                             (snapshot ? "&snapshot=" + std::to_string(snapshot) : std::string()),
                         "", d.token)
                .body);
        for (const auto& c : page["changes"]) {
            if (d.clientId.empty() && c.value("entity", "") == "client") {
                d.clientId = c.value("id", "");
            }
        }
        d.cursor = page.value("cursor", std::int64_t{0});
        snapshot = page.value("snapshot", std::int64_t{0});
        if (!page.value("has_more", false)) {
            break;
        }
    }
    if (d.clientId.empty()) {
        throw std::runtime_error(login + " has no client in scope");
    }
    return d;
}
/// The benchmark; throws what a device's setup or the server throws.
int run(int argc, char** argv) {
    const int nDevices = argc > 1 ? std::max(2, std::atoi(argv[1])) : 200;
    const int seconds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 60;
    const int thinkMs = argc > 3 ? std::max(0, std::atoi(argv[3])) : 1000;
    const double scale = argc > 4 ? std::atof(argv[4]) : 0.1;
    TempDir dir("fieldbook-bench-load-");
    auto w = prepareServerDb(dir.path() / "server.db", scale);
    ServerProcess server(dir.path() / "server.db");

    auto t0 = Clock::now();
    std::vector<ManagerState> managers(w.managerLogins.size());
    std::vector<Device> devices;
    devices.reserve(static_cast<std::size_t>(nDevices));
    for (int i = 0; i < nDevices; ++i) {
        // Two devices per manager, m001 first: m000's big scope is figure 1's.
        auto m = static_cast<std::size_t>(i / 2 + 1) % w.managerLogins.size();
        devices.push_back(setUpDevice(server.url(), w.managerLogins[m], i));
        devices.back().manager = &managers[m];
    }
    std::printf("%d devices logged in and synced: %.1f s\n", nDevices, secondsSince(t0));
    std::fflush(stdout);

    Load load;
    load.server = tcp::endpoint(net::ip::make_address("127.0.0.1"), server.port());
    load.thinkMs = thinkMs;
    net::io_context ioc;
    load.stopAt = Clock::now() + std::chrono::seconds(seconds) + std::chrono::milliseconds(500);
    for (auto& d : devices) {
        net::co_spawn(ioc, liveChannel(load, d), net::detached);
    }
    // Let the live channels open before the first push.
    net::steady_timer start(ioc, std::chrono::milliseconds(500));
    start.async_wait([&](boost::system::error_code) {
        for (auto& d : devices) {
            net::co_spawn(ioc, editPushPull(load, d), net::detached);
        }
    });
    // The run ends at stopAt; then the live channels are closed by stopping.
    net::steady_timer stop(ioc, load.stopAt - Clock::now() + std::chrono::seconds(2));
    stop.async_wait([&](boost::system::error_code) { ioc.stop(); });
    t0 = Clock::now();
    ioc.run();
    std::int64_t unmatched = 0;
    for (const auto& m : managers) {
        unmatched += static_cast<std::int64_t>(m.pending.size());
    }
    std::printf("load: %d devices, %d s, think %d ms (+-50%%): %lld mutations, %.0f mutations/s\n",
                nDevices, seconds, thinkMs, static_cast<long long>(load.mutations),
                static_cast<double>(load.mutations) / seconds);
    if (!load.pullMs.empty()) {
        std::printf("  pull latency: p50 %.2f ms, p99 %.2f ms (%zu pulls)\n",
                    percentile(load.pullMs, 0.5), percentile(load.pullMs, 0.99),
                    load.pullMs.size());
    }
    if (!load.noticeMs.empty()) {
        std::printf("  push sent -> notice at the other device: p50 %.2f ms, p99 %.2f ms (%zu "
                    "notices matched, %lld pushes unmatched at the end)\n",
                    percentile(load.noticeMs, 0.5), percentile(load.noticeMs, 0.99),
                    load.noticeMs.size(), static_cast<long long>(unmatched));
        std::printf("  commit -> notice at the other device: p50 %.2f ms, p99 %.2f ms (from the "
                    "record's updated_at: at most 1 ms over)\n",
                    percentile(load.commitNoticeMs, 0.5), percentile(load.commitNoticeMs, 0.99));
    }
    std::printf("  errors: %lld\n", static_cast<long long>(load.errors));
    std::printf("  server RSS: %lld KiB (peak %lld KiB)\n", static_cast<long long>(server.rssKb()),
                static_cast<long long>(server.peakRssKb()));
    return load.errors == 0 && load.mutations > 0 ? 0 : 1;
}
} // namespace

int main(int argc, char** argv) {
    if (sodium_init() < 0) {
        return 1;
    }
    // Caught here, so that the stack unwinds: the server process is stopped
    // and the temporary directory removed (an uncaught error aborted and left
    // both behind, and bench/run-bench waiting on the server's output).
    try {
        return run(argc, argv);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "fieldbook-bench-load: %s\n", e.what());
        return 1;
    }
}
