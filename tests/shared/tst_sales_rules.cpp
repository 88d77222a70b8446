// SPDX-License-Identifier: MIT
// Unit tests of the pure sales rules and the permission mapping
// (shared/domain/sales_rules.*, permissions.*; SPEC §1-3): stage order, deal
// outcome requirements, activity and mailing status changes, value ranges,
// duplicate detection, and the actions each kind of mutation needs. The
// server (tst_business_rules, tst_permissions) and the device call these
// same functions.
#include <QTest>

#include "domain/client_rules.h"
#include "domain/permissions.h"
#include "domain/sales_rules.h"
#include "domain/time_rules.h"
#include "qtest_std.h"

#include <limits>
#include <string>
#include <vector>

using namespace fieldbook::domain;
using nlohmann::json;

namespace {
/// Stages out of order in the list, one inactive, one deleted.
json stages() {
    return json::array({
        {{"code", "b"}, {"sort_order", 20}, {"active", true}},
        {{"code", "a"}, {"sort_order", 10}, {"active", true}},
        {{"code", "gone"}, {"sort_order", 25}, {"active", true}, {"deleted", true}},
        {{"code", "c"}, {"sort_order", 30}, {"active", false}},
        {{"code", "d"}, {"sort_order", 40}},
    });
}

std::string names(const std::vector<Action>& actions) {
    std::string out;
    for (auto a : actions) {
        out += (out.empty() ? "" : ",") + std::string(actionName(a));
    }
    return out;
}
} // namespace

class TestSalesRules : public QObject {
    Q_OBJECT

  private slots:
    void stageMove_data() {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<bool>("override");
        QTest::addColumn<QString>("code");
        QTest::newRow("no stage -> first") << ""
                                           << "a" << false << "";
        QTest::newRow("no stage -> second") << ""
                                            << "b" << false << "stage_out_of_order";
        QTest::newRow("next") << "a"
                              << "b" << false << "";
        QTest::newRow("skip an inactive stage") << "b"
                                                << "d" << false << "";
        QTest::newRow("skip a live stage") << "a"
                                           << "d" << false << "stage_out_of_order";
        QTest::newRow("back") << "b"
                              << "a" << false << "stage_out_of_order";
        QTest::newRow("same") << "b"
                              << "b" << false << "stage_out_of_order";
        QTest::newRow("after the last") << "d"
                                        << "a" << false << "stage_out_of_order";
        QTest::newRow("override skip") << "a"
                                       << "d" << true << "";
        QTest::newRow("override back") << "d"
                                       << "a" << true << "";
        QTest::newRow("unknown") << "a"
                                 << "zz" << false << "unknown_stage";
        QTest::newRow("unknown, override") << "a"
                                           << "zz" << true << "unknown_stage";
        QTest::newRow("inactive target") << "b"
                                         << "c" << true << "unknown_stage";
        QTest::newRow("deleted target") << "b"
                                        << "gone" << true << "unknown_stage";
        // F11: a deal whose current stage was deactivated since moves on to
        // the next active stage, never back (c is inactive, between b and d).
        QTest::newRow("from an inactive stage -> back") << "c"
                                                        << "a" << false << "stage_out_of_order";
        QTest::newRow("from an inactive stage -> previous") << "c"
                                                            << "b" << false << "stage_out_of_order";
        QTest::newRow("from an inactive stage -> next active") << "c"
                                                               << "d" << false << "";
        QTest::newRow("from an unknown stage -> first") << "old"
                                                        << "a" << false << "";
        QTest::newRow("from an unknown stage -> second") << "old"
                                                         << "b" << false << "stage_out_of_order";
    }
    void stageMove() {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(bool, override);
        QFETCH(QString, code);
        auto v = checkStageMove(stages(), from.toStdString(), to.toStdString(), override);
        QCOMPARE(v.code, code.toStdString());
        QCOMPARE(v.message.empty(), code.isEmpty());
    }

    void stageMoveNamesTheNextStage() {
        auto v = checkStageMove(stages(), "a", "d", false);
        QVERIFY(v.message.find("next stage is b") != std::string::npos);
    }

    void dealOutcome_data() {
        QTest::addColumn<QString>("deal");
        QTest::addColumn<QString>("code");
        QTest::newRow("open") << R"({"outcome":"open"})"
                              << "";
        QTest::newRow("lost without reason") << R"({"outcome":"lost"})"
                                             << "lost_needs_reason";
        QTest::newRow("lost, blank reason") << R"({"outcome":"lost","refusal_reason":"  "})"
                                            << "lost_needs_reason";
        QTest::newRow("lost, null reason") << R"({"outcome":"lost","refusal_reason":null})"
                                           << "lost_needs_reason";
        QTest::newRow("lost with reason") << R"({"outcome":"lost","refusal_reason":"price"})"
                                          << "";
        QTest::newRow("won without document") << R"({"outcome":"won"})"
                                              << "won_needs_document";
        QTest::newRow("won, blank contract") << R"({"outcome":"won","contract_no":""})"
                                             << "won_needs_document";
        QTest::newRow("won with contract") << R"({"outcome":"won","contract_no":"C-1"})"
                                           << "";
        QTest::newRow("won with invoice") << R"({"outcome":"won","invoice_no":"I-7"})"
                                          << "";
    }
    void dealOutcome() {
        QFETCH(QString, deal);
        QFETCH(QString, code);
        QCOMPARE(checkDealOutcome(json::parse(deal.toStdString())).code, code.toStdString());
    }

    void activityStatusChange_data() {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<bool>("privileged");
        QTest::addColumn<QString>("code");
        QTest::newRow("planned -> done") << "planned"
                                         << "done" << false << "";
        QTest::newRow("planned -> cancelled") << "planned"
                                              << "cancelled" << false << "";
        QTest::newRow("missed -> planned") << "missed"
                                           << "planned" << false << "";
        QTest::newRow("done -> planned") << "done"
                                         << "planned" << false << "activity_closed";
        QTest::newRow("cancelled -> planned") << "cancelled"
                                              << "planned" << false << "activity_closed";
        QTest::newRow("done -> cancelled") << "done"
                                           << "cancelled" << false << "activity_closed";
        QTest::newRow("done -> planned by the head") << "done"
                                                     << "planned" << true << "";
        QTest::newRow("done -> done") << "done"
                                      << "done" << false << "";
    }
    void activityStatusChange() {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(bool, privileged);
        QFETCH(QString, code);
        QCOMPARE(checkActivityStatusChange(from.toStdString(), to.toStdString(), privileged).code,
                 code.toStdString());
    }

    void mailingStatusChange_data() {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<QString>("code");
        QTest::newRow("new queued") << ""
                                    << "queued"
                                    << "";
        QTest::newRow("new sent") << ""
                                  << "sent"
                                  << "invalid_status";
        QTest::newRow("new cancelled") << ""
                                       << "cancelled"
                                       << "invalid_status";
        QTest::newRow("queued -> cancelled") << "queued"
                                             << "cancelled"
                                             << "";
        QTest::newRow("queued stays") << "queued"
                                      << "queued"
                                      << "";
        QTest::newRow("queued -> sent") << "queued"
                                        << "sent"
                                        << "invalid_status";
        QTest::newRow("queued -> failed") << "queued"
                                          << "failed"
                                          << "invalid_status";
        QTest::newRow("sent -> cancelled") << "sent"
                                           << "cancelled"
                                           << "invalid_status";
        QTest::newRow("cancelled -> queued") << "cancelled"
                                             << "queued"
                                             << "invalid_status";
        QTest::newRow("sent, other edit") << "sent"
                                          << "sent"
                                          << "invalid_status";
    }
    void mailingStatusChange() {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(QString, code);
        QCOMPARE(checkMailingStatusChange(from.toStdString(), to.toStdString()).code,
                 code.toStdString());
    }

    void recordValues_data() {
        QTest::addColumn<QString>("entity");
        QTest::addColumn<QString>("fields");
        QTest::addColumn<QString>("code");
        QTest::newRow("line ok") << "deal_line"
                                 << R"({"quantity":1,"price_cents":0})"
                                 << "";
        QTest::newRow("line quantity 0") << "deal_line"
                                         << R"({"quantity":0,"price_cents":10})"
                                         << "invalid_value";
        QTest::newRow("line negative price") << "deal_line"
                                             << R"({"quantity":2,"price_cents":-1})"
                                             << "invalid_value";
        QTest::newRow("payment ok") << "payment"
                                    << R"({"amount_cents":1})"
                                    << "";
        QTest::newRow("payment zero") << "payment"
                                      << R"({"amount_cents":0})"
                                      << "invalid_value";
        QTest::newRow("payment negative") << "payment"
                                          << R"({"amount_cents":-500})"
                                          << "invalid_value";
        // F7: upper limits, so that no sum a device computes overflows.
        QTest::newRow("line max") << "deal_line"
                                  << R"({"quantity":1000000,"price_cents":1000000000000})"
                                  << "";
        QTest::newRow("line quantity too big") << "deal_line"
                                               << R"({"quantity":1000001,"price_cents":1})"
                                               << "invalid_value";
        QTest::newRow("line price too big") << "deal_line"
                                            << R"({"quantity":1,"price_cents":1000000000001})"
                                            << "invalid_value";
        QTest::newRow("line 2^62") << "deal_line"
                                   << R"({"quantity":4611686018427387904,"price_cents":1})"
                                   << "invalid_value";
        QTest::newRow("payment max") << "payment"
                                     << R"({"amount_cents":100000000000000})"
                                     << "";
        QTest::newRow("payment too big") << "payment"
                                         << R"({"amount_cents":100000000000001})"
                                         << "invalid_value";
        QTest::newRow("payment int64 max") << "payment"
                                           << R"({"amount_cents":9223372036854775807})"
                                           << "invalid_value";
        QTest::newRow("deal amount max") << "deal"
                                         << R"({"amount_cents":100000000000000})"
                                         << "";
        QTest::newRow("deal amount too big") << "deal"
                                             << R"({"amount_cents":100000000000001})"
                                             << "invalid_value";
        QTest::newRow("deal amount negative") << "deal"
                                              << R"({"amount_cents":-1})"
                                              << "invalid_value";
        QTest::newRow("duration 1") << "planned_activity"
                                    << R"({"duration_min":1})"
                                    << "";
        QTest::newRow("duration 1440") << "planned_activity"
                                       << R"({"duration_min":1440})"
                                       << "";
        QTest::newRow("duration 0") << "planned_activity"
                                    << R"({"duration_min":0})"
                                    << "invalid_value";
        QTest::newRow("duration 1441") << "planned_activity"
                                       << R"({"duration_min":1441})"
                                       << "invalid_value";
        // F16: a start within the years 1900-9999 whose end fits too.
        QTest::newRow("start at the last minute")
            << "planned_activity"
            << R"({"starts_at":253402300739999,"duration_min":1})"
            << "";
        QTest::newRow("end after 9999") << "planned_activity"
                                        << R"({"starts_at":253402300739999,"duration_min":2})"
                                        << "invalid_value";
        QTest::newRow("start int64 max") << "planned_activity"
                                         << R"({"starts_at":9223372036854775807,"duration_min":60})"
                                         << "invalid_value";
        QTest::newRow("start before 1900") << "planned_activity"
                                           << R"({"starts_at":-2208988800001,"duration_min":60})"
                                           << "invalid_value";
        QTest::newRow("address") << "mailing_request"
                                 << R"({"address":"a@b.example"})"
                                 << "";
        QTest::newRow("blank address") << "mailing_request"
                                       << R"({"address":"   "})"
                                       << "invalid_value";
        QTest::newRow("other entity") << "client"
                                      << R"({"quantity":0})"
                                      << "";
    }
    void recordValues() {
        QFETCH(QString, entity);
        QFETCH(QString, fields);
        QFETCH(QString, code);
        QCOMPARE(checkRecordValues(entity.toStdString(), json::parse(fields.toStdString())).code,
                 code.toStdString());
    }

    void historyKind() {
        QCOMPARE(historyKindForActivity("visit"), std::string("visit"));
        QCOMPARE(historyKindForActivity("call"), std::string("call"));
        QCOMPARE(historyKindForActivity("meeting"), std::string("meeting"));
        QCOMPARE(historyKindForActivity("demonstration"), std::string("demonstration"));
        QCOMPARE(historyKindForActivity("send_documents"), std::string("documents_sent"));
        QCOMPARE(historyKindForActivity("other"), std::string("note"));
    }

    void overlapping() {
        const std::int64_t h = 3'600'000;
        QVERIFY(overlaps(10 * h, 60, 10 * h + h / 2, 60));
        QVERIFY(overlaps(10 * h, 120, 10 * h + h / 2, 10)); // contained
        QVERIFY(!overlaps(10 * h, 60, 11 * h, 60));         // back to back
        QVERIFY(!overlaps(11 * h, 60, 10 * h, 60));
        // F16: extreme values pulled from elsewhere saturate instead of wrapping.
        const auto big = std::numeric_limits<std::int64_t>::max();
        QVERIFY(overlaps(big - h, 600, big - 2 * h, 120));
        QVERIFY(overlaps(10 * h, big, 20 * h, 60));
        QVERIFY(!overlaps(10 * h, 60, big - h, big));
    }

    void firstContactWindow() { // F6
        const std::int64_t now = 1'796'000'000'000;
        const std::int64_t day = 86'400'000;
        QVERIFY(!checkFirstContactAt(now, now, now));
        QVERIFY(!checkFirstContactAt(now - day, now, now));
        QCOMPARE(checkFirstContactAt(now - day - 1, now, now).code, std::string("invalid_value"));
        QVERIFY(!checkFirstContactAt(now + 5 * 60'000, now, now));
        QCOMPARE(checkFirstContactAt(now + 5 * 60'000 + 1, now, now).code,
                 std::string("invalid_value"));
        // A mutation made offline three days ago: its own time counts.
        QVERIFY(!checkFirstContactAt(now - 3 * day, now - 3 * day + 1000, now));
    }

    // Fresh-user trial (main 350da72): a meeting dated 2126 was accepted and
    // could never be corrected (history is append-only).
    void pastEventsLieInThePast() {
        const std::int64_t now = 1'796'000'000'000;
        const std::int64_t tolerance = 10 * 60'000;
        for (auto [entity, field] :
             std::vector<std::pair<const char*, const char*>>{{"history_entry", "occurred_at"},
                                                              {"payment", "paid_at"},
                                                              {"delivery", "delivered_at"},
                                                              {"deal_stage", "started_at"},
                                                              {"deal_stage", "ended_at"},
                                                              {"deal", "opened_at"},
                                                              {"deal", "closed_at"}}) {
            QVERIFY(isPastEventTime(entity, field));
            QVERIFY(!checkPastEventTimes(entity, {{field, now - 86'400'000}}, now));
            QVERIFY(!checkPastEventTimes(entity, {{field, now + tolerance}}, now));
            auto v = checkPastEventTimes(entity, {{field, now + tolerance + 1}}, now);
            QCOMPARE(v.code, std::string("invalid_value"));
            QVERIFY2(v.message.find(field) == 0, v.message.c_str());
            QVERIFY(!checkPastEventTimes(entity, {{field, nullptr}}, now));
        }
        // Times of what is to come are not past events.
        QVERIFY(!isPastEventTime("planned_activity", "starts_at"));
        QVERIFY(!checkPastEventTimes("planned_activity", {{"starts_at", now + 86'400'000}}, now));
        QVERIFY(!isPastEventTime("history_entry", "summary"));
    }

    void clientParentsFormNoCycle() {
        // a <- b <- c (c's parent is b, b's parent is a).
        auto parentOf = [](const std::string& id) -> std::string {
            return id == "c" ? "b" : id == "b" ? "a" : "";
        };
        QCOMPARE(checkClientParent("a", "a", parentOf).code, std::string("client_cycle"));
        QCOMPARE(checkClientParent("a", "c", parentOf).code, std::string("client_cycle"));
        QCOMPARE(checkClientParent("b", "c", parentOf).code, std::string("client_cycle"));
        QVERIFY(!checkClientParent("c", "a", parentOf));
        QVERIFY(!checkClientParent("d", "c", parentOf));
        // A cycle already stored among other cards ends the walk.
        auto loop = [](const std::string& id) -> std::string { return id == "x" ? "y" : "x"; };
        QVERIFY(!checkClientParent("d", "x", loop));
    }

    void normalisedNames() {
        QCOMPARE(normaliseName("ACME Corp."), std::string("acme"));
        QCOMPARE(normaliseName("Acme corporation"), std::string("acme"));
        QCOMPARE(normaliseName("  Blue-Sky  Systems, LLC "), std::string("blue sky systems"));
        QCOMPARE(normaliseName("Ромашка ООО"), std::string("Ромашка ООО")); // bytes kept
        QCOMPARE(normaliseName("Inc"), std::string());
    }

    void phoneDigitsKeepTheLastTen() {
        QCOMPARE(phoneDigits("+1 (555) 010-0100"), std::string("5550100100"));
        QCOMPARE(phoneDigits("555 010 0100"), std::string("5550100100"));
        QCOMPARE(phoneDigits("12-34"), std::string("1234"));
        QCOMPARE(phoneDigits("n/a"), std::string());
    }

    void duplicates_data() {
        QTest::addColumn<QString>("candidate");
        QTest::addColumn<QString>("existing");
        QTest::addColumn<QString>("reason");
        QTest::newRow("same tax id") << R"({"name":"A","tax_id":"77"})"
                                     << R"({"name":"B","tax_id":"77"})"
                                     << "same tax id";
        QTest::newRow("other tax id, same name only") << R"({"name":"Acme","tax_id":"1"})"
                                                      << R"({"name":"ACME Inc","tax_id":"2"})"
                                                      << "";
        QTest::newRow("name and phone") << R"({"name":"ACME Corp.","phone":"+1 (555) 010-0100"})"
                                        << R"({"name":"Acme corporation","phone":"555-010-0100"})"
                                        << "same name and phone";
        QTest::newRow("name and city") << R"({"name":"Acme","city":"Boston"})"
                                       << R"({"name":"acme, ltd","city":"boston"})"
                                       << "same name and city";
        QTest::newRow("other name, same phone") << R"({"name":"Acme","phone":"5550100100"})"
                                                << R"({"name":"Bolt","phone":"5550100100"})"
                                                << "";
        QTest::newRow("padded tax id") << R"({"name":"A","tax_id":"  7788\t"})"
                                       << R"({"name":"B","tax_id":"7788"})"
                                       << "same tax id";
        QTest::newRow("blank tax ids") << R"({"name":"A","tax_id":""})"
                                       << R"({"name":"B","tax_id":""})"
                                       << "";
        // Nothing tells the two apart: the same name alone is a probable duplicate.
        QTest::newRow("blank phones") << R"({"name":"Acme","phone":"  "})"
                                      << R"({"name":"Acme","phone":""})"
                                      << "same name";
        QTest::newRow("nulls") << R"({"name":"Acme","city":null})"
                               << R"({"name":"Acme","city":null})"
                               << "same name";
        QTest::newRow("existing without phone or city")
            << R"({"name":"Zencorporation","phone":"555 0199","city":"Springfield"})"
            << R"({"name":"Zencorporation","industry":"technology"})"
            << "same name";
        QTest::newRow("same name, other phone and city")
            << R"({"name":"Acme","phone":"5550100100","city":"Boston"})"
            << R"({"name":"Acme","phone":"5550100999","city":"Denver"})"
            << "";
        QTest::newRow("same name, one tax id") << R"({"name":"Acme","tax_id":"1"})"
                                               << R"({"name":"Acme"})"
                                               << "same name";
    }
    void duplicates() {
        QFETCH(QString, candidate);
        QFETCH(QString, existing);
        QFETCH(QString, reason);
        QCOMPARE(duplicateReason(json::parse(candidate.toStdString()),
                                 json::parse(existing.toStdString())),
                 reason.toStdString());
    }

    void matrixBasics() {
        QCOMPARE(allActions().size(), std::size_t(22)); // with merge_clients (issue 4)
        for (auto a : allActions()) {
            QVERIFY(actionName(a) != "unknown");
            QVERIFY(!allowed("intruder", a));  // unknown roles may do nothing
            QVERIFY(!allowed("marketing", a)); // marketing reads only (SPEC §1)
            QVERIFY(allowed("admin", a));
        }
        QVERIFY(!allowed("head", Action::ManageUsers));
        std::vector<Action> needed = {Action::LogHistory, Action::OpenDeal, Action::CloseDeal};
        QCOMPARE(std::string(actionName(*firstRefused("support", needed))),
                 std::string("open_deal"));
        QVERIFY(firstRefused("head", needed) == nullptr);
    }

    void requiredActions_data() {
        QTest::addColumn<QString>("entity");
        QTest::addColumn<QString>("op"); // create, update, delete
        QTest::addColumn<QString>("stored");
        QTest::addColumn<QString>("fields");
        QTest::addColumn<QString>("expected");
        const char* none = "null";
        // me = "u1", someone else = "u2".
        QTest::newRow("client create") << "client"
                                       << "create" << none << R"({"name":"X","curator_id":null})"
                                       << "create_client";
        QTest::newRow("client create, own curator")
            << "client"
            << "create" << none << R"({"name":"X","curator_id":"u1"})"
            << "create_client";
        QTest::newRow("client create for another curator")
            << "client"
            << "create" << none << R"({"name":"X","curator_id":"u2"})"
            << "create_client,assign_new_client";
        QTest::newRow("client edit") << "client"
                                     << "update"
                                     << R"({"curator_id":"u1"})"
                                     << R"({"notes":"n"})"
                                     << "edit_client";
        QTest::newRow("client clears its duplicate flag")
            << "client"
            << "update"
            << R"({"curator_id":"u1","duplicate_of":"c9"})"
            << R"({"duplicate_of":null})"
            << "reassign";
        QTest::newRow("client reassign") << "client"
                                         << "update"
                                         << R"({"curator_id":"u1"})"
                                         << R"({"curator_id":"u2"})"
                                         << "reassign";
        QTest::newRow("client reassign and edit") << "client"
                                                  << "update"
                                                  << R"({"curator_id":"u1"})"
                                                  << R"({"curator_id":"u2","notes":"n"})"
                                                  << "reassign,edit_client";
        QTest::newRow("client same curator sent") << "client"
                                                  << "update"
                                                  << R"({"curator_id":"u1"})"
                                                  << R"({"curator_id":"u1"})"
                                                  << "edit_client";
        QTest::newRow("client delete") << "client"
                                       << "delete"
                                       << R"({})"
                                       << R"({})"
                                       << "delete_records";
        QTest::newRow("contact") << "contact"
                                 << "create" << none << R"({"name":"A"})"
                                 << "edit_contact";
        QTest::newRow("contact delete") << "contact"
                                        << "delete"
                                        << R"({})"
                                        << R"({})"
                                        << "edit_contact";
        QTest::newRow("history create") << "history_entry"
                                        << "create" << none << R"({"summary":"s"})"
                                        << "log_history";
        QTest::newRow("history correct") << "history_entry"
                                         << "update"
                                         << R"({"summary":"s"})"
                                         << R"({"summary":"t"})"
                                         << "correct_own_history";
        QTest::newRow("history delete") << "history_entry"
                                        << "delete"
                                        << R"({})"
                                        << R"({})"
                                        << "delete_records";
        QTest::newRow("deal open") << "deal"
                                   << "create" << none << R"({"manager_id":"u1","outcome":"open"})"
                                   << "open_deal";
        QTest::newRow("deal open for another manager")
            << "deal"
            << "create" << none << R"({"manager_id":"u2","outcome":"open"})"
            << "open_deal,reassign";
        QTest::newRow("deal open already won")
            << "deal"
            << "create" << none << R"({"manager_id":"u1","outcome":"won"})"
            << "open_deal,close_deal";
        QTest::newRow("deal edit") << "deal"
                                   << "update"
                                   << R"({"manager_id":"u1"})"
                                   << R"({"notes":"n"})"
                                   << "edit_deal";
        QTest::newRow("deal stage") << "deal"
                                    << "update"
                                    << R"({"stage":"a"})"
                                    << R"({"stage":"b"})"
                                    << "move_stage";
        QTest::newRow("deal close") << "deal"
                                    << "update"
                                    << R"({"outcome":"open"})"
                                    << R"({"outcome":"lost","refusal_reason":"price"})"
                                    << "close_deal";
        QTest::newRow("deal reassign") << "deal"
                                       << "update"
                                       << R"({"manager_id":"u1"})"
                                       << R"({"manager_id":"u2"})"
                                       << "reassign";
        QTest::newRow("deal close and edit") << "deal"
                                             << "update"
                                             << R"({"outcome":"open"})"
                                             << R"({"outcome":"won","contract_no":"C"})"
                                             << "close_deal,edit_deal";
        QTest::newRow("deal delete") << "deal"
                                     << "delete"
                                     << R"({})"
                                     << R"({})"
                                     << "delete_records";
        QTest::newRow("deal line") << "deal_line"
                                   << "create" << none << R"({"quantity":1})"
                                   << "edit_deal";
        QTest::newRow("deal stage record") << "deal_stage"
                                           << "create" << none << R"({"stage":"a"})"
                                           << "move_stage";
        QTest::newRow("deal stage record, own")
            << "deal_stage"
            << "create" << none << R"({"stage":"a","manager_id":"u1"})"
            << "move_stage";
        // F5: naming another manager as the stage's worker is a reassignment.
        QTest::newRow("deal stage record for another")
            << "deal_stage"
            << "create" << none << R"({"stage":"a","manager_id":"u2"})"
            << "move_stage,reassign";
        QTest::newRow("payment") << "payment"
                                 << "create" << none << R"({"amount_cents":1})"
                                 << "record_payment";
        QTest::newRow("delivery") << "delivery"
                                  << "update"
                                  << R"({})"
                                  << R"({"waybill_no":"W"})"
                                  << "record_delivery";
        QTest::newRow("plan own") << "planned_activity"
                                  << "create" << none << R"({"assignee_id":"u1"})"
                                  << "plan_own_work";
        QTest::newRow("plan for another") << "planned_activity"
                                          << "create" << none << R"({"assignee_id":"u2"})"
                                          << "plan_for_others";
        QTest::newRow("complete own") << "planned_activity"
                                      << "update"
                                      << R"({"assignee_id":"u1","status":"planned"})"
                                      << R"({"status":"done","result":"ok"})"
                                      << "complete_activity";
        QTest::newRow("complete another's") << "planned_activity"
                                            << "update"
                                            << R"({"assignee_id":"u2","status":"planned"})"
                                            << R"({"status":"done"})"
                                            << "complete_activity,reassign";
        QTest::newRow("cancel own") << "planned_activity"
                                    << "update"
                                    << R"({"assignee_id":"u1","status":"planned"})"
                                    << R"({"status":"cancelled"})"
                                    << "plan_own_work";
        QTest::newRow("move another's, planned by me")
            << "planned_activity"
            << "update"
            << R"({"assignee_id":"u2","author_id":"u1","starts_at":1})"
            << R"({"starts_at":2})"
            << "plan_for_others";
        // F9: someone else's self-planned activity is theirs: only a role
        // that may reassign changes it.
        QTest::newRow("move another's own")
            << "planned_activity"
            << "update"
            << R"({"assignee_id":"u2","author_id":"u2","starts_at":1})"
            << R"({"starts_at":2})"
            << "reassign";
        QTest::newRow("cancel another's own")
            << "planned_activity"
            << "update"
            << R"({"assignee_id":"u2","author_id":"u2","status":"planned"})"
            << R"({"status":"cancelled"})"
            << "reassign";
        QTest::newRow("delete another's own") << "planned_activity"
                                              << "delete"
                                              << R"({"assignee_id":"u2","author_id":"u2"})"
                                              << R"({})"
                                              << "reassign";
        QTest::newRow("delete another's, planned by me")
            << "planned_activity"
            << "delete"
            << R"({"assignee_id":"u2","author_id":"u1"})"
            << R"({})"
            << "plan_for_others";
        // F2: created already done is a completion.
        QTest::newRow("create done, own")
            << "planned_activity"
            << "create" << none << R"({"assignee_id":"u1","status":"done"})"
            << "plan_own_work,complete_activity";
        QTest::newRow("create done, another's")
            << "planned_activity"
            << "create" << none << R"({"assignee_id":"u2","status":"done"})"
            << "plan_for_others,complete_activity,reassign";
        QTest::newRow("reassign activity") << "planned_activity"
                                           << "update"
                                           << R"({"assignee_id":"u1"})"
                                           << R"({"assignee_id":"u2"})"
                                           << "reassign";
        QTest::newRow("delete own activity") << "planned_activity"
                                             << "delete"
                                             << R"({"assignee_id":"u1"})"
                                             << R"({})"
                                             << "plan_own_work";
        QTest::newRow("mailing") << "mailing_request"
                                 << "create" << none << R"({"status":"queued"})"
                                 << "queue_mailing";
        for (const char* e : {"reference_item", "stage", "document_template", "product"}) {
            QTest::addRow("%s", e) << e << "create" << none << R"({})"
                                   << "edit_reference_lists";
        }
        QTest::newRow("user") << "user"
                              << "update"
                              << R"({"full_name":"A"})"
                              << R"({"full_name":"B"})"
                              << "manage_users";
    }
    void requiredActions() {
        QFETCH(QString, entity);
        QFETCH(QString, op);
        QFETCH(QString, stored);
        QFETCH(QString, fields);
        QFETCH(QString, expected);
        auto e = entity.toStdString();
        json s = json::parse(stored.toStdString());
        json f = json::parse(fields.toStdString());
        MutationIntent m{e,
                         op == QLatin1String("create"),
                         op == QLatin1String("delete"),
                         s.is_null() ? nullptr : &s,
                         &f,
                         "u1"};
        QCOMPARE(names(fieldbook::domain::requiredActions(m)), expected.toStdString());
    }
};

QTEST_GUILESS_MAIN(TestSalesRules)
#include "tst_sales_rules.moc"
