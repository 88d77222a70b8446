// SPDX-License-Identifier: MIT
// Where reports run (docs/reports.md "Where reports run"): on report threads
// of their own with a bounded queue, not on the server's I/O threads. A real
// fieldbook-server with --report-threads 1 --report-queue 1 and the sample:
// concurrent whole-company reports beyond the queue get 503 reports_busy with
// Retry-After, the others the right figures, and a pull and /healthz answer
// correctly meanwhile; a server stopped while reports run exits cleanly.
#include <QtTest>

#include "raw_http.h"
#include "test_server.h"

#include <QTcpSocket>

#include <nlohmann/json.hpp>

#include <thread>
#include <vector>

using namespace fieldbook::test;
using nlohmann::json;

namespace {

QByteArray getRequest(const QByteArray& path, const QByteArray& token) {
    QByteArray req = "GET " + path +
                     " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                     "X-Fieldbook-Protocol: 1\r\n";
    if (!token.isEmpty()) {
        req += "Authorization: Bearer " + token + "\r\n";
    }
    return req + "\r\n";
}

} // namespace

class TestReportThreads : public QObject {
    Q_OBJECT

    TestServer server_;
    QByteArray head_;    // celia.rouche, head
    QByteArray manager_; // darcel.schlecht, manager
    /// The slow whole-company reports and their answers, asked one at a time.
    const std::vector<QByteArray> slow_{"/api/v1/reports/deal_durations", "/api/v1/reports/funnel"};
    std::vector<json> expected_;

  private slots:
    void initTestCase() {
        QVERIFY(server_.start(true, {QStringLiteral("--report-threads"), QStringLiteral("1"),
                                     QStringLiteral("--report-queue"), QStringLiteral("1")}));
        head_ = loginToken(server_.port(), QStringLiteral("celia.rouche"), QStringLiteral("demo"));
        manager_ =
            loginToken(server_.port(), QStringLiteral("darcel.schlecht"), QStringLiteral("demo"));
        QVERIFY(!head_.isEmpty() && !manager_.isEmpty());
        for (const auto& path : slow_) {
            auto r = rawSend(server_.port(), getRequest(path, head_));
            QCOMPARE(r.status, 200);
            expected_.push_back(json::parse(r.body.toStdString()));
            QVERIFY(!expected_.back()["rows"].empty());
        }
    }

    /// Six reports at once on one report thread with one waiting place: at
    /// least one is refused with 503 reports_busy, Retry-After and a JSON
    /// body; every other one answers the same figures as alone. A pull and
    /// /healthz sent meanwhile answer correctly.
    void busyBeyondTheQueue() {
        int busy = 0;
        int answered = 0;
        // Bursts until one is refused: a burst's first report normally
        // still runs when the third arrives, but no timing is assumed.
        for (int round = 0; round < 10 && (busy == 0 || answered == 0); ++round) {
            constexpr int kParallel = 6;
            std::vector<RawResponse> got(kParallel);
            std::vector<std::thread> clients;
            for (int i = 0; i < kParallel; ++i) {
                clients.emplace_back(
                    [&, i] { got[i] = rawSend(server_.port(), getRequest(slow_[i % 2], head_)); });
            }
            auto pull = rawSend(server_.port(),
                                getRequest("/api/v1/sync/pull?cursor=0&limit=50", manager_));
            auto health = rawSend(server_.port(), getRequest("/healthz", {}));
            for (auto& t : clients) {
                t.join();
            }
            QCOMPARE(pull.status, 200);
            QCOMPARE(pull.json().value(QStringLiteral("changes")).toArray().size(), 50);
            QCOMPARE(health.status, 200);
            QCOMPARE(health.json().value(QStringLiteral("status")).toString(),
                     QStringLiteral("ok"));
            for (int i = 0; i < kParallel; ++i) {
                const auto& r = got[i];
                if (r.status == 503) {
                    ++busy;
                    QCOMPARE(r.errorCode(), QStringLiteral("reports_busy"));
                    QCOMPARE(r.header("Retry-After"), QByteArray("2"));
                    QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
                    // The limits by name, not as if they were current counts.
                    QVERIFY(r.json()
                                .value(QStringLiteral("error"))
                                .toObject()
                                .value(QStringLiteral("message"))
                                .toString()
                                .contains(QStringLiteral("(report threads: 1, queue: 1)")));
                    QVERIFY(!r.json()
                                 .value(QStringLiteral("error"))
                                 .toObject()
                                 .value(QStringLiteral("message"))
                                 .toString()
                                 .isEmpty());
                } else {
                    QCOMPARE(r.status, 200);
                    ++answered;
                    auto body = json::parse(r.body.toStdString());
                    QVERIFY(body == expected_[i % 2]);
                }
            }
        }
        QVERIFY(busy > 0);
        QVERIFY(answered > 0);
    }

    /// What would be refused anyway is refused before it takes a place in
    /// the queue, with the usual codes.
    void checkedBeforeQueued() {
        auto noToken = rawSend(server_.port(), getRequest(slow_[0], {}));
        QCOMPARE(noToken.status, 401);
        QCOMPARE(noToken.errorCode(), QStringLiteral("missing_token"));
        auto post = rawHttp(server_.port(), "POST", slow_[0], "{}", head_);
        QCOMPARE(post.status, 405);
        QCOMPARE(post.errorCode(), QStringLiteral("method_not_allowed"));
        auto unknown = rawSend(server_.port(), getRequest("/api/v1/reports/nope", head_));
        QCOMPARE(unknown.status, 404);
        QCOMPARE(unknown.errorCode(), QStringLiteral("unknown_report"));
    }

    /// A report thread count or queue out of range is a usage error (exit 2)
    /// before any file is made.
    void badServeOptions() {
        QTemporaryDir dir;
        const auto db = dir.path() + QStringLiteral("/x.db");
        for (const QStringList& bad :
             {QStringList{QStringLiteral("--report-threads"), QStringLiteral("0")},
              QStringList{QStringLiteral("--report-queue"), QStringLiteral("-1")}}) {
            auto r = run(binPath(QStringLiteral("fieldbook-server")),
                         QStringList{QStringLiteral("serve"), QStringLiteral("--db"), db} + bad);
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.contains("--report-threads must be 1..64, --report-queue 0..10000"),
                     r.err.constData());
            QVERIFY(!QFile::exists(db));
        }
    }

    /// SIGTERM while reports run and wait: the server stops cleanly (exit 0;
    /// under ASan no report thread touches freed state).
    void stopWhileReportsRun() {
        std::vector<std::unique_ptr<QTcpSocket>> sockets;
        for (int i = 0; i < 3; ++i) {
            auto s = std::make_unique<QTcpSocket>();
            s->connectToHost(QStringLiteral("127.0.0.1"), static_cast<quint16>(server_.port()));
            QVERIFY(s->waitForConnected(5000));
            s->write(getRequest(slow_[0], head_));
            QVERIFY(s->waitForBytesWritten(5000));
            sockets.push_back(std::move(s));
        }
        // An answer to one of them (normally the third's 503) means the
        // server has read them: the others run or wait.
        bool answered = false;
        for (int i = 0; i < 150 && !answered; ++i) {
            for (auto& s : sockets) {
                answered = answered || s->bytesAvailable() > 0 || s->waitForReadyRead(100);
            }
        }
        QVERIFY(answered);
        QCOMPARE(server_.stop(), 0);
        QVERIFY(server_.serverLog().contains("fieldbook-server: stopped"));
    }
};

QTEST_GUILESS_MAIN(TestReportThreads)
#include "tst_report_threads.moc"
