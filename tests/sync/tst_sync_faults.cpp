// SPDX-License-Identifier: MIT
// Issue 4, proof 2: a loopback fault proxy (tests/support/fault_proxy.*)
// between a device (the real Replica + SyncEngine over HTTP) and the real
// server loses replies after the server committed, truncates them, resets
// connections before and after the server saw the request, answers 503 and
// delays, on push and on a later pull page, once and repeatedly. After the
// device syncs again: each mutation is applied exactly once (the server's
// applied log and its records against the device's outbox as it was),
// PRAGMA integrity_check is ok on both databases, and the replica equals
// the server's state for its user.
#include "convergence_harness.h"
#include "device/http_transport.h"
#include "device/replica.h"
#include "device/sync_engine.h"
#include "fault_proxy.h"
#include "store/database.h"
#include "sync_helpers.h"

using namespace fieldbook::test;
namespace device = fieldbook::device;

Q_DECLARE_METATYPE(fieldbook::test::Fault)

namespace {
std::int64_t serverCount(const QString& db, const std::string& sql, const std::string& a,
                         const std::string& b = {}) {
    fieldbook::store::Database d(db.toStdString());
    fieldbook::store::Statement st(d, sql);
    st.bind(1, a);
    if (!b.empty()) {
        st.bind(2, b);
    }
    st.step();
    return st.int64(0);
}

/// A device whose every request goes through the proxy.
struct ProxiedDevice {
    QTemporaryDir dir;
    std::string path = (dir.path() + u"/replica.db"_qs).toStdString();
    device::Replica replica{path};
    device::HttpTransport http;
    device::SyncEngine engine{replica, http};
    explicit ProxiedDevice(const std::string& url) : http(url, 5000) {}
};
} // namespace

class TestSyncFaults : public QObject {
    Q_OBJECT

    TestServer server_;
    std::unique_ptr<FaultProxy> proxy_;
    std::unique_ptr<ProxiedDevice> darcel_; ///< the device under faults
    std::unique_ptr<ProxiedDevice> tablet_; ///< darcel's second device: writes what the first pulls
    std::string client_;                    ///< one of darcel's clients
    int round_ = 0;

  private slots:
    void initTestCase() {
        QVERIFY(server_.start());
        proxy_ = std::make_unique<FaultProxy>(server_.port());
        darcel_ = std::make_unique<ProxiedDevice>(proxy_->url());
        tablet_ = std::make_unique<ProxiedDevice>(proxy_->url());
        darcel_->engine.login(proxy_->url(), "darcel.schlecht", "demo", "darcel-phone");
        tablet_->engine.login(proxy_->url(), "darcel.schlecht", "demo", "darcel-tablet");
        darcel_->engine.sync();
        auto clients = darcel_->replica.clients("Zencorporation");
        QVERIFY(!clients.empty());
        client_ = clients[0]["id"].get<std::string>();
        tablet_->engine.sync();
        // Pull pages of two records, so a pull fault can hit a later page.
        darcel_->engine.pullPageSize = 2;
        darcel_->engine.pushBatchSize = 3;
    }

    void faultThenRecovery_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<fieldbook::test::Fault>("fault");
        QTest::addColumn<int>("times");       // consecutive requests that get the fault
        QTest::addColumn<int>("skip");        // matching requests passed through first
        QTest::addColumn<int>("failedSyncs"); // syncs that fail before one succeeds
        const QString push = u"/api/v1/sync/push"_qs;
        const QString pull = u"/api/v1/sync/pull"_qs;
        QTest::newRow("push: reply lost after commit") << push << Fault::DropReply << 1 << 0 << 1;
        QTest::newRow("push: second batch's reply lost") << push << Fault::DropReply << 1 << 1 << 1;
        QTest::newRow("push: reply lost three times") << push << Fault::DropReply << 3 << 0 << 3;
        QTest::newRow("push: reply truncated") << push << Fault::TruncateReply << 1 << 0 << 1;
        QTest::newRow("push: reset before the server") << push << Fault::ResetBefore << 1 << 0 << 1;
        QTest::newRow("push: reset after the server") << push << Fault::ResetAfter << 1 << 0 << 1;
        QTest::newRow("push: 503") << push << Fault::ServerError << 2 << 0 << 2;
        QTest::newRow("push: delayed") << push << Fault::Delay << 1 << 0 << 0;
        QTest::newRow("pull: first page lost") << pull << Fault::DropReply << 1 << 0 << 1;
        QTest::newRow("pull: later page lost") << pull << Fault::DropReply << 1 << 2 << 1;
        QTest::newRow("pull: later page truncated") << pull << Fault::TruncateReply << 1 << 1 << 1;
        QTest::newRow("pull: reset") << pull << Fault::ResetAfter << 2 << 1 << 2;
        QTest::newRow("pull: 503") << pull << Fault::ServerError << 1 << 1 << 1;
        QTest::newRow("pull: delayed") << pull << Fault::Delay << 1 << 1 << 0;
    }

    void faultThenRecovery() {
        QFETCH(QString, path);
        QFETCH(fieldbook::test::Fault, fault);
        QFETCH(int, times);
        QFETCH(int, skip);
        QFETCH(int, failedSyncs);
        ++round_;
        auto tag = "round " + std::to_string(round_);
        // The other device writes on the client (the first pulls these) ...
        for (int i = 0; i < 4; ++i) {
            tablet_->replica.logHistory(client_, "call", tag + " tablet " + std::to_string(i), {},
                                        1'780'000'000'000);
        }
        tablet_->engine.sync();
        // ... and darcel writes offline: entries and a same-field edit.
        for (int i = 0; i < 5; ++i) {
            darcel_->replica.logHistory(client_, "call", tag + " darcel " + std::to_string(i), {},
                                        1'780'000'000'000);
        }
        darcel_->replica.updateRecord("client", client_, {{"phone", tag + " phone"}});
        auto outbox = darcel_->replica.outbox(1000);
        QCOMPARE(outbox.size(), std::size_t(6));

        if (skip > 0) {
            proxy_->inject(path.toStdString(), Fault::None, skip);
        }
        proxy_->inject(path.toStdString(), fault, times, 20);
        for (int attempt = 0; attempt < failedSyncs; ++attempt) {
            bool failed = false;
            try {
                darcel_->engine.sync();
            } catch (const device::NetworkError&) {
                failed = true;
            } catch (const device::SyncError&) {
                failed = true;
            }
            QVERIFY2(failed, qPrintable(u"sync %1 did not fail"_qs.arg(attempt + 1)));
            QVERIFY(!darcel_->replica.status().lastError.empty());
        }
        auto summary = darcel_->engine.sync(); // the network is fine again
        QCOMPARE(proxy_->pendingFaults(), 0);
        QVERIFY(darcel_->replica.status().lastError.empty());
        QVERIFY(darcel_->replica.outbox(10).empty());
        QCOMPARE(summary.rejected, 0);

        // Exactly once: every mutation of the outbox is in the server's
        // applied log once, as applied, and each entry exists once there and
        // on the device.
        auto db = server_.dbPath();
        auto deviceId = darcel_->replica.session()->deviceId;
        for (const auto& m : outbox) {
            QCOMPARE(serverCount(db,
                                 "SELECT COUNT(*) FROM applied_mutations WHERE device_id = ? AND "
                                 "mutation_id = ? AND json_extract(result, '$.status') = "
                                 "'applied'",
                                 deviceId, m.mutationId),
                     std::int64_t(1));
        }
        for (const char* who : {" darcel ", " tablet "}) {
            for (int i = 0; i < (who[1] == 'd' ? 5 : 4); ++i) {
                auto summaryText = tag + who + std::to_string(i);
                QCOMPARE(serverCount(db, "SELECT COUNT(*) FROM history_entries WHERE summary = ?",
                                     summaryText),
                         std::int64_t(1));
                fieldbook::store::Statement st(darcel_->replica.db(),
                                               "SELECT COUNT(*) FROM history_entries WHERE "
                                               "summary = ?");
                st.bind(1, summaryText);
                st.step();
                QCOMPARE(st.int64(0), std::int64_t(1));
            }
        }
        QCOMPARE(integrityCheck(darcel_->path), std::string("ok"));
        QCOMPARE(integrityCheck(db.toStdString()), std::string("ok"));
        device::HttpTransport direct(server_.url().toStdString());
        auto diff = dumpDifferences(dumpReplica(darcel_->path),
                                    dumpServerScope(direct, darcel_->replica.session()->token));
        std::string lines;
        for (const auto& l : diff) {
            lines += l + "\n";
        }
        QVERIFY2(diff.empty(), lines.c_str());
    }
};

QTEST_GUILESS_MAIN(TestSyncFaults)
#include "tst_sync_faults.moc"
