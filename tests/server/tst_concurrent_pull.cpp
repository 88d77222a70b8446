// SPDX-License-Identifier: MIT
// Pulls on read connections, outside the writer's lock (issue 6,
// docs/architecture.md "Reads outside the write lock"), against a real
// fieldbook-server with the sample:
// - pulls racing pushes never skip a change: writers create clients one push
//   at a time while readers page through the head's stream three changes at
//   a time; every acknowledged client reaches every reader, and each page's
//   changes lie above the cursor it was asked from;
// - a server busy with many large pulls and pushes stops on SIGTERM with
//   exit 0 (the signal is handled off the I/O threads, the running
//   statements are interrupted), and every acknowledged push is in the
//   database afterwards, which passes PRAGMA integrity_check;
// - the live fan-out's token checks, kept for a second, are made again at
//   once for a user whose record changed (deactivated).
#include "device/live_client.h"
#include "push_helpers.h"

#include <QTcpSocket>

#include <atomic>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

using namespace fieldbook;
using namespace fieldbook::test;

namespace {

/// An HLC stamp unique across threads: `node` tells the threads apart.
std::string hlcOf(int node, int n) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%015lld-%06d-writer-%d",
                  static_cast<long long>(domain::nowMs()), n, node);
    return buf;
}

/// One push creating client `id` (a fresh mutation id); true when applied.
bool createClient(int port, const QByteArray& token, const std::string& id, int node, int n) {
    json m = {
        {"mutation_id", domain::newUuid()},
        {"entity", "client"},
        {"record_id", id},
        {"op", "upsert"},
        {"base_version", 0},
        {"fields", {{"name", "Concurrent " + std::to_string(node) + "/" + std::to_string(n)}}},
        {"hlc", hlcOf(node, n)}};
    auto r =
        rawHttp(port, "POST", "/api/v1/sync/push",
                QByteArray::fromStdString(json{{"mutations", json::array({m})}}.dump()), token);
    if (r.status != 200) {
        return false;
    }
    auto results = json::parse(r.body.toStdString())["results"];
    return results.size() == 1 && results[0].value("status", std::string()) == "applied";
}

/// The server's change sequence now (the file's counter row).
std::int64_t currentSeq(const TestServer& server) {
    store::Database d(server.dbPath().toStdString());
    store::Statement st(d, "SELECT value FROM seq_counter WHERE id = 1");
    st.step();
    return st.int64(0);
}

/// A reader paging through the head's stream from `cursor`.
struct StreamReader {
    int port = 0;
    QByteArray token;
    std::int64_t cursor = 0;
    std::set<std::string> clients; ///< client ids seen
    std::string fault;             ///< first thing that went wrong, empty when none

    /// One page of at most `limit`; false when there is no more (or a fault).
    bool page(int limit) {
        auto r = rawHttp(port, "GET",
                         QByteArray("/api/v1/sync/pull?cursor=") + QByteArray::number(cursor) +
                             "&limit=" + QByteArray::number(limit),
                         {}, token);
        if (r.status != 200) {
            fault = "pull answered " + std::to_string(r.status) + ": " + r.body.toStdString();
            return false;
        }
        auto j = json::parse(r.body.toStdString());
        for (const auto& c : j["changes"]) {
            if (c["seq"].get<std::int64_t>() <= cursor) {
                fault = "a change at " + c["seq"].dump() + " came from cursor " +
                        std::to_string(cursor);
                return false;
            }
            if (c["entity"] == "client") {
                clients.insert(c["id"].get<std::string>());
            }
        }
        auto next = j["cursor"].get<std::int64_t>();
        if (next < cursor) {
            fault = "the cursor went back from " + std::to_string(cursor) + " to " +
                    std::to_string(next);
            return false;
        }
        cursor = next;
        return j["has_more"].get<bool>();
    }
};

} // namespace

class TestConcurrentPull : public QObject {
    Q_OBJECT

    TestServer server_;

  private slots:
    void initTestCase() { QVERIFY(server_.start()); }

    /// Writers and readers at once: every acknowledged client reaches every
    /// reader. A pull that answered a cursor above a change not yet
    /// committed in its snapshot would lose that change for good.
    void pullsRacingPushesMissNothing() {
        constexpr int kWriters = 3;
        constexpr int kReaders = 3;
        constexpr int kClientsPerWriter = 30;
        const auto start = currentSeq(server_);
        std::vector<QByteArray> writerTokens;
        std::vector<StreamReader> readers(kReaders);
        for (int i = 0; i < kWriters; ++i) {
            writerTokens.push_back(
                loginToken(server_.port(), QStringLiteral("celia.rouche"), QStringLiteral("demo")));
            QVERIFY(!writerTokens.back().isEmpty());
        }
        for (auto& r : readers) {
            r.port = server_.port();
            r.cursor = start;
            r.token =
                loginToken(server_.port(), QStringLiteral("celia.rouche"), QStringLiteral("demo"));
            QVERIFY(!r.token.isEmpty());
        }
        std::mutex ackedMutex;
        std::set<std::string> acked;
        std::atomic<int> writing{kWriters};
        std::atomic<int> refused{0};
        std::vector<std::thread> threads;
        for (int w = 0; w < kWriters; ++w) {
            threads.emplace_back([&, w] {
                for (int n = 0; n < kClientsPerWriter; ++n) {
                    auto id = domain::newUuid();
                    if (createClient(server_.port(), writerTokens[static_cast<std::size_t>(w)], id,
                                     w, n)) {
                        std::lock_guard g(ackedMutex);
                        acked.insert(id);
                    } else {
                        ++refused;
                    }
                }
                --writing;
            });
        }
        for (auto& r : readers) {
            threads.emplace_back([&writing, &r] {
                while (writing.load() > 0 && r.fault.empty()) {
                    r.page(3);
                }
                // Everything is acknowledged now: read to the end.
                while (r.fault.empty() && r.page(50)) {
                }
            });
        }
        for (auto& t : threads) {
            t.join();
        }
        QCOMPARE(refused.load(), 0);
        QCOMPARE(acked.size(), std::size_t(kWriters * kClientsPerWriter));
        for (const auto& r : readers) {
            QVERIFY2(r.fault.empty(), r.fault.c_str());
            std::vector<std::string> missing;
            std::set_difference(acked.begin(), acked.end(), r.clients.begin(), r.clients.end(),
                                std::back_inserter(missing));
            QVERIFY2(missing.empty(), ("a reader never received client " +
                                       (missing.empty() ? std::string() : missing.front()) + " (" +
                                       std::to_string(missing.size()) + " missing)")
                                          .c_str());
            QCOMPARE(r.cursor, currentSeq(server_));
        }
    }

    /// The live fan-out trusts a token check for up to
    /// LiveHub::kTokenRecheckMs, but not for a user whose record changed in
    /// its range: a user deactivated right after a fan-out checked their
    /// token has their live connection closed (1008 user_inactive) by the
    /// next fan-out, not a "changed" notice.
    void deactivatedUserClosedAtOnce() {
        auto admin =
            addUserAndLogin(server_, QStringLiteral("conc.admin"), QStringLiteral("admin"));
        auto victim =
            addUserAndLogin(server_, QStringLiteral("conc.victim"), QStringLiteral("manager"));
        auto head = loginAs(server_, QStringLiteral("celia.rouche"), "head");
        QVERIFY(!admin.token.isEmpty() && !victim.token.isEmpty() && !head.token.isEmpty());
        device::LiveClient live(server_.url().toStdString(), victim.token.toStdString());
        QCOMPARE(live.connect().type, std::string("ready"));
        // A fan-out checks (and keeps) the victim's token.
        QVERIFY(!head.create("client", {{"name", "Fan-out before a deactivation"}}).empty());
        auto version = serverRecord(server_, "user", victim.userId)["version"].get<std::int64_t>();
        auto r = admin.push("user", victim.userId, {{"active", false}}, version);
        QCOMPARE(outcomeOf(r), std::string("applied"));
        bool closed = false;
        for (int i = 0; i < 5 && !closed; ++i) {
            try {
                if (!live.next(5000)) {
                    break;
                }
            } catch (const device::NetworkError&) {
                closed = true;
            }
        }
        QVERIFY2(closed, "the deactivated user's live connection stayed open");
        QCOMPARE(live.closeCode(), 1008);
    }

    /// SIGTERM while the I/O threads are busy with large pulls and pushes:
    /// exit 0 within TestServer::stop()'s bound, nothing acknowledged lost.
    void stopsPromptlyWhileBusy() {
        auto token =
            loginToken(server_.port(), QStringLiteral("celia.rouche"), QStringLiteral("demo"));
        QVERIFY(!token.isEmpty());
        // Pushes all along; the stop comes while they run.
        std::mutex ackedMutex;
        std::vector<std::string> acked;
        std::atomic<bool> stopWriting{false};
        std::thread writer([&] {
            for (int n = 0; !stopWriting.load() && n < 500; ++n) {
                auto id = domain::newUuid();
                if (createClient(server_.port(), token, id, 9, n)) {
                    std::lock_guard g(ackedMutex);
                    acked.push_back(id);
                }
            }
        });
        struct StopWriter {
            std::atomic<bool>& stop;
            std::thread& thread;
            ~StopWriter() {
                stop = true;
                if (thread.joinable()) {
                    thread.join();
                }
            }
        } stopWriter{stopWriting, writer};
        for (int i = 0; i < 500; ++i) {
            {
                std::lock_guard g(ackedMutex);
                if (acked.size() >= 3) {
                    break;
                }
            }
            QTest::qSleep(10);
        }
        // Many whole-stream pulls of the head, each a page of 5000.
        std::vector<std::unique_ptr<QTcpSocket>> pulls;
        for (int i = 0; i < 24; ++i) {
            auto s = std::make_unique<QTcpSocket>();
            s->connectToHost(QStringLiteral("127.0.0.1"), static_cast<quint16>(server_.port()));
            QVERIFY(s->waitForConnected(5000));
            s->write("GET /api/v1/sync/pull?cursor=0&limit=5000 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     "Connection: close\r\nX-Fieldbook-Protocol: 1\r\nAuthorization: Bearer " +
                     token + "\r\n\r\n");
            QVERIFY(s->waitForBytesWritten(5000));
            pulls.push_back(std::move(s));
        }
        // The first answer says the server is at work on them.
        bool busy = false;
        for (int i = 0; i < 300 && !busy; ++i) {
            for (auto& s : pulls) {
                busy = busy || s->bytesAvailable() > 0 || s->waitForReadyRead(10);
            }
        }
        QVERIFY(busy);
        QElapsedTimer stopTime;
        stopTime.start();
        const int code = server_.stop();
        qInfo("stopped in %lld ms", static_cast<long long>(stopTime.elapsed()));
        stopWriting = true;
        writer.join();
        QCOMPARE(code, 0);
        QVERIFY(server_.serverLog().contains("fieldbook-server: stopped"));
        QVERIFY(!acked.empty());
        store::Database d(server_.dbPath().toStdString());
        {
            store::Statement check(d, "PRAGMA integrity_check");
            QVERIFY(check.step());
            QCOMPARE(check.text(0), std::string("ok"));
        }
        for (const auto& id : acked) {
            store::Statement st(d, "SELECT count(*) FROM clients WHERE id = ?1");
            st.bind(1, id);
            QVERIFY(st.step());
            QVERIFY2(st.int64(0) == 1, ("acknowledged client " + id + " is missing").c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TestConcurrentPull)
#include "tst_concurrent_pull.moc"
