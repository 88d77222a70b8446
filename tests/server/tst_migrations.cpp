// SPDX-License-Identifier: MIT
// Issue 3, done-when: schema migrations carry an existing replica and server
// database from the skeleton's schema (v1, fixtures in tests/data/migrations)
// to the new one without losing a row.
#include "device/http_transport.h"
#include "device/replica.h"
#include "device/sync_engine.h"
#include "domain/clock.h"
#include "raw_http.h"
#include "store/database.h"
#include "store/reference_data.h"
#include "store/server_db.h"
#include "test_server.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <map>
#include <set>
#include <vector>

using namespace fieldbook;
using namespace fieldbook::test;

namespace {

std::int64_t scalar(store::Database& db, const std::string& sql) {
    store::Statement st(db, sql);
    st.step();
    return st.isNull(0) ? -1 : st.int64(0);
}

std::vector<std::string> tables(store::Database& db) {
    std::vector<std::string> out;
    store::Statement st(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT "
                            "LIKE 'sqlite_%' ORDER BY name");
    while (st.step()) {
        out.push_back(st.text(0));
    }
    return out;
}

std::vector<std::string> columns(store::Database& db, const std::string& table) {
    std::vector<std::string> out;
    store::Statement st(db, "SELECT name FROM pragma_table_info(?)");
    st.bind(1, table);
    while (st.step()) {
        out.push_back(st.text(0));
    }
    return out;
}

/// Every row of `table` as text, the given columns in order, rows by rowid.
std::vector<std::vector<std::string>> rows(store::Database& db, const std::string& table,
                                           const std::vector<std::string>& cols) {
    std::string list;
    for (const auto& c : cols) {
        list += (list.empty() ? "" : ", ") + ("quote(\"" + c + "\")");
    }
    std::vector<std::vector<std::string>> out;
    store::Statement st(db, "SELECT " + list + " FROM \"" + table + "\" ORDER BY rowid");
    while (st.step()) {
        std::vector<std::string> row;
        for (int i = 0; i < st.columnCount(); ++i) {
            row.push_back(st.text(i));
        }
        out.push_back(std::move(row));
    }
    return out;
}

/// The v1 contents of a fixture: table -> (columns, rows). Read from a copy.
struct Snapshot {
    std::map<std::string, std::vector<std::string>> cols;
    std::map<std::string, std::vector<std::vector<std::string>>> data;
};

Snapshot snapshot(const QString& path) {
    store::Database db(path.toStdString());
    Snapshot s;
    for (const auto& t : tables(db)) {
        s.cols[t] = columns(db, t);
        s.data[t] = rows(db, t, s.cols[t]);
    }
    return s;
}

/// Every v1 table, column and row is still in `db`, value for value
/// (`except`: tables whose contents may change, compared by row count only).
void verifyKept(const Snapshot& v1, store::Database& db, const std::set<std::string>& except) {
    for (const auto& [table, cols] : v1.cols) {
        auto now = columns(db, table);
        for (const auto& c : cols) {
            QVERIFY2(std::find(now.begin(), now.end(), c) != now.end(),
                     (table + "." + c + " is gone").c_str());
        }
        auto after = rows(db, table, cols);
        QVERIFY2(after.size() == v1.data.at(table).size(), (table + ": row count").c_str());
        if (!except.count(table)) {
            QVERIFY2(after == v1.data.at(table), (table + ": rows changed").c_str());
        }
    }
}

} // namespace

class TestMigrations : public QObject {
    Q_OBJECT

  private slots:
    /// The report indexes are brought to indexDdl()'s set at every open, not
    /// only by the step that introduced them: a database whose schema number
    /// is current but whose report indexes are an earlier build's (break-it:
    /// schema 8 first shipped deals_opened_facts, later deals_id_facts)
    /// gets the current set, and no obsolete one costs its writes.
    void reportIndexesFollowTheBuild() {
        QTemporaryDir dir;
        const auto path = dir.filePath(QStringLiteral("server.db")).toStdString();
        { server::ServerDb fresh(path); }
        {
            store::Database raw(path);
            raw.exec("DROP INDEX deals_id_facts; CREATE INDEX deals_opened_facts ON "
                     "deals(deleted, opened_at, outcome, manager_id, product_id, client_id, id);");
        }
        server::ServerDb opened(path);
        auto& db = opened.db();
        QCOMPARE(scalar(db, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND "
                            "name = 'deals_id_facts'"),
                 1);
        QCOMPARE(scalar(db, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND "
                            "name = 'deals_opened_facts'"),
                 0);
    }

    /// Schema 9 -> 10 (issue 6, push speed): the four indexes that were each a
    /// prefix of a longer one are dropped, rows are kept, and the queries
    /// that read by them read by the longer index (EXPLAIN QUERY PLAN):
    /// the same lookup, one B-tree fewer to write per record.
    void prefixIndexesDroppedFromSchema9() {
        QTemporaryDir dir;
        const auto path = dir.filePath(QStringLiteral("server.db")).toStdString();
        const char* dropped[][2] = {
            {"history_author", "history_entries(author_id)"},
            {"deals_manager", "deals(manager_id)"},
            {"activities_assignee", "planned_activities(assignee_id)"},
            {"deal_stages_deal", "deal_stages(deal_id)"},
        };
        { server::ServerDb fresh(path); }
        std::int64_t rowsBefore = 0;
        {
            // The file as schema 9 left it: the four indexes and user_version 9.
            store::Database raw(path);
            for (const auto& d : dropped) {
                raw.exec(std::string("CREATE INDEX ") + d[0] + " ON " + d[1] + ";");
            }
            raw.exec("INSERT INTO deal_stages(id, deal_id, stage, manager_id) VALUES "
                     "('s-1', 'd-1', 'qualified', 'u-1'); PRAGMA user_version=9;");
            rowsBefore = scalar(raw, "SELECT count(*) FROM deal_stages");
        }
        server::ServerDb opened(path);
        auto& db = opened.db();
        QCOMPARE(db.userVersion(), 10);
        for (const auto& d : dropped) {
            QVERIFY2(scalar(db, std::string("SELECT count(*) FROM sqlite_master WHERE type = "
                                            "'index' AND name = '") +
                                    d[0] + "'") == 0,
                     d[0]);
        }
        QCOMPARE(scalar(db, "SELECT count(*) FROM deal_stages"), rowsBefore);
        // Each query shape that used a dropped index still searches by an
        // index on the same leading column.
        const char* queries[][2] = {
            {"SELECT id FROM history_entries WHERE author_id = ?1", "history_author_kind"},
            {"SELECT id FROM deals WHERE manager_id = ?1", "deals_manager_facts"},
            {"SELECT id FROM planned_activities WHERE assignee_id = ?1",
             "activities_assignee_status"},
            {"SELECT COUNT(*) FROM deal_stages WHERE deal_id = ?1 AND id NOT IN (?2, ?3)",
             "deal_stages_deal"},
            {"SELECT d.id FROM deals d WHERE NOT EXISTS (SELECT 1 FROM deal_stages s WHERE "
             "s.deal_id = d.id)",
             "deal_stages_deal"},
        };
        for (const auto& q : queries) {
            store::Statement st(db, std::string("EXPLAIN QUERY PLAN ") + q[0]);
            bool byIndex = false;
            std::string lines;
            while (st.step()) {
                const auto line = st.text(3);
                lines += line + "; ";
                byIndex =
                    byIndex || (line.find("SEARCH") == 0 && line.find(q[1]) != std::string::npos);
            }
            QVERIFY2(byIndex, (std::string(q[0]) + " -> " + lines).c_str());
        }
    }

    /// A file that is not a Fieldbook server database is refused with a
    /// message that says so, and left as it was (break-it: "exec failed:
    /// file is not a database", "no such table: main.applied_mutations").
    void foreignFilesAreRefusedAsSuch() {
        QTemporaryDir dir;
        const auto text = dir.filePath(QStringLiteral("notes.txt")).toStdString();
        {
            QFile f(QString::fromStdString(text));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(8192, 'x'));
        }
        const auto other = dir.filePath(QStringLiteral("other.db")).toStdString();
        {
            store::Database raw(other);
            raw.exec("CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT); "
                     "INSERT INTO notes(body) VALUES ('kept'); PRAGMA user_version=3;");
        }
        for (const auto& path : {text, other}) {
            try {
                server::ServerDb db(path);
                QFAIL("a foreign file was opened as a server database");
            } catch (const store::StoreError& e) {
                QVERIFY2(std::string(e.what()).find("not a Fieldbook server database") !=
                             std::string::npos,
                         e.what());
            }
        }
        store::Database raw(other);
        QCOMPARE(scalar(raw, "SELECT count(*) FROM sqlite_master"), 1);
        QCOMPARE(scalar(raw, "SELECT count(*) FROM notes"), 1);
    }

    void serverDatabaseKeepsEveryV1Row() {
        QTemporaryDir dir;
        auto v1 =
            snapshot(copyOfMigrationFixture("server-v1.db", dir.filePath(QStringLiteral("v1.db"))));
        QVERIFY(v1.data.count("clients"));
        QCOMPARE(v1.data["clients"].size(), 4u);
        QCOMPARE(v1.data["deals"].size(), 40u);
        QCOMPARE(v1.data["users"].size(), 41u);
        auto path =
            copyOfMigrationFixture("server-v1.db", dir.filePath(QStringLiteral("server.db")));
        std::int64_t v1Seq = 0;
        {
            store::Database raw(path.toStdString());
            QCOMPARE(raw.userVersion(), 1);
            v1Seq = scalar(raw, "SELECT value FROM seq_counter");
        }

        server::ServerDb opened(path.toStdString()); // the migration runs here
        auto& db = opened.db();
        QCOMPARE(db.userVersion(), 10);
        // Schema 10 (issue 6): no index that is a prefix of another.
        QCOMPARE(scalar(db, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN "
                            "('history_author', 'deals_manager', 'activities_assignee', "
                            "'deal_stages_deal')"),
                 0);
        // Schema 9 (issue 6): the duplicate check's indexes, one of them on
        // fieldbook_name_key(name) of every v1 card.
        QCOMPARE(scalar(db, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN "
                            "('clients_name_key', 'clients_tax_key')"),
                 2);
        QCOMPARE(scalar(db, "SELECT count(*) FROM scope_changes"), 0);
        // Schema 7 (issue 5): the reports' indexes; schema 8: covering ones
        // replace four of them.
        QCOMPARE(scalar(db,
                        "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN "
                        "('deals_closed_facts', 'deal_stages_deal_stage', 'history_author_kind')"),
                 3);
        QCOMPARE(scalar(db, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN "
                            "('deals_outcome_closed', 'history_author_time')"),
                 0);
        QCOMPARE(scalar(db, "SELECT length(value) FROM server_meta WHERE key = 'database_id'"), 36);
        QCOMPARE(scalar(db, "SELECT count(*) FROM server_epochs"), 0);
        // Schema 6: answers logged before keep no fingerprint (answered as before).
        QCOMPARE(scalar(db, "SELECT count(*) FROM pragma_table_info('applied_mutations') "
                            "WHERE name = 'fingerprint'"),
                 1);
        QCOMPARE(scalar(db, "SELECT count(*) FROM applied_mutations WHERE fingerprint IS NOT NULL"),
                 0);
        QCOMPARE(scalar(db, "PRAGMA application_id"), 0x46425356);
        verifyKept(v1, db, {"seq_counter", "clients"});
        QVERIFY(scalar(db, "SELECT value FROM seq_counter") > v1Seq);

        // Clients: schema 1 held region and industry as free text; schema 2
        // holds reference codes. Everything else of each row is kept, and each
        // converted row has a new version and seq so devices receive it.
        {
            const auto& cols = v1.cols.at("clients");
            const std::set<std::string> converted = {"region",     "industry",   "version",
                                                     "updated_at", "updated_by", "seq"};
            auto after = rows(db, "clients", cols);
            const auto& before = v1.data.at("clients");
            QCOMPARE(after.size(), before.size());
            for (std::size_t r = 0; r < after.size(); ++r) {
                for (std::size_t c = 0; c < cols.size(); ++c) {
                    if (!converted.count(cols[c])) {
                        QVERIFY2(after[r][c] == before[r][c], ("clients." + cols[c]).c_str());
                    }
                }
            }
        }
        QCOMPARE(scalar(db, "SELECT COUNT(*) FROM clients WHERE region = 'united_states'"), 4);
        QCOMPARE(scalar(db, "SELECT COUNT(*) FROM clients WHERE region = 'United States'"), 0);
        QCOMPARE(scalar(db, "SELECT COUNT(*) FROM reference_items WHERE list = 'region' AND "
                            "code = 'united_states' AND label = 'United States'"),
                 1);
        QCOMPARE(scalar(db, "SELECT COUNT(*) FROM clients c WHERE NOT EXISTS (SELECT 1 FROM "
                            "reference_items i WHERE i.list = 'industry' AND i.code = c.industry)"),
                 0);
        QCOMPARE(scalar(db, "SELECT COUNT(*) FROM clients WHERE version = 2 AND seq > " +
                                std::to_string(v1Seq)),
                 4);

        for (const char* t :
             {"reference_items", "stages", "document_templates", "deal_lines", "deal_stages",
              "payments", "deliveries", "mailing_requests", "busy_slots"}) {
            auto all = tables(db);
            QVERIFY2(std::find(all.begin(), all.end(), t) != all.end(), t);
        }
        auto clientCols = columns(db, "clients");
        for (const char* c :
             {"size", "city", "contact_reason", "initiative", "triggering_event", "duplicate_of"}) {
            QVERIFY2(std::find(clientCols.begin(), clientCols.end(), c) != clientCols.end(), c);
        }

        // Seeds: SPEC §2's eight stages in order, the reference lists, the templates.
        QCOMPARE(scalar(db, "SELECT COUNT(*) FROM stages WHERE deleted = 0"), 8);
        {
            store::Statement st(db, "SELECT code FROM stages ORDER BY sort_order");
            QStringList codes;
            while (st.step()) {
                codes << QString::fromStdString(st.text(0));
            }
            QCOMPARE(codes.first(), QStringLiteral("initiating_interest"));
            QCOMPARE(codes.last(), QStringLiteral("delivery"));
        }
        QCOMPARE(scalar(db, "SELECT COUNT(*) FROM reference_items WHERE list = 'history_kind'"),
                 11);
        QCOMPARE(scalar(db, "SELECT COUNT(*) FROM reference_items WHERE list = 'refusal_reason'"),
                 7);
        QCOMPARE(scalar(db, "SELECT COUNT(*) FROM document_templates"), 3);
        // New records come after every v1 change, so devices pull them.
        QVERIFY(scalar(db, "SELECT MIN(seq) FROM reference_items") > v1Seq);

        // The v1 records named in the fixture's README.
        QCOMPARE(scalar(db, "SELECT COUNT(*) FROM history_entries WHERE kind = 'meeting' AND "
                            "summary = 'Met the buyer; v1 fixture entry'"),
                 1);
        // Every v1 deal with a stage has its deal_stage record; v1 had two.
        QCOMPARE(scalar(db, "SELECT COUNT(*) FROM deals WHERE stage IS NOT NULL"), 2);
        QCOMPARE(scalar(db, "SELECT COUNT(*) FROM deals d WHERE d.stage IS NOT NULL AND NOT "
                            "EXISTS (SELECT 1 FROM deal_stages s WHERE s.deal_id = d.id AND "
                            "s.stage = d.stage AND s.ended_at IS NULL AND s.manager_id = "
                            "d.manager_id AND s.started_at = d.opened_at)"),
                 0);
        // The planned visit (2026-12-01T09:00:00Z, 60 min) is its assignee's busy slot.
        // Its id is derived from the activity's (activity ids are not disclosed).
        QCOMPARE(scalar(db, "SELECT COUNT(*) FROM busy_slots b JOIN planned_activities p ON "
                            "p.assignee_id = b.user_id WHERE p.kind = 'visit' "
                            "AND b.starts_at = 1796115600000 AND b.duration_min = 60"),
                 1);
        {
            store::Statement st(db, "SELECT id FROM planned_activities WHERE kind = 'visit'");
            QVERIFY(st.step());
            auto activityId = st.text(0);
            QCOMPARE(scalar(db, "SELECT COUNT(*) FROM busy_slots WHERE id = '" +
                                    fieldbook::domain::stableUuid("busy_slot", activityId) + "'"),
                     1);
            QCOMPARE(scalar(db, "SELECT COUNT(*) FROM busy_slots WHERE id = '" + activityId + "'"),
                     0);
        }
        // One change sequence, no number used twice.
        std::string unionAll;
        for (const auto& t : tables(db)) {
            auto cols = columns(db, t);
            if (std::find(cols.begin(), cols.end(), "seq") != cols.end()) {
                unionAll += (unionAll.empty() ? "" : " UNION ALL ") + ("SELECT seq FROM " + t);
            }
        }
        QCOMPARE(scalar(db, "SELECT COUNT(*) - COUNT(DISTINCT seq) FROM (" + unionAll + ")"), 0);
    }

    // A reference item deleted by the admin and met again (a migration or an
    // import names it by the same stable id) comes back as a new version.
    void deletedReferenceItemComesBack() {
        QTemporaryDir dir;
        auto path =
            copyOfMigrationFixture("server-v1.db", dir.filePath(QStringLiteral("server.db")));
        server::ServerDb opened(path.toStdString());
        auto& db = opened.db();
        db.exec("UPDATE reference_items SET deleted = 1 WHERE list = 'region' AND "
                "code = 'united_states'");
        auto before = scalar(db, "SELECT version FROM reference_items WHERE list = 'region' "
                                 "AND code = 'united_states'");
        store::Transaction tx(db);
        QVERIFY(server::ensureReferenceItem(db, "region", "united_states", "United States", 10));
        tx.commit();
        QCOMPARE(scalar(db, "SELECT COUNT(*) FROM reference_items WHERE list = 'region' AND "
                            "code = 'united_states' AND deleted = 0 AND active = 1"),
                 1);
        QCOMPARE(scalar(db, "SELECT version FROM reference_items WHERE list = 'region' AND "
                            "code = 'united_states'"),
                 before + 1);
        // A live item is left alone.
        store::Transaction again(db);
        QVERIFY(!server::ensureReferenceItem(db, "region", "united_states", "USA", 10));
        again.commit();
    }

    void credentialsStillLogIn() {
        TestServer server;
        QVERIFY(!copyOfMigrationFixture("server-v1.db", server.dbPath()).isEmpty());
        QVERIFY(server.start(false));
        QVERIFY(
            !loginToken(server.port(), QStringLiteral("darcel.schlecht"), QStringLiteral("demo"))
                 .isEmpty());
        QVERIFY(!loginToken(server.port(), QStringLiteral("celia.rouche"), QStringLiteral("demo"))
                     .isEmpty());
        QVERIFY(loginToken(server.port(), QStringLiteral("celia.rouche"), QStringLiteral("wrong"))
                    .isEmpty());
    }

    void openingTwiceIsANoOp() {
        QTemporaryDir dir;
        auto path =
            copyOfMigrationFixture("server-v1.db", dir.filePath(QStringLiteral("server.db")));
        { server::ServerDb first(path.toStdString()); }
        auto before = snapshot(path);
        { server::ServerDb second(path.toStdString()); }
        auto after = snapshot(path);
        QCOMPARE(after.cols, before.cols);
        QVERIFY(after.data == before.data);

        auto replica =
            copyOfMigrationFixture("replica-v1.db", dir.filePath(QStringLiteral("replica.db")));
        { device::Replica first(replica.toStdString()); }
        auto rBefore = snapshot(replica);
        { device::Replica second(replica.toStdString()); }
        QVERIFY(snapshot(replica).data == rBefore.data);
    }

    void newerDatabaseIsRefusedWithUpdateMessage() {
        QTemporaryDir dir;
        auto path =
            copyOfMigrationFixture("server-v1.db", dir.filePath(QStringLiteral("server.db")));
        {
            store::Database raw(path.toStdString());
            raw.exec("PRAGMA user_version=99;");
        }
        try {
            server::ServerDb db(path.toStdString());
            QFAIL("a schema-99 database was opened");
        } catch (const store::StoreError& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QLatin1String("update")), e.what());
        }
        // The server program says so in one line and exits 1, and leaves the file alone.
        auto r = run(binPath(QStringLiteral("fieldbook-server")),
                     {QStringLiteral("serve"), QStringLiteral("--db"), path,
                      QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY2(r.err.contains("update the server"), r.err.constData());
        store::Database raw(path.toStdString());
        QCOMPARE(raw.userVersion(), 99);

        auto replica =
            copyOfMigrationFixture("replica-v1.db", dir.filePath(QStringLiteral("replica.db")));
        {
            store::Database rawReplica(replica.toStdString());
            rawReplica.exec("PRAGMA user_version=99;");
        }
        try {
            device::Replica rep(replica.toStdString());
            QFAIL("a schema-99 replica was opened");
        } catch (const store::StoreError& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QLatin1String("update")), e.what());
        }
    }

    void replicaKeepsSessionCursorOutboxAndSyncs() {
        TestServer server;
        QVERIFY(!copyOfMigrationFixture("server-v1.db", server.dbPath()).isEmpty());
        QVERIFY(server.start(false));

        QTemporaryDir dir;
        auto v1 = snapshot(
            copyOfMigrationFixture("replica-v1.db", dir.filePath(QStringLiteral("v1.db"))));
        QCOMPARE(v1.data["outbox"].size(), 2u);
        auto path =
            copyOfMigrationFixture("replica-v1.db", dir.filePath(QStringLiteral("replica.db")));
        device::Replica rep(path.toStdString()); // the migration runs here
        QCOMPARE(rep.db().userVersion(), 4);
        // Every row kept; in meta every v1 key but the cursor keeps its value
        // (the cursor goes back to 0 for the fresh download, checked below).
        auto withoutMeta = v1;
        withoutMeta.cols.erase("meta");
        withoutMeta.data.erase("meta");
        verifyKept(withoutMeta, rep.db(), {});
        for (const auto& row : v1.data.at("meta")) { // quote()d: 'key', 'value'
            if (row.at(0) == "'cursor'") {
                continue;
            }
            store::Statement now(rep.db(), "SELECT quote(value) FROM meta WHERE quote(key) = ?");
            now.bind(1, row.at(0));
            QVERIFY2(now.step() && now.text(0) == row.at(1), row.at(0).c_str());
        }

        auto session = rep.session();
        QVERIFY(session.has_value());
        QCOMPARE(session->login, std::string("darcel.schlecht"));
        QCOMPARE(session->userId, std::string("eeb916a2-cb56-8c91-9831-5b8c10273e18"));
        QCOMPARE(session->deviceId, std::string("7e88667e-5ded-4be4-b4d1-96305cbc7b05"));
        QVERIFY(!session->token.empty());
        // The migration added fields and entities the v1 program skipped when
        // they were pulled: the next pull is a fresh download from cursor 0.
        auto status = rep.status();
        QCOMPARE(status.cursor, 0);
        QCOMPARE(rep.meta("fresh_download"), std::string("1"));
        QCOMPARE(status.pending, 2);
        auto outbox = rep.outbox(10);
        QCOMPARE(outbox.size(), 2u);
        QCOMPARE(outbox[0].entity, std::string("client"));
        QCOMPARE(outbox[0].fields.value("phone", std::string()), std::string("+1-555-0100"));
        QCOMPARE(outbox[1].entity, std::string("history_entry"));
        QCOMPARE(outbox[1].fields.value("summary", std::string()),
                 std::string("Pending call, not yet pushed"));

        // The fixture's server ran on another port; the test server is the same
        // server (the migrated copy of its database) at a new address.
        session->serverUrl = server.url().toStdString();
        rep.saveSession(*session);
        device::HttpTransport transport(server.url().toStdString());
        device::SyncEngine engine(rep, transport);
        // A fresh token: the fixture's one expires 30 days after it was made.
        engine.login(server.url().toStdString(), "darcel.schlecht", "demo", "migrated device");
        QCOMPARE(rep.status().pending, 2); // logging in again as the owner keeps the edits
        auto summary = engine.sync();
        QCOMPARE(summary.pushed, 2);
        QCOMPARE(summary.rejected, 0);
        QVERIFY(summary.pulled > 0);
        status = rep.status();
        QCOMPARE(status.pending, 0);
        QCOMPARE(status.rejected, 0);
        QVERIFY(status.cursor > 94);
        QCOMPARE(rep.meta("fresh_download"), std::string("0"));

        // The manager's device now holds the reference data the server's migration
        // seeded (SPEC §4: reference lists, stages, templates and busy times are in
        // every device's scope), read through the replica's own API.
        QCOMPARE(rep.referenceItems("history_kind").size(), 11u);
        QCOMPARE(rep.referenceItems("refusal_reason").size(), 7u);
        QCOMPARE(rep.stages().size(), 8u);
        QCOMPARE(rep.documentTemplates().size(), 3u);
        auto busy = rep.busyTimes(session->userId, 1796115600000, 1796115600000 + 3600000);
        QCOMPARE(busy.size(), 1u);
        QCOMPARE(busy[0].value("duration_min", 0), 60);

        // What the server's migration added is numbered after every v1 change, so
        // a pull from the v1 device's cursor brings it, also to the head.
        auto head =
            loginToken(server.port(), QStringLiteral("celia.rouche"), QStringLiteral("demo"));
        auto pull =
            rawHttp(server.port(), "GET", "/api/v1/sync/pull?cursor=94&limit=1000", {}, head);
        QCOMPARE(pull.status, 200);
        QMap<QString, int> pulled;
        for (const auto& c : pull.json()[QStringLiteral("changes")].toArray()) {
            pulled[c.toObject()[QStringLiteral("entity")].toString()]++;
        }
        QCOMPARE(pulled.value(QStringLiteral("stage")), 8);
        QCOMPARE(pulled.value(QStringLiteral("document_template")), 3);
        QCOMPARE(pulled.value(QStringLiteral("deal_stage")), 2);
        QCOMPARE(pulled.value(QStringLiteral("busy_slot")), 1);
        QVERIFY(pulled.value(QStringLiteral("reference_item")) >= 37);
        QCOMPARE(pulled.value(QStringLiteral("history_entry")), 1); // the pushed call
        // Nothing lost on the device: the v1 history is still there.
        QCOMPARE(scalar(rep.db(), "SELECT COUNT(*) FROM history_entries WHERE summary IN ('Met "
                                  "the buyer; v1 fixture entry', 'Pending call, not yet pushed')"),
                 2);
        // And the server has both edits.
        store::Database serverDb(server.dbPath().toStdString());
        QCOMPARE(scalar(serverDb, "SELECT COUNT(*) FROM clients WHERE name = 'Isdom' AND phone = "
                                  "'+1-555-0100' AND version = 3"), // 2: region code, 3: the phone
                 1);
        QCOMPARE(scalar(serverDb, "SELECT COUNT(*) FROM history_entries WHERE summary = "
                                  "'Pending call, not yet pushed' AND kind = 'call'"),
                 1);
        QCOMPARE(scalar(serverDb, "SELECT COUNT(*) FROM history_entries"), 2);
    }

    // A device that stayed on the v1 program while its server was newer skipped
    // the fields and entities it did not know (docs/protocol.md) and its cursor
    // moved past them. Updated, it must get them: the values the server held
    // before the device's cursor, not only later changes.
    void updatedDeviceGetsWhatItsOldSchemaSkipped() {
        TestServer server;
        QVERIFY(!copyOfMigrationFixture("server-v1.db", server.dbPath()).isEmpty());
        {
            server::ServerDb migrated(server.dbPath().toStdString());
            // Held by the server all along (no new sequence number): the v1
            // device pulled Cancity's card without these fields.
            migrated.db().exec("UPDATE clients SET city = 'Springfield', size = 'medium' "
                               "WHERE name = 'Cancity'");
        }
        QVERIFY(server.start(false));

        QTemporaryDir dir;
        auto path =
            copyOfMigrationFixture("replica-v1.db", dir.filePath(QStringLiteral("replica.db")));
        device::Replica rep(path.toStdString());
        auto session = rep.session();
        QVERIFY(session.has_value());
        session->serverUrl = server.url().toStdString();
        rep.saveSession(*session);
        device::HttpTransport transport(server.url().toStdString());
        device::SyncEngine engine(rep, transport);
        engine.login(server.url().toStdString(), "darcel.schlecht", "demo", "updated device");
        engine.sync();
        QCOMPARE(scalar(rep.db(), "SELECT COUNT(*) FROM clients WHERE name = 'Cancity' AND "
                                  "city = 'Springfield' AND size = 'medium'"),
                 1);
        // The edits made under v1 were pushed, and the fresh download kept them.
        QCOMPARE(rep.status().pending, 0);
        QCOMPARE(scalar(rep.db(), "SELECT COUNT(*) FROM clients WHERE name = 'Isdom' AND "
                                  "phone = '+1-555-0100'"),
                 1);
        QCOMPARE(rep.meta("fresh_download"), std::string("0"));
        // Opening it again starts no second download.
        auto cursor = rep.status().cursor;
        QVERIFY(cursor > 0);
        device::Replica again(path.toStdString());
        QCOMPARE(again.status().cursor, cursor);
    }

    void importSampleOverAMigratedDatabaseKeepsItsStages() {
        QTemporaryDir dir;
        auto path =
            copyOfMigrationFixture("server-v1.db", dir.filePath(QStringLiteral("server.db")));
        // Only serve and migrate upgrade an older file (import-sample refuses it).
        auto r = run(binPath(QStringLiteral("fieldbook-server")),
                     {QStringLiteral("migrate"), QStringLiteral("--db"), path});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = run(binPath(QStringLiteral("fieldbook-server")),
                {QStringLiteral("import-sample"), QStringLiteral("--db"), path, sampleDir()});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        auto report = QJsonDocument::fromJson(r.out).object();
        auto issues = report[QStringLiteral("issues")].toObject();
        // The two v1 deals at a stage got their record from the migration: kept, none added.
        QCOMPARE(issues[QStringLiteral("deals_with_other_stage_records")]
                     .toObject()[QStringLiteral("count")]
                     .toInt(),
                 2);
        store::Database db(path.toStdString());
        QCOMPARE(scalar(db, "SELECT COUNT(*) FROM deals"), 8800);
        QCOMPARE(scalar(db, "SELECT COUNT(*) FROM deal_stages WHERE deal_id IN "
                            "('650eb185-38bb-8b38-997b-fa0631fee9e6', "
                            "'dcbae7b0-7bb5-8a4d-b51c-005b4b0780a8')"),
                 2);
        // Every other deal got the records of a fresh import (README counts:
        // Prospecting 500 x 1, Engaging 1,589 x 2, Won 4,238 + Lost 2,473 x 2).
        QCOMPARE(scalar(db, "SELECT COUNT(*) FROM deal_stages"),
                 500 + 2 * 1589 + 2 * (4238 + 2473) - 2);
        QCOMPARE(scalar(db, "SELECT COUNT(*) FROM history_entries"), 1);
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
