// SPDX-License-Identifier: MIT
// The server's rules of the sales process (SPEC §2-3; docs/conflicts.md
// "Rules of the sales process"), each allowed and refused, against the real
// server process: a refusal answers with its stable code and saves nothing
// (the record and its version unchanged, no follow-up record). Also the
// follow-ups the server writes itself (a closed deal's stages, a done
// activity's history entry, busy slots that reach another manager's device
// through pull), the manager scope through worked deal stages, and the
// duplicate-check endpoint (SPEC §3.7).
#include <QtTest>

#include "domain/clock.h"
#include "push_helpers.h"
#include "sync/protocol.h"
#include "sync_helpers.h"

#include <set>

using namespace fieldbook::test;
using fieldbook::domain::newUuid;
using fieldbook::domain::stableUuid;

namespace {
constexpr std::int64_t kMarch15 = 1805104800000;              // 2027-03-15T10:00:00Z
constexpr std::int64_t kMarch25 = kMarch15 + 10 * 86400000LL; // a day no other test plans on
/// A time of something that has happened (history, payments, deliveries,
/// stages): such times may not lie in the future (domain/time_rules.h).
constexpr std::int64_t kPastEvent = 1773568800000; // 2026-03-15T10:00:00Z
} // namespace

class TestBusinessRules : public QObject {
    Q_OBJECT

    TestServer server_;
    Pusher manager_, other_, tele_, head_, admin_;
    int serial_ = 0;

    std::string unique(const char* what) { return what + std::to_string(++serial_); }

    std::string clientOf(const Pusher& curator, json extra = json::object()) {
        extra["name"] = extra.value("name", unique("Rules Client "));
        extra["curator_id"] = curator.userId;
        return head_.create("client", extra);
    }
    /// An open deal of the manager at a client the manager curates, at the
    /// first stage, with its open deal_stage record.
    std::pair<std::string, std::string> dealWithStage() {
        auto client = clientOf(manager_);
        auto deal = manager_.create("deal", {{"client_id", client},
                                             {"title", unique("Rules Deal ")},
                                             {"manager_id", manager_.userId},
                                             {"outcome", "open"},
                                             {"stage", "initiating_interest"}});
        auto stage = manager_.create("deal_stage", {{"deal_id", deal},
                                                    {"stage", "initiating_interest"},
                                                    {"started_at", kPastEvent},
                                                    {"manager_id", manager_.userId}});
        return {deal, stage};
    }
    std::string activityFor(const Pusher& assignee, const Pusher& by, json extra = {}) {
        json f = {{"client_id", clientOf(assignee)},
                  {"assignee_id", assignee.userId},
                  {"kind", "visit"},
                  {"starts_at", kMarch15},
                  {"duration_min", 90},
                  {"purpose", "Demo of the new release"},
                  {"status", "planned"}};
        if (extra.is_object()) {
            f.update(extra);
        }
        return by.create("planned_activity", f);
    }
    json record(const std::string& entity, const std::string& id) {
        return serverRecord(server_, entity, id);
    }
    std::int64_t version(const std::string& entity, const std::string& id) {
        auto r = record(entity, id);
        return r.is_null() ? 0 : r["version"].get<std::int64_t>();
    }
    /// Pushes an update of `id` on its current version.
    json update(const Pusher& u, const std::string& entity, const std::string& id,
                const json& fields) {
        return u.push(entity, id, fields, version(entity, id));
    }
    /// `u` pushes `fields` on `id`; the answer must be `code` and the record unchanged.
    void refusedUpdate(const Pusher& u, const std::string& entity, const std::string& id,
                       const json& fields, const std::string& code) {
        auto before = record(entity, id);
        QVERIFY(!before.is_null());
        auto r = update(u, entity, id, fields);
        QCOMPARE(outcomeOf(r), code);
        QVERIFY(!r["error"].value("message", std::string()).empty());
        COMPARE_JSON(record(entity, id), before); // nothing saved, version and seq included
    }
    /// `u` creates a record; the answer must be `code` and no record exist.
    void refusedCreate(const Pusher& u, const std::string& entity, const json& fields,
                       const std::string& code) {
        auto id = newUuid();
        auto r = u.push(entity, id, fields);
        QCOMPARE(outcomeOf(r), code);
        QVERIFY(record(entity, id).is_null());
    }
    int count(const std::string& sql, const std::string& param) {
        fieldbook::store::Database d(server_.dbPath().toStdString());
        fieldbook::store::Statement st(d, sql);
        st.bind(1, param);
        st.step();
        return static_cast<int>(st.int64(0));
    }
    json pullAs(const Pusher& u, std::int64_t cursor = 0) {
        auto r = rawHttp(server_.port(), "GET",
                         "/api/v1/sync/pull?limit=5000&cursor=" + QByteArray::number(cursor), {},
                         u.token);
        return json::parse(r.body.toStdString());
    }
    static json find(const json& pull, const std::string& entity, const std::string& id) {
        for (const auto& c : pull["changes"]) {
            if (c["entity"] == entity && c["id"] == id) {
                return c;
            }
        }
        return json();
    }

  private slots:
    void initTestCase() {
        QVERIFY(server_.start());
        manager_ =
            addUserAndLogin(server_, QStringLiteral("rules.manager"), QStringLiteral("manager"));
        other_ = addUserAndLogin(server_, QStringLiteral("rules.other"), QStringLiteral("manager"));
        tele_ =
            addUserAndLogin(server_, QStringLiteral("rules.tele"), QStringLiteral("telemarketing"));
        head_ = addUserAndLogin(server_, QStringLiteral("rules.head"), QStringLiteral("head"));
        admin_ = addUserAndLogin(server_, QStringLiteral("rules.admin"), QStringLiteral("admin"));
        for (const auto* u : {&manager_, &other_, &tele_, &head_, &admin_}) {
            QVERIFY(!u->token.isEmpty());
        }
    }

    // --- value rules --------------------------------------------------------

    void referenceListCodes() {
        auto r = tele_.push("client", newUuid(), {{"name", "Mars Ltd"}, {"region", "mars"}});
        QCOMPARE(outcomeOf(r), std::string("invalid_value"));
        QVERIFY(r["error"]["message"].get<std::string>().find("region") != std::string::npos);
        QVERIFY(r["current"].is_null());

        auto item = admin_.create("reference_item",
                                  {{"list", "region"}, {"code", "mars"}, {"label", "Mars"}});
        QVERIFY(!item.empty());
        auto client = tele_.create("client", {{"name", "Mars Ltd"}, {"region", "mars"}});
        QVERIFY(!client.empty());
        // A code of another list does not count.
        refusedUpdate(tele_, "client", client, {{"industry", "mars"}}, "invalid_value");
        // A retired (inactive) item is not offered for new values.
        QCOMPARE(outcomeOf(update(admin_, "reference_item", item, {{"active", false}})),
                 std::string("applied"));
        auto second = tele_.push("client", newUuid(), {{"name", "Mars 2"}, {"region", "mars"}});
        QCOMPARE(outcomeOf(second), std::string("invalid_value"));
        // ...but a card that already holds it keeps it through other edits.
        QCOMPARE(outcomeOf(update(tele_, "client", client, {{"notes", "still on Mars"}})),
                 std::string("applied"));

        // A history entry's kind is the history_kind list.
        auto bad = tele_.push("history_entry", newUuid(),
                              {{"client_id", client},
                               {"kind", "telepathy"},
                               {"summary", "x"},
                               {"occurred_at", kPastEvent}});
        QCOMPARE(outcomeOf(bad), std::string("invalid_value"));
        QVERIFY(bad["error"]["message"].get<std::string>().find("history_kind") !=
                std::string::npos);
        QVERIFY(!tele_
                     .create("history_entry", {{"client_id", client},
                                               {"kind", "support_call"},
                                               {"summary", "x"},
                                               {"occurred_at", kPastEvent}})
                     .empty());
        // A lost deal's refusal reason is the refusal_reason list.
        auto [deal, stage] = dealWithStage();
        refusedUpdate(manager_, "deal", deal,
                      {{"outcome", "lost"}, {"refusal_reason", "bad karma"}}, "invalid_value");
    }

    void duplicateCodes() {
        auto first = admin_.create("reference_item",
                                   {{"list", "industry"}, {"code", "mining"}, {"label", "Mining"}});
        QVERIFY(!first.empty());
        refusedCreate(admin_, "reference_item",
                      {{"list", "industry"}, {"code", "mining"}, {"label", "Mines"}},
                      "duplicate_code");
        // The same code in another list is fine.
        QVERIFY(!admin_
                     .create("reference_item",
                             {{"list", "region"}, {"code", "mining"}, {"label", "Mining area"}})
                     .empty());
        // Renaming another item onto the code is refused too.
        auto other = admin_.create("reference_item",
                                   {{"list", "industry"}, {"code", "oil"}, {"label", "Oil"}});
        refusedUpdate(admin_, "reference_item", other, {{"code", "mining"}}, "duplicate_code");
        refusedCreate(admin_, "stage",
                      {{"code", "demonstration"}, {"name", "Demo again"}, {"sort_order", 99}},
                      "duplicate_code");
        // Once the first item is deleted, its code is free again.
        QCOMPARE(outcomeOf(admin_.push("reference_item", first, json::object(),
                                       version("reference_item", first), "delete")),
                 std::string("applied"));
        QVERIFY(!admin_
                     .create("reference_item",
                             {{"list", "industry"}, {"code", "mining"}, {"label", "Mining 2"}})
                     .empty());
    }

    void valueRanges() {
        auto [deal, stage] = dealWithStage();
        std::string product;
        {
            fieldbook::store::Database d(server_.dbPath().toStdString());
            fieldbook::store::Statement st(d, "SELECT id FROM products LIMIT 1");
            QVERIFY(st.step());
            product = st.text(0);
        }
        json line = {
            {"deal_id", deal}, {"product_id", product}, {"quantity", 0}, {"price_cents", 1000}};
        refusedCreate(manager_, "deal_line", line, "invalid_value");
        line["quantity"] = 2;
        line["price_cents"] = -1;
        refusedCreate(manager_, "deal_line", line, "invalid_value");
        line["price_cents"] = 0; // a free item is fine
        auto lineId = manager_.create("deal_line", line);
        QVERIFY(!lineId.empty());
        refusedUpdate(manager_, "deal_line", lineId, {{"quantity", 0}}, "invalid_value");

        refusedCreate(manager_, "payment",
                      {{"deal_id", deal}, {"amount_cents", 0}, {"paid_at", kPastEvent}},
                      "invalid_value");
        QVERIFY(!manager_
                     .create("payment",
                             {{"deal_id", deal}, {"amount_cents", 1}, {"paid_at", kPastEvent}})
                     .empty());

        for (int minutes : {0, 1441, -30}) {
            json a = {{"client_id", clientOf(manager_)},
                      {"assignee_id", manager_.userId},
                      {"kind", "call"},
                      {"starts_at", kMarch15},
                      {"duration_min", minutes},
                      {"status", "planned"}};
            refusedCreate(manager_, "planned_activity", a, "invalid_value");
        }
        auto activity = activityFor(manager_, manager_, {{"duration_min", 1440}});
        QVERIFY(!activity.empty());
        refusedUpdate(manager_, "planned_activity", activity, {{"duration_min", 2000}},
                      "invalid_value");
    }

    void usersArePushedByAdminsOnly() {
        auto victim = other_.userId;
        refusedUpdate(head_, "user", victim, {{"full_name", "Renamed by head"}}, "forbidden");
        refusedUpdate(manager_, "user", victim, {{"role", "head"}}, "forbidden");
        QCOMPARE(outcomeOf(update(admin_, "user", victim, {{"stage_codes", "demonstration"}})),
                 std::string("applied"));
        refusedCreate(admin_, "user", {{"full_name", "Ghost"}, {"role", "admin"}}, "forbidden");
        auto before = record("user", victim);
        auto del = admin_.push("user", victim, json::object(), version("user", victim), "delete");
        QCOMPARE(outcomeOf(del), std::string("forbidden"));
        COMPARE_JSON(record("user", victim), before);
    }

    // --- deals ---------------------------------------------------------------

    void dealOutcomeNeedsReasonOrDocument() {
        auto [deal, stage] = dealWithStage();
        refusedUpdate(manager_, "deal", deal, {{"outcome", "lost"}}, "lost_needs_reason");
        refusedUpdate(manager_, "deal", deal, {{"outcome", "won"}}, "won_needs_document");
        // The stage record was not ended by the refused closes.
        QVERIFY(record("deal_stage", stage)["fields"]["ended_at"].is_null());
        refusedCreate(manager_, "deal",
                      {{"client_id", clientOf(manager_)},
                       {"title", "Born lost"},
                       {"manager_id", manager_.userId},
                       {"outcome", "lost"}},
                      "lost_needs_reason");
    }

    void closingADealEndsItsOpenStage() {
        auto [deal, stage] = dealWithStage();
        auto stageVersion = version("deal_stage", stage);
        auto stageSeq = record("deal_stage", stage)["seq"].get<std::int64_t>();
        auto r = update(manager_, "deal", deal, {{"outcome", "won"}, {"contract_no", "C-77"}});
        QCOMPARE(outcomeOf(r), std::string("applied"));
        auto closed = record("deal", deal);
        auto closedAt = closed["fields"]["closed_at"];
        QVERIFY(closedAt.is_number_integer()); // set by the server
        auto ended = record("deal_stage", stage);
        COMPARE_JSON(ended["fields"]["ended_at"], closedAt);
        QCOMPARE(ended["version"].get<std::int64_t>(), stageVersion + 1);
        QVERIFY(ended["seq"].get<std::int64_t>() > stageSeq); // syncs out
        // The manager's device gets the ended stage at its next pull.
        auto pulled = find(pullAs(manager_, stageSeq), "deal_stage", stage);
        COMPARE_JSON(pulled["fields"]["ended_at"], closedAt);

        // A device that ended the stage itself: the server leaves it as it is.
        auto [deal2, stage2] = dealWithStage();
        auto results = manager_.pushAll(json::array(
            {mutation("deal_stage", stage2, {{"ended_at", kPastEvent + 5}},
                      version("deal_stage", stage2)),
             mutation("deal", deal2,
                      {{"outcome", "lost"}, {"refusal_reason", "price"}, {"closed_at", kPastEvent}},
                      version("deal", deal2))}));
        QCOMPARE(outcomeOf(results[0]), std::string("applied"));
        QCOMPARE(outcomeOf(results[1]), std::string("applied"));
        COMPARE_JSON(record("deal_stage", stage2)["fields"]["ended_at"], json(kPastEvent + 5));
        COMPARE_JSON(record("deal", deal2)["fields"]["closed_at"], json(kPastEvent));
    }

    void closedDealsStayClosed() {
        auto [deal, stage] = dealWithStage();
        QCOMPARE(outcomeOf(
                     update(manager_, "deal", deal, {{"outcome", "won"}, {"invoice_no", "INV-1"}})),
                 std::string("applied"));
        refusedUpdate(manager_, "deal", deal, {{"stage", "identifying_needs"}}, "deal_closed");
        refusedUpdate(manager_, "deal", deal, {{"outcome", "open"}}, "deal_closed");
        refusedUpdate(manager_, "deal", deal, {{"outcome", "lost"}, {"refusal_reason", "price"}},
                      "deal_closed");
        refusedCreate(
            manager_, "deal_stage",
            {{"deal_id", deal}, {"stage", "identifying_needs"}, {"started_at", kPastEvent}},
            "deal_closed");
        std::string product;
        {
            fieldbook::store::Database d(server_.dbPath().toStdString());
            fieldbook::store::Statement st(d, "SELECT id FROM products LIMIT 1");
            QVERIFY(st.step());
            product = st.text(0);
        }
        refusedCreate(
            manager_, "deal_line",
            {{"deal_id", deal}, {"product_id", product}, {"quantity", 1}, {"price_cents", 100}},
            "deal_closed");
        // Payments and deliveries follow a won deal's contract.
        QVERIFY(!manager_
                     .create("payment",
                             {{"deal_id", deal}, {"amount_cents", 5000}, {"paid_at", kPastEvent}})
                     .empty());
        QVERIFY(!manager_.create("delivery", {{"deal_id", deal}, {"delivered_at", kPastEvent}})
                     .empty());
        // Other fields of a closed deal can still be edited.
        QCOMPARE(outcomeOf(update(manager_, "deal", deal, {{"notes", "paid in full"}})),
                 std::string("applied"));
        // The head may reopen it; closed_at goes back to null.
        QCOMPARE(outcomeOf(update(head_, "deal", deal, {{"outcome", "open"}})),
                 std::string("applied"));
        QVERIFY(record("deal", deal)["fields"]["closed_at"].is_null());

        // A lost deal takes no payment or delivery.
        auto [lost, lostStage] = dealWithStage();
        QCOMPARE(outcomeOf(update(manager_, "deal", lost,
                                  {{"outcome", "lost"}, {"refusal_reason", "no_budget"}})),
                 std::string("applied"));
        refusedCreate(manager_, "payment",
                      {{"deal_id", lost}, {"amount_cents", 100}, {"paid_at", kPastEvent}},
                      "deal_closed");
        refusedCreate(manager_, "delivery", {{"deal_id", lost}, {"delivered_at", kPastEvent}},
                      "deal_closed");
    }

    void stagesMoveInOrder() {
        auto [deal, stage] = dealWithStage();
        refusedUpdate(manager_, "deal", deal, {{"stage", "demonstration"}}, "stage_out_of_order");
        refusedUpdate(manager_, "deal", deal, {{"stage", "no_such_stage"}}, "unknown_stage");
        QCOMPARE(outcomeOf(update(manager_, "deal", deal, {{"stage", "identifying_needs"}})),
                 std::string("applied"));
        refusedUpdate(manager_, "deal", deal, {{"stage", "initiating_interest"}},
                      "stage_out_of_order");
        // The head overrides the order, both ways.
        QCOMPARE(outcomeOf(update(head_, "deal", deal, {{"stage", "contract_invoice"}})),
                 std::string("applied"));
        QCOMPARE(outcomeOf(update(head_, "deal", deal, {{"stage", "demonstration"}})),
                 std::string("applied"));
        refusedUpdate(head_, "deal", deal, {{"stage", "no_such_stage"}}, "unknown_stage");
        // A new deal starts at the first stage.
        refusedCreate(manager_, "deal",
                      {{"client_id", clientOf(manager_)},
                       {"title", "Straight to payment"},
                       {"manager_id", manager_.userId},
                       {"outcome", "open"},
                       {"stage", "payment"}},
                      "stage_out_of_order");
        // A stage record names a live stage.
        refusedCreate(manager_, "deal_stage",
                      {{"deal_id", deal}, {"stage", "no_such_stage"}, {"started_at", kPastEvent}},
                      "unknown_stage");
        // A new deal gets opened_by from the server, opened_at if the device had none.
        auto fresh = record("deal", deal);
        COMPARE_JSON(fresh["fields"]["opened_by"], json(manager_.userId));
        QVERIFY(fresh["fields"]["opened_at"].is_number_integer());
    }

    // --- planned activities --------------------------------------------------

    void doneActivityWritesItsHistoryEntry() {
        auto activity = activityFor(manager_, tele_);
        const auto before = fieldbook::domain::nowMs();
        auto r = update(manager_, "planned_activity", activity,
                        {{"status", "done"}, {"result", "They want 20 seats"}});
        QCOMPARE(outcomeOf(r), std::string("applied"));
        auto entry = record("history_entry", stableUuid("activity_done", activity));
        QVERIFY(!entry.is_null());
        auto a = record("planned_activity", activity)["fields"];
        const auto& f = entry["fields"];
        COMPARE_JSON(f["summary"], json("They want 20 seats"));
        COMPARE_JSON(f["kind"], json("visit"));
        // Planned for 2027 and done now: it happened now, not in the future.
        QVERIFY(a["starts_at"].get<std::int64_t>() > fieldbook::domain::nowMs());
        QVERIFY(f["occurred_at"].get<std::int64_t>() >= before);
        QVERIFY(f["occurred_at"].get<std::int64_t>() <= fieldbook::domain::nowMs());
        COMPARE_JSON(f["client_id"], a["client_id"]);
        COMPARE_JSON(f["deal_id"], a["deal_id"]);
        COMPARE_JSON(f["planned_activity_id"], json(activity));
        COMPARE_JSON(f["author_id"], json(manager_.userId));
        QCOMPARE(
            count("SELECT COUNT(*) FROM history_entries WHERE planned_activity_id = ?", activity),
            1);

        // Without a result the purpose is the summary; without either, "KIND done".
        auto withPurpose = activityFor(manager_, manager_, {{"kind", "send_documents"}});
        QCOMPARE(outcomeOf(update(manager_, "planned_activity", withPurpose, {{"status", "done"}})),
                 std::string("applied"));
        auto e2 = record("history_entry", stableUuid("activity_done", withPurpose))["fields"];
        COMPARE_JSON(e2["summary"], json("Demo of the new release"));
        COMPARE_JSON(e2["kind"], json("documents_sent"));
        auto bare = activityFor(manager_, manager_, {{"kind", "call"}, {"purpose", nullptr}});
        QCOMPARE(outcomeOf(update(manager_, "planned_activity", bare, {{"status", "done"}})),
                 std::string("applied"));
        COMPARE_JSON(
            record("history_entry", stableUuid("activity_done", bare))["fields"]["summary"],
            json("call done"));
    }

    void doneActivityHistoryIsWrittenOnce() {
        // The device writes the entry and the status change in one outbox
        // transaction; they arrive in one push, the entry first.
        auto activity = activityFor(manager_, manager_);
        auto entryId = stableUuid("activity_done", activity);
        auto a = record("planned_activity", activity)["fields"];
        auto results = manager_.pushAll(
            json::array({mutation("history_entry", entryId,
                                  {{"client_id", a["client_id"]},
                                   {"planned_activity_id", activity},
                                   {"kind", "visit"},
                                   {"summary", "Met the CTO; demo next week"},
                                   // As Replica::completeActivity: not after now.
                                   {"occurred_at", std::min(a["starts_at"].get<std::int64_t>(),
                                                            fieldbook::domain::nowMs())}}),
                         mutation("planned_activity", activity, {{"status", "done"}},
                                  version("planned_activity", activity))}));
        QCOMPARE(outcomeOf(results[0]), std::string("applied"));
        QCOMPARE(outcomeOf(results[1]), std::string("applied"));
        QCOMPARE(
            count("SELECT COUNT(*) FROM history_entries WHERE planned_activity_id = ?", activity),
            1);
        auto entry = record("history_entry", entryId);
        QCOMPARE(entry["version"].get<std::int64_t>(), std::int64_t(1)); // the device's, untouched
        COMPARE_JSON(entry["fields"]["summary"], json("Met the CTO; demo next week"));

        // Pushed again (a retry after a lost answer): still one entry.
        QCOMPARE(outcomeOf(update(manager_, "planned_activity", activity, {{"status", "done"}})),
                 std::string("applied"));
        QCOMPARE(
            count("SELECT COUNT(*) FROM history_entries WHERE planned_activity_id = ?", activity),
            1);
    }

    void closedActivitiesStayClosed() {
        auto done = activityFor(manager_, manager_);
        QCOMPARE(outcomeOf(update(manager_, "planned_activity", done, {{"status", "done"}})),
                 std::string("applied"));
        refusedUpdate(manager_, "planned_activity", done, {{"status", "planned"}},
                      "activity_closed");
        refusedUpdate(other_, "planned_activity", done, {{"status", "cancelled"}},
                      "forbidden"); // not theirs (F9)
        auto cancelled = activityFor(manager_, manager_);
        QCOMPARE(
            outcomeOf(update(manager_, "planned_activity", cancelled, {{"status", "cancelled"}})),
            std::string("applied"));
        refusedUpdate(manager_, "planned_activity", cancelled, {{"status", "done"}},
                      "activity_closed");
        QVERIFY(record("history_entry", stableUuid("activity_done", cancelled)).is_null());
        // A missed visit can be planned again.
        auto missed = activityFor(manager_, manager_);
        QCOMPARE(outcomeOf(update(manager_, "planned_activity", missed, {{"status", "missed"}})),
                 std::string("applied"));
        QCOMPARE(outcomeOf(update(manager_, "planned_activity", missed, {{"status", "planned"}})),
                 std::string("applied"));
        // The head may reopen a cancelled one.
        QCOMPARE(outcomeOf(update(head_, "planned_activity", cancelled, {{"status", "planned"}})),
                 std::string("applied"));
    }

    // Break-it finding 1: the done entry's id is derivable, so another user
    // may create a record under it first. Marking the activity done must
    // still write the assignee's own entry; the squatter's stays as it was.
    void doneEntryCannotBePreempted() {
        auto activity = activityFor(manager_, manager_);
        auto doneId = fieldbook::domain::stableUuid("activity_done", activity);
        auto squat = other_.push("history_entry", doneId,
                                 {{"client_id", clientOf(other_)},
                                  {"kind", "note"},
                                  {"summary", "squatted"},
                                  {"occurred_at", kPastEvent}});
        QCOMPARE(outcomeOf(squat), std::string("applied"));
        QCOMPARE(outcomeOf(update(manager_, "planned_activity", activity,
                                  {{"status", "done"}, {"result", "Showed the release"}})),
                 std::string("applied"));
        auto client = record("planned_activity", activity)["fields"]["client_id"];
        fieldbook::store::Database db(server_.dbPath().toStdString());
        fieldbook::store::Statement st(db,
                                       "SELECT author_id, summary, client_id FROM history_entries "
                                       "WHERE planned_activity_id = ? AND deleted = 0");
        st.bind(1, activity);
        QVERIFY2(st.step(), "the completion wrote no history entry");
        QCOMPARE(st.text(0), manager_.userId);
        QCOMPARE(st.text(1), std::string("Showed the release"));
        COMPARE_JSON(json(st.text(2)), client);
        QVERIFY(!st.step()); // exactly one
        COMPARE_JSON(record("history_entry", doneId)["fields"]["summary"], json("squatted"));
    }

    void busySlotsFollowActivitiesToEveryDevice() {
        // Telemarketing plans a visit for the manager at a client only the
        // manager has; another manager's device must see the busy time but
        // neither the visit nor the client.
        CliDevice otherDevice;
        QVERIFY(otherDevice.login(server_.url(), QStringLiteral("rules.other")));
        otherDevice.sync();
        QCOMPARE(otherDevice.lastExit, 0);

        auto activity = activityFor(manager_, tele_, {{"starts_at", kMarch25 + 3600000}});
        // The slot's id is derived; the activity's own id is never disclosed.
        const auto slotId = fieldbook::domain::stableUuid("busy_slot", activity);
        QVERIFY(record("busy_slot", activity).is_null());
        auto slot = record("busy_slot", slotId);
        QVERIFY(!slot.is_null());
        COMPARE_JSON(slot["fields"], (json{{"user_id", manager_.userId},
                                           {"starts_at", kMarch25 + 3600000},
                                           {"duration_min", 90}}));
        auto cursor = slot["seq"].get<std::int64_t>() - 1;
        auto pulled = pullAs(other_, cursor);
        auto change = find(pulled, "busy_slot", slotId);
        QVERIFY(!change.is_null());
        QCOMPARE(change["fields"].size(), std::size_t(3)); // times only, no client
        QVERIFY(find(pulled, "planned_activity", activity).is_null());

        otherDevice.sync();
        auto busy = otherDevice.json({QStringLiteral("busy"), QStringLiteral("rules.manager"),
                                      QStringLiteral("--date"), QStringLiteral("2027-03-25")});
        auto rows = json::parse(busy.toJson().toStdString());
        QCOMPARE(rows.size(), std::size_t(1));
        COMPARE_JSON(rows[0]["starts_at"], json(kMarch25 + 3600000));
        COMPARE_JSON(rows[0]["duration_min"], json(90));

        // Moving the visit moves the slot; each change is a new version and seq.
        QCOMPARE(outcomeOf(update(manager_, "planned_activity", activity,
                                  {{"starts_at", kMarch25 + 7200000}, {"duration_min", 30}})),
                 std::string("applied"));
        auto moved = record("busy_slot", slotId);
        QCOMPARE(moved["version"].get<std::int64_t>(), slot["version"].get<std::int64_t>() + 1);
        QVERIFY(moved["seq"].get<std::int64_t>() > slot["seq"].get<std::int64_t>());
        COMPARE_JSON(moved["fields"]["starts_at"], json(kMarch25 + 7200000));
        // An edit that does not touch the times leaves the slot alone.
        QCOMPARE(
            outcomeOf(update(manager_, "planned_activity", activity, {{"place", "Head office"}})),
            std::string("applied"));
        COMPARE_JSON(record("busy_slot", slotId), moved);
        // The head reassigns it: the slot follows the new assignee.
        QCOMPARE(outcomeOf(
                     update(head_, "planned_activity", activity, {{"assignee_id", other_.userId}})),
                 std::string("applied"));
        COMPARE_JSON(record("busy_slot", slotId)["fields"]["user_id"], json(other_.userId));
        // Cancelled: the slot becomes a tombstone, and devices drop it.
        QCOMPARE(outcomeOf(update(head_, "planned_activity", activity, {{"status", "cancelled"}})),
                 std::string("applied"));
        QVERIFY(record("busy_slot", slotId)["deleted"].get<bool>());
        otherDevice.sync();
        busy = otherDevice.json({QStringLiteral("busy"), QStringLiteral("rules.manager"),
                                 QStringLiteral("--date"), QStringLiteral("2027-03-25")});
        QCOMPARE(busy.array().size(), 0);

        // Deleting a planned activity removes its slot too.
        auto deleted = activityFor(manager_, manager_);
        auto deletedSlot = fieldbook::domain::stableUuid("busy_slot", deleted);
        QVERIFY(!record("busy_slot", deletedSlot)["deleted"].get<bool>());
        QCOMPARE(outcomeOf(manager_.push("planned_activity", deleted, json::object(),
                                         version("planned_activity", deleted), "delete")),
                 std::string("applied"));
        QVERIFY(record("busy_slot", deletedSlot)["deleted"].get<bool>());
        // A refused change leaves the slot as it was.
        auto kept = activityFor(manager_, manager_);
        auto keptSlotId = fieldbook::domain::stableUuid("busy_slot", kept);
        auto keptSlot = record("busy_slot", keptSlotId);
        QVERIFY(!keptSlot.is_null());
        refusedUpdate(manager_, "planned_activity", kept,
                      {{"starts_at", kMarch15}, {"duration_min", 0}}, "invalid_value");
        COMPARE_JSON(record("busy_slot", keptSlotId), keptSlot);
        // Devices cannot push busy slots.
        QCOMPARE(outcomeOf(manager_.push("busy_slot", keptSlotId, {{"duration_min", 1}}, 1)),
                 std::string("read_only_entity"));
    }

    // --- history, clients, mailings ----------------------------------------

    void correctionsKeepEarlierTexts() {
        auto client = clientOf(manager_);
        auto entry = manager_.create("history_entry", {{"client_id", client},
                                                       {"kind", "meeting"},
                                                       {"summary", "First text"},
                                                       {"occurred_at", kPastEvent}});
        QCOMPARE(outcomeOf(update(manager_, "history_entry", entry, {{"summary", "Second"}})),
                 std::string("applied"));
        QCOMPARE(outcomeOf(update(manager_, "history_entry", entry, {{"summary", "Third"}})),
                 std::string("applied"));
        auto f = record("history_entry", entry)["fields"];
        COMPARE_JSON(f["summary"], json("Third"));
        auto revisions = json::parse(f["revisions"].get<std::string>());
        QCOMPARE(revisions.size(), std::size_t(2));
        COMPARE_JSON(revisions[0]["summary"], json("First text"));
        COMPARE_JSON(revisions[1]["summary"], json("Second"));
        COMPARE_JSON(revisions[1]["by"], json(manager_.userId));
        QVERIFY(revisions[1]["at"].is_number_integer());
        // Nobody else corrects it, and nobody writes revisions directly.
        refusedUpdate(head_, "history_entry", entry, {{"summary", "Head's text"}}, "not_author");
        refusedUpdate(manager_, "history_entry", entry, {{"revisions", "[]"}}, "read_only_field");
    }

    void newCardsAreFlaggedAsProbableDuplicates() {
        auto first = tele_.create("client", {{"name", "Orion Systems Inc."},
                                             {"phone", "+1 (555) 010-0199"},
                                             {"tax_id", "ORION-77"},
                                             {"city", "Boston"}});
        QVERIFY(!first.empty());
        QVERIFY(record("client", first)["fields"]["duplicate_of"].is_null());
        // Another manager creates the same company offline: both cards are kept.
        auto samePhone =
            other_.create("client", {{"name", "ORION SYSTEMS, LLC"}, {"phone", "555-010-0199"}});
        COMPARE_JSON(record("client", samePhone)["fields"]["duplicate_of"], json(first));
        auto sameTax =
            tele_.create("client", {{"name", "Orion (old name)"}, {"tax_id", "ORION-77"}});
        COMPARE_JSON(record("client", sameTax)["fields"]["duplicate_of"], json(first));
        auto sameCity = tele_.create("client", {{"name", "orion systems"}, {"city", "boston"}});
        COMPARE_JSON(record("client", sameCity)["fields"]["duplicate_of"], json(first));
        auto different =
            tele_.create("client", {{"name", "Orion Foods"}, {"phone", "555-010-0199"}});
        QVERIFY(record("client", different)["fields"]["duplicate_of"].is_null());
    }

    void firstContactIsSetOnce() {
        // A card created by push has its first contact at once.
        auto card = tele_.create("client", {{"name", unique("First Contact ")}});
        auto f = record("client", card)["fields"];
        COMPARE_JSON(f["first_contact_by"], json(tele_.userId));
        QVERIFY(f["first_contact_at"].is_number_integer());
        refusedUpdate(head_, "client", card, {{"first_contact_by", head_.userId}},
                      "read_only_field");
        refusedUpdate(tele_, "client", card, {{"first_contact_at", fieldbook::domain::nowMs()}},
                      "immutable_field");
        // An imported card has none: its date may be filled in once, within
        // the window, and who filled it in becomes its author.
        std::string imported;
        {
            fieldbook::store::Database d(server_.dbPath().toStdString());
            fieldbook::store::Statement st(
                d, "SELECT id FROM clients WHERE first_contact_at IS NULL LIMIT 1");
            QVERIFY(st.step());
            imported = st.text(0);
        }
        const auto hourAgo = fieldbook::domain::nowMs() - 3'600'000;
        refusedUpdate(head_, "client", imported,
                      {{"first_contact_at", hourAgo}, {"first_contact_by", manager_.userId}},
                      "read_only_field");
        refusedUpdate(head_, "client", imported,
                      {{"first_contact_at", kMarch15 - 400 * 86400000LL}}, "invalid_value");
        QCOMPARE(outcomeOf(update(head_, "client", imported, {{"first_contact_at", hourAgo}})),
                 std::string("applied"));
        f = record("client", imported)["fields"];
        COMPARE_JSON(f["first_contact_at"], json(hourAgo));
        COMPARE_JSON(f["first_contact_by"], json(head_.userId));
        refusedUpdate(head_, "client", imported, {{"first_contact_at", hourAgo + 1}},
                      "immutable_field");
    }

    void firstContactAuthorIsTheCreator() {
        // Break-it F6: a device could name anyone as the first contact's author.
        refusedCreate(manager_, "client",
                      {{"name", unique("Claimed Card ")}, {"first_contact_by", other_.userId}},
                      "read_only_field");
        // The date a device sends lies within 24 h before the mutation and
        // not after the server's time plus 5 min.
        const auto now = fieldbook::domain::nowMs();
        refusedCreate(manager_, "client",
                      {{"name", unique("Backdated ")}, {"first_contact_at", now - 25 * 3600000LL}},
                      "invalid_value");
        // A device clock running an hour fast does not cost the manager the
        // card: the date is taken as the server's time (as the HLC skew bound).
        auto fast = manager_.create("client", {{"name", unique("Fast Clock Card ")},
                                               {"first_contact_at", now + 3600000LL}});
        QVERIFY(!fast.empty());
        const auto stored =
            record("client", fast)["fields"]["first_contact_at"].get<std::int64_t>();
        QVERIFY2(stored >= now && stored <= fieldbook::domain::nowMs(),
                 std::to_string(stored).c_str());
        auto card = manager_.create("client", {{"name", unique("Called This Morning ")},
                                               {"first_contact_at", now - 7200000}});
        QVERIFY(!card.empty());
        COMPARE_JSON(record("client", card)["fields"]["first_contact_at"], json(now - 7200000));
        COMPARE_JSON(record("client", card)["fields"]["first_contact_by"], json(manager_.userId));
        // A card made offline three days ago keeps its date: the window
        // follows the mutation's hybrid logical clock.
        const auto threeDaysAgo = now - 3 * 86400000LL;
        auto m = mutation("client", newUuid(),
                          {{"name", unique("Offline Card ")}, {"first_contact_at", threeDaysAgo}});
        char hlc[64];
        std::snprintf(hlc, sizeof hlc, "%015lld-000000-test-node",
                      static_cast<long long>(threeDaysAgo + 1000));
        m["hlc"] = hlc;
        auto results = manager_.pushAll(json::array({m}));
        QCOMPARE(results.size(), std::size_t(1));
        QCOMPARE(outcomeOf(results[0]), std::string("applied"));
    }

    void duplicateFlagIsTheServers() {
        // Break-it F6: a device cannot flag a card as another's duplicate,
        // nor clear the server's flag; the head (reassign) can.
        auto first = clientOf(manager_, {{"name", "Vega Dynamics"}, {"tax_id", "VEGA-9"}});
        auto plain = clientOf(manager_, {{"name", unique("Unrelated ")}});
        refusedCreate(manager_, "client", {{"name", unique("Flagged ")}, {"duplicate_of", first}},
                      "read_only_field");
        refusedCreate(head_, "client", {{"name", unique("Flagged ")}, {"duplicate_of", first}},
                      "read_only_field");
        auto dup = manager_.create("client", {{"name", "Vega Dynamics Ltd"}, {"tax_id", "VEGA-9"}});
        COMPARE_JSON(record("client", dup)["fields"]["duplicate_of"], json(first));
        refusedUpdate(manager_, "client", dup, {{"duplicate_of", nullptr}}, "forbidden");
        refusedUpdate(tele_, "client", dup, {{"duplicate_of", plain}}, "forbidden");
        refusedUpdate(manager_, "client", plain, {{"duplicate_of", first}}, "forbidden");
        QCOMPARE(outcomeOf(update(head_, "client", dup, {{"duplicate_of", nullptr}})),
                 std::string("applied"));
        QVERIFY(record("client", dup)["fields"]["duplicate_of"].is_null());
        QCOMPARE(outcomeOf(update(admin_, "client", plain, {{"duplicate_of", first}})),
                 std::string("applied"));
        // Other fields of a flagged card stay the curator's to edit.
        QCOMPARE(outcomeOf(update(manager_, "client", plain, {{"notes", "still mine"}})),
                 std::string("applied"));
    }

    void reusedMutationIdIsRefused() {
        // Break-it F13: a replay is answered from the idempotency log only
        // when it asks the same change; the same id with other content is
        // refused and changes nothing.
        auto client = clientOf(manager_);
        auto m = mutation("client", client, {{"notes", "first text"}}, version("client", client));
        auto first = manager_.pushAll(json::array({m}));
        QCOMPARE(outcomeOf(first[0]), std::string("applied"));
        auto after = record("client", client);
        auto replayed = m;
        replayed["hlc"] = nextHlc(); // a re-stamped retry is still the same change
        auto again = manager_.pushAll(json::array({replayed}));
        QCOMPARE(outcomeOf(again[0]), std::string("applied"));
        COMPARE_JSON(again[0]["duplicate"], json(true));
        for (const auto& [key, value] :
             {std::pair<const char*, json>{"fields", json{{"notes", "other text"}}},
              {"base_version", json(after["version"])},
              {"op", json("delete")},
              {"record_id", json(newUuid())}}) {
            auto reused = m;
            reused[key] = value;
            auto r = manager_.pushAll(json::array({reused}));
            QCOMPARE(r.size(), std::size_t(1));
            QCOMPARE(outcomeOf(r[0]), std::string("mutation_id_reused"));
            QVERIFY(!r[0]["error"].value("message", std::string()).empty());
            COMPARE_JSON(record("client", client), after);
        }
        // The first change is still answered from the log.
        QCOMPARE(outcomeOf(manager_.pushAll(json::array({m}))[0]), std::string("applied"));
    }

    void mailingRequestsAreQueuedByDevices() {
        auto client = clientOf(manager_);
        auto contact = manager_.create(
            "contact", {{"client_id", client}, {"name", "Ann"}, {"email", "ann@example.com"}});
        std::string templateId;
        {
            fieldbook::store::Database d(server_.dbPath().toStdString());
            fieldbook::store::Statement st(d, "SELECT id FROM document_templates LIMIT 1");
            QVERIFY(st.step());
            templateId = st.text(0);
        }
        json m = {{"client_id", client},          {"contact_id", contact},
                  {"template_id", templateId},    {"channel", "email"},
                  {"address", "ann@example.com"}, {"status", "sent"}};
        refusedCreate(manager_, "mailing_request", m, "invalid_status");
        m["status"] = "queued";
        m["address"] = "  ";
        refusedCreate(manager_, "mailing_request", m, "invalid_value");
        m["address"] = "ann@example.com";
        auto r1 = manager_.create("mailing_request", m);
        QVERIFY(!r1.empty());
        auto f = record("mailing_request", r1)["fields"];
        COMPARE_JSON(f["author_id"], json(manager_.userId));
        QVERIFY(f["requested_at"].is_number_integer());
        refusedUpdate(manager_, "mailing_request", r1, {{"status", "sent"}}, "invalid_status");
        refusedUpdate(manager_, "mailing_request", r1, {{"sent_at", kMarch15}}, "read_only_field");
        QCOMPARE(outcomeOf(update(manager_, "mailing_request", r1, {{"status", "cancelled"}})),
                 std::string("applied"));
        refusedUpdate(manager_, "mailing_request", r1, {{"status", "queued"}}, "invalid_status");
        refusedUpdate(manager_, "mailing_request", r1, {{"address", "other@example.com"}},
                      "invalid_status");
    }

    // --- breaker findings: rules on every write ----------------------------

    /// `u` deletes `id`; the answer must be `code` and the record unchanged.
    void refusedDelete(const Pusher& u, const std::string& entity, const std::string& id,
                       const std::string& code) {
        auto before = record(entity, id);
        QVERIFY(!before.is_null());
        auto r = u.push(entity, id, json::object(), version(entity, id), "delete");
        QCOMPARE(outcomeOf(r), code);
        COMPARE_JSON(record(entity, id), before);
    }
    std::string anyProduct() {
        fieldbook::store::Database d(server_.dbPath().toStdString());
        fieldbook::store::Statement st(d, "SELECT id FROM products LIMIT 1");
        return st.step() ? st.text(0) : std::string();
    }

    void closedDealRulesOnUpdatesAndDeletes() { // F3, F4
        auto [won, wonStage] = dealWithStage();
        auto line = manager_.create("deal_line", {{"deal_id", won},
                                                  {"product_id", anyProduct()},
                                                  {"quantity", 1},
                                                  {"price_cents", 100}});
        QVERIFY(!line.empty());
        QCOMPARE(
            outcomeOf(update(manager_, "deal", won, {{"outcome", "won"}, {"invoice_no", "INV-9"}})),
            std::string("applied"));
        refusedDelete(manager_, "deal_line", line, "deal_closed");
        refusedUpdate(manager_, "deal_line", line, {{"quantity", 5}}, "deal_closed");
        refusedDelete(manager_, "deal_stage", wonStage, "deal_closed");
        refusedUpdate(manager_, "deal_stage", wonStage, {{"ended_at", nullptr}}, "deal_closed");

        auto [lost, lostStage] = dealWithStage();
        auto [open, openStage] = dealWithStage();
        auto payment = manager_.create(
            "payment", {{"deal_id", open}, {"amount_cents", 100}, {"paid_at", kPastEvent}});
        auto delivery =
            manager_.create("delivery", {{"deal_id", open}, {"delivered_at", kPastEvent}});
        QVERIFY(!payment.empty() && !delivery.empty());
        QCOMPARE(outcomeOf(update(manager_, "deal", lost,
                                  {{"outcome", "lost"}, {"refusal_reason", "no_budget"}})),
                 std::string("applied"));
        // Moving a payment or delivery onto the lost deal is adding one to it.
        refusedUpdate(manager_, "payment", payment, {{"deal_id", lost}}, "deal_closed");
        refusedUpdate(manager_, "delivery", delivery, {{"deal_id", lost}}, "deal_closed");
        // The head corrects closed deals.
        QCOMPARE(outcomeOf(update(head_, "deal_line", line, {{"quantity", 2}})),
                 std::string("applied"));
        QCOMPARE(outcomeOf(update(head_, "payment", payment, {{"deal_id", lost}})),
                 std::string("applied"));
        refusedDelete(manager_, "payment", payment, "deal_closed");
    }

    void closedActivityRulesOnUpdatesAndDeletes() { // F3
        auto done = activityFor(manager_, manager_);
        QCOMPARE(outcomeOf(update(manager_, "planned_activity", done, {{"status", "done"}})),
                 std::string("applied"));
        refusedDelete(manager_, "planned_activity", done, "activity_closed");
        refusedUpdate(manager_, "planned_activity", done, {{"starts_at", kMarch25}},
                      "activity_closed");
        QCOMPARE(outcomeOf(update(head_, "planned_activity", done, {{"result", "corrected"}})),
                 std::string("applied"));
    }

    void newActivitiesArePlannedOrDone() { // F2
        refusedCreate(tele_, "planned_activity",
                      {{"client_id", clientOf(manager_)},
                       {"assignee_id", manager_.userId},
                       {"kind", "visit"},
                       {"starts_at", kMarch15},
                       {"duration_min", 30},
                       {"status", "done"},
                       {"result", "fake"}},
                      "forbidden");
        for (const char* status : {"cancelled", "missed"}) {
            refusedCreate(manager_, "planned_activity",
                          {{"client_id", clientOf(manager_)},
                           {"assignee_id", manager_.userId},
                           {"kind", "visit"},
                           {"starts_at", kMarch15},
                           {"duration_min", 30},
                           {"status", status}},
                          "invalid_status");
        }
        // One's own visit recorded after the fact is a completion.
        auto own = activityFor(manager_, manager_, {{"status", "done"}, {"result", "ok"}});
        QVERIFY(!own.empty());
        QVERIFY(!record("history_entry", stableUuid("activity_done", own)).is_null());
    }

    void selfPlannedActivitiesAreTheirs() { // F9
        auto own = activityFor(manager_, manager_);
        refusedUpdate(tele_, "planned_activity", own, {{"status", "cancelled"}}, "forbidden");
        refusedUpdate(tele_, "planned_activity", own, {{"status", "missed"}}, "forbidden");
        refusedUpdate(tele_, "planned_activity", own, {{"starts_at", kMarch25}}, "forbidden");
        refusedDelete(tele_, "planned_activity", own, "forbidden");
        // What telemarketing planned for the manager, it may still move or cancel.
        auto planned = activityFor(manager_, tele_);
        QCOMPARE(outcomeOf(update(tele_, "planned_activity", planned, {{"status", "cancelled"}})),
                 std::string("applied"));
    }

    void stageRecordsFollowTheStageOrder() { // F5
        auto [deal, stage] = dealWithStage();
        refusedCreate(manager_, "deal_stage",
                      {{"deal_id", deal},
                       {"stage", "payment"},
                       {"started_at", kPastEvent},
                       {"manager_id", manager_.userId}},
                      "stage_out_of_order");
        refusedCreate(manager_, "deal_stage",
                      {{"deal_id", deal},
                       {"stage", "initiating_interest"},
                       {"started_at", kPastEvent},
                       {"manager_id", other_.userId}},
                      "forbidden");
        refusedUpdate(manager_, "deal_stage", stage, {{"manager_id", other_.userId}}, "forbidden");
        refusedUpdate(manager_, "deal_stage", stage, {{"stage", "payment"}}, "stage_out_of_order");
        QVERIFY(!manager_
                     .create("deal_stage", {{"deal_id", deal},
                                            {"stage", "identifying_needs"},
                                            {"started_at", kPastEvent},
                                            {"manager_id", manager_.userId}})
                     .empty());
        QVERIFY(!head_
                     .create("deal_stage", {{"deal_id", deal},
                                            {"stage", "payment"},
                                            {"started_at", kPastEvent},
                                            {"manager_id", other_.userId}})
                     .empty());
    }

    void closedAtFollowsTheOutcome() { // F10
        auto [deal, stage] = dealWithStage();
        refusedUpdate(manager_, "deal", deal, {{"closed_at", 5}}, "invalid_value");
        QCOMPARE(outcomeOf(
                     update(manager_, "deal", deal, {{"outcome", "won"}, {"invoice_no", "INV-7"}})),
                 std::string("applied"));
        refusedUpdate(manager_, "deal", deal, {{"closed_at", 0}}, "deal_closed");
        QCOMPARE(outcomeOf(update(head_, "deal", deal, {{"closed_at", kPastEvent}})),
                 std::string("applied"));
    }

    void adminsDoNotLockThemselvesOut() { // F12
        refusedUpdate(admin_, "user", admin_.userId, {{"active", false}}, "forbidden");
        refusedUpdate(admin_, "user", other_.userId, {{"active", nullptr}}, "invalid_value");
    }

    /// Work goes to active users only (fresh-user: a visit planned for a
    /// deactivated user was accepted); what a deactivated user already holds
    /// stays theirs and can still be edited.
    void workGoesToActiveUsersOnly() {
        auto gone =
            addUserAndLogin(server_, QStringLiteral("rules.gone"), QStringLiteral("manager"));
        auto card = clientOf(gone);
        auto visit = activityFor(gone, head_);
        QCOMPARE(outcomeOf(update(admin_, "user", gone.userId, {{"active", false}})),
                 std::string("applied"));
        refusedCreate(head_, "planned_activity",
                      {{"client_id", clientOf(manager_)},
                       {"assignee_id", gone.userId},
                       {"kind", "visit"},
                       {"starts_at", kMarch15},
                       {"duration_min", 30},
                       {"status", "planned"}},
                      "inactive_user");
        refusedCreate(head_, "client",
                      {{"name", unique("Gone Client ")}, {"curator_id", gone.userId}},
                      "inactive_user");
        refusedCreate(head_, "deal",
                      {{"client_id", card},
                       {"title", unique("Gone Deal ")},
                       {"manager_id", gone.userId},
                       {"outcome", "open"},
                       {"stage", "initiating_interest"}},
                      "inactive_user");
        refusedUpdate(head_, "client", clientOf(manager_), {{"curator_id", gone.userId}},
                      "inactive_user");
        refusedUpdate(admin_, "user", other_.userId, {{"manager_id", gone.userId}},
                      "inactive_user");
        // Stored assignments stay; their records can still be edited.
        QCOMPARE(outcomeOf(update(head_, "client", card, {{"notes", "handed over soon"}})),
                 std::string("applied"));
        QCOMPARE(outcomeOf(update(head_, "planned_activity", visit, {{"status", "cancelled"}})),
                 std::string("applied"));
        // Active again: work can go to them again.
        QCOMPARE(outcomeOf(update(admin_, "user", gone.userId, {{"active", true}})),
                 std::string("applied"));
        QCOMPARE(
            outcomeOf(update(head_, "client", clientOf(manager_), {{"curator_id", gone.userId}})),
            std::string("applied"));
    }

    /// Fresh-user finding: import-clients took a support user as a card's
    /// curator and "not-an-email" as an e-mail; one rule for both paths
    /// (domain::curatorRoleProblem, domain::emailProblem), here on push.
    void curatorIsAManagerAndAnEmailHasAnAt() {
        refusedCreate(head_, "client",
                      {{"name", unique("Tele Curated ")}, {"curator_id", tele_.userId}},
                      "invalid_value");
        refusedUpdate(head_, "client", clientOf(manager_), {{"curator_id", tele_.userId}},
                      "invalid_value");
        refusedUpdate(manager_, "client", clientOf(manager_), {{"email", "not-an-email"}},
                      "invalid_value");
        refusedCreate(manager_, "contact",
                      {{"client_id", clientOf(manager_)}, {"name", "Al"}, {"email", "al @x.org"}},
                      "invalid_value");
        QCOMPARE(outcomeOf(update(manager_, "client", clientOf(manager_),
                                  {{"email", "buyer@example.com"}})),
                 std::string("applied"));
        QCOMPARE(
            outcomeOf(update(head_, "client", clientOf(manager_), {{"curator_id", head_.userId}})),
            std::string("applied"));
    }

    void blankRequiredTextIsRefused() { // F14
        refusedCreate(tele_, "client", {{"name", "   "}}, "invalid_value");
        auto client = clientOf(manager_);
        refusedUpdate(manager_, "client", client, {{"name", " \t"}}, "invalid_value");
    }

    void mailingContactAndTemplate() { // F16
        auto client = clientOf(manager_);
        auto otherClient = clientOf(other_);
        auto foreign = other_.create("contact", {{"client_id", otherClient}, {"name", "Bo"}});
        std::string templateId;
        {
            fieldbook::store::Database d(server_.dbPath().toStdString());
            fieldbook::store::Statement st(d, "SELECT id FROM document_templates LIMIT 1");
            QVERIFY(st.step());
            templateId = st.text(0);
        }
        json m = {{"client_id", client}, {"contact_id", foreign},       {"template_id", templateId},
                  {"channel", "email"},  {"address", "bo@example.com"}, {"status", "queued"}};
        refusedCreate(manager_, "mailing_request", m, "invalid_value");
        m["contact_id"] = manager_.create("contact", {{"client_id", client}, {"name", "Al"}});
        auto retired = admin_.create(
            "document_template", {{"name", "Old letter"}, {"kind", "document"}, {"active", false}});
        QVERIFY(!retired.empty());
        m["template_id"] = retired;
        refusedCreate(manager_, "mailing_request", m, "invalid_value");
        m["template_id"] = templateId;
        QVERIFY(!manager_.create("mailing_request", m).empty());
        // Times are within the years 1900-9999.
        auto r = manager_.push("history_entry", newUuid(),
                               {{"client_id", client},
                                {"kind", "note"},
                                {"summary", "far future"},
                                {"occurred_at", std::numeric_limits<std::int64_t>::max()}});
        QCOMPARE(outcomeOf(r), std::string("invalid_value"));
    }

    void activityTimesStayInRange() { // F16
        auto client = clientOf(manager_);
        json a = {{"client_id", client}, {"assignee_id", manager_.userId},
                  {"kind", "call"},      {"starts_at", fieldbook::domain::kMaxTimeMs - 60'000},
                  {"duration_min", 60},  {"status", "planned"}};
        refusedCreate(manager_, "planned_activity", a, "invalid_value");
        a["starts_at"] = std::numeric_limits<std::int64_t>::max();
        refusedCreate(manager_, "planned_activity", a, "invalid_value");
        a["starts_at"] = fieldbook::domain::kMinTimeMs - 1;
        refusedCreate(manager_, "planned_activity", a, "invalid_value");
        a["starts_at"] = fieldbook::domain::kMaxTimeMs - 60 * 60'000;
        auto late = manager_.create("planned_activity", a);
        QVERIFY(!late.empty());
        // Lengthening it past the year 9999 is refused too.
        refusedUpdate(manager_, "planned_activity", late, {{"duration_min", 61}}, "invalid_value");
    }

    // Fresh-user trial (main 350da72): a meeting dated 2126 was applied and,
    // history being append-only, could never be corrected. Times of what has
    // happened may lie at most 10 minutes after the server's clock.
    void pastEventsMayNotLieInTheFuture() {
        const auto now = fieldbook::domain::nowMs();
        const auto yearAhead = now + 365 * 86400000LL; // a device clock a year ahead
        auto client = clientOf(manager_);
        json entry = {{"client_id", client},
                      {"kind", "meeting"},
                      {"summary", "Met the buyer"},
                      {"occurred_at", fieldbook::domain::parseIso8601("2126-01-01").value()}};
        refusedCreate(manager_, "history_entry", entry, "invalid_value");
        entry["occurred_at"] = yearAhead;
        auto r = manager_.push("history_entry", newUuid(), entry);
        QCOMPARE(outcomeOf(r), std::string("invalid_value"));
        QVERIFY2(r["error"]["message"].get<std::string>().find("occurred_at") == 0,
                 r.dump().c_str());
        entry["occurred_at"] = now + 60'000; // a clock a minute fast: within the tolerance
        QVERIFY(!manager_.create("history_entry", entry).empty());
        auto [deal, stage] = dealWithStage();
        refusedCreate(manager_, "payment",
                      {{"deal_id", deal}, {"amount_cents", 100}, {"paid_at", yearAhead}},
                      "invalid_value");
        refusedCreate(manager_, "delivery", {{"deal_id", deal}, {"delivered_at", yearAhead}},
                      "invalid_value");
        refusedUpdate(manager_, "deal_stage", stage, {{"ended_at", yearAhead}}, "invalid_value");
        refusedUpdate(manager_, "deal", deal, {{"opened_at", yearAhead}}, "invalid_value");
        refusedCreate(manager_, "deal_stage",
                      {{"deal_id", deal},
                       {"stage", "identifying_needs"},
                       {"started_at", yearAhead},
                       {"manager_id", manager_.userId}},
                      "invalid_value");
        // A planned activity is to come: its start may lie in the future.
        QVERIFY(!activityFor(manager_, manager_, {{"starts_at", yearAhead}}).empty());
    }

    // Fresh-user trial: a card could name itself (or its subsidiary) as its
    // parent company.
    void clientParentsFormNoCycle() {
        auto group = clientOf(manager_);
        auto sub = clientOf(manager_, {{"parent_client_id", group}});
        auto subSub = clientOf(manager_, {{"parent_client_id", sub}});
        refusedUpdate(manager_, "client", group, {{"parent_client_id", group}}, "client_cycle");
        refusedUpdate(manager_, "client", group, {{"parent_client_id", subSub}}, "client_cycle");
        refusedUpdate(head_, "client", sub, {{"parent_client_id", subSub}}, "client_cycle");
        // Moving a subsidiary elsewhere in the tree is no cycle.
        auto other = clientOf(manager_);
        QCOMPARE(outcomeOf(update(manager_, "client", subSub, {{"parent_client_id", other}})),
                 std::string("applied"));
        QCOMPARE(outcomeOf(update(manager_, "client", group, {{"parent_client_id", subSub}})),
                 std::string("applied"));
    }

    void moneyHasUpperLimits() { // F7
        auto [deal, stage] = dealWithStage();
        refusedCreate(manager_, "deal_line",
                      {{"deal_id", deal},
                       {"product_id", anyProduct()},
                       {"quantity", 4611686018427387904LL},
                       {"price_cents", 4611686018427387904LL}},
                      "invalid_value");
        refusedCreate(manager_, "payment",
                      {{"deal_id", deal},
                       {"amount_cents", std::numeric_limits<std::int64_t>::max()},
                       {"paid_at", kPastEvent}},
                      "invalid_value");
    }

    // --- scope ---------------------------------------------------------------

    void aWorkedStageBringsTheClientIntoScope() {
        // The head's deal for another manager, at a client the manager does
        // not have; then a stage of it worked by the manager.
        auto client = clientOf(other_);
        auto deal = head_.create("deal", {{"client_id", client},
                                          {"title", "Shared deal"},
                                          {"manager_id", other_.userId},
                                          {"outcome", "open"}});
        auto before = pullAs(manager_);
        QVERIFY(find(before, "client", client).is_null());
        QVERIFY(find(before, "deal", deal).is_null());
        auto stage = head_.create("deal_stage", {{"deal_id", deal},
                                                 {"stage", "demonstration"},
                                                 {"started_at", kPastEvent},
                                                 {"manager_id", manager_.userId}});
        QVERIFY(!stage.empty());
        QCOMPARE(outcomeOf(update(head_, "client", client, {{"notes", "touched"}})),
                 std::string("applied"));
        auto after = pullAs(manager_);
        QVERIFY(!find(after, "client", client).is_null());
        QVERIFY(!find(after, "deal", deal).is_null());
        QVERIFY(!find(after, "deal_stage", stage).is_null());
        // Still the other manager's deal: the manager may not record its payment.
        auto pay =
            manager_.push("payment", newUuid(),
                          {{"deal_id", deal}, {"amount_cents", 100}, {"paid_at", kPastEvent}});
        QCOMPARE(outcomeOf(pay), std::string("out_of_scope"));
    }

    // --- GET /api/v1/clients/duplicates -------------------------------------

    void duplicateLookup() {
        auto first = tele_.create("client", {{"name", "Vega Robotics GmbH"},
                                             {"phone", "+49 30 1234 5678"},
                                             {"city", "Berlin"},
                                             {"curator_id", other_.userId}});
        QVERIFY(!first.empty());
        // Asked by a manager who does not have the card in scope.
        auto r = rawHttp(server_.port(), "GET",
                         "/api/v1/clients/duplicates?name=VEGA+Robotics&phone=030%2012345678", {},
                         manager_.token);
        QCOMPARE(r.status, 200);
        auto list = json::parse(r.body.toStdString())["duplicates"];
        QCOMPARE(list.size(), std::size_t(1));
        const auto& card = list[0];
        COMPARE_JSON(card["id"], json(first));
        COMPARE_JSON(card["reason"], json("same name and phone"));
        COMPARE_JSON(card["curator_id"], json(other_.userId));
        COMPARE_JSON(card["curator_name"], json("rules.other (manager)"));
        COMPARE_JSON(card["first_contact_by"], json(tele_.userId));
        COMPARE_JSON(card["first_contact_by_name"], json("rules.tele (telemarketing)"));
        QVERIFY(card["first_contact_at"].is_number_integer());
        COMPARE_JSON(card["city"], json("Berlin"));

        auto byCity = rawHttp(server_.port(), "GET",
                              "/api/v1/clients/duplicates?name=Vega%20Robotics&city=berlin", {},
                              manager_.token);
        COMPARE_JSON(json::parse(byCity.body.toStdString())["duplicates"][0]["reason"],
                     json("same name and city"));
        auto none = rawHttp(server_.port(), "GET",
                            "/api/v1/clients/duplicates?name=Vega+Robotics&city=Munich", {},
                            manager_.token);
        QCOMPARE(json::parse(none.body.toStdString())["duplicates"].size(), std::size_t(0));

        auto missing = rawHttp(server_.port(), "GET", "/api/v1/clients/duplicates?phone=1", {},
                               manager_.token);
        QCOMPARE(missing.status, 400);
        QCOMPARE(missing.errorCode(), QStringLiteral("missing_name_or_tax_id"));
        auto blank = rawHttp(server_.port(), "GET", "/api/v1/clients/duplicates?name=+&tax_id=", {},
                             manager_.token);
        QCOMPARE(blank.errorCode(), QStringLiteral("missing_name_or_tax_id"));
        auto noToken = rawHttp(server_.port(), "GET", "/api/v1/clients/duplicates?name=Vega");
        QCOMPARE(noToken.status, 401);
        QCOMPARE(noToken.errorCode(), QStringLiteral("missing_token"));
        auto post = rawHttp(server_.port(), "POST", "/api/v1/clients/duplicates?name=Vega", "{}",
                            manager_.token);
        QCOMPARE(post.status, 405);
        auto badQuery = rawHttp(server_.port(), "GET", "/api/v1/clients/duplicates?name=%zz", {},
                                manager_.token);
        QCOMPARE(badQuery.status, 400);
        QCOMPARE(badQuery.errorCode(), QStringLiteral("invalid_query"));
    }

    // Break-it 6 F1: a push stored any 36-character record_id (36 spaces,
    // 36 NUL bytes) as applied, and every device whose scope held it then
    // refused each pull page ("record id ... is not an id"): every head's
    // sync failed for good. The server refuses what the device's check
    // (domain::isRecordId, sync::checkRecordId) refuses, as a record id
    // (invalid_record_id) and as a reference value (invalid_value), and
    // stores nothing; the head's full pull still decodes.
    void recordIdsTheDeviceWouldRefuseAreRefused() {
        const auto client = clientOf(manager_);
        QVERIFY(!client.empty());
        const json entry = {{"client_id", client},
                            {"kind", "call"},
                            {"summary", "hi"},
                            {"occurred_at", std::int64_t{1767225600000}}};
        const std::string bad[] = {std::string(36, ' '), std::string(36, '\0'),
                                   std::string(35, 'a') + "/", std::string(35, 'a') + "'",
                                   std::string(35, 'a') + "\n"};
        for (const auto& id : bad) {
            auto r = manager_.push("history_entry", id, entry);
            QCOMPARE(outcomeOf(r), std::string("invalid_record_id"));
            QCOMPARE(count("SELECT count(*) FROM history_entries WHERE id = ?", id), 0);
            json ref = entry;
            ref["client_id"] = id;
            refusedCreate(manager_, "history_entry", ref, "invalid_value");
            refusedCreate(manager_, "contact", {{"client_id", id}, {"name", "X"}}, "invalid_value");
        }
        auto page = pullAs(head_);
        QVERIFY(page.contains("changes"));
        for (const auto& c : page["changes"]) {
            fieldbook::sync::checkRecordId(c["id"].get<std::string>());
        }
        QVERIFY_THROWS_NO_EXCEPTION(fieldbook::sync::pullResponseFromJson(page));
    }
};

QTEST_GUILESS_MAIN(TestBusinessRules)
#include "tst_business_rules.moc"
