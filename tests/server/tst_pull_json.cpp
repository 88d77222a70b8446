// SPDX-License-Identifier: MIT
// Issue 6: the pull route writes its page from the SQLite columns straight
// to JSON text (server::pullJson) instead of a sync::RecordChange and a
// nlohmann::json per record. The protocol must not move by a byte: every
// page of a head's and a manager's pulls, from a first download (with its
// snapshot) and from a cursor (tombstones, a scope removal), with texts
// that need escaping and bytes that are not UTF-8, is compared with
// sync::dumpSafe(sync::toJson(server::pull())) on a real server database
// filled by import-sample.
#include "sample_server_db.h"
#include "store/auth.h"
#include "store/database.h"
#include "store/epochs.h"
#include "store/pull.h"
#include "store/scope.h"
#include "store/server_db.h"
#include "sync/protocol.h"
#include "test_server.h"

#include <nlohmann/json.hpp>

#include <QTemporaryDir>
#include <QtTest>

#include <cctype>
#include <string>

using namespace fieldbook;

namespace {

/// `text` with the value of "server_time" replaced by 0 (read at its own
/// moment by each path).
std::string withoutServerTime(std::string text) {
    const std::string key = "\"server_time\":";
    const auto at = text.rfind(key); // a top-level key: after the changes
    if (at == std::string::npos) {
        return text;
    }
    auto end = at + key.size();
    while (end < text.size() &&
           (text[end] == '-' || std::isdigit(static_cast<unsigned char>(text[end])))) {
        ++end;
    }
    return text.replace(at + key.size(), end - at - key.size(), "0");
}

server::Principal principalOf(server::ServerDb& db, const std::string& login) {
    store::Statement st(db.db(), "SELECT id, role FROM users WHERE login = ?1");
    st.bind(1, login);
    if (!st.step()) {
        throw std::runtime_error("no user " + login);
    }
    return {st.text(0), login, st.text(1), "d-test"};
}

/// Walks `who`'s pull from `cursor` in pages of `limit` (the snapshot
/// handed back as a device does), to the end or for `maxPages` pages,
/// comparing both encodings of each page; `changes` counts the changes seen.
void comparePages(server::ServerDb& db, const server::Principal& who, std::int64_t cursor,
                  int limit, int& changes, int maxPages = 10'000) {
    std::int64_t snapshot = 0;
    changes = 0;
    for (int page = 0; page < maxPages; ++page) {
        const auto answer = server::pull(db, who, cursor, limit, snapshot);
        const auto reference = sync::dumpSafe(sync::toJson(answer));
        const auto text = server::pullJson(db, who, cursor, limit, snapshot);
        if (withoutServerTime(text) != withoutServerTime(reference)) {
            std::size_t at = 0;
            while (at < text.size() && at < reference.size() && text[at] == reference[at]) {
                ++at;
            }
            const auto from = at > 80 ? at - 80 : 0;
            QFAIL(qPrintable(QStringLiteral("%1 page %2 differs at byte %3:\n json: %4\n ref:  %5")
                                 .arg(QString::fromStdString(who.login))
                                 .arg(page)
                                 .arg(at)
                                 .arg(QString::fromStdString(text.substr(from, 160)))
                                 .arg(QString::fromStdString(reference.substr(from, 160)))));
        }
        changes += static_cast<int>(answer.changes.size());
        cursor = answer.cursor;
        snapshot = answer.snapshot;
        if (!answer.hasMore) {
            return;
        }
    }
    QVERIFY2(maxPages < 10'000, "the pull did not end");
}

} // namespace

class TestPullJson : public QObject {
    Q_OBJECT

  private slots:
    void pageTextIsTheProtocolsByteForByte() {
        auto sample = test::sampleServerDb();
        QVERIFY(sample->dir.isValid());
        auto& db = *sample->db;
        const auto head = principalOf(db, "celia.rouche");
        const auto manager = principalOf(db, "darcel.schlecht");
        const std::int64_t half = db.currentSeq() / 2;

        // Texts that need escaping or replacing: a quote, a backslash,
        // control characters, non-ASCII UTF-8 and bytes that are not UTF-8.
        db.db().exec("UPDATE clients SET name = 'Quote \" back \\ tab ' || char(9) || ' nl ' || "
                     "char(10) || ' bell ' || char(7) || ' ' || 'Ünïcödé €' WHERE rowid IN "
                     "(SELECT rowid FROM clients ORDER BY seq LIMIT 3)");
        db.db().exec("UPDATE clients SET name = CAST(X'4F4B20FF20C3' AS TEXT) WHERE rowid IN "
                     "(SELECT rowid FROM clients ORDER BY seq DESC LIMIT 2)");
        // Tombstones after the cursor (sent from a cursor, not at a first
        // download), and a scope removal of a client of another manager.
        db.db().exec("UPDATE deals SET deleted = 1 WHERE rowid IN "
                     "(SELECT rowid FROM deals ORDER BY seq DESC LIMIT 4)");
        {
            // A client outside the manager's scope (the pull's own test of it).
            store::Statement other(db.db(), "SELECT r.id FROM clients r WHERE COALESCE(" +
                                                server::scopeCondition(manager, "client") +
                                                ", 0) = 0 ORDER BY r.seq LIMIT 1");
            other.bind(1, manager.userId);
            QVERIFY(other.step());
            store::Statement item(
                db.db(), "INSERT INTO scope_change_items(pos, change_seq, user_id, "
                         "entity, record_id, granted) VALUES (?1, ?1, ?2, 'client', ?3, 0)");
            item.bind(1, db.currentSeq()).bind(2, manager.userId).bind(3, other.text(0));
            item.step();
        }

        for (const auto& who : {head, manager}) {
            int changes = 0;
            comparePages(db, who, 0, 1, changes, 40); // pages of one, the first 40
            QCOMPARE(changes, 40);
            for (int limit : {997, 5000}) {
                comparePages(db, who, 0, limit, changes);
                if (QTest::currentTestFailed()) {
                    return;
                }
                QVERIFY(changes > 100);
            }
            comparePages(db, who, half, 1999, changes);
            if (QTest::currentTestFailed()) {
                return;
            }
            QVERIFY(changes > 0);
        }
        // The texts above did reach a page, escaped as nlohmann does.
        auto page = server::pullJson(db, head, 0, 5000);
        QVERIFY(page.find(R"(Quote \" back \\ tab \t nl \n bell \u0007 Ünïcödé €)") !=
                std::string::npos);
        QVERIFY(page.find("OK \xEF\xBF\xBD") != std::string::npos); // U+FFFD for 0xFF
        QVERIFY(server::pullJson(db, manager, half, 5000).find(R"("removed":true)") !=
                std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestPullJson)
#include "tst_pull_json.moc"
