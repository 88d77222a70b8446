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
Q_DECLARE_METATYPE(fieldbook::sync::FieldWrite)

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
    {"deal", "*", Rule::TerminalOutcomeWins},
    {"deal", "stage", Rule::LaterStageWins},
    {"deal", "manager_id", Rule::HeadAssignmentWins},
    {"client", "curator_id", Rule::HeadAssignmentWins},
    {"planned_activity", "assignee_id", Rule::HeadAssignmentWins},
    {"deal_stage", "manager_id", Rule::HeadAssignmentWins},
    {"planned_activity", "*", Rule::LastWriterWins},
    {"product", "*", Rule::LastWriterWins},
    {"history_entry", "*", Rule::Immutable},
    {"history_entry", "summary", Rule::AppendOnly},
    {"history_entry", "author_id", Rule::ServerOwned},
    {"client", "first_contact_at", Rule::Immutable},
    {"client", "first_contact_by", Rule::ServerOwned},
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
FieldWrite ranked(std::int64_t wallMs, std::int64_t rank) {
    return {Hlc{wallMs, 0, "dev"}, "u", rank};
}
FieldWrite assigned(std::int64_t wallMs, bool privileged) {
    return {Hlc{wallMs, 0, "dev"}, "u", 0, privileged};
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
    void incomingWins_terminalOutcome_data();
    void incomingWins_terminalOutcome();
    void incomingWins_laterStage_data();
    void incomingWins_laterStage();
    void incomingWins_headAssignment_data();
    void incomingWins_headAssignment();
    void closeBeatsStaleEdit_data();
    void closeBeatsStaleEdit();
    void deleteRule_headOrAdminDeleteWins();
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
    QTest::newRow("deal notes") << QStringLiteral("deal") << QStringLiteral("notes")
                                << Rule::TerminalOutcomeWins;
    QTest::newRow("deal outcome") << QStringLiteral("deal") << QStringLiteral("outcome")
                                  << Rule::TerminalOutcomeWins;
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
    QCOMPARE(std::string(ruleName(Rule::TerminalOutcomeWins)),
             std::string("terminal_outcome_wins"));
    QCOMPARE(std::string(ruleName(Rule::LaterStageWins)), std::string("later_stage_wins"));
    QCOMPARE(std::string(ruleName(Rule::HeadAssignmentWins)), std::string("head_assignment_wins"));
    QCOMPARE(std::string(ruleName(Rule::EditBeatsDelete)), std::string("edit_beats_delete"));
    QCOMPARE(std::string(ruleName(Rule::HeadDeleteWins)), std::string("head_delete_wins"));
    QCOMPARE(std::string(ruleName(Rule::ProbableDuplicate)), std::string("probable_duplicate"));
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

void TestConflictRules::incomingWins_terminalOutcome_data() {
    // rank 1: a won/lost outcome; 0: open (or any other deal field).
    QTest::addColumn<FieldWrite>("stored");
    QTest::addColumn<FieldWrite>("incoming");
    QTest::addColumn<bool>("wins");
    QTest::newRow("close beats a later reopen") << ranked(1000, 1) << ranked(2000, 0) << false;
    QTest::newRow("earlier close beats stored open") << ranked(2000, 0) << ranked(1000, 1) << true;
    QTest::newRow("two closes: later stamp") << ranked(1000, 1) << ranked(2000, 1) << true;
    QTest::newRow("two closes: earlier stamp") << ranked(2000, 1) << ranked(1000, 1) << false;
    QTest::newRow("plain field: later stamp") << ranked(1000, 0) << ranked(2000, 0) << true;
    QTest::newRow("plain field: earlier stamp") << ranked(2000, 0) << ranked(1000, 0) << false;
}

void TestConflictRules::incomingWins_terminalOutcome() {
    QFETCH(FieldWrite, stored);
    QFETCH(FieldWrite, incoming);
    QFETCH(bool, wins);
    QCOMPARE(incomingWins(Rule::TerminalOutcomeWins, stored, incoming), wins);
}

void TestConflictRules::incomingWins_laterStage_data() {
    // rank: the stage's sort_order (-1: no stage).
    QTest::addColumn<FieldWrite>("stored");
    QTest::addColumn<FieldWrite>("incoming");
    QTest::addColumn<bool>("wins");
    QTest::newRow("later stage, earlier stamp") << ranked(2000, 2) << ranked(1000, 3) << true;
    QTest::newRow("earlier stage, later stamp") << ranked(1000, 3) << ranked(2000, 2) << false;
    QTest::newRow("stage beats no stage") << ranked(2000, -1) << ranked(1000, 1) << true;
    QTest::newRow("same rank: later stamp") << ranked(1000, 2) << ranked(2000, 2) << true;
    QTest::newRow("same rank: earlier stamp") << ranked(2000, 2) << ranked(1000, 2) << false;
}

void TestConflictRules::incomingWins_laterStage() {
    QFETCH(FieldWrite, stored);
    QFETCH(FieldWrite, incoming);
    QFETCH(bool, wins);
    QCOMPARE(incomingWins(Rule::LaterStageWins, stored, incoming), wins);
}

void TestConflictRules::incomingWins_headAssignment_data() {
    QTest::addColumn<FieldWrite>("stored");
    QTest::addColumn<FieldWrite>("incoming");
    QTest::addColumn<bool>("wins");
    QTest::newRow("head, earlier stamp, beats manager")
        << assigned(2000, false) << assigned(1000, true) << true;
    QTest::newRow("manager, later stamp, loses to head")
        << assigned(1000, true) << assigned(2000, false) << false;
    QTest::newRow("two heads: later stamp") << assigned(1000, true) << assigned(2000, true) << true;
    QTest::newRow("two heads: earlier stamp")
        << assigned(2000, true) << assigned(1000, true) << false;
    QTest::newRow("two managers: later stamp")
        << assigned(1000, false) << assigned(2000, false) << true;
}

void TestConflictRules::incomingWins_headAssignment() {
    QFETCH(FieldWrite, stored);
    QFETCH(FieldWrite, incoming);
    QFETCH(bool, wins);
    QCOMPARE(incomingWins(Rule::HeadAssignmentWins, stored, incoming), wins);
}

void TestConflictRules::closeBeatsStaleEdit_data() {
    QTest::addColumn<qint64>("closedAt");
    QTest::addColumn<QString>("closer");
    QTest::addColumn<qint64>("base");
    QTest::addColumn<QString>("pusher");
    QTest::addColumn<bool>("editCloses");
    QTest::addColumn<bool>("beats");
    QTest::newRow("stale edit by another device")
        << qint64(3) << QStringLiteral("a") << qint64(2) << QStringLiteral("b") << false << true;
    QTest::newRow("edit made after seeing the close")
        << qint64(3) << QStringLiteral("a") << qint64(3) << QStringLiteral("b") << false << false;
    QTest::newRow("the closer's own later edit")
        << qint64(3) << QStringLiteral("a") << qint64(2) << QStringLiteral("a") << false << false;
    QTest::newRow("a concurrent close: decided field by field")
        << qint64(3) << QStringLiteral("a") << qint64(2) << QStringLiteral("b") << true << false;
}

void TestConflictRules::closeBeatsStaleEdit() {
    QFETCH(qint64, closedAt);
    QFETCH(QString, closer);
    QFETCH(qint64, base);
    QFETCH(QString, pusher);
    QFETCH(bool, editCloses);
    QFETCH(bool, beats);
    QCOMPARE(fieldbook::sync::closeBeatsStaleEdit(closedAt, closer.toStdString(), base,
                                                  pusher.toStdString(), editCloses),
             beats);
}

void TestConflictRules::deleteRule_headOrAdminDeleteWins() {
    QCOMPARE(deleteRule(true), Rule::HeadDeleteWins);
    QCOMPARE(deleteRule(false), Rule::EditBeatsDelete);
    auto any = write(1000, 0, "a", "u");
    QVERIFY(!incomingWins(Rule::EditBeatsDelete, any, write(2000, 0, "b", "v")));
    QVERIFY(!incomingWins(Rule::HeadDeleteWins, any, write(2000, 0, "b", "v")));
}

QTEST_GUILESS_MAIN(TestConflictRules)
#include "tst_conflict_rules.moc"
