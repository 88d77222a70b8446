// SPDX-License-Identifier: MIT
// Issue 6, figure 1: a first download commits its pull pages in batches
// (device::DownloadBatch; docs/architecture.md "Devices and sessions"). A
// real fieldbook-server on a real SQLite file (sample data), the real device
// library over real HTTP; the transport only forwards, counts pulls, reads
// what another connection sees committed in the replica, or cuts the
// connection.
#include "device/http_transport.h"
#include "device/replica.h"
#include "device/replica_indexes.h"
#include "device/sync_engine.h"
#include "domain/entities.h"
#include "record_dump.h"
#include "store/database.h"
#include "sync_helpers.h"

#include <functional>
#include <set>

using namespace fieldbook::test;
namespace device = fieldbook::device;
namespace domain = fieldbook::domain;
namespace store = fieldbook::store;
using nlohmann::json;

namespace {

constexpr int kPage = 100; // darcel's sample scope is some 2,300 records: 20-odd pages

/// Forwards to the real server. Before each pull it runs `beforePull` with
/// the pull's number (1-based); the `cutAt`-th pull is not sent (the
/// connection breaks). Keeps each answered page's cursor.
class WatchingTransport : public device::Transport {
  public:
    explicit WatchingTransport(const QString& url) : real_(url.toStdString()) {}
    device::HttpResponse request(std::string_view method, std::string_view target,
                                 std::string_view body, std::string_view bearer) override {
        const bool isPull = target.rfind("/api/v1/sync/pull", 0) == 0;
        if (isPull) {
            ++pulls;
            if (beforePull) {
                beforePull(pulls);
            }
            if (pulls == cutAt) {
                throw device::NetworkError("connection reset (cut by the test)");
            }
        }
        auto r = real_.request(method, target, body, bearer);
        if (isPull && r.status == 200) {
            cursors.push_back(json::parse(r.body)["cursor"].get<std::int64_t>());
        }
        return r;
    }

    int pulls = 0;
    int cutAt = 0; ///< 0: never
    std::function<void(int)> beforePull;
    std::vector<std::int64_t> cursors; ///< of each answered page, in order

  private:
    device::HttpTransport real_;
};

/// A logged-in in-process device of darcel.schlecht, its replica not yet synced.
struct Device {
    explicit Device(const TestServer& server)
        : replica(dir.filePath(u"replica.db"_qs).toStdString()) {
        device::HttpTransport http(server.url().toStdString());
        device::SyncEngine engine(replica, http);
        engine.login(server.url().toStdString(), "darcel.schlecht", "demo", "test");
    }
    QString path() const { return dir.filePath(u"replica.db"_qs); }
    QTemporaryDir dir;
    device::Replica replica;
};

/// Every record of a replica file, tombstones included (record_dump.h).
std::set<std::string> dumpRecords(const QString& path) {
    return fieldbook::test::dumpRecords(path, fieldbook::test::Tombstones::Included);
}

/// The cursor committed in the replica file, as another connection (the
/// app's, or the next process after a crash) reads it.
std::int64_t committedCursor(store::Database& other) {
    store::Statement st(other, "SELECT value FROM meta WHERE key = 'cursor'");
    return st.step() ? std::stoll(st.text(0)) : 0;
}

/// The replica file's indexes as another connection sees them committed:
/// "name|table|sql" of each index with DDL (primary keys' are left out).
std::set<std::string> indexSchema(store::Database& other) {
    store::Statement st(other, "SELECT name || '|' || tbl_name || '|' || sql FROM sqlite_master "
                               "WHERE type = 'index' AND sql IS NOT NULL");
    std::set<std::string> out;
    while (st.step()) {
        out.insert(st.text(0));
    }
    return out;
}

std::set<std::string> indexSchema(const QString& path) {
    store::Database other(path.toStdString());
    return indexSchema(other);
}

/// The names in indexSchema().
std::set<std::string> indexNames(store::Database& other) {
    std::set<std::string> names;
    for (const auto& row : indexSchema(other)) {
        names.insert(row.substr(0, row.find('|')));
    }
    return names;
}

/// Every index of device::replicaIndexes() / those a download keeps.
std::set<std::string> listedIndexes(bool onlyUsedByDownload) {
    std::set<std::string> names;
    for (const auto& index : device::replicaIndexes()) {
        if (!onlyUsedByDownload || index.usedByDownload) {
            names.insert(std::string(index.name));
        }
    }
    return names;
}

/// The indexes of a replica just made (no download): what every replica
/// must hold once a download is over.
std::set<std::string> newReplicaIndexSchema() {
    QTemporaryDir dir;
    const auto path = dir.filePath(u"new.db"_qs);
    { device::Replica made(path.toStdString()); }
    return indexSchema(path);
}

} // namespace

class TestDownloadBatch : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() { QVERIFY(server_.start()); }

    /// During a first download the pages commit `downloadPagesPerCommit`
    /// at a time, each batch with the cursor of its last page: another
    /// connection sees the cursor move only at batch ends (before: at every
    /// page), and the replica ends equal to one that committed page by page.
    void firstDownloadCommitsPagesInBatches() {
        Device batched(server_);
        store::Database other(batched.path().toStdString());
        WatchingTransport watch(server_.url());
        std::vector<std::int64_t> seen; // the committed cursor before each pull
        watch.beforePull = [&](int) { seen.push_back(committedCursor(other)); };
        {
            device::SyncEngine engine(batched.replica, watch);
            engine.pullPageSize = kPage;
            engine.pullAhead = false; // each pull after the page before is applied
            engine.downloadPagesPerCommit = 4;
            auto summary = engine.sync();
            QVERIFY(summary.pulled > 8 * kPage);
        }
        QVERIFY(watch.cursors.size() > 8);
        QCOMPARE(seen.size(), watch.cursors.size());
        for (std::size_t k = 0; k < seen.size(); ++k) {
            // Before pull k+1, pages 1..k are applied; the first k - k % 4 committed.
            const std::size_t committed = k - k % 4;
            const std::int64_t expected = committed == 0 ? 0 : watch.cursors[committed - 1];
            QCOMPARE(seen[k], expected);
        }
        QCOMPARE(committedCursor(other), watch.cursors.back());

        Device pageByPage(server_);
        {
            device::HttpTransport http(server_.url().toStdString());
            device::SyncEngine engine(pageByPage.replica, http);
            engine.pullPageSize = kPage;
            engine.downloadPagesPerCommit = 1;
            engine.sync();
        }
        QCOMPARE(dumpRecords(batched.path()), dumpRecords(pageByPage.path()));
        QCOMPARE(batched.replica.pullPosition().cursor, pageByPage.replica.pullPosition().cursor);
    }

    /// A download cut off in the middle of a batch keeps every page applied
    /// before the cut (the batch commits them, each with its cursor), and
    /// the next sync resumes from there to the same replica.
    void cutOffDownloadKeepsTheBatchsPagesAndResumes() {
        Device cut(server_);
        WatchingTransport watch(server_.url());
        watch.cutAt = 7; // pages 1-6 applied: one batch of 4 committed, 2 in the next
        {
            device::SyncEngine engine(cut.replica, watch);
            engine.pullPageSize = kPage;
            engine.downloadPagesPerCommit = 4;
            QVERIFY_THROWS_EXCEPTION(device::NetworkError, engine.sync());
        }
        QCOMPARE(watch.cursors.size(), std::size_t{6});
        auto position = cut.replica.pullPosition();
        QCOMPARE(position.cursor, watch.cursors.back());
        QVERIFY(position.snapshot > 0); // the download is not over

        WatchingTransport resume(server_.url());
        {
            device::SyncEngine engine(cut.replica, resume);
            engine.pullPageSize = kPage;
            engine.downloadPagesPerCommit = 4;
            engine.sync();
        }
        QVERIFY(resume.cursors.front() > position.cursor);
        Device whole(server_);
        {
            device::HttpTransport http(server_.url().toStdString());
            device::SyncEngine engine(whole.replica, http);
            engine.sync();
        }
        QCOMPARE(dumpRecords(cut.path()), dumpRecords(whole.path()));
    }

    /// A first download into an empty replica builds its secondary indexes
    /// after its rows (issue 6): between its batches another connection
    /// sees only the indexes the download reads (before: all of them), at
    /// its end every index of the list, as a new replica has them, and the
    /// same records as a download that kept its indexes row by row.
    void firstDownloadBuildsItsIndexesAfterTheRows() {
        const auto expected = newReplicaIndexSchema();
        QCOMPARE(expected.size(), device::replicaIndexes().size());

        Device deferred(server_);
        store::Database other(deferred.path().toStdString());
        WatchingTransport watch(server_.url());
        std::vector<std::set<std::string>> during; // the indexes before each pull after the first
        bool openedMidway = false;
        watch.beforePull = [&](int pull) {
            if (pull == 5) {
                // Another connection opens the replica between two batches
                // (the app's search, a second CLI command): it must leave
                // the indexes to the download (break-it: it built them).
                device::Replica midway(deferred.path().toStdString());
                openedMidway = true;
            }
            if (pull > 1) {
                during.push_back(indexNames(other));
            }
        };
        {
            device::SyncEngine engine(deferred.replica, watch);
            engine.pullPageSize = kPage;
            engine.pullAhead = false;
            engine.downloadPagesPerCommit = 4;
            QVERIFY(engine.sync().pulled > 8 * kPage);
        }
        QVERIFY(openedMidway);
        QVERIFY(during.size() > 8);
        for (const auto& seen : during) {
            QCOMPARE(seen, listedIndexes(true));
        }
        QCOMPARE(indexSchema(other), expected);
        QVERIFY(!device::replicaIndexesDeferred(other));

        Device indexed(server_);
        {
            device::HttpTransport http(server_.url().toStdString());
            device::SyncEngine engine(indexed.replica, http);
            engine.pullPageSize = kPage;
            engine.deferIndexes = false;
            engine.sync();
        }
        QCOMPARE(indexSchema(indexed.path()), expected);
        QCOMPARE(dumpRecords(deferred.path()), dumpRecords(indexed.path()));
    }

    /// A first download cut half way (the server stopped) still ends with
    /// every index. A replica reopened after a process died with them
    /// dropped (the app killed mid-download) leaves them to the next sync,
    /// which builds them before its first page and keeps them (its replica
    /// is not empty); it ends with the same records as an uncut one.
    void cutOffFirstDownloadKeepsItsIndexes() {
        const auto expected = newReplicaIndexSchema();
        QTemporaryDir dir;
        const auto path = dir.filePath(u"replica.db"_qs);
        WatchingTransport watch(server_.url());
        bool droppedMidway = false;
        watch.beforePull = [&](int pull) {
            if (pull == 7) {
                store::Database other(path.toStdString());
                droppedMidway = indexNames(other) == listedIndexes(true);
                server_.stop();
            }
        };
        {
            device::Replica replica(path.toStdString());
            device::SyncEngine engine(replica, watch);
            engine.login(server_.url().toStdString(), "darcel.schlecht", "demo", "test");
            engine.pullPageSize = kPage;
            engine.pullAhead = false;
            engine.downloadPagesPerCommit = 4;
            QVERIFY_THROWS_EXCEPTION(device::NetworkError, engine.sync());
            QVERIFY(replica.pullPosition().snapshot > 0); // cut half way
        }
        QVERIFY(server_.restart());
        QVERIFY(droppedMidway);
        QCOMPARE(indexSchema(path), expected);

        {
            // What a process killed between the drop and the build leaves.
            store::Database killed(path.toStdString());
            QVERIFY(device::dropIndexesForDownload(killed) > 0);
            QCOMPARE(indexNames(killed), listedIndexes(true));
        }
        // The open leaves them to the download that dropped them (another
        // connection may be running it); the next sync builds them first.
        device::Replica reopened(path.toStdString());
        QCOMPARE(indexNames(reopened.db()), listedIndexes(true));

        WatchingTransport resume(server_.url());
        std::vector<std::set<std::string>> during;
        resume.beforePull = [&](int) {
            store::Database other(path.toStdString());
            during.push_back(indexNames(other));
        };
        {
            device::SyncEngine engine(reopened, resume);
            engine.pullPageSize = kPage;
            engine.pullAhead = false;
            engine.sync();
        }
        QVERIFY(!during.empty());
        for (const auto& seen : during) {
            QCOMPARE(seen, listedIndexes(false));
        }
        QCOMPARE(indexSchema(path), expected);
        Device whole(server_);
        {
            device::HttpTransport http(server_.url().toStdString());
            device::SyncEngine engine(whole.replica, http);
            engine.sync();
        }
        QCOMPARE(dumpRecords(path), dumpRecords(whole.path()));
    }

  private:
    TestServer server_;
};

QTEST_GUILESS_MAIN(TestDownloadBatch)
#include "tst_download_batch.moc"
