// SPDX-License-Identifier: MIT
// The device never keeps showing a value the server does not have: a refused
// edit and a losing edit are replaced by the server's copy from the push
// answer, even when the record will not change on the server again.
#include "device/http_transport.h"
#include "device/replica.h"
#include "device/sync_engine.h"
#include "domain/clock.h"
#include "store/database.h"
#include "sync/hlc.h"
#include "sync_helpers.h"

#include <QThread>

using namespace fieldbook::test;
namespace device = fieldbook::device;

namespace {
/// Writes `fields` onto a record of `table` (inserting it when `insert`) and
/// queues them as one mutation, straight into the replica's file: what a
/// device with older or tampered checks would send. The replica's own edits
/// now refuse these (the device checks first), so this is the honest way to
/// make the server refuse an edit and see what the device does then.
void injectUnchecked(device::Replica& r, const std::string& entity, const std::string& table,
                     const std::string& id, bool insert, const nlohmann::json& fields) {
    using fieldbook::store::Statement;
    fieldbook::store::Transaction tx(r.db());
    std::int64_t base = 0;
    if (insert) {
        Statement st(r.db(), "INSERT INTO " + table +
                                 "(id, version, updated_at, updated_by, deleted) "
                                 "VALUES(?, 0, 0, '', 0)");
        st.bind(1, id).run();
    } else {
        base = r.record(entity, id)["version"].get<std::int64_t>();
    }
    for (const auto& [name, value] : fields.items()) {
        Statement st(r.db(), "UPDATE " + table + " SET " + name + " = ? WHERE id = ?");
        if (value.is_string()) {
            st.bind(1, value.get<std::string>());
        } else {
            st.bind(1, value.get<std::int64_t>());
        }
        st.bind(2, id).run();
    }
    auto session = r.session();
    Statement last(r.db(), "SELECT value FROM meta WHERE key = 'hlc'");
    auto lastHlc = last.step() ? fieldbook::sync::Hlc::parse(last.text(0)) : std::nullopt;
    fieldbook::sync::HlcClock clock(session->deviceId, lastHlc.value_or(fieldbook::sync::Hlc{}));
    auto stamp = clock.tick(fieldbook::domain::nowMs()).toString();
    Statement meta(r.db(), "INSERT OR REPLACE INTO meta(key, value) VALUES('hlc', ?)");
    meta.bind(1, stamp).run();
    Statement out(r.db(), "INSERT INTO outbox(mutation_id, entity, record_id, op, base_version, "
                          "fields, hlc, created_at) VALUES(?, ?, ?, 'upsert', ?, ?, ?, ?)");
    out.bind(1, fieldbook::domain::newUuid())
        .bind(2, entity)
        .bind(3, id)
        .bind(4, base)
        .bind(5, fields.dump())
        .bind(6, stamp)
        .bind(7, fieldbook::domain::nowMs())
        .run();
    tx.commit();
}
} // namespace

class TestDeviceConsistency : public QObject {
    Q_OBJECT

    TestServer server_;

  private slots:
    void initTestCase() { QVERIFY(server_.start()); }

    void refusedEditIsRolledBackAndKept() {
        CliDevice darcel;
        QVERIFY(darcel.login(server_.url(), QStringLiteral("darcel.schlecht")));
        darcel.sync();
        auto client = darcel.clientId(QStringLiteral("Zencorporation"));
        // A manager may not reassign a curator (SPEC §1): the device refuses
        // it first...
        auto someone = QStringLiteral("54dab551-0000-4000-8000-000000000000");
        darcel.cmd({QStringLiteral("edit-client"), client, QStringLiteral("--set"),
                    QStringLiteral("notes=kept"), QStringLiteral("--set"),
                    QStringLiteral("curator_id=") + someone},
                   2);
        QVERIFY(darcel.lastErr.contains("(forbidden)"));
        // ...and the server refuses it from a device whose checks let it through.
        {
            device::Replica replica(darcel.profile().toStdString() + "/replica.db");
            injectUnchecked(replica, "client", "clients", client.toStdString(), false,
                            {{"notes", "kept"}, {"curator_id", someone.toStdString()}});
            QCOMPARE(replica.record("client", client.toStdString())["notes"], "kept");
        }
        auto s = darcel.sync();
        QCOMPARE(s[QStringLiteral("rejected")].toInt(), 1);
        auto card = darcel.json({QStringLiteral("client"), client})
                        .object()[QStringLiteral("client")]
                        .toObject();
        QVERIFY(card[QStringLiteral("curator_id")].isNull()); // the server's value again
        QVERIFY(card[QStringLiteral("notes")].isNull());
        auto rejected = darcel.json({QStringLiteral("rejected")}).array();
        QCOMPARE(rejected.size(), 1);
        auto r = rejected[0].toObject();
        QCOMPARE(r[QStringLiteral("fields")].toObject()[QStringLiteral("notes")].toString(),
                 QStringLiteral("kept"));
        QVERIFY(!r[QStringLiteral("error_code")].toString().isEmpty());
    }

    void refusedCreateDisappearsButIsKept() {
        CliDevice darcel;
        QVERIFY(darcel.login(server_.url(), QStringLiteral("darcel.schlecht")));
        darcel.sync();
        auto client = darcel.clientId(QStringLiteral("Zencorporation"));
        // A history entry naming a deal the server does not have. The replica
        // refuses it (unknown_deal); a device with older checks sends it.
        device::Replica replica(darcel.profile().toStdString() + "/replica.db");
        nlohmann::json entry = {{"client_id", client.toStdString()},
                                {"deal_id", "00000000-0000-4000-8000-00000000dead"},
                                {"kind", "note"},
                                {"summary", "refers to a deal that does not exist"},
                                {"occurred_at", 1796030100000LL}};
        QVERIFY_THROWS_EXCEPTION(device::DomainError, replica.createRecord("history_entry", entry));
        auto id = fieldbook::domain::newUuid();
        injectUnchecked(replica, "history_entry", "history_entries", id, true, entry);
        QVERIFY(!replica.record("history_entry", id).is_null());
        device::HttpTransport http(server_.url().toStdString());
        device::SyncEngine engine(replica, http);
        auto summary = engine.sync();
        QCOMPARE(summary.rejected, 1);
        QVERIFY(replica.record("history_entry", id).is_null());  // not shown as if saved
        QCOMPARE(replica.rejectedMutations().size(), size_t(1)); // but nothing lost
        QCOMPARE(replica.rejectedMutations()[0]["error_code"], "unknown_reference");
        // A new entry is said to be one, not "edit of history_entry" (fresh-user).
        QCOMPARE(replica.rejectedMutations()[0]["op"], "create");
        auto text = darcel.cmd({QStringLiteral("rejected")});
        QVERIFY2(text.contains(" new history_entry \"refers to a deal that does not exist\"") &&
                     !text.contains("edit of"),
                 text.constData());
    }

    void losingEditPulledEarlierIsReplaced() {
        CliDevice darcel;
        CliDevice celia;
        QVERIFY(darcel.login(server_.url(), QStringLiteral("darcel.schlecht")));
        QVERIFY(celia.login(server_.url(), QStringLiteral("celia.rouche")));
        darcel.sync();
        celia.sync();
        auto client = darcel.clientId(QStringLiteral("Zencorporation"));
        darcel.cmd({QStringLiteral("edit-client"), client, QStringLiteral("--set"),
                    QStringLiteral("phone=DARCEL")});
        QThread::msleep(5);
        celia.cmd({QStringLiteral("edit-client"), client, QStringLiteral("--set"),
                   QStringLiteral("phone=CELIA")});
        celia.sync();

        // Darcel's device pulls Celia's write while its own older edit is still pending
        // (the app does this when an edit lands between push and pull).
        device::Replica replica(darcel.profile().toStdString() + "/replica.db");
        device::HttpTransport http(server_.url().toStdString());
        auto session = replica.session();
        auto page = http.request(
            "GET",
            "/api/v1/sync/pull?cursor=" + std::to_string(replica.status().cursor) + "&limit=1000",
            "", session->token);
        QCOMPARE(page.status, 200);
        replica.applyPull(fieldbook::sync::pullResponseFromJson(nlohmann::json::parse(page.body)));
        QCOMPARE(replica.record("client", client.toStdString())["phone"],
                 "DARCEL"); // pending stays on top

        device::SyncEngine engine(replica, http);
        auto summary =
            engine.sync(); // the older edit loses; the record does not change on the server
        QCOMPARE(summary.conflicts, 1);
        QCOMPARE(replica.record("client", client.toStdString())["phone"], "CELIA");
    }

    void outboxLargerThanOneRequestStillSyncs() {
        // 140 valid notes of 60 KB are 8.4 MB: more than one request may carry.
        CliDevice darcel;
        QVERIFY(darcel.login(server_.url(), QStringLiteral("darcel.schlecht")));
        darcel.sync();
        auto client = darcel.clientId(QStringLiteral("Zencorporation"));
        device::Replica replica(darcel.profile().toStdString() + "/replica.db");
        std::string text(60 * 1024, 'n');
        for (int i = 0; i < 140; ++i) {
            replica.logHistory(client.toStdString(), "note", std::to_string(i) + text, "",
                               1796030100000LL + i);
        }
        device::HttpTransport http(server_.url().toStdString());
        device::SyncEngine engine(replica, http);
        auto summary = engine.sync();
        QCOMPARE(summary.pushed, 140);
        QCOMPARE(replica.status().pending, 0);
    }

    void anotherServerStartsFromAnEmptyReplica() {
        TestServer other;
        QVERIFY(other.start());
        CliDevice device;
        QVERIFY(device.login(server_.url(), QStringLiteral("darcel.schlecht")));
        device.sync();
        auto client = device.clientId(QStringLiteral("Zencorporation"));
        device.cmd({QStringLiteral("edit-client"), client, QStringLiteral("--set"),
                    QStringLiteral("phone=A-ONLY")});
        // Pending edits for server A: logging in elsewhere is refused, nothing lost.
        QVERIFY(!device.login(other.url(), QStringLiteral("darcel.schlecht")));
        QVERIFY(device.lastErr.contains("replica_owned_by_other_user"));
        QCOMPARE(
            device.json({QStringLiteral("status")}).object()[QStringLiteral("pending")].toInt(), 1);
        device.sync();
        auto onA =
            device.json({QStringLiteral("status")}).object()[QStringLiteral("cursor")].toInteger();
        QVERIFY(onA > 0);
        // Now empty outbox: server B's replica starts from nothing, so it holds B's values only.
        QVERIFY(device.login(other.url(), QStringLiteral("darcel.schlecht")));
        QCOMPARE(
            device.json({QStringLiteral("status")}).object()[QStringLiteral("cursor")].toInteger(),
            0);
        device.sync();
        auto card = device.json({QStringLiteral("client"), client})
                        .object()[QStringLiteral("client")]
                        .toObject();
        QVERIFY(card[QStringLiteral("phone")].isNull());
        QCOMPARE(device.json({QStringLiteral("deals")}).array().size(), 747);
    }

    void nextUserDoesNotSeeRefusedEdits() {
        CliDevice device;
        QVERIFY(device.login(server_.url(), QStringLiteral("darcel.schlecht")));
        device.sync();
        auto client = device.clientId(QStringLiteral("Zencorporation"));
        // The replica refuses a manager's curator change itself; one sent by a
        // device with older checks is refused by the server.
        {
            device::Replica replica(device.profile().toStdString() + "/replica.db");
            injectUnchecked(replica, "client", "clients", client.toStdString(), false,
                            {{"curator_id", "54dab551-0000-4000-8000-000000000000"}});
        }
        QCOMPARE(device.sync()[QStringLiteral("rejected")].toInt(), 1);
        QCOMPARE(device.json({QStringLiteral("rejected")}).array().size(), 1);
        QVERIFY(device.login(server_.url(), QStringLiteral("boris.faz")));
        QCOMPARE(device.json({QStringLiteral("rejected")}).array().size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestDeviceConsistency)
#include "tst_device_consistency.moc"
