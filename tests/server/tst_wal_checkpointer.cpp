// SPDX-License-Identifier: MIT
// Issue 6: the server's WAL is checkpointed by a thread and connection of
// its own (store/wal_checkpointer.h), not inside the commit that filled it.
// What must hold: a commit past the threshold gets its checkpoint run by
// that thread, the rows stay readable by every connection, and closing the
// database still leaves it whole with no WAL file behind (the thread stops
// before the writer's connection closes).
#include "store/database.h"
#include "store/server_db.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <string>

using namespace fieldbook;
using server::ServerDb;

namespace {
/// Writes about `megabytes` MiB of rows in one transaction (4 KiB pages:
/// 256 WAL pages a MiB).
void writeScratch(ServerDb& db, int megabytes) {
    auto lock = db.lock();
    db.db().exec("CREATE TABLE IF NOT EXISTS scratch(b BLOB)");
    store::Transaction tx(db.db());
    store::Statement st(db.db(), "INSERT INTO scratch(b) VALUES(randomblob(1024))");
    for (int i = 0; i < megabytes * 1024; ++i) {
        st.reset();
        st.run();
    }
    tx.commit();
}

std::int64_t scratchRows(const std::string& path) {
    store::Database other(path);
    store::Statement st(other, "SELECT count(*) FROM scratch");
    st.step();
    return st.int64(0);
}
} // namespace

class TestWalCheckpointer : public QObject {
    Q_OBJECT

  private slots:
    void aFullWalIsCheckpointedByTheThread() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("server.db").toStdString();
        ServerDb db(path);
        const auto before = db.walCheckpoints();
        writeScratch(db, 1); // 256 pages: under the threshold
        writeScratch(db, 6); // past 1,000 pages: the thread is woken
        QTRY_VERIFY_WITH_TIMEOUT(db.walCheckpoints() > before, 30000);
        QCOMPARE(scratchRows(path), std::int64_t{7 * 1024});
        // The file itself holds the rows now: a checkpoint from another
        // connection finds every frame of the WAL already copied.
        store::Database other(path);
        store::Statement st(other, "PRAGMA wal_checkpoint(PASSIVE)");
        QVERIFY(st.step());
        QCOMPARE(st.int64(0), std::int64_t{0}); // not busy
        QCOMPARE(st.int64(2), st.int64(1));     // checkpointed == in the WAL
    }

    void closingLeavesTheFileWholeWithoutAWal() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("server.db").toStdString();
        {
            ServerDb db(path);
            writeScratch(db, 6);
        }
        QVERIFY(!std::filesystem::exists(path + "-wal"));
        QCOMPARE(scratchRows(path), std::int64_t{6 * 1024});
    }
};

QTEST_GUILESS_MAIN(TestWalCheckpointer)
#include "tst_wal_checkpointer.moc"
