// SPDX-License-Identifier: MIT
// Done-when 4 of issue 2: a push whose reply is lost after the server
// committed is retried and applies once. Also: a pull interrupted between
// pages resumes from the stored cursor and ends in the same replica.
#include "cli_commands.h"
#include "device/http_transport.h"
#include "device/replica.h"
#include "device/sync_engine.h"
#include "raw_http.h"
#include "store/database.h"
#include "sync_helpers.h"

#include <sstream>

using namespace fieldbook::test;
namespace device = fieldbook::device;

namespace {

/// Forwards to the real server, then loses the reply of the Nth request of
/// `path` (the server has done the work; the device never hears of it).
class LosingTransport : public device::Transport {
  public:
    LosingTransport(const std::string& url, std::string path, int loseNth)
        : real_(url), path_(std::move(path)), loseNth_(loseNth) {}
    device::HttpResponse request(std::string_view method, std::string_view target,
                                 std::string_view body, std::string_view bearer) override {
        auto r = real_.request(method, target, body, bearer);
        if (target.substr(0, path_.size()) == path_ && ++seen_ == loseNth_) {
            throw device::NetworkError("connection reset (reply lost by the test)");
        }
        return r;
    }

  private:
    device::HttpTransport real_;
    std::string path_;
    int loseNth_;
    int seen_ = 0;
};

int runInProcess(const QString& profile, const QStringList& args,
                 const fieldbook::cli::TransportFactory& f, std::string* err = nullptr) {
    std::vector<std::string> a{"--profile", profile.toStdString()};
    for (const auto& s : args) {
        a.push_back(s.toStdString());
    }
    std::istringstream in;
    std::ostringstream out, e;
    int rc = fieldbook::cli::runCli(a, in, out, e, f);
    if (err) {
        *err = e.str();
    }
    return rc;
}

std::int64_t countOnServer(const QString& db, const std::string& summary) {
    fieldbook::store::Database d(db.toStdString());
    fieldbook::store::Statement st(d, "SELECT COUNT(*) FROM history_entries WHERE summary = ?");
    st.bind(1, summary);
    st.step();
    return st.int64(0);
}
} // namespace

class TestPushRetry : public QObject {
    Q_OBJECT

    TestServer server_;

  private slots:
    void initTestCase() { QVERIFY(server_.start()); }

    void lostReplyAppliesOnce() {
        CliDevice darcel;
        QVERIFY(darcel.login(server_.url(), QStringLiteral("darcel.schlecht")));
        darcel.sync();
        auto client = darcel.clientId(QStringLiteral("Zencorporation"));
        const std::string summary = "Lost-reply meeting";
        darcel.cmd({QStringLiteral("log"), client, QStringLiteral("--kind"),
                    QStringLiteral("meeting"), QStringLiteral("--summary"),
                    QString::fromStdString(summary)});

        std::string err;
        int rc = runInProcess(
            darcel.profile(), {QStringLiteral("sync")},
            [](const std::string& url) {
                return std::make_unique<LosingTransport>(url, "/api/v1/sync/push", 1);
            },
            &err);
        QCOMPARE(rc, 1);
        QVERIFY(QString::fromStdString(err).contains(QStringLiteral("reply lost")));
        QCOMPARE(countOnServer(server_.dbPath(), summary), 1); // committed
        QCOMPARE(
            darcel.json({QStringLiteral("status")}).object()[QStringLiteral("pending")].toInt(), 1);

        auto retry = darcel.sync(); // the same mutation id again
        QCOMPARE(retry[QStringLiteral("pushed")].toInt(), 1);
        QCOMPARE(countOnServer(server_.dbPath(), summary), 1);
        QCOMPARE(
            darcel.json({QStringLiteral("status")}).object()[QStringLiteral("pending")].toInt(), 0);
        auto history = darcel.json({QStringLiteral("client"), client})
                           .object()[QStringLiteral("history")]
                           .toArray();
        int seen = 0;
        for (const auto& h : history) {
            seen += h.toObject()[QStringLiteral("summary")].toString() ==
                    QString::fromStdString(summary);
        }
        QCOMPARE(seen, 1);
    }

    void clientKilledMidPushAppliesOnce() {
        // The device writes the push and vanishes without reading the answer.
        QByteArray deviceId;
        auto token = loginToken(server_.port(), QStringLiteral("darcel.schlecht"),
                                QStringLiteral("demo"), &deviceId);
        CliDevice darcel;
        QVERIFY(darcel.login(server_.url(), QStringLiteral("darcel.schlecht")));
        darcel.sync();
        auto client = darcel.clientId(QStringLiteral("Zencorporation"));
        const QString mutation = QStringLiteral("7d3c2a8e-0000-4000-8000-00000000beef");
        QByteArray body =
            QStringLiteral(
                R"({"mutations":[{"mutation_id":"%1","entity":"history_entry","record_id":"6d3c2a8e-0000-4000-8000-00000000cafe","op":"upsert","base_version":0,"fields":{"client_id":"%2","kind":"call","summary":"Killed-client call","occurred_at":1796030100000},"hlc":"001796030100000-000000-dev"}]})")
                .arg(mutation, client)
                .toUtf8();
        QByteArray req =
            "POST /api/v1/sync/push HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            "Authorization: Bearer " +
            token + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        {
            QTcpSocket s;
            s.connectToHost(QStringLiteral("127.0.0.1"), static_cast<quint16>(server_.port()));
            QVERIFY(s.waitForConnected(5000));
            s.write(req);
            QVERIFY(s.waitForBytesWritten(5000));
            s.abort(); // RST: the reply has nowhere to go
        }
        QTRY_COMPARE_WITH_TIMEOUT(countOnServer(server_.dbPath(), "Killed-client call"), 1, 5000);
        auto again = rawHttp(server_.port(), "POST", "/api/v1/sync/push", body, token);
        QCOMPARE(again.status, 200);
        auto result = again.json()[QStringLiteral("results")].toArray()[0].toObject();
        QCOMPARE(result[QStringLiteral("status")].toString(), QStringLiteral("applied"));
        QCOMPARE(result[QStringLiteral("duplicate")].toBool(), true);
        QCOMPARE(countOnServer(server_.dbPath(), "Killed-client call"), 1);
    }

    void interruptedPullResumes() {
        CliDevice reference;
        QVERIFY(reference.login(server_.url(), QStringLiteral("darcel.schlecht")));
        reference.sync();
        auto expected = reference.json({QStringLiteral("deals")}).array().size();

        QTemporaryDir dir;
        device::Replica replica(dir.filePath(QStringLiteral("replica.db")).toStdString());
        {
            device::HttpTransport http(server_.url().toStdString());
            device::SyncEngine engine(replica, http);
            engine.login(server_.url().toStdString(), "darcel.schlecht", "demo", "test");
        }
        LosingTransport flaky(server_.url().toStdString(), "/api/v1/sync/pull", 4);
        device::SyncEngine engine(replica, flaky);
        engine.pullPageSize = 100;
        QVERIFY_THROWS_EXCEPTION(device::NetworkError, engine.sync());
        auto midway = replica.status().cursor;
        QVERIFY(midway > 0); // three pages were kept
        QCOMPARE(static_cast<int>(replica.deals(false).size()) < expected, true);

        device::HttpTransport http(server_.url().toStdString());
        device::SyncEngine resumed(replica, http);
        resumed.pullPageSize = 100;
        auto summary = resumed.sync();
        QVERIFY(summary.pulled > 0);
        QCOMPARE(static_cast<qsizetype>(replica.deals(false).size()), expected);
        QCOMPARE(replica.status().lastError, std::string());
    }
};

QTEST_GUILESS_MAIN(TestPushRetry)
#include "tst_push_retry.moc"
