// SPDX-License-Identifier: MIT
// The device replica and its outbox (shared/device/replica.h, SPEC §4) on a
// real SQLite file: local edits write the record and one outbox mutation in
// one transaction, invalid edits write nothing, pulls keep pending local
// values, push results never lose a mutation, and a newer schema is refused.
#include "device/replica.h"

#include "domain/clock.h"
#include "qtest_std.h"
#include "sync/hlc.h"

#include <QTemporaryDir>
#include <QTest>

#include <sodium.h>
#include <sqlite3.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <string>
#include <vector>

using fieldbook::device::DomainError;
using fieldbook::device::Replica;
using fieldbook::device::Session;
using fieldbook::store::Database;
using fieldbook::store::Statement;
using fieldbook::store::StoreError;
using fieldbook::sync::Hlc;
using fieldbook::sync::MutationResult;
using fieldbook::sync::PullResponse;
using fieldbook::sync::RecordChange;
using nlohmann::json;

namespace {
/// Records the replica starts with in every test (as if pulled from the server).
struct Ids {
    std::string user = "00000000-0000-4000-8000-0000000000a1";
    std::string otherUser = "00000000-0000-4000-8000-0000000000a2";
    std::string client = "00000000-0000-4000-8000-0000000000c1";
    std::string otherClient = "00000000-0000-4000-8000-0000000000c2";
    std::string deal = "00000000-0000-4000-8000-0000000000d1"; ///< a deal of otherClient
};

using Edit = std::function<void(Replica&, const Ids&)>;

constexpr std::int64_t kOccurred = 1'700'000'000'000;

/// Everything an edit could write: outbox, every entity table, the device clock.
struct Snapshot {
    std::int64_t outbox = 0;
    std::int64_t rows = 0;
    std::int64_t maxUpdatedAt = 0;
    std::string hlc;
    bool operator==(const Snapshot&) const = default;
};

std::int64_t scalar(Database& db, const std::string& sql) {
    Statement st(db, sql);
    st.step();
    return st.int64(0);
}

Snapshot snapshot(Replica& r) {
    auto& db = r.db();
    Snapshot s;
    s.outbox = scalar(db, "SELECT COUNT(*) FROM outbox");
    for (const char* t : {"users", "products", "clients", "contacts", "deals", "history_entries",
                          "planned_activities", "conflicts", "rejected_mutations"}) {
        s.rows += scalar(db, std::string("SELECT COUNT(*) FROM ") + t);
    }
    for (const char* t : {"clients", "deals", "history_entries", "planned_activities"}) {
        s.maxUpdatedAt =
            std::max(s.maxUpdatedAt,
                     scalar(db, std::string("SELECT COALESCE(MAX(updated_at),0) FROM ") + t));
    }
    Statement st(db, "SELECT value FROM meta WHERE key='hlc'");
    s.hlc = st.step() ? st.text(0) : std::string();
    return s;
}

RecordChange change(const std::string& entity, const std::string& id, std::int64_t version,
                    json fields, bool deleted = false, std::int64_t seq = 1) {
    RecordChange c;
    c.entity = entity;
    c.id = id;
    c.version = version;
    c.updatedAt = 1'600'000'000'000 + version;
    c.updatedBy = "server";
    c.deleted = deleted;
    c.fields = std::move(fields);
    c.seq = seq;
    return c;
}

MutationResult applied(const std::string& mutationId, std::int64_t version) {
    MutationResult r;
    r.mutationId = mutationId;
    r.status = "applied";
    r.version = version;
    return r;
}

MutationResult rejected(const std::string& mutationId, const std::string& code,
                        const std::string& message) {
    MutationResult r;
    r.mutationId = mutationId;
    r.status = "rejected";
    r.errorCode = code;
    r.errorMessage = message;
    return r;
}

PullResponse page(std::vector<RecordChange> changes, std::int64_t cursor) {
    PullResponse p;
    p.changes = std::move(changes);
    p.cursor = cursor;
    p.serverTimeMs = fieldbook::domain::nowMs();
    return p;
}
} // namespace

Q_DECLARE_METATYPE(Edit)

class TestReplica : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase();
    void init();
    void cleanup();

    void open_createsCurrentSchema();
    void session_roundTrips();
    void createRecord_writesRecordAndOneOutboxRow();
    void createRecord_isOneTransaction();
    void updateRecord_writesChangedFieldsAndOneOutboxRow();
    void updateRecord_isOneTransaction();
    void updateRecord_unchangedValuesEnqueueNothing();
    void outboxStamps_increase();
    void logHistory_writesEntryAndOutboxRow();
    void planActivity_defaultsToLoggedInUser();
    void invalidEdit_writesNothing_data();
    void invalidEdit_writesNothing();
    void logHistory_needsSession();
    void applyPull_keepsPendingLocalValues();
    void applyPull_advancesCursor();
    void applyPull_tombstoneDeletesRecordWithoutPendingEdits();
    void applyPull_tombstoneKeepsRecordWithPendingEdits();
    void applyPull_ignoresUnknownEntity();
    void applyPushResults_dropsAppliedAndKeepsRejected();
    void applyPushResults_takesServerCopy();
    void deleteRecord_marksDeletedUntilTheServerDecides();
    void deleteRecord_refusesWhatTheServerWould();
    void open_refusesNewerSchema();
    void open_refusesForeignDatabase();
    void open_reopensExistingReplica();

  private:
    std::string path() const { return dir_->filePath(QStringLiteral("replica.db")).toStdString(); }
    std::unique_ptr<QTemporaryDir> dir_;
    std::unique_ptr<Replica> replica_;
    Ids ids_;
};

void TestReplica::initTestCase() {
    QVERIFY(sodium_init() >= 0);
}

void TestReplica::init() {
    dir_ = std::make_unique<QTemporaryDir>();
    QVERIFY(dir_->isValid());
    replica_ = std::make_unique<Replica>(path());
    Session s;
    s.serverUrl = "http://127.0.0.1:1";
    s.token = "token";
    s.tokenExpiresAtMs = fieldbook::domain::nowMs() + 3'600'000;
    s.deviceId = "dev-1";
    s.userId = ids_.user;
    s.login = "anna";
    s.fullName = "Anna Petrova";
    s.role = "manager";
    replica_->saveSession(s);
    replica_->applyPull(page(
        {change("user", ids_.user, 1,
                {{"login", "anna"},
                 {"full_name", "Anna Petrova"},
                 {"role", "manager"},
                 {"active", true}}),
         change("user", ids_.otherUser, 1,
                {{"login", "boris"},
                 {"full_name", "Boris Ivanov"},
                 {"role", "manager"},
                 {"active", true}}),
         change("client", ids_.client, 3,
                {{"name", "Acme"}, {"industry", "Retail"}, {"curator_id", ids_.user}}),
         change("client", ids_.otherClient, 1, {{"name", "Globex"}, {"curator_id", ids_.user}}),
         change("deal", ids_.deal, 1,
                {{"client_id", ids_.otherClient},
                 {"title", "Pilot"},
                 {"manager_id", ids_.user},
                 {"outcome", "open"}})},
        10));
    QCOMPARE(replica_->status().pending, 0);
}

void TestReplica::cleanup() {
    replica_.reset();
    dir_.reset();
}

void TestReplica::open_createsCurrentSchema() {
    QCOMPARE(replica_->db().userVersion(), 4);
    QCOMPARE(scalar(replica_->db(), "PRAGMA application_id"), std::int64_t(0x46424456));
    auto st = replica_->status();
    QCOMPARE(st.pending, 0);
    QCOMPARE(st.rejected, 0);
    QCOMPARE(st.cursor, std::int64_t(10));
}

void TestReplica::session_roundTrips() {
    auto s = replica_->session();
    QVERIFY(s.has_value());
    QCOMPARE(s->deviceId, std::string("dev-1"));
    QCOMPARE(s->userId, ids_.user);
    QCOMPARE(s->login, std::string("anna"));
    QCOMPARE(s->role, std::string("manager"));
    QCOMPARE(s->serverUrl, std::string("http://127.0.0.1:1"));
}

void TestReplica::createRecord_writesRecordAndOneOutboxRow() {
    json fields = {{"name", "Initech"}, {"employees", 40}, {"region", "North"}};
    auto id = replica_->createRecord("client", fields);
    QCOMPARE(id.size(), std::size_t(36));

    auto rec = replica_->record("client", id);
    QVERIFY(rec.is_object());
    COMPARE_JSON(rec["name"], json("Initech"));
    COMPARE_JSON(rec["employees"], json(40));
    COMPARE_JSON(rec["region"], json("North"));
    COMPARE_JSON(rec["version"], json(0));
    COMPARE_JSON(rec["deleted"], json(false));
    COMPARE_JSON(rec["updated_by"], json(ids_.user));

    auto out = replica_->outbox(100);
    QCOMPARE(out.size(), std::size_t(1));
    QCOMPARE(out[0].entity, std::string("client"));
    QCOMPARE(out[0].recordId, id);
    QCOMPARE(out[0].op, std::string("upsert"));
    QCOMPARE(out[0].baseVersion, std::int64_t(0));
    COMPARE_JSON(out[0].fields, fields);
    auto stamp = Hlc::parse(out[0].hlc);
    QVERIFY(stamp.has_value());
    QCOMPARE(stamp->node, std::string("dev-1"));
    QCOMPARE(out[0].mutationId.size(), std::size_t(36));
    QCOMPARE(replica_->status().pending, 1);
}

void TestReplica::createRecord_isOneTransaction() {
    // Make the outbox insert fail after the record insert succeeded: the record must go too.
    replica_->db().exec("CREATE TRIGGER outbox_full BEFORE INSERT ON outbox "
                        "BEGIN SELECT RAISE(ABORT, 'outbox full'); END;");
    auto before = snapshot(*replica_);
    try {
        replica_->createRecord("client", {{"name", "Initech"}});
        QFAIL("createRecord must fail when the outbox cannot be written");
    } catch (const StoreError& e) {
        QCOMPARE(e.code(), SQLITE_CONSTRAINT_TRIGGER);
    }
    QCOMPARE(scalar(replica_->db(), "SELECT COUNT(*) FROM clients WHERE name='Initech'"),
             std::int64_t(0));
    QVERIFY(snapshot(*replica_) == before);
    QVERIFY(sqlite3_get_autocommit(replica_->db().handle()) != 0);
}

void TestReplica::updateRecord_writesChangedFieldsAndOneOutboxRow() {
    replica_->updateRecord("client", ids_.client,
                           {{"name", "Acme Ltd"}, {"industry", "Retail"}, {"phone", "+1 555"}});
    auto rec = replica_->record("client", ids_.client);
    COMPARE_JSON(rec["name"], json("Acme Ltd"));
    COMPARE_JSON(rec["phone"], json("+1 555"));
    COMPARE_JSON(rec["industry"], json("Retail"));
    COMPARE_JSON(rec["version"], json(3)); // the server's version until the next pull

    auto out = replica_->outbox(100);
    QCOMPARE(out.size(), std::size_t(1));
    QCOMPARE(out[0].recordId, ids_.client);
    QCOMPARE(out[0].baseVersion, std::int64_t(3));
    // Only what changed travels ("industry" was already "Retail").
    COMPARE_JSON(out[0].fields, (json{{"name", "Acme Ltd"}, {"phone", "+1 555"}}));

    // Clearing a field is a change too.
    replica_->updateRecord("client", ids_.client, {{"phone", nullptr}});
    QVERIFY(replica_->record("client", ids_.client)["phone"].is_null());
    out = replica_->outbox(100);
    QCOMPARE(out.size(), std::size_t(2));
    COMPARE_JSON(out[1].fields, (json{{"phone", nullptr}}));
}

void TestReplica::updateRecord_isOneTransaction() {
    replica_->db().exec("CREATE TRIGGER outbox_full BEFORE INSERT ON outbox "
                        "BEGIN SELECT RAISE(ABORT, 'outbox full'); END;");
    QVERIFY_THROWS_EXCEPTION(StoreError,
                             replica_->updateRecord("client", ids_.client, {{"name", "Changed"}}));
    COMPARE_JSON(replica_->record("client", ids_.client)["name"], json("Acme"));
    QCOMPARE(replica_->status().pending, 0);
}

void TestReplica::updateRecord_unchangedValuesEnqueueNothing() {
    auto before = snapshot(*replica_);
    auto recBefore = replica_->record("client", ids_.client);
    replica_->updateRecord(
        "client", ids_.client,
        {{"name", "Acme"}, {"industry", "Retail"}, {"curator_id", ids_.user}, {"phone", nullptr}});
    replica_->updateRecord("client", ids_.client, json::object());
    QVERIFY(snapshot(*replica_) == before);
    COMPARE_JSON(replica_->record("client", ids_.client), recBefore);
    QCOMPARE(replica_->status().pending, 0);
}

void TestReplica::outboxStamps_increase() {
    for (int i = 0; i < 20; ++i) {
        replica_->updateRecord("client", ids_.client, {{"employees", i + 1}});
    }
    auto out = replica_->outbox(100);
    QCOMPARE(out.size(), std::size_t(20));
    QCOMPARE(replica_->outbox(5).size(), std::size_t(5));
    for (size_t i = 1; i < out.size(); ++i) {
        auto a = Hlc::parse(out[i - 1].hlc);
        auto b = Hlc::parse(out[i].hlc);
        QVERIFY(a && b);
        QVERIFY2(*a < *b, (out[i - 1].hlc + " !< " + out[i].hlc).c_str());
        COMPARE_JSON(out[i].fields, (json{{"employees", int(i) + 1}})); // oldest first
    }
}

void TestReplica::logHistory_writesEntryAndOutboxRow() {
    auto id = replica_->logHistory(ids_.client, "call", "Discussed the renewal", "", kOccurred);
    auto rec = replica_->record("history_entry", id);
    QVERIFY(rec.is_object());
    COMPARE_JSON(rec["client_id"], json(ids_.client));
    COMPARE_JSON(rec["kind"], json("call"));
    COMPARE_JSON(rec["summary"], json("Discussed the renewal"));
    COMPARE_JSON(rec["occurred_at"], json(kOccurred));
    COMPARE_JSON(rec["author_id"],
                 json(ids_.user)); // shown locally until the server's copy arrives
    QVERIFY(rec["deal_id"].is_null());

    auto out = replica_->outbox(10);
    QCOMPARE(out.size(), std::size_t(1));
    QCOMPARE(out[0].entity, std::string("history_entry"));
    QVERIFY(!out[0].fields.contains("author_id")); // server-owned: never pushed
    COMPARE_JSON(out[0].fields["summary"], json("Discussed the renewal"));

    auto withDeal = replica_->logHistory(ids_.otherClient, "meeting", "Pilot kick-off", ids_.deal,
                                         kOccurred + 1);
    COMPARE_JSON(replica_->record("history_entry", withDeal)["deal_id"], json(ids_.deal));
    QCOMPARE(replica_->status().pending, 2);
}

void TestReplica::planActivity_defaultsToLoggedInUser() {
    auto id = replica_->planActivity(ids_.client, "visit", kOccurred, 90, "", "Contract", "Office");
    auto rec = replica_->record("planned_activity", id);
    COMPARE_JSON(rec["assignee_id"], json(ids_.user));
    COMPARE_JSON(rec["status"], json("planned"));
    COMPARE_JSON(rec["duration_min"], json(90));
    COMPARE_JSON(rec["purpose"], json("Contract"));
    COMPARE_JSON(rec["place"], json("Office"));

    // A manager plans own work only (SPEC §1); telemarketing plans for a manager.
    try {
        replica_->planActivity(ids_.client, "call", kOccurred, 30, ids_.otherUser, "", "");
        QFAIL("a manager must not plan for another user");
    } catch (const DomainError& e) {
        QCOMPARE(e.code(), std::string("forbidden"));
        QCOMPARE(std::string(e.what()),
                 std::string("manager may not plan or change activities assigned to "
                             "another user (plan_for_others)"));
    }
    auto s = *replica_->session();
    s.role = "telemarketing";
    replica_->saveSession(s);
    auto other =
        replica_->planActivity(ids_.client, "call", kOccurred, 1440, ids_.otherUser, "", "");
    auto rec2 = replica_->record("planned_activity", other);
    COMPARE_JSON(rec2["assignee_id"], json(ids_.otherUser));
    QVERIFY(rec2["purpose"].is_null());
    QCOMPARE(replica_->status().pending, 2);
}

void TestReplica::invalidEdit_writesNothing_data() {
    QTest::addColumn<Edit>("edit");
    QTest::addColumn<QString>("code");
    auto row = [](const char* tag, const char* code, Edit edit) {
        QTest::newRow(tag) << std::move(edit) << QString::fromLatin1(code);
    };
    row("create: unknown field", "unknown_field", [](Replica& r, const Ids&) {
        r.createRecord("client", {{"name", "X"}, {"shoe_size", 42}});
    });
    row("update: unknown field", "unknown_field", [](Replica& r, const Ids& ids) {
        r.updateRecord("client", ids.client, {{"name", "Y"}, {"shoe_size", 42}});
    });
    row("create: id is not a field", "unknown_field", [](Replica& r, const Ids&) {
        r.createRecord("client", {{"name", "X"}, {"id", "x"}});
    });
    row("create: read-only field", "read_only_field", [](Replica& r, const Ids& ids) {
        r.createRecord("history_entry", {{"client_id", ids.client},
                                         {"kind", "call"},
                                         {"summary", "s"},
                                         {"occurred_at", kOccurred},
                                         {"author_id", ids.otherUser}});
    });
    row("create: bad type", "invalid_value", [](Replica& r, const Ids&) {
        r.createRecord("client", {{"name", 5}});
    });
    row("update: bad type", "invalid_value", [](Replica& r, const Ids& ids) {
        r.updateRecord("client", ids.client, {{"name", "Y"}, {"employees", "many"}});
    });
    row("update: required field cleared", "invalid_value", [](Replica& r, const Ids& ids) {
        r.updateRecord("client", ids.client, {{"name", nullptr}});
    });
    row("create: required field missing", "invalid_value", [](Replica& r, const Ids&) {
        r.createRecord("client", {{"industry", "Retail"}});
    });
    row("create: fields not an object", "invalid_fields",
        [](Replica& r, const Ids&) { r.createRecord("client", json::array({"name"})); });
    row("create: unknown entity", "unknown_entity", [](Replica& r, const Ids&) {
        r.createRecord("spaceship", {{"name", "X"}});
    });
    row("create: server-managed entity", "read_only_entity", [](Replica& r, const Ids&) {
        r.createRecord("busy_slot", {{"starts_at", 0}});
    });
    row("update: unknown record", "unknown_record", [](Replica& r, const Ids&) {
        r.updateRecord("client", "00000000-0000-4000-8000-00000000ffff", {{"name", "Y"}});
    });
    row("history: unknown client", "unknown_client", [](Replica& r, const Ids&) {
        r.logHistory("00000000-0000-4000-8000-00000000ffff", "call", "Talked", "", kOccurred);
    });
    row("history: invalid kind", "invalid_kind", [](Replica& r, const Ids& ids) {
        r.logHistory(ids.client, "telepathy", "Talked", "", kOccurred);
    });
    row("history: empty summary", "empty_summary",
        [](Replica& r, const Ids& ids) { r.logHistory(ids.client, "call", "", "", kOccurred); });
    row("history: blank summary", "empty_summary", [](Replica& r, const Ids& ids) {
        r.logHistory(ids.client, "call", " \t\r\n ", "", kOccurred);
    });
    row("history: deal of another client", "unknown_deal", [](Replica& r, const Ids& ids) {
        r.logHistory(ids.client, "call", "Talked", ids.deal, kOccurred);
    });
    row("plan: unknown client", "unknown_client", [](Replica& r, const Ids&) {
        r.planActivity("00000000-0000-4000-8000-00000000ffff", "call", kOccurred, 30, "", "", "");
    });
    row("plan: invalid kind", "invalid_kind", [](Replica& r, const Ids& ids) {
        r.planActivity(ids.client, "fax", kOccurred, 30, "", "", "");
    });
    row("plan: zero duration", "invalid_duration", [](Replica& r, const Ids& ids) {
        r.planActivity(ids.client, "call", kOccurred, 0, "", "", "");
    });
    row("plan: negative duration", "invalid_duration", [](Replica& r, const Ids& ids) {
        r.planActivity(ids.client, "call", kOccurred, -30, "", "", "");
    });
    row("plan: longer than a day", "invalid_duration", [](Replica& r, const Ids& ids) {
        r.planActivity(ids.client, "call", kOccurred, 24 * 60 + 1, "", "", "");
    });
    row("plan: unknown assignee", "unknown_user", [](Replica& r, const Ids& ids) {
        r.planActivity(ids.client, "call", kOccurred, 30, "00000000-0000-4000-8000-00000000ffff",
                       "", "");
    });
}

void TestReplica::invalidEdit_writesNothing() {
    QFETCH(Edit, edit);
    QFETCH(QString, code);
    auto before = snapshot(*replica_);
    auto clientBefore = replica_->record("client", ids_.client);
    try {
        edit(*replica_, ids_);
        QFAIL("the edit must raise DomainError");
    } catch (const DomainError& e) {
        QCOMPARE(QString::fromStdString(e.code()), code);
        QVERIFY2(std::string(e.what()).size() > 10, "the message says what to do");
    }
    QVERIFY(snapshot(*replica_) == before);
    COMPARE_JSON(replica_->record("client", ids_.client), clientBefore);
    QCOMPARE(replica_->status().pending, 0);
    QVERIFY(sqlite3_get_autocommit(replica_->db().handle()) != 0); // no transaction left open
}

void TestReplica::logHistory_needsSession() {
    replica_.reset();
    dir_ = std::make_unique<QTemporaryDir>();
    replica_ = std::make_unique<Replica>(path());
    replica_->applyPull(page({change("client", ids_.client, 1, {{"name", "Acme"}})}, 1));
    auto before = snapshot(*replica_);
    try {
        replica_->logHistory(ids_.client, "call", "Talked", "", kOccurred);
        QFAIL("logging history without a session must fail");
    } catch (const DomainError& e) {
        QCOMPARE(e.code(), std::string("not_logged_in"));
    }
    try {
        replica_->planActivity(ids_.client, "call", kOccurred, 30, "", "", "");
        QFAIL("planning without a session must fail");
    } catch (const DomainError& e) {
        QCOMPARE(e.code(), std::string("not_logged_in"));
    }
    QVERIFY(snapshot(*replica_) == before);
}

void TestReplica::applyPull_keepsPendingLocalValues() {
    replica_->updateRecord("client", ids_.client, {{"name", "Acme (local)"}});
    replica_->updateRecord("client", ids_.client, {{"notes", "call back"}});
    replica_->applyPull(page({change("client", ids_.client, 4,
                                     {{"name", "Acme (server)"},
                                      {"industry", "Wholesale"},
                                      {"phone", "+1 777"},
                                      {"notes", "server notes"},
                                      {"curator_id", ids_.user}},
                                     false, 11)},
                             11));
    auto rec = replica_->record("client", ids_.client);
    COMPARE_JSON(rec["name"], json("Acme (local)"));  // pending local value on top
    COMPARE_JSON(rec["notes"], json("call back"));    // pending local value on top
    COMPARE_JSON(rec["industry"], json("Wholesale")); // pulled value
    COMPARE_JSON(rec["phone"], json("+1 777"));       // pulled value
    COMPARE_JSON(rec["version"], json(4));
    QCOMPARE(replica_->status().cursor, std::int64_t(11));
    QCOMPARE(replica_->status().pending, 2); // the outbox is untouched by a pull

    // Once the outbox is answered, the next pull's values are taken as they are.
    std::vector<MutationResult> results;
    for (const auto& m : replica_->outbox(10)) {
        results.push_back(applied(m.mutationId, 5));
    }
    replica_->applyPushResults(results);
    replica_->applyPull(
        page({change("client", ids_.client, 6,
                     {{"name", "Acme (merged)"}, {"curator_id", ids_.user}}, false, 12)},
             12));
    COMPARE_JSON(replica_->record("client", ids_.client)["name"], json("Acme (merged)"));
    QVERIFY(replica_->record("client", ids_.client)["notes"].is_null());
}

void TestReplica::applyPull_advancesCursor() {
    replica_->applyPull(page({}, 25));
    QCOMPARE(replica_->status().cursor, std::int64_t(25));
    replica_->applyPull(page({change("product", "00000000-0000-4000-8000-0000000000e1", 1,
                                     {{"name", "Widget"}, {"list_price_cents", 1999}}, false, 26)},
                             26));
    QCOMPARE(replica_->status().cursor, std::int64_t(26));
    auto p = replica_->record("product", "00000000-0000-4000-8000-0000000000e1");
    COMPARE_JSON(p["list_price_cents"], json(1999));
    COMPARE_JSON(p["version"], json(1));
}

void TestReplica::applyPull_tombstoneDeletesRecordWithoutPendingEdits() {
    QVERIFY(!replica_->record("client", ids_.otherClient).is_null());
    replica_->applyPull(
        page({change("client", ids_.otherClient, 2, {{"name", "Globex"}}, true, 11)}, 11));
    QVERIFY(replica_->record("client", ids_.otherClient).is_null());
    QCOMPARE(replica_->status().cursor, std::int64_t(11));
    // A tombstone for a record the device never had is harmless.
    replica_->applyPull(page(
        {change("client", "00000000-0000-4000-8000-00000000ffff", 2, {{"name", "Z"}}, true, 12)},
        12));
    QVERIFY(replica_->record("client", "00000000-0000-4000-8000-00000000ffff").is_null());
    QCOMPARE(replica_->status().cursor, std::int64_t(12));
}

void TestReplica::applyPull_tombstoneKeepsRecordWithPendingEdits() {
    replica_->updateRecord("client", ids_.otherClient, {{"phone", "+1 555"}});
    replica_->applyPull(
        page({change("client", ids_.otherClient, 2, {{"name", "Globex"}}, true, 11)}, 11));
    auto rec = replica_->record("client", ids_.otherClient);
    QVERIFY(rec.is_object());
    COMPARE_JSON(rec["deleted"], json(false)); // the pending edit is not lost (SPEC §4)
    COMPARE_JSON(rec["phone"], json("+1 555"));
    QCOMPARE(replica_->status().pending, 1);
}

void TestReplica::applyPull_ignoresUnknownEntity() {
    replica_->applyPull(page({change("spaceship", "x", 1, {{"name", "Enterprise"}})}, 13));
    QCOMPARE(replica_->status().cursor, std::int64_t(13));
}

void TestReplica::applyPushResults_dropsAppliedAndKeepsRejected() {
    auto a = replica_->createRecord("client", {{"name", "Applied Co"}});
    replica_->updateRecord("client", ids_.client, {{"name", "Rejected name"}});
    auto c = replica_->createRecord("client", {{"name", "Unanswered Co"}});
    auto out = replica_->outbox(10);
    QCOMPARE(out.size(), std::size_t(3));

    std::vector<MutationResult> results = {
        applied(out[0].mutationId, 1),
        rejected(out[1].mutationId, "out_of_scope", "this record is not in your scope"),
        applied("not-in-the-outbox", 1),
    };
    replica_->applyPushResults(results);

    auto left = replica_->outbox(10);
    QCOMPARE(left.size(), std::size_t(1));
    QCOMPARE(left[0].recordId, c);

    auto kept = replica_->rejectedMutations();
    QCOMPARE(kept.size(), std::size_t(1));
    COMPARE_JSON(kept[0]["mutation_id"], json(out[1].mutationId));
    COMPARE_JSON(kept[0]["entity"], json("client"));
    COMPARE_JSON(kept[0]["record_id"], json(ids_.client));
    COMPARE_JSON(kept[0]["op"], json("upsert"));
    COMPARE_JSON(kept[0]["fields"], (json{{"name", "Rejected name"}}));
    COMPARE_JSON(kept[0]["error_code"], json("out_of_scope"));
    COMPARE_JSON(kept[0]["error_message"], json("this record is not in your scope"));

    auto st = replica_->status();
    QCOMPARE(st.pending, 1);
    QCOMPARE(st.rejected, 1);
    // The records themselves stay as edited.
    COMPARE_JSON(replica_->record("client", a)["name"], json("Applied Co"));

    // Answering the same results again changes nothing.
    replica_->applyPushResults(results);
    QCOMPARE(replica_->status().pending, 1);
    QCOMPARE(replica_->status().rejected, 1);
}

void TestReplica::applyPushResults_takesServerCopy() {
    replica_->updateRecord("client", ids_.client, {{"name", "Refused name"}});
    auto created = replica_->createRecord("client", {{"name", "Refused Co"}});
    auto out = replica_->outbox(10);
    QCOMPARE(out.size(), std::size_t(2));

    auto edit = rejected(out[0].mutationId, "forbidden", "not allowed");
    edit.hasCurrent = true;
    edit.current = change("client", ids_.client, 3,
                          {{"name", "Acme"}, {"industry", "Retail"}, {"curator_id", ids_.user}});
    auto create = rejected(out[1].mutationId, "out_of_scope", "not in your scope");
    create.hasCurrent = true; // no current: the server has no such record for this user
    replica_->applyPushResults({edit, create});

    COMPARE_JSON(replica_->record("client", ids_.client)["name"], json("Acme"));
    QVERIFY(replica_->record("client", created).is_null());
    QCOMPARE(replica_->status().pending, 0);
    QCOMPARE(replica_->rejectedMutations().size(), std::size_t(2)); // the values are kept there
}

// SPEC §4: a manager's delete is marked here at once and queued once; a
// newer pulled copy does not bring it back while the delete waits; the
// server's answer (an edit it had not seen won) does.
void TestReplica::deleteRecord_marksDeletedUntilTheServerDecides() {
    const std::string contact = "00000000-0000-4000-a000-0000000000c1";
    replica_->applyPull(
        page({change("contact", contact, 2, {{"client_id", ids_.client}, {"name", "Ann"}})}, 20));
    replica_->deleteRecord("contact", contact);
    COMPARE_JSON(replica_->record("contact", contact)["deleted"], json(true));
    auto out = replica_->outbox(10);
    QCOMPARE(out.size(), std::size_t(1));
    QCOMPARE(out[0].op, std::string("delete"));
    QCOMPARE(out[0].baseVersion, std::int64_t(2));
    COMPARE_JSON(out[0].fields, json::object());
    try {
        replica_->updateRecord("contact", contact, {{"phone", "+1 555"}});
        QFAIL("an edit of a record deleted here was taken");
    } catch (const fieldbook::device::DomainError& e) {
        QCOMPARE(e.code(), std::string("record_deleted"));
    }
    replica_->applyPull(
        page({change("contact", contact, 3, {{"client_id", ids_.client}, {"name", "Ann B"}})}, 21));
    COMPARE_JSON(replica_->record("contact", contact)["deleted"], json(true));
    auto answer = applied(out[0].mutationId, 3); // edit_beats_delete: the record stays
    answer.hasCurrent = true;
    answer.current = change("contact", contact, 3, {{"client_id", ids_.client}, {"name", "Ann B"}});
    replica_->applyPushResults({answer});
    auto back = replica_->record("contact", contact);
    COMPARE_JSON(back["deleted"], json(false));
    COMPARE_JSON(back["name"], json("Ann B"));
    QCOMPARE(replica_->status().pending, 0);
}

void TestReplica::deleteRecord_refusesWhatTheServerWould() {
    auto entry = replica_->logHistory(ids_.client, "call", "Called", {}, 1'700'000'000'000);
    auto pending = replica_->status().pending;
    auto refused = [&](const std::string& entity, const std::string& id) {
        try {
            replica_->deleteRecord(entity, id);
        } catch (const fieldbook::device::DomainError& e) {
            return e.code();
        }
        return std::string("deleted");
    };
    QCOMPARE(refused("client", ids_.client), std::string("forbidden")); // a manager
    QCOMPARE(refused("deal", ids_.deal), std::string("forbidden"));
    QCOMPARE(refused("history_entry", entry), std::string("history_append_only"));
    QCOMPARE(refused("contact", "00000000-0000-4000-a000-00000000dead"),
             std::string("unknown_record"));
    QCOMPARE(replica_->status().pending, pending);
    COMPARE_JSON(replica_->record("client", ids_.client)["deleted"], json(false));
}

void TestReplica::open_refusesNewerSchema() {
    replica_.reset();
    {
        Database db(path());
        db.exec("PRAGMA user_version=99");
    }
    try {
        Replica newer(path());
        QFAIL("a replica newer than the code must be refused");
    } catch (const StoreError& e) {
        QVERIFY2(std::string(e.what()).find("update") != std::string::npos, e.what());
    }
    // Refusing did not touch the file.
    Database db(path());
    QCOMPARE(db.userVersion(), 99);
}

void TestReplica::open_refusesForeignDatabase() {
    replica_.reset();
    auto other = dir_->filePath(QStringLiteral("other.db")).toStdString();
    {
        Database db(other);
        db.exec("PRAGMA application_id=1234; CREATE TABLE t(x);");
    }
    QVERIFY_THROWS_EXCEPTION(StoreError, Replica{other});
}

void TestReplica::open_reopensExistingReplica() {
    auto id = replica_->createRecord("client", {{"name", "Persisted"}});
    replica_.reset();
    Replica again(path());
    COMPARE_JSON(again.record("client", id)["name"], json("Persisted"));
    QCOMPARE(again.status().pending, 1);
    QCOMPARE(again.status().cursor, std::int64_t(10));
    QVERIFY(again.session().has_value());
}

QTEST_GUILESS_MAIN(TestReplica)
#include "tst_replica.moc"
