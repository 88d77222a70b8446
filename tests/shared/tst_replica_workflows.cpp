// SPDX-License-Identifier: MIT
// The replica's sales-process workflows (shared/device/replica.h, issue 3) on
// a real SQLite file: each checks the role × action matrix, references,
// reference-list codes and the sales rules first and writes nothing when it
// refuses; each writes all its records and their outbox mutations in one
// transaction, in the order the server applies them.
#include "device/replica.h"
#include "pulled_records.h"

#include "domain/clock.h"
#include "domain/entities.h"
#include "domain/sales_rules.h"
#include "qtest_std.h"

#include <QTemporaryDir>
#include <QTest>

#include <sodium.h>
#include <sqlite3.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

using fieldbook::device::DomainError;
using fieldbook::device::Replica;
using fieldbook::device::Session;
using fieldbook::store::Database;
using fieldbook::store::Statement;
using fieldbook::store::StoreError;
using fieldbook::sync::PullResponse;
using fieldbook::sync::RecordChange;
using nlohmann::json;

namespace {
/// Records the replica starts with in every test (as if pulled from the server).
struct Ids {
    std::string anna = "00000000-0000-4000-8000-0000000000a1";    ///< manager, logged in
    std::string boris = "00000000-0000-4000-8000-0000000000a2";   ///< manager
    std::string hedda = "00000000-0000-4000-8000-0000000000a3";   ///< head
    std::string tina = "00000000-0000-4000-8000-0000000000a4";    ///< telemarketing
    std::string mark = "00000000-0000-4000-8000-0000000000a5";    ///< marketing
    std::string gone = "00000000-0000-4000-8000-0000000000a6";    ///< inactive manager
    std::string acme = "00000000-0000-4000-8000-0000000000c1";    ///< Anna's client
    std::string globex = "00000000-0000-4000-8000-0000000000c2";  ///< Boris's client
    std::string contact = "00000000-0000-4000-8000-0000000000e1"; ///< at Acme, e-mail only
    std::string product = "00000000-0000-4000-8000-0000000000f1";
    std::string tmpl = "00000000-0000-4000-8000-0000000000b1";
    std::string oldTmpl = "00000000-0000-4000-8000-0000000000b2"; ///< inactive
    std::string annasVisit = "00000000-0000-4000-8000-000000000101";
    std::string borisVisit = "00000000-0000-4000-8000-000000000102";
    std::string unknown = "00000000-0000-4000-8000-00000000ffff";
};

constexpr std::int64_t kVisitAt = 1'790'000'000'000; ///< 2026-09-21T14:13:20Z
constexpr std::int64_t kMinute = 60'000;

std::int64_t scalar(Database& db, const std::string& sql) {
    Statement st(db, sql);
    st.step();
    return st.int64(0);
}

/// Everything a workflow could write: outbox, every record table, the clock.
std::string snapshot(Replica& r) {
    auto& db = r.db();
    std::string s = std::to_string(scalar(db, "SELECT COUNT(*) FROM outbox"));
    for (const char* t :
         {"clients", "contacts", "deals", "deal_lines", "deal_stages", "payments", "deliveries",
          "history_entries", "planned_activities", "mailing_requests"}) {
        s +=
            std::string(" ") + t + "=" +
            std::to_string(scalar(db, std::string("SELECT COUNT(*) FROM ") + t)) + "/" +
            std::to_string(scalar(db, std::string("SELECT COALESCE(MAX(updated_at),0) FROM ") + t));
    }
    s += " rejected=" + std::to_string(scalar(db, "SELECT COUNT(*) FROM rejected_mutations"));
    Statement st(db, "SELECT value FROM meta WHERE key='hlc'");
    s += " hlc=" + (st.step() ? st.text(0) : std::string());
    return s;
}

RecordChange change(const std::string& entity, const std::string& id, json fields) {
    return fieldbook::test::pulledRecord(entity, id, std::move(fields));
}

json user(const char* login, const char* name, const char* role, bool active = true) {
    return {{"login", login}, {"full_name", name}, {"role", role}, {"active", active}};
}

json item(const char* list, const char* code, int order) {
    return {
        {"list", list}, {"code", code}, {"label", code}, {"sort_order", order}, {"active", true}};
}

const std::vector<std::string> kStages = {"initiating_interest", "identifying_needs",
                                          "demonstration", "contract_invoice"};

std::vector<std::string> entitiesInOutbox(Replica& r) {
    std::vector<std::string> out;
    for (const auto& m : r.outbox(100)) {
        out.push_back(m.entity);
    }
    return out;
}

using Workflow = std::function<void(Replica&, const Ids&)>;
} // namespace

Q_DECLARE_METATYPE(Workflow)

class TestReplicaWorkflows : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase();
    void init();
    void cleanup();

    void findDuplicates_taxIdOrNameWithPhoneOrCity();
    void createClient_defaultsForAManager();
    void createClient_officeNamesTheCurator();
    void addContact_belongsToTheClient();
    void correctHistory_keepsThePreviousText();
    void openDeal_writesDealAndFirstStage();
    void moveStage_endsTheOpenStageAndStartsTheNext();
    void moveStage_headOverridesTheOrder();
    void closeDeal_wonEndsTheOpenStage();
    void closeDeal_lostNeedsAReasonFromTheList();
    void addDealLine_updatesTheAmount();
    void paymentsAndDeliveries();
    void completeActivity_writesOneHistoryEntry();
    void setActivityStatus_cancelsOrMisses();
    void reassign_byTheHead();
    void queueMailing_toTheContactsAddress();
    void busyTimes_slotsAndOwnActivities();
    void genericEdit_salesRules();
    void dealTotals_neverWrap();
    void refused_writesNothing_data();
    void refused_writesNothing();
    void failingStep_leavesNothing_data();
    void failingStep_leavesNothing();

  private:
    void loginAs(const std::string& userId, const std::string& role);
    std::string path() const { return dir_->filePath(QStringLiteral("replica.db")).toStdString(); }
    std::unique_ptr<QTemporaryDir> dir_;
    std::unique_ptr<Replica> replica_;
    Ids ids_;
};

void TestReplicaWorkflows::initTestCase() {
    QVERIFY(sodium_init() >= 0);
}

void TestReplicaWorkflows::loginAs(const std::string& userId, const std::string& role) {
    Session s;
    s.serverUrl = "http://127.0.0.1:1";
    s.token = "token";
    s.tokenExpiresAtMs = fieldbook::domain::nowMs() + 3'600'000;
    s.deviceId = "dev-1";
    s.userId = userId;
    s.login = "someone";
    s.fullName = "Someone";
    s.role = role;
    replica_->saveSession(s);
}

void TestReplicaWorkflows::init() {
    dir_ = std::make_unique<QTemporaryDir>();
    QVERIFY(dir_->isValid());
    replica_ = std::make_unique<Replica>(path());
    loginAs(ids_.anna, "manager");
    std::vector<RecordChange> c = {
        change("user", ids_.anna, user("anna", "Anna Petrova", "manager")),
        change("user", ids_.boris, user("boris", "Boris Ivanov", "manager")),
        change("user", ids_.hedda, user("hedda", "Hedda Head", "head")),
        change("user", ids_.tina, user("tina", "Tina Tele", "telemarketing")),
        change("user", ids_.mark, user("mark", "Mark Eting", "marketing")),
        change("user", ids_.gone, user("gone", "Gone Away", "manager", false)),
        change("reference_item", fieldbook::domain::newUuid(), item("region", "north", 10)),
        change("reference_item", fieldbook::domain::newUuid(), item("region", "south", 20)),
        change("reference_item", fieldbook::domain::newUuid(), item("refusal_reason", "price", 10)),
        change("reference_item", fieldbook::domain::newUuid(), item("history_kind", "visit", 10)),
        change("reference_item", fieldbook::domain::newUuid(), item("history_kind", "call", 20)),
        change("reference_item", fieldbook::domain::newUuid(), item("history_kind", "note", 30)),
        change("product", ids_.product, {{"name", "GTX Pro"}, {"list_price_cents", 479'000}}),
        change("document_template", ids_.tmpl,
               {{"name", "Price list"}, {"kind", "price_list"}, {"active", true}}),
        change("document_template", ids_.oldTmpl,
               {{"name", "Old brochure"}, {"kind", "other"}, {"active", false}}),
        change("client", ids_.acme,
               {{"name", "Acme Corp."},
                {"tax_id", "7701"},
                {"phone", "+1 (555) 010-0100"},
                {"city", "Springfield"},
                {"curator_id", ids_.anna},
                {"first_contact_at", kVisitAt - 86'400'000},
                {"first_contact_by", ids_.tina}}),
        change("client", ids_.globex, {{"name", "Globex"}, {"curator_id", ids_.boris}}),
        change("contact", ids_.contact,
               {{"client_id", ids_.acme}, {"name", "Ivy Buyer"}, {"email", "ivy@acme.test"}}),
        change("planned_activity", ids_.annasVisit,
               {{"client_id", ids_.acme},
                {"assignee_id", ids_.anna},
                {"kind", "visit"},
                {"starts_at", kVisitAt},
                {"duration_min", 60},
                {"status", "planned"}}),
        change("planned_activity", ids_.borisVisit,
               {{"client_id", ids_.globex},
                {"assignee_id", ids_.boris},
                {"kind", "call"},
                {"starts_at", kVisitAt},
                {"duration_min", 30},
                {"status", "planned"}}),
    };
    int order = 0;
    for (const auto& code : kStages) {
        order += 10;
        c.push_back(change("stage", fieldbook::domain::stableUuid("stage", code),
                           {{"code", code},
                            {"name", code},
                            {"sort_order", order},
                            {"norm_days", 7},
                            {"active", true}}));
    }
    c.push_back(
        change("stage", fieldbook::domain::newUuid(),
               {{"code", "retired"}, {"name", "Retired"}, {"sort_order", 15}, {"active", false}}));
    PullResponse p;
    p.changes = std::move(c);
    p.cursor = 10;
    replica_->applyPull(p);
    QCOMPARE(replica_->status().pending, 0);
}

void TestReplicaWorkflows::cleanup() {
    replica_.reset();
    dir_.reset();
}

void TestReplicaWorkflows::findDuplicates_taxIdOrNameWithPhoneOrCity() {
    auto byTax = replica_->findDuplicates({{"name", "Totally Different"}, {"tax_id", "7701"}});
    QCOMPARE(byTax.size(), std::size_t(1));
    COMPARE_JSON(byTax[0]["id"], ids_.acme);
    COMPARE_JSON(byTax[0]["reason"], "same tax id");
    COMPARE_JSON(byTax[0]["curator_name"], "Anna Petrova");
    COMPARE_JSON(byTax[0]["first_contact_by_name"], "Tina Tele");
    COMPARE_JSON(byTax[0]["first_contact_at"], kVisitAt - 86'400'000);

    auto byPhone =
        replica_->findDuplicates({{"name", "ACME corporation"}, {"phone", "555-010-0100"}});
    QCOMPARE(byPhone.size(), std::size_t(1));
    COMPARE_JSON(byPhone[0]["reason"], "same name and phone");
    auto byCity = replica_->findDuplicates({{"name", "acme"}, {"city", "springfield"}});
    QCOMPARE(byCity.size(), std::size_t(1));
    COMPARE_JSON(byCity[0]["reason"], "same name and city");
    // The same name with nothing to compare is a probable duplicate; with
    // another city it is not; nor is a different name with the same city.
    auto byName = replica_->findDuplicates({{"name", "Acme"}});
    QCOMPARE(byName.size(), std::size_t(1));
    COMPARE_JSON(byName[0]["reason"], "same name");
    QCOMPARE(replica_->findDuplicates({{"name", "Acme"}, {"city", "Denver"}}).size(),
             std::size_t(0));
    QCOMPARE(replica_->findDuplicates({{"name", "Initech"}, {"city", "Springfield"}}).size(),
             std::size_t(0));
}

void TestReplicaWorkflows::createClient_defaultsForAManager() {
    auto before = fieldbook::domain::nowMs();
    auto id = replica_->createClient({{"name", "Initech"}, {"region", "north"}});
    auto c = replica_->record("client", id);
    COMPARE_JSON(c["status"], "prospect");
    COMPARE_JSON(c["curator_id"], ids_.anna);
    COMPARE_JSON(c["first_contact_by"], ids_.anna);
    QVERIFY(c["first_contact_at"].get<std::int64_t>() >= before);
    auto out = replica_->outbox(10);
    QCOMPARE(out.size(), std::size_t(1));
    COMPARE_JSON(out[0].fields["curator_id"], ids_.anna);
    // Who found the client first is the server's to write (SPEC §3.7): the
    // card shows the logged-in user until the server's copy arrives.
    QVERIFY(!out[0].fields.contains("first_contact_by"));
    QVERIFY(!out[0].fields.contains("duplicate_of"));
    QVERIFY(out[0].fields.contains("first_contact_at"));
    COMPARE_JSON(out[0].fields["region"], "north");
}

void TestReplicaWorkflows::createClient_officeNamesTheCurator() {
    loginAs(ids_.tina, "telemarketing");
    auto unassigned = replica_->createClient({{"name", "Inbound Ltd"}});
    QVERIFY(replica_->record("client", unassigned)["curator_id"].is_null());
    COMPARE_JSON(replica_->record("client", unassigned)["first_contact_by"], ids_.tina);
    auto assigned = replica_->createClient({{"name", "Inbound Two"}, {"curator_id", ids_.boris}});
    COMPARE_JSON(replica_->record("client", assigned)["curator_id"], ids_.boris);
}

void TestReplicaWorkflows::addContact_belongsToTheClient() {
    auto id = replica_->addContact(ids_.acme, {{"name", "Olga Owner"}, {"decision_maker", true}});
    auto c = replica_->record("contact", id);
    COMPARE_JSON(c["client_id"], ids_.acme);
    COMPARE_JSON(c["decision_maker"], true);
    QCOMPARE(replica_->clientCard(ids_.acme)["contacts"].size(), std::size_t(2));
}

void TestReplicaWorkflows::correctHistory_keepsThePreviousText() {
    auto id = replica_->logHistory(ids_.acme, "call", "Price agreed at 10", "", kVisitAt);
    replica_->correctHistory(id, "Price agreed at 12");
    auto entry = replica_->historyEntry(id);
    COMPARE_JSON(entry["summary"], "Price agreed at 12");
    QCOMPARE(entry["revisions"].size(), std::size_t(1));
    COMPARE_JSON(entry["revisions"][0]["summary"], "Price agreed at 10");
    COMPARE_JSON(entry["revisions"][0]["by_name"], "Anna Petrova");
    auto out = replica_->outbox(10);
    QCOMPARE(out.size(), std::size_t(2));
    COMPARE_JSON(out[1].fields,
                 (json{{"summary", "Price agreed at 12"}})); // revisions never travel
    // The same text again changes nothing.
    replica_->correctHistory(id, "Price agreed at 12");
    QCOMPARE(replica_->outbox(10).size(), std::size_t(2));
    // Someone else's entry: refused.
    loginAs(ids_.hedda, "head");
    try {
        replica_->correctHistory(id, "Hedda's version");
        QFAIL("only the author corrects an entry");
    } catch (const DomainError& e) {
        QCOMPARE(e.code(), std::string("not_author"));
    }
}

void TestReplicaWorkflows::openDeal_writesDealAndFirstStage() {
    auto id = replica_->openDeal(ids_.acme, "20 seats", "", {{"payment_terms", "50% upfront"}});
    auto view = replica_->dealView(id);
    COMPARE_JSON(view["deal"]["outcome"], "open");
    COMPARE_JSON(view["deal"]["stage"], kStages[0]);
    COMPARE_JSON(view["deal"]["manager_id"], ids_.anna);
    COMPARE_JSON(view["deal"]["opened_by"], ids_.anna); // shown until the server's copy arrives
    COMPARE_JSON(view["deal"]["payment_terms"], "50% upfront");
    QCOMPARE(view["stages"].size(), std::size_t(1));
    COMPARE_JSON(view["stages"][0]["stage"], kStages[0]);
    COMPARE_JSON(view["stages"][0]["manager_name"], "Anna Petrova");
    QVERIFY(view["stages"][0]["ended_at"].is_null());
    QCOMPARE(entitiesInOutbox(*replica_), (std::vector<std::string>{"deal", "deal_stage"}));
    QVERIFY(!replica_->outbox(10)[0].fields.contains("opened_by")); // server-owned
}

void TestReplicaWorkflows::moveStage_endsTheOpenStageAndStartsTheNext() {
    auto id = replica_->openDeal(ids_.acme, "Pilot", "", json::object());
    replica_->moveStage(id, kStages[1], false);
    try {
        replica_->moveStage(id, kStages[3], false);
        QFAIL("skipping a stage needs the head");
    } catch (const DomainError& e) {
        QCOMPARE(e.code(), std::string("stage_out_of_order"));
        QVERIFY(std::string(e.what()).find(kStages[2]) != std::string::npos); // names the next
    }
    try {
        replica_->moveStage(id, kStages[3], true);
        QFAIL("a manager may not override the order");
    } catch (const DomainError& e) {
        QCOMPARE(e.code(), std::string("forbidden"));
        QCOMPARE(std::string(e.what()),
                 std::string("manager may not move a deal out of the stage order "
                             "(override_stage_order)"));
    }
    replica_->moveStage(id, kStages[2], false);
    auto view = replica_->dealView(id);
    COMPARE_JSON(view["deal"]["stage"], kStages[2]);
    QCOMPARE(view["stages"].size(), std::size_t(3));
    QVERIFY(view["stages"][0]["ended_at"].is_number_integer());
    QVERIFY(view["stages"][1]["ended_at"].is_number_integer());
    QVERIFY(view["stages"][2]["ended_at"].is_null());
    COMPARE_JSON(view["stages"][2]["days"], 0);
    COMPARE_JSON(view["stages"][2]["over_norm"], false);
    // One move: end the open stage, start the next, then the deal.
    auto entities = entitiesInOutbox(*replica_);
    QCOMPARE(entities, (std::vector<std::string>{"deal", "deal_stage", "deal_stage", "deal_stage",
                                                 "deal", "deal_stage", "deal_stage", "deal"}));
}

void TestReplicaWorkflows::moveStage_headOverridesTheOrder() {
    auto id = replica_->openDeal(ids_.acme, "Pilot", "", json::object());
    loginAs(ids_.hedda, "head");
    replica_->moveStage(id, kStages[3], true);
    auto view = replica_->dealView(id);
    COMPARE_JSON(view["deal"]["stage"], kStages[3]);
    COMPARE_JSON(view["stages"][1]["manager_id"], ids_.anna); // worked by the deal's manager
    replica_->moveStage(id, kStages[0], true);                // and back
    COMPARE_JSON(replica_->dealView(id)["deal"]["stage"], kStages[0]);
    try {
        replica_->moveStage(id, "retired", true);
        QFAIL("an inactive stage is no stage");
    } catch (const DomainError& e) {
        QCOMPARE(e.code(), std::string("unknown_stage"));
    }
}

void TestReplicaWorkflows::closeDeal_wonEndsTheOpenStage() {
    auto id = replica_->openDeal(ids_.acme, "Pilot", "", json::object());
    try {
        replica_->closeDeal(id, "won", json::object());
        QFAIL("a won deal needs a contract or invoice");
    } catch (const DomainError& e) {
        QCOMPARE(e.code(), std::string("won_needs_document"));
    }
    replica_->closeDeal(id, "won", {{"contract_no", "C-17"}});
    auto view = replica_->dealView(id);
    COMPARE_JSON(view["deal"]["outcome"], "won");
    COMPARE_JSON(view["deal"]["contract_no"], "C-17");
    QVERIFY(view["deal"]["closed_at"].is_number_integer());
    COMPARE_JSON(view["stages"][0]["ended_at"], view["deal"]["closed_at"]);
    try {
        replica_->closeDeal(id, "lost", {{"refusal_reason", "price"}});
        QFAIL("a closed deal stays closed");
    } catch (const DomainError& e) {
        QCOMPARE(e.code(), std::string("deal_closed"));
    }
}

void TestReplicaWorkflows::closeDeal_lostNeedsAReasonFromTheList() {
    auto id = replica_->openDeal(ids_.acme, "Pilot", "", json::object());
    try {
        replica_->closeDeal(id, "lost", {{"refusal_comment", "went quiet"}});
        QFAIL("a lost deal needs a reason");
    } catch (const DomainError& e) {
        QCOMPARE(e.code(), std::string("lost_needs_reason"));
    }
    try {
        replica_->closeDeal(id, "lost", {{"refusal_reason", "astrology"}});
        QFAIL("the reason comes from the refusal_reason list");
    } catch (const DomainError& e) {
        QCOMPARE(e.code(), std::string("unknown_code"));
    }
    replica_->closeDeal(id, "lost", {{"refusal_reason", "price"}, {"refusal_comment", "-20%"}});
    auto deal = replica_->record("deal", id);
    COMPARE_JSON(deal["outcome"], "lost");
    COMPARE_JSON(deal["refusal_reason"], "price");
    COMPARE_JSON(deal["refusal_comment"], "-20%");
}

void TestReplicaWorkflows::addDealLine_updatesTheAmount() {
    auto id = replica_->openDeal(ids_.acme, "Pilot", "", json::object());
    replica_->addDealLine(id, ids_.product, 3, 479'000);
    replica_->addDealLine(id, ids_.product, 1, 50);
    auto view = replica_->dealView(id);
    QCOMPARE(view["lines"].size(), std::size_t(2));
    COMPARE_JSON(view["lines"][0]["product_name"], "GTX Pro");
    COMPARE_JSON(view["lines"][0]["total_cents"], 1'437'000);
    COMPARE_JSON(view["lines_total_cents"], 1'437'050);
    COMPARE_JSON(view["deal"]["amount_cents"], 1'437'050);
    QCOMPARE(
        entitiesInOutbox(*replica_),
        (std::vector<std::string>{"deal", "deal_stage", "deal_line", "deal", "deal_line", "deal"}));
}

void TestReplicaWorkflows::paymentsAndDeliveries() {
    auto id = replica_->openDeal(ids_.acme, "Pilot", "", json::object());
    replica_->addPayment(id, 100'000, kVisitAt, "PP-1");
    replica_->addPayment(id, 23'450, kVisitAt + 1, "");
    replica_->addDelivery(id, kVisitAt + 2, "WB-9");
    auto view = replica_->dealView(id);
    COMPARE_JSON(view["paid_cents"], 123'450);
    COMPARE_JSON(view["payments"][0]["document_no"], "PP-1");
    QVERIFY(view["payments"][1]["document_no"].is_null());
    COMPARE_JSON(view["deliveries"][0]["waybill_no"], "WB-9");
    // Payments may follow a won deal, never a lost one.
    auto lost = replica_->openDeal(ids_.acme, "Lost one", "", json::object());
    replica_->closeDeal(lost, "lost", {{"refusal_reason", "price"}});
    try {
        replica_->addPayment(lost, 1, kVisitAt, "");
        QFAIL("a lost deal takes no payment");
    } catch (const DomainError& e) {
        QCOMPARE(e.code(), std::string("deal_closed"));
    }
}

void TestReplicaWorkflows::completeActivity_writesOneHistoryEntry() {
    auto entryId = replica_->completeActivity(ids_.annasVisit, "Demo done; wants 20 seats", "");
    QCOMPARE(entryId, fieldbook::domain::stableUuid("activity_done", ids_.annasVisit));
    auto entry = replica_->record("history_entry", entryId);
    COMPARE_JSON(entry["kind"], "visit");
    COMPARE_JSON(entry["planned_activity_id"], ids_.annasVisit);
    COMPARE_JSON(entry["client_id"], ids_.acme);
    COMPARE_JSON(entry["occurred_at"], kVisitAt); // when the visit was, not when it was marked
    auto activity = replica_->record("planned_activity", ids_.annasVisit);
    COMPARE_JSON(activity["status"], "done");
    COMPARE_JSON(activity["result"], "Demo done; wants 20 seats");
    auto out = replica_->outbox(10);
    QCOMPARE(out.size(), std::size_t(2));
    QCOMPARE(out[0].entity, std::string("history_entry")); // the entry first
    QCOMPARE(out[0].recordId, entryId);
    QCOMPARE(out[1].entity, std::string("planned_activity"));
    COMPARE_JSON(out[1].fields,
                 (json{{"result", "Demo done; wants 20 seats"}, {"status", "done"}}));
    try {
        replica_->completeActivity(ids_.annasVisit, "again", "");
        QFAIL("an activity is done once");
    } catch (const DomainError& e) {
        QCOMPARE(e.code(), std::string("activity_closed"));
    }
    QCOMPARE(scalar(replica_->db(), "SELECT COUNT(*) FROM history_entries"), std::int64_t(1));
}

void TestReplicaWorkflows::setActivityStatus_cancelsOrMisses() {
    replica_->setActivityStatus(ids_.annasVisit, "missed");
    COMPARE_JSON(replica_->record("planned_activity", ids_.annasVisit)["status"], "missed");
    try {
        replica_->setActivityStatus(ids_.annasVisit, "cancelled");
        QFAIL("only a planned activity changes status");
    } catch (const DomainError& e) {
        QCOMPARE(e.code(), std::string("activity_closed"));
    }
    loginAs(ids_.hedda, "head");
    replica_->setActivityStatus(ids_.borisVisit, "cancelled"); // the head plans for others
    COMPARE_JSON(replica_->record("planned_activity", ids_.borisVisit)["status"], "cancelled");
}

void TestReplicaWorkflows::reassign_byTheHead() {
    loginAs(ids_.hedda, "head");
    replica_->reassignClient(ids_.acme, ids_.boris);
    replica_->reassignActivity(ids_.annasVisit, ids_.boris);
    COMPARE_JSON(replica_->record("client", ids_.acme)["curator_id"], ids_.boris);
    COMPARE_JSON(replica_->record("planned_activity", ids_.annasVisit)["assignee_id"], ids_.boris);
    QCOMPARE(replica_->outbox(10).size(), std::size_t(2));
    replica_->reassignClient(ids_.acme, ids_.boris); // the same curator: nothing to send
    QCOMPARE(replica_->outbox(10).size(), std::size_t(2));
}

void TestReplicaWorkflows::queueMailing_toTheContactsAddress() {
    auto id = replica_->queueMailing(ids_.contact, ids_.tmpl, "email");
    auto m = replica_->record("mailing_request", id);
    COMPARE_JSON(m["address"], "ivy@acme.test");
    COMPARE_JSON(m["status"], "queued");
    COMPARE_JSON(m["client_id"], ids_.acme);
    COMPARE_JSON(m["author_id"], ids_.anna);
    auto list = replica_->mailingRequests(ids_.acme);
    QCOMPARE(list.size(), std::size_t(1));
    COMPARE_JSON(list[0]["template_name"], "Price list");
    COMPARE_JSON(list[0]["contact_name"], "Ivy Buyer");
    QCOMPARE(replica_->clientCard(ids_.acme)["mailings"].size(), std::size_t(1));
}

void TestReplicaWorkflows::busyTimes_slotsAndOwnActivities() {
    // A slot of Boris (synced to everyone), and the slot of Boris's call that
    // this device holds (a slot's id is stableUuid("busy_slot", activity id)):
    // the call counts once.
    PullResponse p;
    p.changes = {change("busy_slot", fieldbook::domain::newUuid(),
                        {{"user_id", ids_.boris},
                         {"starts_at", kVisitAt + 120 * kMinute},
                         {"duration_min", 45}}),
                 change("busy_slot", fieldbook::domain::stableUuid("busy_slot", ids_.borisVisit),
                        {{"user_id", ids_.boris}, {"starts_at", kVisitAt}, {"duration_min", 30}})};
    p.cursor = 11;
    replica_->applyPull(p);
    auto day = replica_->busyTimes(ids_.boris, kVisitAt - 3'600'000, kVisitAt + 86'400'000);
    COMPARE_JSON(day,
                 (json::array({{{"starts_at", kVisitAt}, {"duration_min", 30}},
                               {{"starts_at", kVisitAt + 120 * kMinute}, {"duration_min", 45}}})));
    // A 60-minute visit from 00:20 overlaps the call; one from 01:00 overlaps nothing.
    QCOMPARE(replica_->overlaps(ids_.boris, kVisitAt + 20 * kMinute, 60).size(), std::size_t(1));
    QCOMPARE(replica_->overlaps(ids_.boris, kVisitAt + 30 * kMinute, 60).size(), std::size_t(0));
    QCOMPARE(replica_->overlaps(ids_.boris, kVisitAt + 100 * kMinute, 30).size(), std::size_t(1));
    // The call itself is not busy against itself (reassigned to Boris
    // again), nor is its synced slot: the other slot still counts.
    QCOMPARE(replica_->overlaps(ids_.boris, kVisitAt, 30, ids_.borisVisit).size(), std::size_t(0));
    QCOMPARE(replica_->overlaps(ids_.boris, kVisitAt, 150, ids_.borisVisit).size(), std::size_t(1));
    // Cancelled here: the call's slot no longer counts.
    loginAs(ids_.hedda, "head");
    replica_->setActivityStatus(ids_.borisVisit, "cancelled");
    QCOMPARE(replica_->overlaps(ids_.boris, kVisitAt, 10).size(), std::size_t(0));
}

void TestReplicaWorkflows::genericEdit_salesRules() {
    // createRecord/updateRecord (edit-client) run the workflows' sales rules
    // and value limits; each refusal writes nothing.
    auto deal = replica_->openDeal(ids_.acme, "Pilot", "", json::object());
    auto lost = replica_->openDeal(ids_.acme, "Lost one", "", json::object());
    replica_->closeDeal(lost, "lost", {{"refusal_reason", "price"}});
    replica_->setActivityStatus(ids_.annasVisit, "cancelled");
    auto before = snapshot(*replica_);
    auto refused = [&](const char* code, const std::function<void()>& edit) {
        try {
            edit();
            QFAIL(qPrintable(QStringLiteral("expected ") + QString::fromLatin1(code)));
        } catch (const DomainError& e) {
            QCOMPARE(e.code(), std::string(code));
        }
        QCOMPARE(snapshot(*replica_), before);
    };
    auto line = [&](const std::string& d, std::int64_t q, std::int64_t p) {
        replica_->createRecord(
            "deal_line",
            {{"deal_id", d}, {"product_id", ids_.product}, {"quantity", q}, {"price_cents", p}});
    };
    refused("invalid_quantity", [&] { line(deal, 1'000'001, 1); });
    refused("invalid_price", [&] { line(deal, 1, 1'000'000'000'001); });
    refused("invalid_price", [&] { line(deal, 1, -1); });
    refused("deal_closed", [&] { line(lost, 1, 1); });
    refused("invalid_amount", [&] {
        replica_->createRecord(
            "payment",
            {{"deal_id", deal}, {"amount_cents", 100'000'000'000'001}, {"paid_at", kVisitAt}});
    });
    refused("deal_closed", [&] {
        replica_->createRecord("payment",
                               {{"deal_id", lost}, {"amount_cents", 5}, {"paid_at", kVisitAt}});
    });
    refused("stage_out_of_order", [&] {
        replica_->updateRecord("deal", deal, {{"stage", kStages[2]}});
    });
    refused("unknown_stage", [&] { replica_->updateRecord("deal", deal, {{"stage", "retired"}}); });
    refused("won_needs_document", [&] {
        replica_->updateRecord("deal", deal, {{"outcome", "won"}});
    });
    refused("deal_closed", [&] { replica_->updateRecord("deal", lost, {{"outcome", "open"}}); });
    refused("activity_closed", [&] {
        replica_->updateRecord("planned_activity", ids_.annasVisit, {{"status", "planned"}});
    });
    // What the rules allow still goes through.
    line(deal, 2, 500);
    replica_->updateRecord("deal", deal, {{"stage", kStages[1]}});
    replica_->updateRecord("client", ids_.acme, {{"region", "south"}, {"notes", "ok"}});
    COMPARE_JSON(replica_->record("deal", deal)["stage"], kStages[1]);
    COMPARE_JSON(replica_->record("client", ids_.acme)["region"], "south");
}

void TestReplicaWorkflows::dealTotals_neverWrap() {
    // Extreme values stored before the limits (pulled from an older server):
    // the view shows no wrapped number, and adding a line is refused.
    auto deal = fieldbook::domain::newUuid();
    auto dealFields = json{{"client_id", ids_.acme},
                           {"title", "Huge"},
                           {"manager_id", ids_.anna},
                           {"outcome", "open"},
                           {"stage", kStages[0]}};
    std::vector<RecordChange> c = {change("deal", deal, dealFields)};
    c.push_back(change("deal_line", fieldbook::domain::newUuid(),
                       {{"deal_id", deal},
                        {"product_id", ids_.product},
                        {"quantity", std::int64_t{1} << 62},
                        {"price_cents", std::int64_t{1} << 62}}));
    for (int i = 0; i < 2; ++i) {
        c.push_back(
            change("payment", fieldbook::domain::newUuid(),
                   {{"deal_id", deal}, {"amount_cents", INT64_MAX}, {"paid_at", kVisitAt}}));
    }
    PullResponse p;
    p.changes = c;
    p.cursor = 11;
    replica_->applyPull(p);
    auto view = replica_->dealView(deal);
    QVERIFY(view["lines"][0]["total_cents"].is_null());
    COMPARE_JSON(view["lines"][0]["total_cents_overflow"], true);
    QVERIFY(view["lines_total_cents"].is_null());
    COMPARE_JSON(view["lines_total_cents_overflow"], true);
    QVERIFY(view["paid_cents"].is_null());
    COMPARE_JSON(view["paid_cents_overflow"], true);
    auto before = snapshot(*replica_);
    try {
        replica_->addDealLine(deal, ids_.product, 1, 1);
        QFAIL("the deal's amount would not fit");
    } catch (const DomainError& e) {
        QCOMPARE(e.code(), std::string("invalid_price"));
    }
    QCOMPARE(snapshot(*replica_), before);

    // Lines each within the limits whose sum passes the deal amount cap
    // (10^14 cents, as the server enforces): refused on the device too.
    auto big = replica_->openDeal(ids_.acme, "Big", "", json::object());
    replica_->addDealLine(big, ids_.product, 1'000'000, 50'000'000);
    replica_->addDealLine(big, ids_.product, 1'000'000, 50'000'000);
    COMPARE_JSON(replica_->record("deal", big)["amount_cents"], fieldbook::domain::kMaxAmountCents);
    before = snapshot(*replica_);
    for (auto [quantity, price] :
         {std::pair<std::int64_t, std::int64_t>{1, 1}, {1'000'000, 1'000'000'000'000}}) {
        try {
            replica_->addDealLine(big, ids_.product, quantity, price);
            QFAIL("the deal's amount would pass 10^14 cents");
        } catch (const DomainError& e) {
            QCOMPARE(e.code(), std::string("invalid_amount"));
        }
        QCOMPARE(snapshot(*replica_), before);
    }
    // A generic edit of the amount is held to the same cap.
    try {
        replica_->updateRecord("deal", big,
                               {{"amount_cents", fieldbook::domain::kMaxAmountCents + 1}});
        QFAIL("a deal amount above 10^14 cents");
    } catch (const DomainError& e) {
        QCOMPARE(e.code(), std::string("invalid_amount"));
    }
    QCOMPARE(snapshot(*replica_), before);
}

void TestReplicaWorkflows::refused_writesNothing_data() {
    QTest::addColumn<QString>("role");
    QTest::addColumn<Workflow>("workflow");
    QTest::addColumn<QString>("code");
    auto row = [](const char* tag, const char* role, const char* code, Workflow w) {
        QTest::newRow(tag) << QString::fromLatin1(role) << std::move(w)
                           << QString::fromLatin1(code);
    };
    row("client: marketing", "marketing", "forbidden", [](Replica& r, const Ids&) {
        r.createClient({{"name", "X"}});
    });
    row("client: manager names another curator", "manager", "forbidden",
        [](Replica& r, const Ids& ids) {
            r.createClient({{"name", "X"}, {"curator_id", ids.boris}});
        });
    row("client: blank name", "manager", "invalid_value", [](Replica& r, const Ids&) {
        r.createClient({{"name", "  "}});
    });
    row("client: unknown region", "manager", "unknown_code", [](Replica& r, const Ids&) {
        r.createClient({{"name", "X"}, {"region", "atlantis"}});
    });
    row("client: unknown curator", "head", "unknown_user", [](Replica& r, const Ids& ids) {
        r.createClient({{"name", "X"}, {"curator_id", ids.unknown}});
    });
    // Break-it F6: who made the first contact, and the duplicate flag, are the server's.
    row("client: names the first contact's author", "manager", "read_only_field",
        [](Replica& r, const Ids& ids) {
            r.createClient({{"name", "X"}, {"first_contact_by", ids.boris}});
        });
    row("client: back-dated first contact", "manager", "invalid_value", [](Replica& r, const Ids&) {
        r.createClient(
            {{"name", "X"}, {"first_contact_at", fieldbook::domain::nowMs() - 25 * 3'600'000}});
    });
    row("client: first contact in the future", "head", "invalid_value", [](Replica& r, const Ids&) {
        r.createClient(
            {{"name", "X"}, {"first_contact_at", fieldbook::domain::nowMs() + 3'600'000}});
    });
    row("client: flagged as a duplicate", "head", "read_only_field",
        [](Replica& r, const Ids& ids) {
            r.createClient({{"name", "X"}, {"duplicate_of", ids.acme}});
        });
    row("client: manager flags a duplicate", "manager", "forbidden",
        [](Replica& r, const Ids& ids) {
            r.updateRecord("client", ids.acme, {{"duplicate_of", ids.globex}});
        });
    // F16 on the device: a generic edit of a mailing request or planned activity.
    row("mail: another client's contact", "head", "invalid_value", [](Replica& r, const Ids& ids) {
        r.createRecord("mailing_request", {{"client_id", ids.globex},
                                           {"contact_id", ids.contact},
                                           {"template_id", ids.tmpl},
                                           {"channel", "email"},
                                           {"address", "ivy@acme.test"},
                                           {"status", "queued"}});
    });
    row("mail: retired template (generic)", "head", "invalid_value",
        [](Replica& r, const Ids& ids) {
            r.createRecord("mailing_request", {{"client_id", ids.acme},
                                               {"contact_id", ids.contact},
                                               {"template_id", ids.oldTmpl},
                                               {"channel", "email"},
                                               {"address", "ivy@acme.test"},
                                               {"status", "queued"}});
        });
    row("plan: ends after 9999", "manager", "invalid_value", [](Replica& r, const Ids& ids) {
        r.createRecord("planned_activity", {{"client_id", ids.acme},
                                            {"assignee_id", ids.anna},
                                            {"kind", "visit"},
                                            {"starts_at", fieldbook::domain::kMaxTimeMs - kMinute},
                                            {"duration_min", 60},
                                            {"status", "planned"}});
    });
    row("contact: unknown client", "manager", "unknown_client", [](Replica& r, const Ids& ids) {
        r.addContact(ids.unknown, {{"name", "Y"}});
    });
    row("contact: marketing", "marketing", "forbidden", [](Replica& r, const Ids& ids) {
        r.addContact(ids.acme, {{"name", "Y"}});
    });
    row("contact: no name", "manager", "invalid_value", [](Replica& r, const Ids& ids) {
        r.addContact(ids.acme, {{"phone", "1"}});
    });
    row("history: marketing", "marketing", "forbidden",
        [](Replica& r, const Ids& ids) { r.logHistory(ids.acme, "call", "x", "", kVisitAt); });
    row("history: kind not in the list", "manager", "invalid_kind", [](Replica& r, const Ids& ids) {
        r.logHistory(ids.acme, "fax", "x", "",
                     kVisitAt); // built in, but not in this replica's list
    });
    row("correct: unknown entry", "manager", "unknown_record",
        [](Replica& r, const Ids& ids) { r.correctHistory(ids.unknown, "x"); });
    row("deal: telemarketing", "telemarketing", "forbidden",
        [](Replica& r, const Ids& ids) { r.openDeal(ids.acme, "T", "", json::object()); });
    row("deal: manager opens for another", "manager", "forbidden",
        [](Replica& r, const Ids& ids) { r.openDeal(ids.acme, "T", ids.boris, json::object()); });
    row("deal: unknown client", "manager", "unknown_client",
        [](Replica& r, const Ids& ids) { r.openDeal(ids.unknown, "T", "", json::object()); });
    row("deal: inactive manager", "head", "inactive_user",
        [](Replica& r, const Ids& ids) { r.openDeal(ids.acme, "T", ids.gone, json::object()); });
    row("deal: unknown product", "manager", "unknown_product", [](Replica& r, const Ids& ids) {
        r.openDeal(ids.acme, "T", "", {{"product_id", ids.unknown}});
    });
    row("deal: outcome is not opened", "manager", "invalid_fields", [](Replica& r, const Ids& ids) {
        r.openDeal(ids.acme, "T", "", {{"outcome", "won"}});
    });
    row("deal: blank title", "manager", "invalid_value",
        [](Replica& r, const Ids& ids) { r.openDeal(ids.acme, " ", "", json::object()); });
    row("move: unknown deal", "manager", "unknown_deal",
        [](Replica& r, const Ids& ids) { r.moveStage(ids.unknown, kStages[1], false); });
    row("close: invalid outcome", "manager", "invalid_outcome",
        [](Replica& r, const Ids& ids) { r.closeDeal(ids.unknown, "abandoned", json::object()); });
    row("close: stray field", "manager", "invalid_fields", [](Replica& r, const Ids& ids) {
        r.closeDeal(ids.unknown, "won", {{"title", "x"}, {"contract_no", "1"}});
    });
    row("line: zero quantity", "manager", "invalid_quantity",
        [](Replica& r, const Ids& ids) { r.addDealLine(ids.unknown, ids.product, 0, 1); });
    row("line: negative price", "manager", "invalid_price",
        [](Replica& r, const Ids& ids) { r.addDealLine(ids.unknown, ids.product, 1, -1); });
    row("line: overflowing total", "manager", "invalid_price", [](Replica& r, const Ids& ids) {
        r.addDealLine(ids.unknown, ids.product, 1000, INT64_MAX / 10);
    });
    row("line: quantity above the limit", "manager", "invalid_quantity",
        [](Replica& r, const Ids& ids) { r.addDealLine(ids.unknown, ids.product, 1'000'001, 1); });
    row("line: price above the limit", "manager", "invalid_price", [](Replica& r, const Ids& ids) {
        r.addDealLine(ids.unknown, ids.product, 1, 1'000'000'000'001);
    });
    row("payment: above the limit", "manager", "invalid_amount", [](Replica& r, const Ids& ids) {
        r.addPayment(ids.unknown, 100'000'000'000'001, kVisitAt, "");
    });
    // The generic edit (edit-client) checks as the workflows do (F15).
    row("generic: manager changes the curator", "manager", "forbidden",
        [](Replica& r, const Ids& ids) {
            r.updateRecord("client", ids.acme, {{"curator_id", ids.boris}});
        });
    row("generic: region not in the list", "manager", "unknown_code",
        [](Replica& r, const Ids& ids) {
            r.updateRecord("client", ids.acme, {{"region", "mars"}});
        });
    row("generic: blank name", "manager", "invalid_value", [](Replica& r, const Ids& ids) {
        r.updateRecord("client", ids.acme, {{"name", " "}});
    });
    row("generic: marketing edits a card", "marketing", "forbidden",
        [](Replica& r, const Ids& ids) {
            r.updateRecord("client", ids.acme, {{"notes", "x"}});
        });
    row("generic: manager plans for another", "manager", "forbidden",
        [](Replica& r, const Ids& ids) {
            r.createRecord("planned_activity", {{"client_id", ids.acme},
                                                {"assignee_id", ids.boris},
                                                {"kind", "visit"},
                                                {"starts_at", kVisitAt},
                                                {"duration_min", 30},
                                                {"status", "planned"}});
        });
    row("generic: someone else's visit done", "manager", "forbidden",
        [](Replica& r, const Ids& ids) {
            r.updateRecord("planned_activity", ids.borisVisit, {{"status", "done"}});
        });
    row("generic: history kind not in the list", "manager", "unknown_code",
        [](Replica& r, const Ids& ids) {
            r.createRecord("history_entry", {{"client_id", ids.acme},
                                             {"kind", "fax"},
                                             {"summary", "x"},
                                             {"occurred_at", kVisitAt}});
        });
    row("generic: history of an unknown deal", "manager", "unknown_deal",
        [](Replica& r, const Ids& ids) {
            r.createRecord("history_entry", {{"client_id", ids.acme},
                                             {"deal_id", ids.unknown},
                                             {"kind", "note"},
                                             {"summary", "x"},
                                             {"occurred_at", kVisitAt}});
        });
    row("payment: zero", "manager", "invalid_amount",
        [](Replica& r, const Ids& ids) { r.addPayment(ids.unknown, 0, kVisitAt, ""); });
    row("payment: unknown deal", "manager", "unknown_deal",
        [](Replica& r, const Ids& ids) { r.addPayment(ids.unknown, 5, kVisitAt, ""); });
    row("delivery: unknown deal", "manager", "unknown_deal",
        [](Replica& r, const Ids& ids) { r.addDelivery(ids.unknown, kVisitAt, ""); });
    row("done: unknown activity", "manager", "unknown_record",
        [](Replica& r, const Ids& ids) { r.completeActivity(ids.unknown, "x", ""); });
    row("done: blank summary", "manager", "empty_summary",
        [](Replica& r, const Ids& ids) { r.completeActivity(ids.annasVisit, " ", ""); });
    row("done: unknown kind", "manager", "invalid_kind",
        [](Replica& r, const Ids& ids) { r.completeActivity(ids.annasVisit, "x", "seance"); });
    row("done: someone else's visit", "manager", "forbidden",
        [](Replica& r, const Ids& ids) { r.completeActivity(ids.borisVisit, "x", ""); });
    row("done: telemarketing, a manager's visit", "telemarketing", "forbidden",
        [](Replica& r, const Ids& ids) { r.completeActivity(ids.annasVisit, "x", ""); });
    row("status: done is not a status change", "manager", "invalid_status",
        [](Replica& r, const Ids& ids) { r.setActivityStatus(ids.annasVisit, "done"); });
    row("status: someone else's", "manager", "forbidden",
        [](Replica& r, const Ids& ids) { r.setActivityStatus(ids.borisVisit, "cancelled"); });
    row("reassign client: manager", "manager", "forbidden",
        [](Replica& r, const Ids& ids) { r.reassignClient(ids.acme, ids.boris); });
    row("reassign client: telemarketing", "telemarketing", "forbidden",
        [](Replica& r, const Ids& ids) { r.reassignClient(ids.acme, ids.boris); });
    row("reassign client: unknown user", "head", "unknown_user",
        [](Replica& r, const Ids& ids) { r.reassignClient(ids.acme, ids.unknown); });
    row("reassign client: inactive user", "head", "inactive_user",
        [](Replica& r, const Ids& ids) { r.reassignClient(ids.acme, ids.gone); });
    // Work goes to active users only, by every path (fresh-user: a visit
    // planned for a deactivated user was saved and accepted).
    row("plan: inactive assignee", "head", "inactive_user", [](Replica& r, const Ids& ids) {
        r.planActivity(ids.acme, "visit", kVisitAt, 30, ids.gone, "", "");
    });
    row("new client: inactive curator", "head", "inactive_user", [](Replica& r, const Ids& ids) {
        r.createClient({{"name", "Gone Ltd"}, {"curator_id", ids.gone}});
    });
    row("edit client: inactive curator", "head", "inactive_user", [](Replica& r, const Ids& ids) {
        r.updateRecord("client", ids.acme, {{"curator_id", ids.gone}});
    });
    row("generic activity: inactive assignee", "head", "inactive_user",
        [](Replica& r, const Ids& ids) {
            r.createRecord("planned_activity", {{"client_id", ids.acme},
                                                {"assignee_id", ids.gone},
                                                {"kind", "visit"},
                                                {"starts_at", kVisitAt},
                                                {"duration_min", 30},
                                                {"status", "planned"}});
        });
    row("reassign activity: manager", "manager", "forbidden",
        [](Replica& r, const Ids& ids) { r.reassignActivity(ids.annasVisit, ids.boris); });
    row("plan: marketing", "marketing", "forbidden", [](Replica& r, const Ids& ids) {
        r.planActivity(ids.acme, "visit", kVisitAt, 30, "", "", "");
    });
    row("mail: unknown contact", "manager", "unknown_contact",
        [](Replica& r, const Ids& ids) { r.queueMailing(ids.unknown, ids.tmpl, "email"); });
    row("mail: unknown template", "manager", "unknown_template",
        [](Replica& r, const Ids& ids) { r.queueMailing(ids.contact, ids.unknown, "email"); });
    row("mail: retired template", "manager", "unknown_template",
        [](Replica& r, const Ids& ids) { r.queueMailing(ids.contact, ids.oldTmpl, "email"); });
    row("mail: no fax number", "manager", "no_address",
        [](Replica& r, const Ids& ids) { r.queueMailing(ids.contact, ids.tmpl, "fax"); });
    row("mail: pigeon", "manager", "invalid_channel",
        [](Replica& r, const Ids& ids) { r.queueMailing(ids.contact, ids.tmpl, "pigeon"); });
    row("mail: marketing", "marketing", "forbidden",
        [](Replica& r, const Ids& ids) { r.queueMailing(ids.contact, ids.tmpl, "email"); });
}

void TestReplicaWorkflows::refused_writesNothing() {
    QFETCH(QString, role);
    QFETCH(Workflow, workflow);
    QFETCH(QString, code);
    const std::map<QString, std::string> users = {{QStringLiteral("manager"), ids_.anna},
                                                  {QStringLiteral("head"), ids_.hedda},
                                                  {QStringLiteral("telemarketing"), ids_.tina},
                                                  {QStringLiteral("marketing"), ids_.mark}};
    loginAs(users.at(role), role.toStdString());
    auto before = snapshot(*replica_);
    try {
        workflow(*replica_, ids_);
        QFAIL("the workflow must raise DomainError");
    } catch (const DomainError& e) {
        QCOMPARE(QString::fromStdString(e.code()), code);
        QVERIFY2(std::string(e.what()).size() > 10, "the message says what to do");
    }
    QCOMPARE(snapshot(*replica_), before);
    QVERIFY(sqlite3_get_autocommit(replica_->db().handle()) != 0); // no transaction left open
}

void TestReplicaWorkflows::failingStep_leavesNothing_data() {
    QTest::addColumn<QString>("failingEntity");
    QTest::addColumn<Workflow>("workflow");
    // The outbox refuses the workflow's LAST mutation: everything before it must go too.
    QTest::newRow("done: activity update")
        << QStringLiteral("planned_activity") << Workflow([](Replica& r, const Ids& ids) {
               r.completeActivity(ids.annasVisit, "x", "");
           });
    QTest::newRow("open deal: first stage")
        << QStringLiteral("deal_stage") << Workflow([](Replica& r, const Ids& ids) {
               r.openDeal(ids.acme, "T", "", json::object());
           });
    QTest::newRow("move stage: deal update")
        << QStringLiteral("deal") << Workflow([](Replica& r, const Ids&) {
               r.moveStage(r.deals(true)[0]["id"].get<std::string>(), kStages[1], false);
           });
    QTest::newRow("close deal: deal update")
        << QStringLiteral("deal") << Workflow([](Replica& r, const Ids&) {
               r.closeDeal(r.deals(true)[0]["id"].get<std::string>(), "won",
                           {{"invoice_no", "I-1"}});
           });
    QTest::newRow("add line: amount")
        << QStringLiteral("deal") << Workflow([](Replica& r, const Ids& ids) {
               r.addDealLine(r.deals(true)[0]["id"].get<std::string>(), ids.product, 1, 100);
           });
}

void TestReplicaWorkflows::failingStep_leavesNothing() {
    QFETCH(QString, failingEntity);
    QFETCH(Workflow, workflow);
    replica_->openDeal(ids_.acme, "Existing", "", json::object());
    auto before = snapshot(*replica_);
    auto dealId = replica_->deals(true)[0]["id"].get<std::string>();
    auto dealBefore = replica_->record("deal", dealId);
    replica_->db().exec("CREATE TRIGGER outbox_full BEFORE INSERT ON outbox WHEN NEW.entity = '" +
                        failingEntity.toStdString() +
                        "' BEGIN SELECT RAISE(ABORT, 'outbox full'); END;");
    QVERIFY_THROWS_EXCEPTION(StoreError, workflow(*replica_, ids_));
    QCOMPARE(snapshot(*replica_), before);
    COMPARE_JSON(replica_->record("deal", dealId), dealBefore);
    COMPARE_JSON(replica_->record("planned_activity", ids_.annasVisit)["status"], "planned");
    QVERIFY(sqlite3_get_autocommit(replica_->db().handle()) != 0);
}

QTEST_GUILESS_MAIN(TestReplicaWorkflows)
#include "tst_replica_workflows.moc"
