// SPDX-License-Identifier: MIT
// Issue 4, proof 3: the device's disk fills up. A SQLite VFS shim
// (tests/support/full_disk_vfs.*) made the default VFS of this process fails
// every write with SQLITE_FULL while switched on; fieldbook-cli runs in this
// process (cli::runCli, the real HTTP transport) against a real server. An
// edit then fails with one clear line and a non-zero exit, nothing of it is
// saved, the outbox keeps what was waiting, a sync fails the same way
// without losing anything, and once space returns the same sync delivers
// every edit exactly once.
#include "cli_commands.h"
#include "device/http_transport.h"
#include "device/replica.h"
#include "device/sync_engine.h"
#include "full_disk_vfs.h"
#include "store/database.h"
#include "sync_helpers.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>

using namespace fieldbook::test;

namespace {

struct CliRun {
    int rc = -1;
    std::string out;
    std::string err;
};

CliRun cli(const QString& profile, const QStringList& args, const std::string& input = {}) {
    std::vector<std::string> a{"--profile", profile.toStdString()};
    for (const auto& s : args) {
        a.push_back(s.toStdString());
    }
    std::istringstream in(input);
    std::ostringstream out, err;
    CliRun r;
    r.rc = fieldbook::cli::runCli(a, in, out, err);
    r.out = out.str();
    r.err = err.str();
    return r;
}

std::int64_t count(const std::string& db, const std::string& sql, const std::string& arg = {}) {
    fieldbook::store::Database d(db);
    fieldbook::store::Statement st(d, sql);
    if (!arg.empty()) {
        st.bind(1, arg);
    }
    st.step();
    return st.int64(0);
}

} // namespace

class TestDiskFull : public QObject {
    Q_OBJECT

    TestServer server_;
    QTemporaryDir profile_;

    std::string replica() const { return (profile_.path() + u"/replica.db"_qs).toStdString(); }

  private slots:
    void initTestCase() {
        QVERIFY(installFullDiskVfs());
        QVERIFY(server_.start());
        auto login =
            cli(profile_.path(),
                {u"login"_qs, u"--server"_qs, server_.url(), u"--user"_qs, u"darcel.schlecht"_qs},
                "demo\n");
        QVERIFY2(login.rc == 0, login.err.c_str());
        auto sync = cli(profile_.path(), {u"sync"_qs});
        QVERIFY2(sync.rc == 0, sync.err.c_str());
    }

    void cleanup() { setDiskFull(false); }

    // Break-it: a sync that fails while the disk is full reports its own
    // failure. Recording the failed attempt needs a write, which fails too,
    // and that disk error used to replace the network error.
    void syncFailureOnFullDiskKeepsItsOwnError() {
        fieldbook::device::Replica r(replica());
        fieldbook::device::HttpTransport down("http://127.0.0.1:1"); // nothing listens
        fieldbook::device::SyncEngine engine(r, down);
        setDiskFull(true);
        std::string kind;
        try {
            engine.sync();
            kind = "no error";
        } catch (const fieldbook::device::NetworkError&) {
            kind = "network";
        } catch (const std::exception& e) {
            kind = std::string("another error: ") + e.what();
        }
        setDiskFull(false);
        QCOMPARE(kind, std::string("network"));
    }

    void editOnFullDiskFailsCleanlyAndSyncRecovers() {
        auto clients = cli(profile_.path(),
                           {u"--json"_qs, u"clients"_qs, u"--search"_qs, u"Zencorporation"_qs});
        QCOMPARE(clients.rc, 0);
        auto client =
            QString::fromStdString(nlohmann::json::parse(clients.out)[0]["id"].get<std::string>());
        // One edit waits in the outbox before the disk fills.
        auto first = cli(profile_.path(), {u"log"_qs, client, u"--kind"_qs, u"call"_qs,
                                           u"--summary"_qs, u"Before the disk filled"_qs});
        QVERIFY2(first.rc == 0, first.err.c_str());
        QCOMPARE(count(replica(), "SELECT COUNT(*) FROM outbox"), std::int64_t(1));

        setDiskFull(true);
        auto refusedBefore = refusedWrites();
        auto full = cli(profile_.path(), {u"log"_qs, client, u"--kind"_qs, u"call"_qs,
                                          u"--summary"_qs, u"Written on a full disk"_qs});
        QVERIFY(refusedWrites() > refusedBefore); // the shim really refused the write
        QCOMPARE(full.rc, 1);
        // One line that says what happened and what to do.
        QCOMPARE(std::count(full.err.begin(), full.err.end(), '\n'), 1);
        QVERIFY2(full.err.find("storage is full") != std::string::npos, full.err.c_str());
        QVERIFY2(full.err.find("free some space") != std::string::npos, full.err.c_str());
        QVERIFY2(full.err.find("(disk_full)") != std::string::npos, full.err.c_str());
        // A sync on the full disk: the server may take the push, but the
        // device cannot write the answers; it fails the same way.
        auto syncFull = cli(profile_.path(), {u"sync"_qs});
        QCOMPARE(syncFull.rc, 1);
        QVERIFY2(syncFull.err.find("(disk_full)") != std::string::npos, syncFull.err.c_str());
        setDiskFull(false);

        // Nothing of the refused edit was saved; the waiting one is intact.
        QCOMPARE(count(replica(), "SELECT COUNT(*) FROM outbox"), std::int64_t(1));
        QCOMPARE(count(replica(), "SELECT COUNT(*) FROM history_entries WHERE summary = ?",
                       "Written on a full disk"),
                 std::int64_t(0));
        QCOMPARE(integrityCheckOk(replica()), true);

        // Space is back: the same sync delivers the waiting edit, once.
        auto sync = cli(profile_.path(), {u"sync"_qs});
        QVERIFY2(sync.rc == 0, sync.err.c_str());
        QCOMPARE(count(replica(), "SELECT COUNT(*) FROM outbox"), std::int64_t(0));
        auto server = server_.dbPath().toStdString();
        QCOMPARE(count(server, "SELECT COUNT(*) FROM history_entries WHERE summary = ?",
                       "Before the disk filled"),
                 std::int64_t(1));
        QCOMPARE(count(server, "SELECT COUNT(*) FROM history_entries WHERE summary = ?",
                       "Written on a full disk"),
                 std::int64_t(0));
        QCOMPARE(count(replica(), "SELECT COUNT(*) FROM history_entries WHERE summary = ?",
                       "Before the disk filled"),
                 std::int64_t(1));
        // And the device works again: a new edit is saved.
        auto after = cli(profile_.path(), {u"log"_qs, client, u"--kind"_qs, u"call"_qs,
                                           u"--summary"_qs, u"After space returned"_qs});
        QVERIFY2(after.rc == 0, after.err.c_str());
        QCOMPARE(integrityCheckOk(replica()), true);
    }

  private:
    static bool integrityCheckOk(const std::string& path) {
        fieldbook::store::Database d(path);
        fieldbook::store::Statement st(d, "PRAGMA integrity_check");
        return st.step() && st.text(0) == "ok";
    }
};

QTEST_GUILESS_MAIN(TestDiskFull)
#include "tst_disk_full.moc"
