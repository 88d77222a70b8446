// SPDX-License-Identifier: MIT
// The deal and assignment rows of the conflict-rule table (docs/conflicts.md,
// SPEC §4) through the real server: a won/lost close beats a stale edit, a
// later stage beats an earlier one and the head's assignment beats a
// manager's, whatever the stamps and the push order; every losing value is
// in the conflict log with its rule, its winner and its loser.
#include <QtTest>

#include "conflict_log.h"

using namespace fieldbook::test;

namespace {
/// A stage's start lies in the past (domain/time_rules.h).
constexpr std::int64_t kMarch15 = 1773568800000; // 2026-03-15T10:00:00Z

json results(const Pusher& u, const json& m) {
    auto r = u.pushAll(json::array({m}));
    return r.empty() ? json::object() : r[0];
}
} // namespace

class TestConflictTableSync : public QObject {
    Q_OBJECT

    TestServer server_;
    Pusher manager_, head_, third_;
    int serial_ = 0;

    std::string unique(const char* what) { return what + std::to_string(++serial_); }
    json record(const std::string& entity, const std::string& id) {
        return serverRecord(server_, entity, id);
    }
    /// An open deal of manager_ at a card manager_ curates, at the first stage.
    std::string openDeal() {
        auto client = head_.create(
            "client", {{"name", unique("Table Client ")}, {"curator_id", manager_.userId}});
        return manager_.create("deal", {{"client_id", client},
                                        {"title", unique("Table Deal ")},
                                        {"manager_id", manager_.userId},
                                        {"outcome", "open"},
                                        {"stage", "initiating_interest"}});
    }

  private slots:
    void initTestCase() {
        QVERIFY(server_.start());
        manager_ =
            addUserAndLogin(server_, QStringLiteral("table.manager"), QStringLiteral("manager"));
        head_ = addUserAndLogin(server_, QStringLiteral("table.head"), QStringLiteral("head"));
        third_ = addUserAndLogin(server_, QStringLiteral("table.third"), QStringLiteral("manager"));
        for (const auto* u : {&manager_, &head_, &third_}) {
            QVERIFY(!u->token.isEmpty());
        }
    }

    // Row deal.* terminal_outcome_wins: the head closes the deal; the manager's
    // edit made on the open deal (stale) arrives later with a later stamp and
    // loses every field instead of being refused (deal_closed) or applied.
    void terminalOutcomeBeatsStaleEdit() {
        auto deal = openDeal();
        QVERIFY(!deal.empty());
        auto close = mutation("deal", deal, {{"outcome", "won"}, {"invoice_no", "INV-7"}}, 1);
        auto stale = mutation(
            "deal", deal,
            {{"stage", "identifying_needs"}, {"amount_cents", 90000}, {"notes", "stale note"}}, 1);
        QCOMPARE(outcomeOf(results(head_, close)), std::string("applied"));
        auto r = results(manager_, stale);
        QCOMPARE(outcomeOf(r), std::string("applied"));
        QCOMPARE(r["conflicts"].size(), std::size_t(3));
        for (const auto& note : r["conflicts"]) {
            QCOMPARE(note["rule"].get<std::string>(), std::string("terminal_outcome_wins"));
            QVERIFY(note["pushed_value_lost"].get<bool>());
        }
        auto f = record("deal", deal)["fields"];
        QCOMPARE(f["outcome"].get<std::string>(), std::string("won"));
        QCOMPARE(f["stage"].get<std::string>(), std::string("initiating_interest"));
        QVERIFY(f["amount_cents"].is_null());
        QVERIFY(f["notes"].is_null());
        auto log = conflictsOf(server_, deal);
        QCOMPARE(log.size(), std::size_t(3));
        for (const auto& c : log) {
            QCOMPARE(c["rule"].get<std::string>(), std::string("terminal_outcome_wins"));
            QCOMPARE(c["winner_id"].get<std::string>(), head_.userId);
            QCOMPARE(c["loser_id"].get<std::string>(), manager_.userId);
            if (c["field"] == "amount_cents") {
                QCOMPARE(c["loser_value"].get<std::int64_t>(), std::int64_t(90000));
            }
        }
        // Having seen the close, the manager's edit of a plain field is taken.
        QCOMPARE(outcomeOf(manager_.push("deal", deal, {{"notes", "seen"}},
                                         record("deal", deal)["version"].get<std::int64_t>())),
                 std::string("applied"));
        QCOMPARE(record("deal", deal)["fields"]["notes"].get<std::string>(), std::string("seen"));
    }

    // The stale edit arriving before the close: nothing to decide (the close
    // does not touch the edited fields), both are kept, no conflict.
    void staleEditBeforeTheCloseIsKept() {
        auto deal = openDeal();
        auto close = mutation("deal", deal, {{"outcome", "won"}, {"invoice_no", "INV-8"}}, 1);
        auto edit = mutation("deal", deal, {{"notes", "edited first"}}, 1);
        QCOMPARE(outcomeOf(results(manager_, edit)), std::string("applied"));
        QCOMPARE(outcomeOf(results(head_, close)), std::string("applied"));
        auto f = record("deal", deal)["fields"];
        QCOMPARE(f["outcome"].get<std::string>(), std::string("won"));
        QCOMPARE(f["notes"].get<std::string>(), std::string("edited first"));
        QVERIFY(conflictsOf(server_, deal).empty());
    }

    // Row deal.stage later_stage_wins: the head's jump (earlier stamp) beats
    // the manager's next-stage move (later stamp), in both push orders.
    void laterStageWins_data() {
        QTest::addColumn<bool>("headFirst");
        QTest::newRow("head pushes first") << true;
        QTest::newRow("manager pushes first") << false;
    }
    void laterStageWins() {
        QFETCH(bool, headFirst);
        auto deal = openDeal();
        auto jump = mutation("deal", deal, {{"stage", "demonstration"}}, 1);     // earlier stamp
        auto next = mutation("deal", deal, {{"stage", "identifying_needs"}}, 1); // later stamp
        if (headFirst) {
            QCOMPARE(outcomeOf(results(head_, jump)), std::string("applied"));
            auto r = results(manager_, next);
            QCOMPARE(outcomeOf(r), std::string("applied"));
            QVERIFY(r["conflicts"][0]["pushed_value_lost"].get<bool>());
        } else {
            QCOMPARE(outcomeOf(results(manager_, next)), std::string("applied"));
            auto r = results(head_, jump);
            QCOMPARE(outcomeOf(r), std::string("applied"));
            QVERIFY(!r["conflicts"][0]["pushed_value_lost"].get<bool>());
        }
        QCOMPARE(record("deal", deal)["fields"]["stage"].get<std::string>(),
                 std::string("demonstration"));
        auto log = conflictsOf(server_, deal);
        QCOMPARE(log.size(), std::size_t(1));
        QCOMPARE(log[0]["rule"].get<std::string>(), std::string("later_stage_wins"));
        QCOMPARE(log[0]["winner_id"].get<std::string>(), head_.userId);
        QCOMPARE(log[0]["loser_id"].get<std::string>(), manager_.userId);
        QCOMPARE(log[0]["loser_value"].get<std::string>(), std::string("identifying_needs"));
    }

    // Row deal_stage.manager_id head_assignment_wins: a manager may take a
    // stage of their deal (name themselves, SPEC §1 move_stage); the head
    // concurrently gives it to another manager. The head wins with the
    // earlier stamp, in both push orders.
    void headAssignmentWins_data() {
        QTest::addColumn<bool>("headFirst");
        QTest::newRow("head pushes first") << true;
        QTest::newRow("manager pushes first") << false;
    }
    void headAssignmentWins() {
        QFETCH(bool, headFirst);
        auto deal = openDeal();
        auto stage = head_.create("deal_stage", {{"deal_id", deal},
                                                 {"stage", "initiating_interest"},
                                                 {"started_at", kMarch15},
                                                 {"manager_id", head_.userId}});
        QVERIFY(!stage.empty());
        auto assign = mutation("deal_stage", stage, {{"manager_id", third_.userId}}, 1);
        auto take = mutation("deal_stage", stage, {{"manager_id", manager_.userId}}, 1);
        const Pusher& first = headFirst ? head_ : manager_;
        const Pusher& second = headFirst ? manager_ : head_;
        QCOMPARE(outcomeOf(results(first, headFirst ? assign : take)), std::string("applied"));
        auto r = results(second, headFirst ? take : assign);
        QCOMPARE(outcomeOf(r), std::string("applied"));
        QCOMPARE(r["conflicts"].size(), std::size_t(1));
        QCOMPARE(record("deal_stage", stage)["fields"]["manager_id"].get<std::string>(),
                 third_.userId);
        auto log = conflictsOf(server_, stage);
        QCOMPARE(log.size(), std::size_t(1));
        QCOMPARE(log[0]["rule"].get<std::string>(), std::string("head_assignment_wins"));
        QCOMPARE(log[0]["winner_id"].get<std::string>(), head_.userId);
        QCOMPARE(log[0]["loser_id"].get<std::string>(), manager_.userId);
    }

    // Two heads: the assignment rule falls back to the later stamp.
    void twoHeadsAssignByStamp() {
        auto other =
            addUserAndLogin(server_, QStringLiteral("table.head2"), QStringLiteral("head"));
        auto client = head_.create(
            "client", {{"name", unique("Table Client ")}, {"curator_id", manager_.userId}});
        auto earlier = mutation("client", client, {{"curator_id", third_.userId}}, 1);
        auto later = mutation("client", client, {{"curator_id", head_.userId}}, 1);
        QCOMPARE(outcomeOf(results(head_, later)), std::string("applied"));
        auto r = results(other, earlier);
        QCOMPARE(outcomeOf(r), std::string("applied"));
        QVERIFY(r["conflicts"][0]["pushed_value_lost"].get<bool>());
        QCOMPARE(record("client", client)["fields"]["curator_id"].get<std::string>(), head_.userId);
        QCOMPARE(conflictRulesOf(server_, client),
                 QStringList{QStringLiteral("curator_id:head_assignment_wins")});
    }
};

QTEST_GUILESS_MAIN(TestConflictTableSync)
#include "tst_conflict_table_sync.moc"
