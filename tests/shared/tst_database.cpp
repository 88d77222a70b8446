// SPDX-License-Identifier: MIT
// The SQLite storage layer (shared/store/database.h): connection settings,
// typed statements, Transaction and Savepoint rollback, and StoreError's
// extended result codes (https://www.sqlite.org/rescode.html).
#include "store/database.h"

#include "qtest_std.h"

#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <memory>
#include <optional>
#include <string>
#include <utility>

using fieldbook::store::Database;
using fieldbook::store::Savepoint;
using fieldbook::store::Statement;
using fieldbook::store::StoreError;
using fieldbook::store::Transaction;

class TestDatabase : public QObject {
    Q_OBJECT

  private slots:
    void init();
    void cleanup();

    void open_setsWalAndForeignKeys();
    void open_failsWithStoreError();
    void statement_bindsAndReadsTypes();
    void statement_resetReusesPreparedStatement();
    void statement_prepareErrorIsStoreError();
    void transaction_rollsBackInDestructor();
    void transaction_commitKeepsWrites();
    void transaction_isNotNestable();
    void transaction_rollsBackWhenAnExceptionUnwinds();
    void savepoint_rollsBackOnlyItsOwnWork();
    void savepoint_releaseKeepsWork();
    void storeError_carriesExtendedCode_data();
    void storeError_carriesExtendedCode();
    void userVersion_readsPragma();
    void changesAndLastInsertRowId();
    void database_isMovable();

  private:
    int count(const char* table);
    std::unique_ptr<QTemporaryDir> dir_;
    std::unique_ptr<Database> db_;
};

void TestDatabase::init() {
    dir_ = std::make_unique<QTemporaryDir>();
    QVERIFY(dir_->isValid());
    db_ = std::make_unique<Database>(dir_->filePath(QStringLiteral("t.db")).toStdString());
    db_->exec("CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
              "CREATE TABLE child (id INTEGER PRIMARY KEY, "
              "  parent_id INTEGER NOT NULL REFERENCES parent(id), "
              "  amount INTEGER CHECK (amount >= 0), ratio REAL, note TEXT);");
}

void TestDatabase::cleanup() {
    db_.reset();
    dir_.reset();
}

int TestDatabase::count(const char* table) {
    Statement st(*db_, std::string("SELECT COUNT(*) FROM ") + table);
    st.step();
    return static_cast<int>(st.int64(0));
}

void TestDatabase::open_setsWalAndForeignKeys() {
    Statement mode(*db_, "PRAGMA journal_mode");
    QVERIFY(mode.step());
    QCOMPARE(mode.text(0), std::string("wal"));
    Statement fk(*db_, "PRAGMA foreign_keys");
    QVERIFY(fk.step());
    QCOMPARE(fk.int64(0), std::int64_t(1));
}

void TestDatabase::open_failsWithStoreError() {
    auto path = dir_->filePath(QStringLiteral("no/such/dir/x.db")).toStdString();
    try {
        Database bad(path);
        QFAIL("opening a file in a missing directory must throw");
    } catch (const StoreError& e) {
        QCOMPARE(e.code() & 0xff, SQLITE_CANTOPEN);
        QVERIFY(std::string(e.what()).find(path) != std::string::npos);
    }
}

void TestDatabase::statement_bindsAndReadsTypes() {
    db_->exec("INSERT INTO parent(id, name) VALUES (1, 'p')");
    Statement ins(*db_, "INSERT INTO child(parent_id, amount, ratio, note) VALUES(?,?,?,?)");
    ins.bind(1, 1).bind(2, std::int64_t{9'000'000'000}).bind(3, 0.25).bind(4, "héllo");
    ins.run();
    Statement ins2(*db_, "INSERT INTO child(parent_id, amount, ratio, note) VALUES(?,?,?,?)");
    ins2.bind(1, 1).bindNull(2).bind(3, 1.0).bind(4, std::optional<std::string>{}).run();

    Statement sel(*db_, "SELECT amount, ratio, note FROM child ORDER BY id");
    QCOMPARE(sel.columnCount(), 3);
    QCOMPARE(sel.columnName(2), std::string("note"));
    QVERIFY(sel.step());
    QCOMPARE(sel.int64(0), std::int64_t{9'000'000'000});
    QCOMPARE(sel.real(1), 0.25);
    QCOMPARE(sel.text(2), std::string("héllo"));
    QCOMPARE(sel.optText(2), std::optional<std::string>("héllo"));
    QCOMPARE(sel.columnType(0), SQLITE_INTEGER);
    QVERIFY(sel.step());
    QVERIFY(sel.isNull(0));
    QVERIFY(sel.isNull(2));
    QVERIFY(!sel.optText(2).has_value());
    QCOMPARE(sel.text(2), std::string());
    QVERIFY(!sel.step());
}

void TestDatabase::statement_resetReusesPreparedStatement() {
    Statement ins(*db_, "INSERT INTO parent(name) VALUES(?)");
    for (const char* name : {"a", "b", "c"}) {
        ins.reset();
        ins.bind(1, name).run();
    }
    QCOMPARE(count("parent"), 3);
    // reset() clears bindings: an unbound parameter is NULL, which NOT NULL refuses.
    ins.reset();
    QVERIFY_THROWS_EXCEPTION(StoreError, ins.run());
}

void TestDatabase::statement_prepareErrorIsStoreError() {
    try {
        Statement st(*db_, "SELEC nonsense");
        QFAIL("a syntax error must throw");
    } catch (const StoreError& e) {
        QCOMPARE(e.code(), SQLITE_ERROR);
    }
    QVERIFY_THROWS_EXCEPTION(StoreError, (void)Statement(*db_, "SELECT * FROM no_such_table"));
    QVERIFY_THROWS_EXCEPTION(StoreError, db_->exec("DROP TABLE no_such_table"));
}

void TestDatabase::transaction_rollsBackInDestructor() {
    {
        Transaction tx(*db_);
        db_->exec("INSERT INTO parent(name) VALUES('uncommitted')");
        QCOMPARE(count("parent"), 1); // visible inside the transaction
    }
    QCOMPARE(count("parent"), 0);
    // The connection is usable again: no transaction is left open.
    QVERIFY(sqlite3_get_autocommit(db_->handle()) != 0);
}

void TestDatabase::transaction_commitKeepsWrites() {
    {
        Transaction tx(*db_);
        db_->exec("INSERT INTO parent(name) VALUES('kept')");
        tx.commit();
    }
    QCOMPARE(count("parent"), 1);
    // A second connection (another Replica, WAL) sees the committed row.
    Database other(dir_->filePath(QStringLiteral("t.db")).toStdString());
    Statement st(other, "SELECT name FROM parent");
    QVERIFY(st.step());
    QCOMPARE(st.text(0), std::string("kept"));
}

void TestDatabase::transaction_isNotNestable() {
    Transaction outer(*db_);
    QVERIFY_THROWS_EXCEPTION(StoreError, (void)Transaction(*db_));
    db_->exec("INSERT INTO parent(name) VALUES('outer')");
    outer.commit();
    QCOMPARE(count("parent"), 1);
}

void TestDatabase::transaction_rollsBackWhenAnExceptionUnwinds() {
    try {
        Transaction tx(*db_);
        db_->exec("INSERT INTO parent(name) VALUES('first')");
        db_->exec("INSERT INTO parent(name) VALUES('first')"); // UNIQUE violation throws
        tx.commit();
        QFAIL("the duplicate insert must throw");
    } catch (const StoreError&) {
    }
    QCOMPARE(count("parent"), 0);
}

void TestDatabase::savepoint_rollsBackOnlyItsOwnWork() {
    Transaction tx(*db_);
    db_->exec("INSERT INTO parent(name) VALUES('before')");
    {
        Savepoint sp(*db_, "sp1");
        db_->exec("INSERT INTO parent(name) VALUES('inside')");
        QCOMPARE(count("parent"), 2);
    }
    QCOMPARE(count("parent"), 1);
    db_->exec("INSERT INTO parent(name) VALUES('after')");
    tx.commit();
    Statement st(*db_, "SELECT group_concat(name, ',') FROM (SELECT name FROM parent ORDER BY id)");
    QVERIFY(st.step());
    QCOMPARE(st.text(0), std::string("before,after"));
}

void TestDatabase::savepoint_releaseKeepsWork() {
    Transaction tx(*db_);
    {
        Savepoint sp(*db_, "sp1");
        db_->exec("INSERT INTO parent(name) VALUES('inside')");
        {
            Savepoint nested(*db_, "sp2");
            db_->exec("INSERT INTO parent(name) VALUES('nested')");
        }
        sp.release();
    }
    tx.commit();
    QCOMPARE(count("parent"), 1);
}

void TestDatabase::storeError_carriesExtendedCode_data() {
    QTest::addColumn<QString>("sql");
    QTest::addColumn<int>("code");
    QTest::newRow("primary key") << QStringLiteral("INSERT INTO parent(id, name) VALUES(1, 'x')")
                                 << SQLITE_CONSTRAINT_PRIMARYKEY;
    QTest::newRow("unique") << QStringLiteral("INSERT INTO parent(id, name) VALUES(2, 'p')")
                            << SQLITE_CONSTRAINT_UNIQUE;
    QTest::newRow("not null") << QStringLiteral("INSERT INTO parent(id, name) VALUES(3, NULL)")
                              << SQLITE_CONSTRAINT_NOTNULL;
    QTest::newRow("foreign key") << QStringLiteral(
                                        "INSERT INTO child(parent_id, amount) VALUES(99, 1)")
                                 << SQLITE_CONSTRAINT_FOREIGNKEY;
    QTest::newRow("check") << QStringLiteral("INSERT INTO child(parent_id, amount) VALUES(1, -1)")
                           << SQLITE_CONSTRAINT_CHECK;
}

void TestDatabase::storeError_carriesExtendedCode() {
    QFETCH(QString, sql);
    QFETCH(int, code);
    db_->exec("INSERT INTO parent(id, name) VALUES(1, 'p')");
    // Through a prepared statement...
    try {
        Statement st(*db_, sql.toStdString());
        st.run();
        QFAIL("the statement must violate a constraint");
    } catch (const StoreError& e) {
        QCOMPARE(e.code(), code);
        QCOMPARE(e.code() & 0xff, SQLITE_CONSTRAINT);
    }
    // ...and through exec().
    try {
        db_->exec(sql.toStdString());
        QFAIL("the statement must violate a constraint");
    } catch (const StoreError& e) {
        QCOMPARE(e.code(), code);
    }
}

void TestDatabase::userVersion_readsPragma() {
    QCOMPARE(db_->userVersion(), 0);
    db_->exec("PRAGMA user_version=7");
    QCOMPARE(db_->userVersion(), 7);
}

void TestDatabase::changesAndLastInsertRowId() {
    db_->exec("INSERT INTO parent(id, name) VALUES(41, 'a')");
    QCOMPARE(db_->lastInsertRowId(), std::int64_t(41));
    db_->exec("INSERT INTO parent(name) VALUES('b'), ('c')");
    QCOMPARE(db_->changes(), 2);
    db_->exec("UPDATE parent SET name = name || '!' WHERE id > 41");
    QCOMPARE(db_->changes(), 2);
}

void TestDatabase::database_isMovable() {
    Database moved(std::move(*db_));
    QVERIFY(db_->handle() == nullptr);
    QVERIFY(moved.handle() != nullptr);
    moved.exec("INSERT INTO parent(name) VALUES('x')");
    *db_ = std::move(moved);
    QCOMPARE(count("parent"), 1);

    Statement a(*db_, "SELECT 1");
    Statement b(std::move(a));
    QVERIFY(b.step());
    QCOMPARE(b.int64(0), std::int64_t(1));
}

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
