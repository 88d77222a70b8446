// SPDX-License-Identifier: MIT
// Issue 6: a live fan-out confirms its possibly concerned users with one
// pass over the committed range (server::usersWithChanges) instead of one
// pull(db, who, from, 1) per user. A device must never miss a notice for a
// change its pull would return, nor get one for a change outside its
// scope: for every user of a real server database filled by import-sample
// (managers, heads, any other role), and cursors over the whole sequence
// (a first download, tombstones, scope-change items granted and withdrawn,
// in and out of scope now), the users it names are exactly those whose
// pull from that cursor is not empty.
#include "sample_server_db.h"
#include "store/auth.h"
#include "store/database.h"
#include "store/epochs.h"
#include "store/pull.h"
#include "store/scope.h"
#include "store/server_db.h"
#include "test_server.h"

#include <QTemporaryDir>
#include <QtTest>

#include <set>
#include <string>
#include <vector>

using namespace fieldbook;

namespace {

std::vector<server::Principal> allUsers(server::ServerDb& db) {
    std::vector<server::Principal> out;
    store::Statement st(db.db(), "SELECT id, login, role FROM users ORDER BY login");
    while (st.step()) {
        out.push_back({st.text(0), st.text(1), st.isNull(2) ? std::string() : st.text(2), "d"});
    }
    return out;
}

/// The users whose pull(db, who, cursor, 1) is not empty: the rule.
std::set<std::string> byPulls(server::ServerDb& db, const std::vector<server::Principal>& users,
                              std::int64_t cursor) {
    std::set<std::string> out;
    for (const auto& who : users) {
        if (!server::pull(db, who, cursor, 1).changes.empty()) {
            out.insert(who.userId);
        }
    }
    return out;
}

/// A client in (`in` true) or out of the manager's scope, by the pull's own test.
std::string clientOf(server::ServerDb& db, const server::Principal& manager, bool in) {
    store::Statement st(db.db(), "SELECT r.id FROM clients r WHERE COALESCE(" +
                                     server::scopeCondition(manager, "client") +
                                     ", 0) = " + (in ? "1" : "0") + " ORDER BY r.seq LIMIT 1");
    st.bind(1, manager.userId);
    if (!st.step()) {
        throw std::runtime_error("no such client");
    }
    return st.text(0);
}

/// A scope-change item of `user` for client `clientId` at a new position.
std::int64_t addItem(server::ServerDb& db, const std::string& user, const std::string& clientId,
                     bool granted) {
    store::Transaction tx(db.db());
    const auto pos = db.nextSeq();
    store::Statement item(db.db(),
                          "INSERT INTO scope_change_items(pos, change_seq, user_id, "
                          "entity, record_id, granted) VALUES (?1, ?1, ?2, 'client', ?3, ?4)");
    item.bind(1, pos).bind(2, user).bind(3, clientId).bind(4, granted ? 1 : 0);
    item.step();
    tx.commit();
    return pos;
}

} // namespace

class TestUsersWithChanges : public QObject {
    Q_OBJECT

  private slots:
    void namesExactlyTheUsersWhosePullIsNotEmpty() {
        auto sample = test::sampleServerDb();
        QVERIFY(sample->dir.isValid());
        auto& db = *sample->db;
        const auto users = allUsers(db);
        std::vector<server::Principal> managers;
        for (const auto& u : users) {
            if (u.role == "manager") {
                managers.push_back(u);
            }
        }
        QVERIFY(managers.size() >= 2);
        const auto& m1 = managers[0];
        const auto& m2 = managers[1];
        const std::int64_t imported = db.currentSeq();

        // A tombstone at a new position: a deal of m1's (to m1 and the heads).
        std::int64_t tombstone = 0;
        {
            store::Transaction tx(db.db());
            tombstone = db.nextSeq();
            store::Statement st(db.db(), "UPDATE deals SET deleted = 1, seq = ?1 WHERE id = "
                                         "(SELECT id FROM deals WHERE manager_id = ?2 LIMIT 1)");
            st.bind(1, tombstone).bind(2, m1.userId);
            st.step();
            tx.commit();
        }
        // Scope-change items that a pull sends: m1's withdrawal of a client
        // out of scope now, m2's grant of a client in scope now.
        const auto sentOut = addItem(db, m1.userId, clientOf(db, m1, false), false);
        const auto sentIn = addItem(db, m2.userId, clientOf(db, m2, true), true);
        // ... and items it does not send: a withdrawal of a client back in
        // scope, a grant of a client out of scope.
        const auto stale = addItem(db, m1.userId, clientOf(db, m1, true), false);
        addItem(db, m2.userId, clientOf(db, m2, false), true);
        const std::int64_t end = db.currentSeq();

        std::vector<std::int64_t> cursors{0, 1, imported / 3, imported / 2};
        for (std::int64_t c = std::max<std::int64_t>(0, imported - 40); c <= end; ++c) {
            cursors.push_back(c);
        }
        int mixed = 0; // cursors where some users are concerned and some not
        for (auto cursor : cursors) {
            const auto expected = byPulls(db, users, cursor);
            const auto got = server::usersWithChanges(db, users, cursor);
            QCOMPARE(got, expected);
            mixed += !expected.empty() && expected.size() < users.size();
        }
        QVERIFY(mixed > 5);

        // The cases above, by name (what the pulls say, not just agreement).
        const auto afterTombstone = server::usersWithChanges(db, users, tombstone - 1);
        QVERIFY(afterTombstone.count(m1.userId));
        QVERIFY(!afterTombstone.count(m2.userId) ||
                !server::pull(db, m2, tombstone - 1, 1).changes.empty());
        QCOMPARE(server::usersWithChanges(db, {m1}, sentOut - 1), std::set<std::string>{m1.userId});
        QCOMPARE(server::usersWithChanges(db, {m2}, sentIn - 1), std::set<std::string>{m2.userId});
        QVERIFY(server::usersWithChanges(db, {m1}, sentIn).empty());
        QVERIFY(server::usersWithChanges(db, users, stale - 1).empty());
        QVERIFY(server::usersWithChanges(db, {}, 0).empty());
    }
};

QTEST_GUILESS_MAIN(TestUsersWithChanges)
#include "tst_users_with_changes.moc"
