// SPDX-License-Identifier: MIT
// The SAX reader of pull pages (shared/sync/pull_page.h): for every page,
// good or bad, it answers what the document path
// pullResponseFromJson(parseJson(text)) answers — the same records and
// position, or a ProtocolError with the same code (and, for a page that is
// JSON, the same message).
#include "sync/pull_page.h"
#include "sync/pulled_page.h"

#include "domain/entities.h"

#include "qtest_std.h"

#include <QTest>

#include <string>

using namespace fieldbook::sync;
using nlohmann::json;

namespace {
/// What a decoder made of a page: the page as JSON, or "code: message".
struct Outcome {
    json page;
    std::string error;
    std::string code;
};

Outcome viaDocument(const std::string& text) {
    Outcome o;
    try {
        o.page = toJson(pullResponseFromJson(parseJson(text)));
    } catch (const ProtocolError& e) {
        o.code = e.code();
        o.error = e.what();
    }
    return o;
}

Outcome viaReader(const std::string& text) {
    Outcome o;
    try {
        o.page = toJson(readPullPage(text));
    } catch (const ProtocolError& e) {
        o.code = e.code();
        o.error = e.what();
    }
    return o;
}

/// What readPulledPage made of a page, as the document path's JSON would
/// be with only what a replica keeps: records of known entities, their
/// registry fields.
Outcome viaFlatReader(const std::string& text) {
    Outcome o;
    try {
        auto flat = readPulledPage(text);
        auto page = flat.position;
        for (const auto& r : flat.rows) {
            page.changes.push_back(flat.change(r));
        }
        o.page = toJson(page);
        o.page["records"] = flat.records;
    } catch (const ProtocolError& e) {
        o.code = e.code();
        o.error = e.what();
    }
    return o;
}

/// `page` (toJson of a PullResponse) with only what a replica keeps.
json keptByReplica(json page) {
    auto records = page["changes"].size();
    json kept = json::array();
    for (auto& c : page["changes"]) {
        const auto* e = fieldbook::domain::findEntity(c["entity"].get<std::string>());
        if (!e) {
            continue;
        }
        json fields = json::object();
        for (const auto& f : e->fields) {
            auto v = c["fields"].find(std::string(f.name));
            if (v != c["fields"].end()) {
                fields[std::string(f.name)] = *v;
            }
        }
        c["fields"] = std::move(fields);
        kept.push_back(std::move(c));
    }
    page["changes"] = std::move(kept);
    page["records"] = records;
    return page;
}

json record(const std::string& id, std::int64_t seq) {
    return {{"entity", "client"},
            {"id", id},
            {"version", 3},
            {"updated_at", 1700000000000},
            {"updated_by", "u1"},
            {"deleted", false},
            {"fields", {{"name", "Acme \"Ltd\" \u00e9"}, {"employees", 40}, {"notes", nullptr}}},
            {"seq", seq}};
}

json page(json changes) {
    return {{"changes", std::move(changes)},
            {"cursor", 42},
            {"has_more", true},
            {"server_time", 1700000000123},
            {"database_id", "db-1"},
            {"epoch", "ep-1"},
            {"snapshot", 40}};
}
} // namespace

class TestPullPage : public QObject {
    Q_OBJECT
  private slots:
    void agreesWithTheDocumentPath_data() {
        QTest::addColumn<QByteArray>("text"); // bytes: QString would drop a byte order mark
        QTest::addColumn<bool>("accepted");   // by the document path: the row tests what it names
        bool accepted = true;
        auto add = [&accepted](const char* name, const std::string& text) {
            QTest::newRow(name) << QByteArray::fromStdString(text) << accepted;
        };
        add("two records", page(json::array({record("a", 41), record("b", 42)})).dump());
        add("empty page", page(json::array()).dump());
        auto removed = record("r", 7);
        removed["deleted"] = true;
        removed["removed"] = true;
        removed["updated_by"] = nullptr;
        add("removal, null updated_by", page(json::array({removed})).dump());
        auto nested = record("n", 8);
        nested["fields"]["tags"] = {1, {{"deep", {true, nullptr, 2.5}}}, "x"};
        nested["fields"]["meta"] = {{"k", {{"l", json::array()}}}, {"m", json::object()}};
        nested["future_member"] = {{"ignored", {1, 2}}};
        add("nested field values, unknown members", page(json::array({nested})).dump());
        auto extraTop = page(json::array({record("t", 9)}));
        extraTop["later"] = {{"x", {1, {{"y", 2}}}}};
        add("unknown page member", extraTop.dump());
        auto minimal =
            json{{"changes", json::array({record("m", 1)})}, {"cursor", 1}, {"server_time", 5}};
        add("without optional members", minimal.dump());
        auto unknown = record("u", 10);
        unknown["entity"] = "spaceship";
        unknown["fields"]["warp"] = {{"factor", 9}};
        add("an entity of a newer server", page(json::array({record("k", 9), unknown})).dump());
        auto typedOk = record("f", 11);
        typedOk["fields"]["first_contact_at"] = 1700000000000;
        typedOk["fields"]["curator_id"] = nullptr;
        typedOk["updated_by"] = nullptr;
        auto flag = record("p", 12);
        flag["entity"] = "product";
        flag["fields"] = {{"name", "Tea"}, {"active", true}};
        add("flags, times, nulls", page(json::array({typedOk, flag})).dump());

        // Refused pages.
        accepted = false;
        add("not JSON", "{\"changes\": [");
        add("trailing text", page(json::array()).dump() + " x");
        add("byte order mark", "\xEF\xBB\xBF" + page(json::array()).dump());
        add("an array", "[1, 2]");
        add("a number", "5");
        add("no changes", json{{"cursor", 1}, {"server_time", 2}}.dump());
        add("changes not an array",
            json{{"changes", json::object({{"a", 1}})}, {"cursor", 1}}.dump());
        add("changes a string", json{{"changes", "x"}, {"cursor", 1}}.dump());
        add("a record not an object", page(json::array({1})).dump());
        add("a record an array", page(json::array({json::array()})).dump());
        add("no cursor", json{{"changes", json::array()}, {"server_time", 2}}.dump());
        add("cursor a string", json{{"changes", json::array()}, {"cursor", "1"}}.dump());
        add("has_more a number",
            json{{"changes", json::array()}, {"cursor", 1}, {"has_more", 1}}.dump());
        for (const char* member : {"entity", "id", "version", "updated_at", "fields", "seq"}) {
            auto r = record("x", 1);
            r.erase(member);
            add((std::string("record without ") + member).c_str(), page(json::array({r})).dump());
        }
        auto bad = [&](const char* name, const char* member, json v) {
            auto r = record("x", 1);
            r[member] = std::move(v);
            add(name, page(json::array({r})).dump());
        };
        bad("entity a number", "entity", 5);
        bad("id an object", "id", json::object({{"a", 1}}));
        bad("updated_by a number", "updated_by", 5);
        bad("version a string", "version", "3");
        bad("version a float", "version", 3.5);
        bad("version out of range", "version", std::uint64_t{1} << 63U);
        bad("seq an array", "seq", json::array({1}));
        bad("deleted a string", "deleted", "no");
        bad("removed a number", "removed", 1);
        bad("fields an array", "fields", json::array({1, 2}));
        bad("fields a string", "fields", "x");
        bad("id with a path", "id", "../../etc");
        bad("id empty", "id", "");
        auto typed = [&](const char* name, const char* field, json v) {
            auto r = record("x", 1);
            r["fields"][field] = std::move(v);
            add(name, page(json::array({r})).dump());
        };
        typed("a text field an array", "name", json::array({1, 2}));
        typed("a reference a number", "curator_id", 7);
        typed("money a string", "revenue_cents", "12");
        typed("a time a bool", "first_contact_at", true);
        auto badFlag = record("p", 12);
        badFlag["entity"] = "product";
        badFlag["fields"] = {{"name", "Tea"}, {"active", 1}};
        add("a flag a number", page(json::array({badFlag})).dump());
        typed("a time a float", "first_contact_at", 1.5);
        // The page object is the first level: 64 arrays under it are one too many.
        const auto levels = static_cast<std::size_t>(kMaxJsonDepth);
        auto tooDeep = page(json::array()).dump();
        tooDeep.insert(tooDeep.size() - 1,
                       ",\"x\":" + std::string(levels, '[') + std::string(levels, ']'));
        add("nested one level too deep", tooDeep);
        // {"changes":[{"fields":{"deep": 60 arrays}}]}: 64 levels in all.
        accepted = true;
        auto deepPage = page(json::array({record("x", 1)})).dump();
        deepPage.replace(deepPage.find("\"fields\":{") + 10, 0,
                         "\"deep\":" + std::string(levels - 4, '[') + std::string(levels - 4, ']') +
                             ",");
        add("nested to the limit", deepPage);
    }

    void agreesWithTheDocumentPath() {
        QFETCH(QByteArray, text);
        QFETCH(bool, accepted);
        auto t = text.toStdString();
        auto expected = viaDocument(t);
        QCOMPARE(expected.code.empty(), accepted);
        auto got = viaReader(t);
        QCOMPARE(got.code, expected.code);
        if (expected.code.empty()) {
            QCOMPARE(got.page.dump(), expected.page.dump());
        } else if (expected.code == "invalid_request") {
            QCOMPARE(got.error, expected.error);
        }
        // The flat reader of a first download (issue 6) answers the same,
        // keeping what a replica keeps.
        auto flat = viaFlatReader(t);
        QCOMPARE(flat.code, expected.code);
        if (expected.code.empty()) {
            QCOMPARE(flat.page.dump(), keptByReplica(expected.page).dump());
        } else if (expected.code == "invalid_request") {
            QCOMPARE(flat.error, expected.error);
        }
    }

    /// A repeated member is refused at every level the reader reads itself
    /// (the document path keeps the last one: not comparable). Break-it: a
    /// second, empty "changes" emptied the page and moved the cursor on.
    void refusesRepeatedMembers_data() {
        QTest::addColumn<QByteArray>("text");
        const std::string r = R"({"entity":"client","id":"d","version":1,"updated_at":2,)"
                              R"("fields":{"name":"A"},"seq":3})";
        QTest::newRow("changes") << QByteArray::fromStdString(
            R"({"changes":[)" + r + R"(],"cursor":3,"server_time":4,"changes":[]})");
        QTest::newRow("cursor") << QByteArray::fromStdString(
            R"({"changes":[)" + r + R"(],"cursor":3,"server_time":4,"cursor":0})");
        QTest::newRow("a record's id") << QByteArray::fromStdString(
            R"({"changes":[{"entity":"client","id":"d","id":"e","version":1,"updated_at":2,)"
            R"("fields":{},"seq":3}],"cursor":3,"server_time":4})");
        QTest::newRow("a record's fields") << QByteArray::fromStdString(
            R"({"changes":[{"entity":"client","id":"d","version":1,"updated_at":2,)"
            R"("fields":{"a":1},"fields":{"b":2},"seq":3}],"cursor":3,"server_time":4})");
        QTest::newRow("a field") << QByteArray::fromStdString(
            R"({"changes":[{"entity":"client","id":"d","version":1,"updated_at":2,)"
            R"("fields":{"name":"A","name":"B"},"seq":3}],"cursor":3,"server_time":4})");
        std::string many;
        for (int i = 0; i < 40; ++i) {
            many += "\"f" + std::to_string(i) + "\":" + std::to_string(i) + ",";
        }
        QTest::newRow("a field among many") << QByteArray::fromStdString(
            R"({"changes":[{"entity":"client","id":"d","version":1,"updated_at":2,"fields":{)" +
            many + R"("f3":1},"seq":3}],"cursor":3,"server_time":4})");
        QTest::newRow("deleted") << QByteArray::fromStdString(
            R"({"changes":[{"entity":"client","id":"d","version":1,"updated_at":2,"deleted":true,)"
            R"("fields":{},"seq":3,"deleted":false}],"cursor":3,"server_time":4})");
    }

    void refusesRepeatedMembers() {
        QFETCH(QByteArray, text);
        try {
            readPullPage(text.toStdString());
            QFAIL("a page with a repeated member was read");
        } catch (const ProtocolError& e) {
            QCOMPARE(e.code(), std::string("invalid_request"));
            QVERIFY2(std::string(e.what()).find("appears twice") != std::string::npos, e.what());
        }
        try {
            readPulledPage(text.toStdString());
            QFAIL("a page with a repeated member was read flat");
        } catch (const ProtocolError& e) {
            QCOMPARE(e.code(), std::string("invalid_request"));
            QVERIFY2(std::string(e.what()).find("appears twice") != std::string::npos, e.what());
        }
    }

    /// One record twice in one page at the same version is taken only when
    /// both copies are the same; a copy with other field values is refused
    /// whole (break-it: the later copy won and left a value the server never
    /// had, with the cursor moved past it).
    void recordTwiceMustBeTheSame_data() {
        QTest::addColumn<QByteArray>("second");
        QTest::addColumn<bool>("taken");
        const std::string head = R"({"entity":"client","id":"d","version":1,"updated_at":2,)";
        QTest::newRow("the same") << QByteArray::fromStdString(
                                         head + R"("fields":{"name":"A","employees":5},"seq":4})")
                                  << true;
        QTest::newRow("another text")
            << QByteArray::fromStdString(head + R"("fields":{"name":"B","employees":5},"seq":4})")
            << false;
        QTest::newRow("another number")
            << QByteArray::fromStdString(head + R"("fields":{"name":"A","employees":6},"seq":4})")
            << false;
        QTest::newRow("null for a value")
            << QByteArray::fromStdString(head +
                                         R"("fields":{"name":"A","employees":null},"seq":4})")
            << false;
        QTest::newRow("a field fewer")
            << QByteArray::fromStdString(head + R"("fields":{"name":"A"},"seq":4})") << false;
        QTest::newRow("another author")
            << QByteArray::fromStdString(
                   head + R"("updated_by":"x","fields":{"name":"A","employees":5},"seq":4})")
            << false;
    }

    void recordTwiceMustBeTheSame() {
        QFETCH(QByteArray, second);
        QFETCH(bool, taken);
        const std::string first = R"({"entity":"client","id":"d","version":1,"updated_at":2,)"
                                  R"("fields":{"name":"A","employees":5},"seq":3})";
        const std::string text = R"({"changes":[)" + first + "," + second.toStdString() +
                                 R"(],"cursor":4,"server_time":5})";
        for (bool flat : {false, true}) {
            try {
                if (flat) {
                    readPulledPage(text);
                } else {
                    readPullPage(text);
                }
                QVERIFY2(taken, "a record twice with other contents was read");
            } catch (const ProtocolError& e) {
                QVERIFY2(!taken, e.what());
                QVERIFY2(std::string(e.what()).find("appears twice in one page") !=
                             std::string::npos,
                         e.what());
            }
        }
    }

    void keepsEachRecordsFieldsAndOrder() {
        auto text = page(json::array({record("a", 41), record("b", 42)})).dump();
        auto p = readPullPage(text);
        QCOMPARE(p.changes.size(), std::size_t{2});
        QCOMPARE(p.changes[1].id, std::string("b"));
        QCOMPARE(p.changes[1].seq, std::int64_t{42});
        QCOMPARE(p.changes[0].fields["name"].get<std::string>(),
                 std::string("Acme \"Ltd\" \u00e9"));
        QVERIFY(p.changes[0].fields["notes"].is_null());
        QCOMPARE(p.cursor, std::int64_t{42});
        QVERIFY(p.hasMore);
        QCOMPARE(p.snapshot, std::int64_t{40});
        QCOMPARE(p.epoch, std::string("ep-1"));
    }
};

QTEST_GUILESS_MAIN(TestPullPage)
#include "tst_pull_page.moc"
