// SPDX-License-Identifier: MIT
// The entity registry (shared/domain/entities.h, SPEC §1-2) and field-value
// validation, which both the replica and the server's push apply.
#include "domain/entities.h"

#include "qtest_std.h"

#include <QTest>

#include <QFile>

#include <cstdint>
#include <limits>
#include <set>
#include <string>

using namespace fieldbook::domain;
using nlohmann::json;

Q_DECLARE_METATYPE(json)

namespace {
const FieldDef& field(std::string_view entity, std::string_view name) {
    const auto* e = findEntity(entity);
    Q_ASSERT(e);
    const auto* f = findField(*e, name);
    Q_ASSERT(f);
    return *f;
}
} // namespace

class TestEntities : public QObject {
    Q_OBJECT

  private slots:
    void registry_isInDependencyOrder();
    void registry_namesAreUnique();
    void findEntity_andFindField();
    void serverManagedEntities();
    void readOnlyFields();
    void validateValue_data();
    void validateValue();
    void validateValue_textLengthLimit();
    void validateValue_rejectsIntegerOutOfInt64Range();
    void vocabularies();
    void hasFullScope_onlyManagersAreScoped();
    void dataModelDoc_describesEveryField();
};

// docs/data-model.md has a "### `entity`" section per entity with a table row
// "| `field` |" per field; a field added to the registry without its meaning
// fails here.
void TestEntities::dataModelDoc_describesEveryField() {
    QFile doc(QStringLiteral(FIELDBOOK_DOCS_DIR "/data-model.md"));
    QVERIFY2(doc.open(QIODevice::ReadOnly), qPrintable(doc.fileName()));
    const auto text = QString::fromUtf8(doc.readAll());
    for (const auto& e : entities()) {
        auto name = QString::fromUtf8(e.name.data(), qsizetype(e.name.size()));
        auto start = text.indexOf(QStringLiteral("### `%1`").arg(name));
        QVERIFY2(start >= 0, qPrintable(QStringLiteral("no section for ") + name));
        auto end = text.indexOf(QStringLiteral("\n### "), start + 1);
        auto section = text.mid(start, end < 0 ? -1 : end - start);
        for (const auto& f : e.fields) {
            auto field = QString::fromUtf8(f.name.data(), qsizetype(f.name.size()));
            QVERIFY2(section.contains(QStringLiteral("| `%1` |").arg(field)),
                     qPrintable(name + u'.' + field + QStringLiteral(" is not described")));
        }
    }
}

void TestEntities::registry_isInDependencyOrder() {
    QStringList names;
    for (const auto& e : entities()) {
        names << QString::fromUtf8(e.name.data(), qsizetype(e.name.size()));
    }
    QCOMPARE(names, (QStringList{"user", "reference_item", "stage", "document_template", "product",
                                 "client", "contact", "deal", "deal_line", "deal_stage", "payment",
                                 "delivery", "planned_activity", "history_entry", "mailing_request",
                                 "busy_slot", "conflict"}));
    // Every reference points to an entity listed earlier (or to its own entity).
    for (qsizetype i = 0; i < names.size(); ++i) {
        const auto& e = entities()[std::size_t(i)];
        if (e.name == "conflict") {
            continue; // record_id names a record of any entity; winner/loser are users
        }
        for (const auto& f : e.fields) {
            auto target = referencedEntity(e.name, f.name);
            if (f.type != FieldType::Ref) {
                QVERIFY2(target.empty(), std::string(f.name).c_str());
                continue;
            }
            QVERIFY2(!target.empty(), std::string(f.name).c_str());
            auto at = names.indexOf(QString::fromUtf8(target.data(), qsizetype(target.size())));
            QVERIFY2(at >= 0 && at <= i, std::string(f.name).c_str());
        }
    }
}

void TestEntities::registry_namesAreUnique() {
    std::set<std::string_view> entityNames;
    std::set<std::string_view> tables;
    for (const auto& e : entities()) {
        QVERIFY(entityNames.insert(e.name).second);
        QVERIFY(tables.insert(e.table).second);
        std::set<std::string_view> fieldNames;
        for (const auto& f : e.fields) {
            QVERIFY2(fieldNames.insert(f.name).second, std::string(f.name).c_str());
            // The common columns are not redeclared as fields.
            for (std::string_view common :
                 {"id", "version", "updated_at", "updated_by", "deleted"}) {
                QVERIFY(f.name != common);
            }
        }
    }
}

void TestEntities::findEntity_andFindField() {
    const auto* client = findEntity("client");
    QVERIFY(client);
    QCOMPARE(std::string(client->table), std::string("clients"));
    QVERIFY(findEntity("history_entry"));
    QCOMPARE(std::string(findEntity("history_entry")->table), std::string("history_entries"));
    QVERIFY(!findEntity("clients"));
    QVERIFY(!findEntity(""));
    QVERIFY(!findEntity("Client"));

    const auto* name = findField(*client, "name");
    QVERIFY(name);
    QCOMPARE(name->type, FieldType::Text);
    QVERIFY(name->required);
    QVERIFY(name->deviceWritable);
    QVERIFY(!findField(*client, "id"));
    QVERIFY(!findField(*client, "nope"));
}

void TestEntities::serverManagedEntities() {
    QVERIFY(!findEntity("busy_slot")->devicePushable);
    QVERIFY(!findEntity("conflict")->devicePushable);
    QVERIFY(!field("user", "login").deviceWritable);
    for (const char* pushable :
         {"user", "reference_item", "stage", "document_template", "product", "client", "contact",
          "deal", "deal_line", "deal_stage", "payment", "delivery", "planned_activity",
          "history_entry", "mailing_request"}) {
        QVERIFY2(findEntity(pushable)->devicePushable, pushable);
    }
}

void TestEntities::readOnlyFields() {
    QVERIFY(!field("history_entry", "author_id").deviceWritable);
    QVERIFY(!field("planned_activity", "author_id").deviceWritable);
    QVERIFY(field("history_entry", "summary").deviceWritable);
    // Break-it F6: who made the first contact is the server's; the duplicate
    // flag is the server's on create and the head's after.
    QVERIFY(!field("client", "first_contact_by").deviceWritable);
    QVERIFY(field("client", "first_contact_at").deviceWritable);
    QVERIFY(field("client", "duplicate_of").deviceWritable);
    QVERIFY(serverSetOnCreate("client", "duplicate_of"));
    QVERIFY(!serverSetOnCreate("client", "curator_id"));
    QVERIFY(!serverSetOnCreate("deal", "duplicate_of"));
    QCOMPARE(field("planned_activity", "starts_at").type, FieldType::TimeMs);
    QCOMPARE(field("contact", "decision_maker").type, FieldType::Bool);
    QCOMPARE(field("deal", "amount_cents").type, FieldType::Int);
    QCOMPARE(field("deal", "client_id").type, FieldType::Ref);
}

void TestEntities::validateValue_data() {
    QTest::addColumn<QString>("entity");
    QTest::addColumn<QString>("field");
    QTest::addColumn<json>("value");
    QTest::addColumn<QString>("error"); // empty: valid

    auto row = [](const char* tag, const char* e, const char* f, json v, const char* err) {
        QTest::newRow(tag) << QString::fromLatin1(e) << QString::fromLatin1(f) << v
                           << QString::fromUtf8(err);
    };
    row("text ok", "client", "name", "Acme", "");
    row("optional null ok", "client", "tax_id", nullptr, "");
    row("optional empty text ok", "client", "tax_id", "", "");
    row("required null", "client", "name", nullptr, "name is required");
    row("required empty", "client", "name", "", "name must not be empty");
    row("required blank", "client", "name", "  \t ", "name must not be blank");
    row("optional blank", "client", "notes", "   ", "");
    row("text is a number", "client", "name", 5, "name must be a string");
    row("text is an object", "client", "notes", json::object(), "notes must be a string");
    row("ref ok", "deal", "client_id", "c2b5f1e0-0000-4000-8000-000000000000", "");
    row("ref is a number", "deal", "client_id", 7, "client_id must be a string");
    row("int ok", "client", "employees", 250, "");
    row("int negative ok", "client", "revenue_cents", -5, "");
    row("int is fractional", "client", "employees", 2.5, "employees must be an integer");
    row("int is text", "client", "employees", "250", "employees must be an integer");
    row("int is bool", "client", "employees", true, "employees must be an integer");
    row("time ok", "history_entry", "occurred_at", 1'700'000'000'000, "");
    row("time is text", "history_entry", "occurred_at", "2021-03-04",
        "occurred_at must be an integer");
    row("required time null", "history_entry", "occurred_at", nullptr, "occurred_at is required");
    // F16: times from 1900 to 9999 (four-digit years in ISO 8601).
    const char* timeRange =
        "occurred_at must be a time from the year 1900 to 9999 (ms since 1970 UTC)";
    row("time 1900-01-01", "history_entry", "occurred_at", -2'208'988'800'000LL, "");
    row("time before 1900", "history_entry", "occurred_at", -2'208'988'800'001LL, timeRange);
    row("time 9999-12-31 end", "history_entry", "occurred_at", 253'402'300'799'999LL, "");
    row("time year 10000", "history_entry", "occurred_at", 253'402'300'800'000LL, timeRange);
    row("time int64 min", "history_entry", "occurred_at", std::numeric_limits<std::int64_t>::min(),
        timeRange);
    row("bool ok", "contact", "decision_maker", false, "");
    row("bool is 1", "contact", "decision_maker", 1, "decision_maker must be true or false");
    row("bool is text", "contact", "decision_maker", "true",
        "decision_maker must be true or false");
}

void TestEntities::validateValue() {
    QFETCH(QString, entity);
    QFETCH(QString, field);
    QFETCH(json, value);
    QFETCH(QString, error);
    const auto& f = ::field(entity.toStdString(), field.toStdString());
    QCOMPARE(QString::fromStdString(fieldbook::domain::validateValue(f, value)), error);
}

void TestEntities::validateValue_textLengthLimit() {
    const auto& notes = field("client", "notes");
    QVERIFY(fieldbook::domain::validateValue(notes, std::string(64 * 1024, 'x')).empty());
    QCOMPARE(fieldbook::domain::validateValue(notes, std::string(64 * 1024 + 1, 'x')),
             std::string("notes is longer than 65536 bytes"));
}

void TestEntities::validateValue_rejectsIntegerOutOfInt64Range() {
    // FieldType::Int is a 64-bit signed integer: a JSON number above INT64_MAX
    // (parsed as unsigned) cannot be stored and must not be accepted, or
    // bindField() silently wraps it (18446744073709551615 becomes -1).
    const auto& employees = field("client", "employees");
    QVERIFY(fieldbook::domain::validateValue(employees, std::numeric_limits<std::int64_t>::max())
                .empty());
    auto huge = json::parse("18446744073709551615");
    QVERIFY(huge.is_number_unsigned());
    QVERIFY2(!fieldbook::domain::validateValue(employees, huge).empty(),
             "18446744073709551615 accepted as a 64-bit signed integer");
}

void TestEntities::vocabularies() {
    QCOMPARE(historyKinds().size(), std::size_t(11));
    QVERIFY(isKnown(historyKinds(), "call"));
    QVERIFY(isKnown(historyKinds(), "visit"));
    QVERIFY(!isKnown(historyKinds(), "send_documents"));
    QVERIFY(isKnown(activityKinds(), "send_documents"));
    QVERIFY(!isKnown(activityKinds(), "fax"));
    QVERIFY(!isKnown(activityKinds(), ""));
    QCOMPARE(dealOutcomes().size(), std::size_t(3));
    QVERIFY(isKnown(dealOutcomes(), "won"));
    QVERIFY(!isKnown(dealOutcomes(), "Won"));
    QCOMPARE(roles().size(), std::size_t(6));
    for (const char* r : {"manager", "telemarketing", "support", "marketing", "head", "admin"}) {
        QVERIFY2(isKnown(roles(), r), r);
    }
}

void TestEntities::hasFullScope_onlyManagersAreScoped() {
    QVERIFY(!hasFullScope("manager"));
    for (const char* r : {"telemarketing", "support", "marketing", "head", "admin"}) {
        QVERIFY2(hasFullScope(r), r);
    }
}

QTEST_GUILESS_MAIN(TestEntities)
#include "tst_entities.moc"
