// SPDX-License-Identifier: MIT
// The push answer written as text (shared/sync/push_text.h): the same bytes
// as the JSON tree's dump (sync::dumpSafe(sync::toJson(...))) for every kind
// of result a push answers with, and readable back by the device's decoder.
#include "sync/push_text.h"

#include "qtest_std.h"

#include <QTest>

#include <string>

using namespace fieldbook::sync;
using nlohmann::json;

namespace {
RecordChange sampleRecord() {
    RecordChange c;
    c.entity = "client";
    c.id = "22222222-2222-4222-8222-222222222222";
    c.version = 7;
    c.updatedAt = 1'764'460'000'123;
    c.updatedBy = "33333333-3333-4333-8333-333333333333";
    c.fields = {{"name", "Acme \"Ltd\" \xC3\xA9 \t tab"},
                {"employees", 40},
                {"revenue", 1.5},
                {"notes", nullptr},
                {"active", true},
                {"tags", json::array({"a", 2})}};
    c.seq = 123456;
    return c;
}

MutationResult applied(int i) {
    MutationResult r;
    r.mutationId = "11111111-1111-4111-8111-00000000000" + std::to_string(i);
    r.status = "applied";
    r.version = i;
    r.hasCurrent = true;
    r.current = sampleRecord();
    return r;
}
} // namespace

class TestPushText : public QObject {
    Q_OBJECT

  private slots:
    void emptyAnswer() {
        PushResponse resp;
        resp.serverTimeMs = 42;
        QCOMPARE(pushResponseText(resp), dumpSafe(toJson(resp)));
    }

    void everyKindOfResultSameBytesAsTheTree() {
        PushResponse resp;
        resp.serverTimeMs = 1'764'460'000'999;
        resp.results.push_back(applied(1));

        auto conflicted = applied(2);
        conflicted.conflicts.push_back({"notes", "lww", "mine", json(), true});
        conflicted.conflicts.push_back({"employees", "lww", 12, json::object({{"x", 1}}), false});
        resp.results.push_back(conflicted);

        MutationResult rejected;
        rejected.mutationId = "m-rejected";
        rejected.status = "rejected";
        rejected.errorCode = "out_of_scope";
        rejected.errorMessage = "this record is not in your scope \"quoted\" \\ \n";
        rejected.hasCurrent = true; // no record in scope: "current": null
        resp.results.push_back(rejected);

        auto duplicate = applied(4);
        duplicate.duplicate = true;
        resp.results.push_back(duplicate);

        auto removed = applied(5);
        removed.current->removed = true;
        removed.current->deleted = true;
        resp.results.push_back(removed);

        MutationResult noCurrent; // an unknown entity: no "current" at all
        noCurrent.mutationId = "m-unknown";
        noCurrent.status = "rejected";
        noCurrent.errorCode = "unknown_entity";
        noCurrent.errorMessage = "unknown record type";
        resp.results.push_back(noCurrent);

        auto text = pushResponseText(resp);
        QCOMPARE(text, dumpSafe(toJson(resp)));
        auto back = pushResponseFromJson(json::parse(text));
        QCOMPARE(back.results.size(), resp.results.size());
        QCOMPARE(back.results[1].conflicts.size(), std::size_t{2});
        QCOMPARE(back.results[2].errorCode, std::string("out_of_scope"));
        QVERIFY(back.results[3].duplicate);
        QVERIFY(back.results[4].current->removed);
        QVERIFY(back.results[0].current->fields == sampleRecord().fields);
    }

    void invalidUtf8IsReplacedNotThrown() {
        PushResponse resp;
        auto r = applied(1);
        r.current->fields["notes"] = std::string("bad \xFF\xFE byte");
        r.errorMessage = "also \xC3 cut";
        r.errorCode = "x";
        resp.results.push_back(r);
        QCOMPARE(pushResponseText(resp), dumpSafe(toJson(resp)));
    }
};

QTEST_APPLESS_MAIN(TestPushText)
#include "tst_push_text.moc"
