// SPDX-License-Identifier: MIT
// Issue 4, cursors that survive restores and compaction, and the live-only
// first download (docs/protocol.md "First download", "Restores",
// "Compaction"; docs/architecture.md "Fresh downloads"). A real
// fieldbook-server on a real SQLite file (sample data), the real device
// library over real HTTP; a recording transport only watches requests,
// runs another user's edit between two pages, or cuts the connection.
#include "device/http_transport.h"
#include "device/replica.h"
#include "device/sync_engine.h"
#include "domain/clock.h"
#include "domain/entities.h"
#include "raw_http.h"
#include "record_dump.h"
#include "store/database.h"
#include "sync/hlc.h"
#include "sync/schema.h"
#include "sync_helpers.h"

#include <QFile>

#include <functional>
#include <map>
#include <set>

using namespace fieldbook::test;
namespace device = fieldbook::device;
namespace domain = fieldbook::domain;
namespace store = fieldbook::store;
using nlohmann::json;

namespace {

/// Forwards to the real server and keeps what was asked and answered. After
/// each pulled page it runs `hook` (e.g. another user's edit between two
/// pages); the `cutAt`-th pull is not sent (the connection breaks).
class RecordingTransport : public device::Transport {
  public:
    explicit RecordingTransport(const QString& url) : real_(url.toStdString()) {}
    device::HttpResponse request(std::string_view method, std::string_view target,
                                 std::string_view body, std::string_view bearer) override {
        bool isPull = target.rfind("/api/v1/sync/pull", 0) == 0;
        if (isPull && ++pulls == cutAt) {
            throw device::NetworkError("connection reset (cut by the test)");
        }
        targets.emplace_back(target);
        auto r = real_.request(method, target, body, bearer);
        if (isPull && r.status == 200 && rewrite) {
            rewrite(r.body); // a broken or hostile server's answer
        }
        if (isPull && r.status == 200) {
            pages.push_back(json::parse(r.body));
            if (hook) {
                hook(pages.back());
            }
        }
        statuses.push_back(r.status);
        return r;
    }

    int pulls = 0;
    int cutAt = 0;                             ///< 0: never
    std::function<void(const json&)> hook;     ///< after each pulled page
    std::function<void(std::string&)> rewrite; ///< alters each pulled page's body
    std::vector<std::string> targets;
    std::vector<int> statuses;
    std::vector<json> pages;

  private:
    device::HttpTransport real_;
};

/// Every live record of a replica (or server) file (record_dump.h).
std::set<std::string> dumpRecords(const QString& path) {
    return fieldbook::test::dumpRecords(path, fieldbook::test::Tombstones::Excluded);
}

std::int64_t scalar(const QString& path, const std::string& sql, const std::string& arg = {}) {
    store::Database d(path.toStdString());
    store::Statement st(d, sql);
    if (!arg.empty()) {
        st.bind(1, arg);
    }
    return st.step() ? st.int64(0) : -1;
}

/// A head's raw delete of a record (the device library has no delete of a
/// contact); returns the push result.
QJsonObject deleteAs(int port, const QByteArray& token, const std::string& entity,
                     const std::string& id, std::int64_t version) {
    json body = {{"mutations",
                  {{{"mutation_id", domain::newUuid()},
                    {"entity", entity},
                    {"record_id", id},
                    {"op", "delete"},
                    {"base_version", version},
                    {"hlc", fieldbook::sync::Hlc{domain::nowMs(), 0, "x"}.toString()}}}}};
    auto r =
        rawHttp(port, "POST", "/api/v1/sync/push", QByteArray::fromStdString(body.dump()), token);
    return r.json()[u"results"_qs].toArray()[0].toObject();
}

/// A logged-in in-process device of `login` with its replica in `dir`.
struct Device {
    Device(const TestServer& server, const QString& login)
        : replica(dir.filePath(u"replica.db"_qs).toStdString()) {
        device::HttpTransport http(server.url().toStdString());
        device::SyncEngine engine(replica, http);
        engine.login(server.url().toStdString(), login.toStdString(), "demo", "test");
    }
    device::SyncSummary sync(const TestServer& server, int pageSize = 1000) {
        device::HttpTransport http(server.url().toStdString());
        device::SyncEngine engine(replica, http);
        engine.pullPageSize = pageSize;
        return engine.sync();
    }
    QString path() const { return dir.filePath(u"replica.db"_qs); }
    QTemporaryDir dir;
    device::Replica replica;
};

/// The first live client of the replica.
std::string firstClient(device::Replica& r) {
    auto rows = r.clients("");
    return rows.empty() ? std::string() : rows[0]["id"].get<std::string>();
}

/// Another synced device of darcel.schlecht sets `client`'s notes to
/// `notes` and syncs: the next pull of any of his devices carries it.
void editNotesOnAnotherDevice(TestServer& server, const std::string& client,
                              const std::string& notes) {
    Device other(server, u"darcel.schlecht"_qs);
    other.sync(server);
    other.replica.updateRecord("client", client, {{"notes", notes}});
    other.sync(server);
}

/// A live contact of the server in `login`'s scope: (id, version).
std::pair<std::string, std::int64_t> contactOf(const QString& db, const std::string& clientId) {
    store::Database d(db.toStdString());
    store::Statement st(d, "SELECT id, version FROM contacts WHERE client_id = ? AND deleted = 0 "
                           "ORDER BY id LIMIT 1");
    st.bind(1, clientId);
    if (!st.step()) {
        return {};
    }
    return {st.text(0), st.int64(1)};
}

/// A contact `device` added to its first client and synced: the client, and
/// the contact's id and version on the server (id empty when it is not there).
struct SyncedContact {
    std::string client;
    std::string id;
    std::int64_t version = 0;
};

/// Syncs `device`, adds a contact named `name` to its first client and syncs
/// it to `server` (the sample has no contacts).
SyncedContact addSyncedContact(Device& device, const TestServer& server, const std::string& name) {
    device.sync(server);
    SyncedContact c;
    c.client = firstClient(device.replica);
    device.replica.addContact(c.client, {{"name", name}});
    device.sync(server);
    std::tie(c.id, c.version) = contactOf(server.dbPath(), c.client);
    return c;
}

} // namespace

class TestCursorRecovery : public QObject {
    Q_OBJECT

  private slots:
    /// A page that breaks the protocol in a way JSON parsing alone does not
    /// see is refused whole: nothing applied, the cursor kept, and the next
    /// sane sync brings the change (break-it: a negative cursor was stored
    /// and every later pull refused; a repeated empty "changes" dropped the
    /// page; [1,2] field values were stored as text).
    void alteredPageIsRefusedWhole_data() {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::newRow("negative cursor") << u"\"cursor\":"_qs << u"\"cursor\":-5,\"x\":"_qs;
        QTest::newRow("repeated changes") << u"\"cursor\":"_qs << u"\"changes\":[],\"cursor\":"_qs;
        QTest::newRow("a field of the wrong type")
            << u"\"notes\":\""_qs << u"\"notes\":[1,2],\"x\":\""_qs;
        QTest::newRow("an id that is not one") << u"\"id\":\""_qs << u"\"id\":\"../"_qs;
    }

    void alteredPageIsRefusedWhole() {
        QFETCH(QString, from);
        QFETCH(QString, to);
        TestServer server;
        QVERIFY(server.start());
        Device darcel(server, u"darcel.schlecht"_qs);
        darcel.sync(server);
        const auto cursor = darcel.replica.pullPosition().cursor;
        const auto client = firstClient(darcel.replica);
        QVERIFY(!client.empty());
        editNotesOnAnotherDevice(server, client, "from the other device");

        RecordingTransport rec(server.url());
        rec.rewrite = [&](std::string& body) {
            auto at = body.find(from.toStdString());
            QVERIFY(at != std::string::npos);
            body.replace(at, from.toStdString().size(), to.toStdString());
        };
        {
            device::SyncEngine engine(darcel.replica, rec);
            QVERIFY_THROWS_EXCEPTION(device::SyncError, engine.sync());
        }
        QCOMPARE(darcel.replica.pullPosition().cursor, cursor);
        QVERIFY(darcel.replica.record("client", client)["notes"] != json("from the other device"));
        darcel.sync(server); // the server is sane again
        QCOMPARE(darcel.replica.record("client", client)["notes"], json("from the other device"));
    }

    /// A page that says more is to come without moving the cursor is
    /// refused: taken as it is, the device asked the same page again and
    /// again (break-it: 3,572 requests in 10 s, never ending).
    void stuckCursorIsRefused() {
        TestServer server;
        QVERIFY(server.start());
        Device darcel(server, u"darcel.schlecht"_qs);
        darcel.sync(server);
        const auto cursor = darcel.replica.pullPosition().cursor;
        RecordingTransport rec(server.url());
        rec.rewrite = [&](std::string& body) {
            if (rec.pulls > 20) {
                return; // sane again: without the check the sync ends, unrefused
            }
            auto page = json::parse(body);
            page["cursor"] = cursor;
            page["has_more"] = true;
            body = page.dump();
        };
        {
            device::SyncEngine engine(darcel.replica, rec);
            QVERIFY_THROWS_EXCEPTION(device::SyncError, engine.sync());
        }
        QCOMPARE(rec.pulls, 1); // refused at the first such page
        QCOMPARE(darcel.replica.pullPosition().cursor, cursor);
        darcel.sync(server);
    }

    /// A record twice in one page: the same state twice is taken (a card
    /// that entered the user's scope twice since the cursor comes with each
    /// entry); a second copy that differs is refused with the whole page
    /// (break-it: a deleted copy removed a live client for good, a copy with
    /// a higher version blocked every later update).
    void repeatedRecordInAPage() {
        TestServer server;
        QVERIFY(server.start());
        Device darcel(server, u"darcel.schlecht"_qs);
        darcel.sync(server);
        const auto cursor = darcel.replica.pullPosition().cursor;
        const auto client = firstClient(darcel.replica);
        editNotesOnAnotherDevice(server, client, "edited twice");

        for (const bool differently : {true, false}) {
            RecordingTransport rec(server.url());
            rec.rewrite = [&](std::string& body) {
                auto page = json::parse(body);
                QVERIFY(!page["changes"].empty());
                auto copy = page["changes"][0];
                if (differently) {
                    copy["deleted"] = true;
                    copy["version"] = copy["version"].get<std::int64_t>() + 100;
                }
                page["changes"].push_back(copy);
                body = page.dump();
            };
            device::SyncEngine engine(darcel.replica, rec);
            if (differently) {
                QVERIFY_THROWS_EXCEPTION(device::SyncError, engine.sync());
                QCOMPARE(darcel.replica.pullPosition().cursor, cursor);
                QVERIFY(darcel.replica.record("client", client)["notes"] != json("edited twice"));
            } else {
                engine.sync();
                QCOMPARE(darcel.replica.record("client", client)["notes"], json("edited twice"));
                QCOMPARE(darcel.replica.record("client", client)["deleted"], json(false));
            }
        }
    }

    /// Item 3: cursor 0 sends live records only, in pages; a record deleted
    /// between two pages still goes; a cut-off download resumes from the last
    /// committed page without fetching the first pages again.
    void firstDownloadIsLiveOnlyConsistentAndResumable() {
        TestServer server;
        QVERIFY(server.start());
        auto headToken = loginToken(server.port(), u"celia.rouche"_qs, u"demo"_qs);
        QVERIFY(!headToken.isEmpty());

        // A tombstone before the first download: never sent to a new device.
        // (The sample has no contacts: the device adds one.)
        Device probe(server, u"darcel.schlecht"_qs);
        auto [client, goneBefore, v1] = addSyncedContact(probe, server, "Gone Before");
        QVERIFY(!client.empty());
        QVERIFY(!goneBefore.empty());
        QCOMPARE(
            deleteAs(server.port(), headToken, "contact", goneBefore, v1)[u"status"_qs].toString(),
            u"applied"_qs);

        Device fresh(server, u"darcel.schlecht"_qs);
        RecordingTransport rec(server.url());
        std::string goneBetween, goneEntity;
        QJsonObject goneAnswer;
        // After the first page that sent a reference item or document
        // template (the first pages do), the head deletes it; one more page
        // commits, then the connection breaks.
        rec.hook = [&](const json& page) {
            for (const auto& c : page["changes"]) {
                if (goneBetween.empty() &&
                    (c["entity"] == "reference_item" || c["entity"] == "document_template")) {
                    goneBetween = c["id"].get<std::string>();
                    goneEntity = c["entity"].get<std::string>();
                    goneAnswer = deleteAs(server.port(), headToken, goneEntity, goneBetween,
                                          c["version"].get<std::int64_t>());
                    rec.cutAt = rec.pulls + 2;
                }
            }
        };
        {
            device::SyncEngine engine(fresh.replica, rec);
            engine.pullPageSize = 40;
            QVERIFY_THROWS_EXCEPTION(device::NetworkError, engine.sync());
        }
        QVERIFY2(!goneBetween.empty(), "no reference item came");
        QCOMPARE(goneAnswer[u"status"_qs].toString(), u"applied"_qs);
        QVERIFY(rec.pages.size() >= 2);
        auto snapshot = rec.pages[0]["snapshot"].get<std::int64_t>();
        QVERIFY(snapshot > 0);
        std::set<std::string> firstIds;
        for (const auto& page : rec.pages) {
            QCOMPARE(page["snapshot"].get<std::int64_t>(), snapshot);
            for (const auto& c : page["changes"]) {
                QVERIFY2(!c["deleted"].get<bool>(), "a tombstone in the live-only download");
                QVERIFY(c["id"] != goneBefore);
                firstIds.insert(c["id"].get<std::string>());
            }
        }
        auto committed = fresh.replica.pullPosition();
        QCOMPARE(committed.cursor, rec.pages.back()["cursor"].get<std::int64_t>());
        QCOMPARE(committed.snapshot, snapshot);

        RecordingTransport resume(server.url());
        device::SyncEngine engine(fresh.replica, resume);
        engine.pullPageSize = 40;
        engine.sync();
        QVERIFY(resume.targets[0].find("cursor=" + std::to_string(committed.cursor) + "&") !=
                std::string::npos);
        QVERIFY(resume.targets[0].find("snapshot=" + std::to_string(snapshot)) !=
                std::string::npos);
        bool sawDeletion = false;
        for (const auto& page : resume.pages) {
            for (const auto& c : page["changes"]) {
                auto id = c["id"].get<std::string>();
                if (id == goneBetween) {
                    QVERIFY(c["deleted"].get<bool>());
                    sawDeletion = true;
                    continue;
                }
                QVERIFY2(!firstIds.count(id), ("fetched again: " + id).c_str());
                QVERIFY(!c["deleted"].get<bool>());
            }
        }
        QVERIFY(sawDeletion);
        QCOMPARE(fresh.replica.pullPosition().snapshot, std::int64_t{0});
        QVERIFY(fresh.replica.record(goneEntity, goneBetween).is_null());
        QVERIFY(fresh.replica.record("contact", goneBefore).is_null());
        probe.sync(server);
        QCOMPARE(dumpRecords(fresh.path()), dumpRecords(probe.path()));
    }

    /// Item 1: the server restarts on an older copy of its database. The
    /// device's acknowledged edits since the copy come back, its pending
    /// edit lands, and its replica equals the server's state for its scope,
    /// even after another user's writes pushed the sequence past its cursor.
    void restoreFromBackupLosesNothing() {
        TestServer server;
        QVERIFY(server.start());
        Device darcel(server, u"darcel.schlecht"_qs);
        darcel.sync(server);
        auto client = firstClient(darcel.replica);
        const QString backup = server.dir() + u"/backup.db"_qs;
        {
            store::Database d(server.dbPath().toStdString());
            d.exec("VACUUM INTO '" + backup.toStdString() + "'");
        }
        // Acknowledged after the backup.
        auto entry = darcel.replica.logHistory(client, "meeting", "Restore-proof meeting", "",
                                               domain::nowMs() - 3600 * 1000);
        auto contact = darcel.replica.addContact(client, {{"name", "Ann Restore"}});
        darcel.replica.updateRecord("contact", contact, {{"phone", "+1 555 0100"}});
        auto first = darcel.sync(server);
        QCOMPARE(first.pushed, 3);
        QCOMPARE(first.freshDownloads, 0);
        // Pending when the server goes back.
        darcel.replica.updateRecord("contact", contact, {{"position", "Buyer"}});

        QCOMPARE(server.stop(), 0);
        QFile::remove(server.dbPath() + u"-wal"_qs);
        QFile::remove(server.dbPath() + u"-shm"_qs);
        QVERIFY(QFile::remove(server.dbPath()));
        QVERIFY(QFile::copy(backup, server.dbPath()));
        QVERIFY(server.restart());
        QCOMPARE(
            scalar(server.dbPath(), "SELECT COUNT(*) FROM history_entries WHERE id = ?", entry), 0);

        // Another manager's writes move the server's sequence past the
        // device's cursor: only the epoch tells the restore apart.
        Device other(server, u"gladys.colclough"_qs);
        other.sync(server);
        auto otherClient = firstClient(other.replica);
        auto cursorBefore = darcel.replica.pullPosition().cursor;
        for (int i = 0; scalar(server.dbPath(), "SELECT value FROM seq_counter") <= cursorBefore;
             ++i) {
            other.replica.logHistory(otherClient, "call", "Call " + std::to_string(i), "",
                                     domain::nowMs() - 1000);
            other.sync(server);
            QVERIFY(i < 200);
        }

        auto again = darcel.sync(server);
        QCOMPARE(again.freshDownloads, 1);
        QCOMPARE(again.rejected, 0);
        QCOMPARE(darcel.replica.status().pending, 0);
        QCOMPARE(
            scalar(server.dbPath(), "SELECT COUNT(*) FROM history_entries WHERE id = ?", entry), 1);
        store::Database d(server.dbPath().toStdString());
        store::Statement st(d, "SELECT name, phone, position FROM contacts WHERE id = ?");
        st.bind(1, contact);
        QVERIFY(st.step());
        QCOMPARE(st.text(0), std::string("Ann Restore"));
        QCOMPARE(st.text(1), std::string("+1 555 0100"));
        QCOMPARE(st.text(2), std::string("Buyer"));

        Device check(server, u"darcel.schlecht"_qs);
        check.sync(server);
        QCOMPARE(dumpRecords(darcel.path()), dumpRecords(check.path()));
        // The next sync is an ordinary one.
        QCOMPARE(darcel.sync(server).freshDownloads, 0);
    }

    /// A fresh download cut off and resumed by the next sync is that sync's
    /// fresh download: fresh_downloads 1, not 0 (fresh-user finding).
    void aResumedFreshDownloadIsCounted() {
        TestServer server;
        QVERIFY(server.start());
        Device darcel(server, u"darcel.schlecht"_qs);
        auto [client, gone, version] = addSyncedContact(darcel, server, "Deleted Then Compacted");
        QVERIFY(!gone.empty());
        auto headToken = loginToken(server.port(), u"celia.rouche"_qs, u"demo"_qs);
        QCOMPARE(
            deleteAs(server.port(), headToken, "contact", gone, version)[u"status"_qs].toString(),
            u"applied"_qs);
        QCOMPARE(run(binPath(u"fieldbook-server"_qs),
                     {u"compact"_qs, u"--db"_qs, server.dbPath(), u"--horizon-days"_qs, u"0"_qs})
                     .exitCode,
                 0);
        RecordingTransport cut(server.url());
        cut.cutAt = 3; // the 410, the fresh download's first page, then the break
        {
            device::SyncEngine engine(darcel.replica, cut);
            engine.pullPageSize = 40;
            QVERIFY_THROWS_EXCEPTION(device::NetworkError, engine.sync());
        }
        QCOMPARE(cut.statuses.front(), 410);
        QVERIFY(darcel.replica.pullPosition().fresh);
        QCOMPARE(darcel.sync(server).freshDownloads, 1);
        QVERIFY(!darcel.replica.pullPosition().fresh);
        QVERIFY(darcel.replica.record("contact", gone).is_null());
        QCOMPARE(darcel.sync(server).freshDownloads, 0);
    }

    /// Item 2: compaction deletes old tombstones and raises the watermark; a
    /// device offline across it gets 410 cursor_expired, keeps its pending
    /// edits, downloads afresh (the deleted record leaves its replica) and
    /// pushes them.
    void compactionExpiresOldCursors() {
        TestServer server;
        QVERIFY(server.start());
        Device darcel(server, u"darcel.schlecht"_qs);
        auto [client, gone, version] = addSyncedContact(darcel, server, "Deleted Later");
        QVERIFY(!gone.empty());
        QVERIFY(!darcel.replica.record("contact", gone).is_null());

        // Offline: an edit waits; meanwhile the head deletes a contact.
        auto entry = darcel.replica.logHistory(client, "meeting", "Offline across compaction", "",
                                               domain::nowMs() - 1000);
        auto headToken = loginToken(server.port(), u"celia.rouche"_qs, u"demo"_qs);
        QCOMPARE(
            deleteAs(server.port(), headToken, "contact", gone, version)[u"status"_qs].toString(),
            u"applied"_qs);

        auto bad = run(binPath(u"fieldbook-server"_qs), {u"compact"_qs, u"--db"_qs, server.dbPath(),
                                                         u"--horizon-days"_qs, u"-1"_qs});
        QCOMPARE(bad.exitCode, 2);
        auto r = run(binPath(u"fieldbook-server"_qs),
                     {u"compact"_qs, u"--db"_qs, server.dbPath(), u"--horizon-days"_qs, u"0"_qs});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("tombstone"), r.out.constData()); // "1 tombstone" or "N tombstones"
        QCOMPARE(scalar(server.dbPath(), "SELECT COUNT(*) FROM contacts WHERE id = ?", gone), 0);
        auto watermark = scalar(server.dbPath(), "SELECT CAST(value AS INTEGER) FROM server_meta "
                                                 "WHERE key = 'compaction_watermark'");
        auto cursor = darcel.replica.pullPosition().cursor;
        QVERIFY(watermark > cursor);

        // The answer a device gets (a version-1 device without the epoch too).
        auto token = loginToken(server.port(), u"darcel.schlecht"_qs, u"demo"_qs);
        auto expired = rawHttp(server.port(), "GET",
                               "/api/v1/sync/pull?cursor=" + QByteArray::number(cursor), {}, token);
        QCOMPARE(expired.status, 410);
        QCOMPARE(expired.errorCode(), u"cursor_expired"_qs);
        auto ahead = rawHttp(server.port(), "GET", "/api/v1/sync/pull?cursor=999999999", {}, token);
        QCOMPARE(ahead.status, 409);
        QCOMPARE(ahead.errorCode(), u"server_restored"_qs);
        auto unknownEpoch = rawHttp(server.port(), "GET",
                                    "/api/v1/sync/pull?cursor=1&epoch=not-an-epoch", {}, token);
        QCOMPARE(unknownEpoch.status, 409);
        auto badSnapshot =
            rawHttp(server.port(), "GET", "/api/v1/sync/pull?cursor=0&snapshot=x", {}, token);
        QCOMPARE(badSnapshot.errorCode(), u"invalid_snapshot"_qs);
        // A snapshot the server never handed out (above its sequence) would
        // skip the 410 and every deletion: refused (break-it finding).
        auto hugeSnapshot =
            rawHttp(server.port(), "GET", "/api/v1/sync/pull?cursor=1&snapshot=9223372036854775807",
                    {}, token);
        QCOMPARE(hugeSnapshot.status, 400);
        QCOMPARE(hugeSnapshot.errorCode(), u"invalid_snapshot"_qs);

        auto s = darcel.sync(server);
        QCOMPARE(s.freshDownloads, 1);
        QCOMPARE(s.pushed, 1);
        QCOMPARE(darcel.replica.status().pending, 0);
        QVERIFY(darcel.replica.record("contact", gone).is_null());
        QCOMPARE(
            scalar(server.dbPath(), "SELECT COUNT(*) FROM history_entries WHERE id = ?", entry), 1);
        Device check(server, u"darcel.schlecht"_qs);
        check.sync(server);
        QCOMPARE(dumpRecords(darcel.path()), dumpRecords(check.path()));
    }
};

QTEST_GUILESS_MAIN(TestCursorRecovery)
#include "tst_cursor_recovery.moc"
