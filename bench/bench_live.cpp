// SPDX-License-Identifier: MIT
// Prints how long a live notice takes (issue 4: "within 100 ms of the
// commit"): an in-process fieldbook-server on a loopback port (the real
// Listener, HttpSession, LiveHub and WebSocketSession on 2 I/O threads), a
// head's LiveClient, and N pushes of one history entry each by a manager
// over HTTP. For each push it measures push request sent -> notice received
// (an upper bound of commit -> notice) and push answer received -> notice
// received (negative when the notice overtakes the answer). Figures, not
// assertions.
//   fieldbook-bench-live [N=200]
#include "device/http_transport.h"
#include "device/live_client.h"
#include "domain/clock.h"
#include "http/listener.h"
#include "import/sample_importer.h"
#include "live/live_hub.h"
#include "store/auth.h"
#include "store/server_db.h"
#include "sync/hlc.h"
#include "sync/protocol.h"

#include <boost/asio/io_context.hpp>
#include <sodium.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using namespace fieldbook;
using Clock = std::chrono::steady_clock;

namespace {
double ms(Clock::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[i];
}
} // namespace

int main(int argc, char** argv) {
    if (sodium_init() < 0) {
        return 1;
    }
    const int n = argc > 1 ? std::max(1, std::atoi(argv[1])) : 200;
    auto dir =
        std::filesystem::temp_directory_path() / ("fieldbook-bench-live-" + domain::newUuid());
    std::filesystem::create_directories(dir);
    int exitCode = 0;
    {
        server::ServerDb db((dir / "server.db").string());
        {
            auto lock = db.lock();
            server::importSample(db, FIELDBOOK_SAMPLE_DIR, "demo");
        }
        auto head = server::login(db, {"celia.rouche", "demo", "", "bench-office"}, 3'600'000);
        auto manager = server::login(db, {"darcel.schlecht", "demo", "", "bench-phone"}, 3'600'000);
        std::string clientId;
        {
            auto lock = db.lock();
            store::Statement st(db.db(), "SELECT d.client_id FROM deals d JOIN users u ON "
                                         "u.id = d.manager_id WHERE u.login = 'darcel.schlecht' "
                                         "AND d.client_id IS NOT NULL LIMIT 1");
            st.step();
            clientId = st.text(0);
        }

        server::ServerConfig config;
        boost::asio::io_context ioc{2};
        auto hub = std::make_shared<server::LiveHub>(ioc.get_executor(), db);
        server::Deps deps{db, config, hub};
        auto listener = std::make_shared<server::Listener>(
            ioc, boost::asio::ip::tcp::endpoint{boost::asio::ip::make_address("127.0.0.1"), 0},
            deps);
        listener->run();
        const auto url = "http://127.0.0.1:" + std::to_string(listener->endpoint().port());
        std::vector<std::thread> io;
        for (int i = 0; i < 2; ++i) {
            io.emplace_back([&ioc] { ioc.run(); });
        }

        std::mutex m;
        std::vector<Clock::time_point> arrivals;
        std::atomic<bool> stop{false};
        device::LiveClient live(url, head.token);
        live.connect();
        std::thread reader([&] {
            try {
                while (!stop) {
                    if (auto notice = live.next(100); notice && notice->type == "changed") {
                        std::lock_guard g(m);
                        arrivals.push_back(Clock::now());
                    }
                }
            } catch (const std::exception& e) {
                std::fprintf(stderr, "live channel: %s\n", e.what());
            }
        });

        device::HttpTransport http(url);
        std::vector<double> sentToNotice, answeredToNotice;
        for (int i = 0; i < n; ++i) {
            sync::Mutation mu;
            mu.mutationId = domain::newUuid();
            mu.entity = "history_entry";
            mu.recordId = domain::newUuid();
            mu.fields = {{"client_id", clientId},
                         {"kind", "meeting"},
                         {"summary", "bench meeting " + std::to_string(i)},
                         {"occurred_at", domain::nowMs()}};
            mu.hlc = sync::Hlc{domain::nowMs(), 0, manager.deviceId}.toString();
            sync::PushRequest req;
            req.mutations = {mu};
            auto sent = Clock::now();
            auto res =
                http.request("POST", "/api/v1/sync/push", sync::toJson(req).dump(), manager.token);
            auto answered = Clock::now();
            if (res.status != 200) {
                std::fprintf(stderr, "push %d: HTTP %d %s\n", i, res.status, res.body.c_str());
                exitCode = 1;
                break;
            }
            // Wait for this push's notice (at most 5 s) before the next push.
            Clock::time_point arrived{};
            for (auto until = Clock::now() + std::chrono::seconds(5); Clock::now() < until;) {
                {
                    std::lock_guard g(m);
                    if (arrivals.size() > static_cast<std::size_t>(i)) {
                        arrived = arrivals[static_cast<std::size_t>(i)];
                        break;
                    }
                }
                std::this_thread::sleep_for(std::chrono::microseconds(200));
            }
            if (arrived == Clock::time_point{}) {
                std::fprintf(stderr, "push %d: no notice within 5 s\n", i);
                exitCode = 1;
                break;
            }
            sentToNotice.push_back(ms(arrived - sent));
            answeredToNotice.push_back(ms(arrived - answered));
        }
        stop = true;
        reader.join();
        ioc.stop();
        for (auto& t : io) {
            t.join();
        }
        if (!sentToNotice.empty()) {
            std::printf(
                "live notice to a head after a manager's push (%zu pushes, 2 I/O threads):\n"
                "  push sent -> notice:     p50 %.2f ms, p99 %.2f ms, max %.2f ms\n"
                "  push answered -> notice: p50 %.2f ms, p99 %.2f ms\n",
                sentToNotice.size(), percentile(sentToNotice, 0.5), percentile(sentToNotice, 0.99),
                *std::max_element(sentToNotice.begin(), sentToNotice.end()),
                percentile(answeredToNotice, 0.5), percentile(answeredToNotice, 0.99));
        }
    }
    std::filesystem::remove_all(dir);
    return exitCode;
}
