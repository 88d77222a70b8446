// SPDX-License-Identifier: MIT
// The conflict-rule table (shared/sync/conflict_rules.h, docs/conflicts.md,
// SPEC §4): one test row per table row, each checked against the rule this
// file expects, so that a changed row fails here until the test and the
// document are updated with it.
// <QTest> first: Qt 6.4's moc cannot parse libstdc++'s <concepts> when
// <compare> (from sync/hlc.h) is the first standard header it meets.
#include <QTest>

#include "sync/conflict_rules.h"

#include "domain/entities.h"
#include "qtest_std.h"

#include <set>
#include <string>
#include <utility>

using namespace fieldbook::sync;

Q_DECLARE_METATYPE(fieldbook::sync::Rule)

namespace QTest {
template <> inline char* toString(const Rule& r) {
    return qstrdup(ruleName(r).data());
}
} // namespace QTest

namespace {
/// What docs/conflicts.md says, row by row, written out independently of the
/// code's table.
struct Expected {
    const char* entity;
    const char* field;
    Rule rule;
};
constexpr Expected kExpected[] = {
    {"client", "*", Rule::LastWriterWins},
    {"contact", "*", Rule::LastWriterWins},
    {"deal", "*", Rule::LastWriterWins},
    {"planned_activity", "*", Rule::LastWriterWins},
    {"product", "*", Rule::LastWriterWins},
    {"history_entry", "*", Rule::Immutable},
    {"history_entry", "summary", Rule::AppendOnly},
    {"history_entry", "author_id", Rule::ServerOwned},
    {"client", "first_contact_at", Rule::Immutable},
    {"client", "first_contact_by", Rule::Immutable},
    {"history_entry", "revisions", Rule::ServerOwned},
    {"deal", "opened_by", Rule::ServerOwned},
    {"planned_activity", "author_id", Rule::ServerOwned},
    {"mailing_request", "author_id", Rule::ServerOwned},
    {"user", "*", Rule::LastWriterWins},
    {"reference_item", "*", Rule::LastWriterWins},
    {"stage", "*", Rule::LastWriterWins},
    {"document_template", "*", Rule::LastWriterWins},
    {"deal_line", "*", Rule::LastWriterWins},
    {"deal_stage", "*", Rule::LastWriterWins},
    {"payment", "*", Rule::LastWriterWins},
    {"delivery", "*", Rule::LastWriterWins},
    {"mailing_request", "*", Rule::LastWriterWins},
};

FieldWrite write(std::int64_t wallMs, std::uint32_t counter, const char* node, const char* user) {
    return {Hlc{wallMs, counter, node}, user};
}
} // namespace

class TestConflictRules : public QObject {
    Q_OBJECT

  private slots:
    void tableRow_data();
    void tableRow();
    void table_coversEveryPushableEntity();
    void table_hasNoDuplicateRows();
    void ruleFor_fallsBackToEntityDefault_data();
    void ruleFor_fallsBackToEntityDefault();
    void ruleName_isStable();
    void incomingWins_lastWriterWins();
    void incomingWins_appendOnly();
    void incomingWins_immutableAndServerOwnedNeverYield();
};

void TestConflictRules::tableRow_data() {
    QTest::addColumn<QString>("entity");
    QTest::addColumn<QString>("field");
    QTest::addColumn<Rule>("tableRule");
    QTest::addColumn<Rule>("expectedRule");
    QTest::addColumn<bool>("documented");
    QCOMPARE(ruleTable().size(), std::size(kExpected));
    for (const auto& row : ruleTable()) {
        const Expected* want = nullptr;
        for (const auto& e : kExpected) {
            if (row.entity == e.entity && row.field == e.field) {
                want = &e;
            }
        }
        auto entity = QString::fromUtf8(row.entity.data(), qsizetype(row.entity.size()));
        auto field = QString::fromUtf8(row.field.data(), qsizetype(row.field.size()));
        QTest::addRow("%s.%s", qPrintable(entity), qPrintable(field))
            << entity << field << row.rule << (want ? want->rule : row.rule)
            << bool(!row.why.empty());
        QVERIFY2(want, qPrintable(QStringLiteral("row not expected by this test: ") + entity +
                                  u'.' + field));
    }
}

void TestConflictRules::tableRow() {
    QFETCH(QString, entity);
    QFETCH(QString, field);
    QFETCH(Rule, tableRule);
    QFETCH(Rule, expectedRule);
    QFETCH(bool, documented);
    QCOMPARE(tableRule, expectedRule);
    QVERIFY2(documented, "every row names the SPEC clause it implements");
    QVERIFY2(fieldbook::domain::findEntity(entity.toStdString()),
             "the row's entity is in the registry");
    if (field != u"*") {
        const auto* e = fieldbook::domain::findEntity(entity.toStdString());
        QVERIFY2(fieldbook::domain::findField(*e, field.toStdString()),
                 "the row's field is a field of its entity");
    }
    QCOMPARE(ruleFor(entity.toStdString(), field.toStdString()), expectedRule);
}

void TestConflictRules::table_coversEveryPushableEntity() {
    for (const auto& e : fieldbook::domain::entities()) {
        if (!e.devicePushable) {
            continue;
        }
        bool hasDefault = false;
        for (const auto& row : ruleTable()) {
            hasDefault = hasDefault || (row.entity == e.name && row.field == "*");
        }
        QVERIFY2(hasDefault, std::string(e.name).c_str());
    }
}

void TestConflictRules::table_hasNoDuplicateRows() {
    std::set<std::pair<std::string_view, std::string_view>> seen;
    for (const auto& row : ruleTable()) {
        QVERIFY(seen.insert({row.entity, row.field}).second);
    }
}

void TestConflictRules::ruleFor_fallsBackToEntityDefault_data() {
    QTest::addColumn<QString>("entity");
    QTest::addColumn<QString>("field");
    QTest::addColumn<Rule>("rule");
    QTest::newRow("client field") << QStringLiteral("client") << QStringLiteral("phone")
                                  << Rule::LastWriterWins;
    QTest::newRow("deal stage") << QStringLiteral("deal") << QStringLiteral("stage")
                                << Rule::LastWriterWins;
    QTest::newRow("history client")
        << QStringLiteral("history_entry") << QStringLiteral("client_id") << Rule::Immutable;
    QTest::newRow("history kind") << QStringLiteral("history_entry") << QStringLiteral("kind")
                                  << Rule::Immutable;
    QTest::newRow("history occurred_at")
        << QStringLiteral("history_entry") << QStringLiteral("occurred_at") << Rule::Immutable;
    QTest::newRow("unknown entity")
        << QStringLiteral("spaceship") << QStringLiteral("name") << Rule::LastWriterWins;
}

void TestConflictRules::ruleFor_fallsBackToEntityDefault() {
    QFETCH(QString, entity);
    QFETCH(QString, field);
    QFETCH(Rule, rule);
    QCOMPARE(ruleFor(entity.toStdString(), field.toStdString()), rule);
}

void TestConflictRules::ruleName_isStable() {
    // These names travel in push results and conflict records (docs/protocol.md).
    QCOMPARE(std::string(ruleName(Rule::LastWriterWins)), std::string("last_writer_wins"));
    QCOMPARE(std::string(ruleName(Rule::AppendOnly)), std::string("append_only"));
    QCOMPARE(std::string(ruleName(Rule::Immutable)), std::string("immutable"));
    QCOMPARE(std::string(ruleName(Rule::ServerOwned)), std::string("server_owned"));
}

void TestConflictRules::incomingWins_lastWriterWins() {
    auto stored = write(1000, 0, "dev-a", "u1");
    QVERIFY(incomingWins(Rule::LastWriterWins, stored, write(1001, 0, "dev-b", "u2")));
    QVERIFY(incomingWins(Rule::LastWriterWins, stored, write(1000, 1, "dev-b", "u2")));
    QVERIFY(incomingWins(Rule::LastWriterWins, stored,
                         write(1000, 0, "dev-b", "u2"))); // node tie-break
    QVERIFY(!incomingWins(Rule::LastWriterWins, stored, write(999, 5, "dev-z", "u2")));
    QVERIFY(!incomingWins(Rule::LastWriterWins, stored, stored)); // the same write does not win
}

void TestConflictRules::incomingWins_appendOnly() {
    auto stored = write(1000, 0, "dev-a", "author");
    QVERIFY(incomingWins(Rule::AppendOnly, stored, write(2000, 0, "dev-a", "author")));
    QVERIFY(!incomingWins(Rule::AppendOnly, stored, write(500, 0, "dev-a", "author")));
}

void TestConflictRules::incomingWins_immutableAndServerOwnedNeverYield() {
    auto stored = write(1000, 0, "dev-a", "u1");
    auto later = write(9'000'000, 0, "dev-b", "u2");
    QVERIFY(!incomingWins(Rule::Immutable, stored, later));
    QVERIFY(!incomingWins(Rule::ServerOwned, stored, later));
}

QTEST_GUILESS_MAIN(TestConflictRules)
#include "tst_conflict_rules.moc"
