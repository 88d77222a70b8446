// SPDX-License-Identifier: MIT
// Sync protocol messages and their JSON codec (shared/sync/protocol.h,
// docs/protocol.md): round trips, wire names, and the ProtocolError codes the
// server answers with.
#include "sync/protocol.h"

#include "qtest_std.h"

#include <QTest>

#include <functional>
#include <string>

using namespace fieldbook::sync;
using nlohmann::json;

namespace {
/// Runs `decode` and returns the ProtocolError code it raised ("" if none).
std::string errorCodeOf(const std::function<void()>& decode) {
    try {
        decode();
    } catch (const ProtocolError& e) {
        return e.code();
    }
    return {};
}

Mutation sampleMutation() {
    Mutation m;
    m.mutationId = "11111111-1111-4111-8111-111111111111";
    m.entity = "client";
    m.recordId = "22222222-2222-4222-8222-222222222222";
    m.op = "upsert";
    m.baseVersion = 3;
    m.fields = {{"name", "Acme"}, {"employees", 40}, {"notes", nullptr}};
    m.hlc = "001700000000000-000001-dev";
    return m;
}

json validMutationJson() {
    return toJson(sampleMutation());
}
} // namespace

class TestProtocol : public QObject {
    Q_OBJECT

  private slots:
    void versions_areConsistent();
    void loginRequest_roundTrip();
    void loginRequest_optionalDeviceFields();
    void loginResponse_roundTrip();
    void mutation_roundTrip();
    void mutation_wireNames();
    void mutation_fieldsMayBeOmitted();
    void pushRequest_roundTrip();
    void mutationResult_roundTrip();
    void mutationResult_omitsDefaults();
    void mutationResult_current();
    void pushResponse_roundTrip();
    void recordChange_roundTrip();
    void pullResponse_roundTrip();
    void pullResponse_hasMoreDefaultsToFalse();
    void cursorPosition_roundTrip();
    void parseJson_malformed_data();
    void parseJson_malformed();
    void parseJson_valid();
    void parseJson_depthLimitIsExact();
    void parseJson_refusesByteOrderMark();
    void baseVersionOutOfRange_saysSo();
    void pushEpoch_isBounded();
    void decoders_invalidRequest_data();
    void decoders_invalidRequest();
    void errorBody_shape();
};

void TestProtocol::versions_areConsistent() {
    QVERIFY(kMinProtocolVersion >= 1);
    QVERIFY(kMinProtocolVersion <= kProtocolVersion);
    QCOMPARE(std::string(kProtocolHeader), std::string("X-Fieldbook-Protocol"));
}

void TestProtocol::loginRequest_roundTrip() {
    LoginRequest in{"anna", "s3cret", "dev-1", "fieldbook-cli"};
    auto j = toJson(in);
    COMPARE_JSON(j, (json{{"login", "anna"},
                          {"password", "s3cret"},
                          {"device_id", "dev-1"},
                          {"device_name", "fieldbook-cli"}}));
    auto out = loginRequestFromJson(j);
    QCOMPARE(out.login, in.login);
    QCOMPARE(out.password, in.password);
    QCOMPARE(out.deviceId, in.deviceId);
    QCOMPARE(out.deviceName, in.deviceName);
}

void TestProtocol::loginRequest_optionalDeviceFields() {
    auto out =
        loginRequestFromJson(json{{"login", "anna"}, {"password", "x"}, {"device_id", nullptr}});
    QCOMPARE(out.deviceId, std::string());
    QCOMPARE(out.deviceName, std::string());
}

void TestProtocol::loginResponse_roundTrip() {
    LoginResponse in;
    in.token = "tok";
    in.expiresAtMs = 1'700'000'000'000;
    in.deviceId = "dev-1";
    in.user = {"u-1", "anna", "Anna Petrova", "manager"};
    auto j = toJson(in);
    COMPARE_JSON(j["user"]["full_name"], json("Anna Petrova"));
    COMPARE_JSON(j["expires_at"], json(1'700'000'000'000));
    auto out = loginResponseFromJson(j);
    QCOMPARE(out.token, in.token);
    QCOMPARE(out.expiresAtMs, in.expiresAtMs);
    QCOMPARE(out.deviceId, in.deviceId);
    QCOMPARE(out.user.id, in.user.id);
    QCOMPARE(out.user.login, in.user.login);
    QCOMPARE(out.user.fullName, in.user.fullName);
    QCOMPARE(out.user.role, in.user.role);
}

void TestProtocol::mutation_roundTrip() {
    auto in = sampleMutation();
    auto out = mutationFromJson(json::parse(toJson(in).dump()));
    QCOMPARE(out.mutationId, in.mutationId);
    QCOMPARE(out.entity, in.entity);
    QCOMPARE(out.recordId, in.recordId);
    QCOMPARE(out.op, in.op);
    QCOMPARE(out.baseVersion, in.baseVersion);
    COMPARE_JSON(out.fields, in.fields);
    QCOMPARE(out.hlc, in.hlc);

    in.op = "delete";
    in.fields = json::object();
    out = mutationFromJson(toJson(in));
    QCOMPARE(out.op, std::string("delete"));
    COMPARE_JSON(out.fields, json::object());
}

void TestProtocol::mutation_wireNames() {
    auto j = validMutationJson();
    for (const char* key :
         {"mutation_id", "entity", "record_id", "op", "base_version", "fields", "hlc"}) {
        QVERIFY2(j.contains(key), key);
    }
    QCOMPARE(j.size(), std::size_t(7));
}

void TestProtocol::mutation_fieldsMayBeOmitted() {
    auto j = validMutationJson();
    j.erase("fields");
    auto out = mutationFromJson(j);
    QVERIFY(out.fields.is_object());
    QVERIFY(out.fields.empty());
}

void TestProtocol::pushRequest_roundTrip() {
    PushRequest in;
    in.mutations.push_back(sampleMutation());
    auto second = sampleMutation();
    second.mutationId = "33333333-3333-4333-8333-333333333333";
    second.op = "delete";
    in.mutations.push_back(second);
    auto out = pushRequestFromJson(toJson(in));
    QCOMPARE(out.mutations.size(), std::size_t(2));
    QCOMPARE(out.mutations[0].mutationId, in.mutations[0].mutationId);
    QCOMPARE(out.mutations[1].mutationId, second.mutationId);
    QCOMPARE(out.mutations[1].op, std::string("delete"));

    QVERIFY(pushRequestFromJson(json{{"mutations", json::array()}}).mutations.empty());
}

void TestProtocol::mutationResult_roundTrip() {
    MutationResult in;
    in.mutationId = "m-1";
    in.status = "applied";
    in.version = 4;
    in.duplicate = true;
    in.conflicts.push_back({"phone", "last_writer_wins", "+1 555", "+1 777", true});
    in.conflicts.push_back({"notes", "last_writer_wins", nullptr, "old", false});
    auto out = mutationResultFromJson(toJson(in));
    QCOMPARE(out.mutationId, in.mutationId);
    QCOMPARE(out.status, in.status);
    QCOMPARE(out.version, in.version);
    QVERIFY(out.duplicate);
    QCOMPARE(out.conflicts.size(), std::size_t(2));
    QCOMPARE(out.conflicts[0].field, std::string("phone"));
    QCOMPARE(out.conflicts[0].rule, std::string("last_writer_wins"));
    COMPARE_JSON(out.conflicts[0].winnerValue, json("+1 555"));
    COMPARE_JSON(out.conflicts[0].loserValue, json("+1 777"));
    QVERIFY(out.conflicts[0].pushedValueLost);
    QVERIFY(out.conflicts[1].winnerValue.is_null());
    QVERIFY(!out.conflicts[1].pushedValueLost);
    QVERIFY(out.errorCode.empty());

    MutationResult rejected;
    rejected.mutationId = "m-2";
    rejected.status = "rejected";
    rejected.errorCode = "unknown_field";
    rejected.errorMessage = "client has no field \"x\"";
    auto j = toJson(rejected);
    COMPARE_JSON(j["error"], (json{{"code", "unknown_field"}, {"message", rejected.errorMessage}}));
    auto back = mutationResultFromJson(j);
    QCOMPARE(back.status, std::string("rejected"));
    QCOMPARE(back.errorCode, rejected.errorCode);
    QCOMPARE(back.errorMessage, rejected.errorMessage);
}

void TestProtocol::mutationResult_omitsDefaults() {
    MutationResult r;
    r.mutationId = "m";
    r.status = "applied";
    r.version = 1;
    auto j = toJson(r);
    COMPARE_JSON(j, (json{{"mutation_id", "m"}, {"status", "applied"}, {"version", 1}}));
    auto back = mutationResultFromJson(j);
    QVERIFY(!back.duplicate);
    QVERIFY(back.conflicts.empty());
}

void TestProtocol::mutationResult_current() {
    MutationResult r;
    r.mutationId = "m";
    r.status = "rejected";
    r.errorCode = "not_author";
    r.hasCurrent = true;
    RecordChange c;
    c.entity = "history_entry";
    c.id = "h-1";
    c.version = 2;
    c.fields = {{"summary", "as the server has it"}};
    c.seq = 9;
    r.current = c;
    auto back = mutationResultFromJson(json::parse(toJson(r).dump()));
    QVERIFY(back.hasCurrent);
    QVERIFY(back.current.has_value());
    QCOMPARE(back.current->id, std::string("h-1"));
    QCOMPARE(back.current->version, std::int64_t(2));
    COMPARE_JSON(back.current->fields, c.fields);

    // hasCurrent without a record: "current": null (the server has none for this user).
    r.current.reset();
    auto j = toJson(r);
    QVERIFY(j.contains("current"));
    QVERIFY(j["current"].is_null());
    back = mutationResultFromJson(j);
    QVERIFY(back.hasCurrent);
    QVERIFY(!back.current.has_value());

    r.hasCurrent = false;
    QVERIFY(!toJson(r).contains("current"));
    QVERIFY(!mutationResultFromJson(toJson(r)).hasCurrent);
}

void TestProtocol::pushResponse_roundTrip() {
    PushResponse in;
    in.serverTimeMs = 1234;
    MutationResult applied;
    applied.mutationId = "m-1";
    applied.status = "applied";
    applied.version = 2;
    MutationResult refused;
    refused.mutationId = "m-2";
    refused.status = "rejected";
    refused.errorCode = "out_of_scope";
    refused.errorMessage = "not yours";
    in.results = {applied, refused};
    auto j = toJson(in);
    COMPARE_JSON(j["server_time"], json(1234));
    auto out = pushResponseFromJson(j);
    QCOMPARE(out.serverTimeMs, std::int64_t(1234));
    QCOMPARE(out.results.size(), std::size_t(2));
    QCOMPARE(out.results[1].errorCode, std::string("out_of_scope"));
}

void TestProtocol::recordChange_roundTrip() {
    RecordChange in;
    in.entity = "deal";
    in.id = "d-1";
    in.version = 7;
    in.updatedAt = 99;
    in.updatedBy = "u-1";
    in.deleted = true;
    in.fields = {{"title", "Pilot"}, {"amount_cents", 150000}};
    in.seq = 42;
    auto j = toJson(in);
    COMPARE_JSON(j["updated_at"], json(99));
    auto out = recordChangeFromJson(j);
    QCOMPARE(out.entity, in.entity);
    QCOMPARE(out.id, in.id);
    QCOMPARE(out.version, in.version);
    QCOMPARE(out.updatedAt, in.updatedAt);
    QCOMPARE(out.updatedBy, in.updatedBy);
    QVERIFY(out.deleted);
    COMPARE_JSON(out.fields, in.fields);
    QCOMPARE(out.seq, in.seq);

    j["updated_by"] = nullptr;
    j.erase("deleted");
    out = recordChangeFromJson(j);
    QCOMPARE(out.updatedBy, std::string());
    QVERIFY(!out.deleted);

    // A removal (left the scope) is marked only when it is one, and always
    // with "deleted" too, which is all a device not knowing the key reads.
    QVERIFY(!j.contains("removed"));
    QVERIFY(!out.removed);
    in.removed = true;
    j = json::parse(toJson(in).dump());
    COMPARE_JSON(j["removed"], json(true));
    COMPARE_JSON(j["deleted"], json(true));
    QVERIFY(recordChangeFromJson(j).removed);
    j["removed"] = "yes";
    QVERIFY_THROWS_EXCEPTION(ProtocolError, recordChangeFromJson(j));
}

void TestProtocol::pullResponse_roundTrip() {
    PullResponse in;
    RecordChange c;
    c.entity = "client";
    c.id = "c-1";
    c.version = 1;
    c.updatedAt = 10;
    c.updatedBy = "u";
    c.fields = {{"name", "Acme"}};
    c.seq = 5;
    in.changes.push_back(c);
    in.cursor = 5;
    in.hasMore = true;
    in.serverTimeMs = 77;
    auto out = pullResponseFromJson(json::parse(toJson(in).dump()));
    QCOMPARE(out.changes.size(), std::size_t(1));
    COMPARE_JSON(out.changes[0].fields, (json{{"name", "Acme"}}));
    QCOMPARE(out.cursor, std::int64_t(5));
    QVERIFY(out.hasMore);
    QCOMPARE(out.serverTimeMs, std::int64_t(77));
}

void TestProtocol::pullResponse_hasMoreDefaultsToFalse() {
    auto out =
        pullResponseFromJson(json{{"changes", json::array()}, {"cursor", 0}, {"server_time", 1}});
    QVERIFY(!out.hasMore);
    QVERIFY(out.changes.empty());
}

void TestProtocol::cursorPosition_roundTrip() {
    // Issue 4: the pull answer's identity, epoch and snapshot, the push's position.
    PullResponse in;
    in.cursor = 9;
    in.databaseId = "db-1";
    in.epoch = "ep-2";
    in.snapshot = 8;
    auto out = pullResponseFromJson(json::parse(toJson(in).dump()));
    QCOMPARE(out.databaseId, std::string("db-1"));
    QCOMPARE(out.epoch, std::string("ep-2"));
    QCOMPARE(out.snapshot, std::int64_t(8));
    auto bare = toJson(PullResponse{});
    QVERIFY(!bare.contains("epoch") && !bare.contains("snapshot") && !bare.contains("database_id"));

    PushRequest push;
    push.epoch = "ep-2";
    push.cursor = 9;
    auto back = pushRequestFromJson(json::parse(toJson(push).dump()));
    QCOMPARE(back.epoch, std::string("ep-2"));
    QCOMPARE(back.cursor, std::int64_t(9));
    QVERIFY(!toJson(PushRequest{}).contains("epoch"));
    try {
        pushRequestFromJson(json{{"mutations", json::array()}, {"epoch", "e"}, {"cursor", -1}});
        QFAIL("a negative cursor was accepted");
    } catch (const ProtocolError& e) {
        QCOMPARE(e.code(), std::string("invalid_request"));
    }
}

void TestProtocol::parseJson_malformed_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("truncated object") << QByteArray("{\"login\": \"anna\"");
    QTest::newRow("trailing comma") << QByteArray("{\"a\": 1,}");
    QTest::newRow("single quotes") << QByteArray("{'a': 1}");
    QTest::newRow("two documents") << QByteArray("{} {}");
    QTest::newRow("invalid utf-8") << QByteArray("{\"a\": \"\xff\"}");
}

void TestProtocol::parseJson_malformed() {
    QFETCH(QByteArray, text);
    QCOMPARE(errorCodeOf([&] { parseJson(text.toStdString()); }), std::string("malformed_json"));
}

void TestProtocol::parseJson_valid() {
    COMPARE_JSON(parseJson(R"({"a":[1,2]})"), (json{{"a", {1, 2}}}));
    COMPARE_JSON(parseJson("  42 "), json(42));
}

// kMaxJsonDepth levels are accepted and one more is refused, the same for
// arrays and objects (break-it: arrays were refused one level early or late).
void TestProtocol::parseJson_depthLimitIsExact() {
    auto arrays = [](int n) { return std::string(n, '[') + std::string(n, ']'); };
    auto objects = [](int n) {
        std::string s;
        for (int i = 0; i < n - 1; ++i) {
            s += "{\"a\":";
        }
        return s + "{}" + std::string(n - 1, '}');
    };
    for (const auto& [name, make] :
         {std::pair<const char*, std::function<std::string(int)>>{"arrays", arrays},
          {"objects", objects}}) {
        QVERIFY2(!parseJson(make(kMaxJsonDepth)).is_null(), name);
        try {
            parseJson(make(kMaxJsonDepth + 1));
            QFAIL(qPrintable(QStringLiteral("%1: one level too deep was accepted").arg(name)));
        } catch (const ProtocolError& e) {
            QCOMPARE(e.code(), std::string("malformed_json"));
        }
    }
}

// RFC 8259 §8.1: a sender must not add a byte order mark; Fieldbook refuses
// one (malformed_json) rather than accept a body other parsers would not.
void TestProtocol::parseJson_refusesByteOrderMark() {
    try {
        parseJson("\xEF\xBB\xBF{\"a\":1}");
        QFAIL("a body with a UTF-8 BOM was accepted");
    } catch (const ProtocolError& e) {
        QCOMPARE(e.code(), std::string("malformed_json"));
        QVERIFY2(std::string(e.what()).find("byte order mark") != std::string::npos, e.what());
    }
}

// 2^63 does not fit the signed 64-bit version: "out of range", not "negative".
void TestProtocol::baseVersionOutOfRange_saysSo() {
    auto j = validMutationJson();
    j["base_version"] = std::uint64_t{1} << 63;
    try {
        mutationFromJson(j);
        QFAIL("base_version 2^63 was accepted");
    } catch (const ProtocolError& e) {
        QCOMPARE(e.code(), std::string("invalid_request"));
        QVERIFY2(std::string(e.what()).find("out of range") != std::string::npos, e.what());
    }
}

// Break-it: the push epoch was unbounded; like pull's `?epoch=`, at most 64
// printable characters, else invalid_epoch.
void TestProtocol::pushEpoch_isBounded() {
    auto push = [](const json& epoch) {
        return json{{"mutations", json::array()}, {"epoch", epoch}, {"cursor", 1}};
    };
    QCOMPARE(pushRequestFromJson(push(std::string(64, 'e'))).epoch, std::string(64, 'e'));
    QCOMPARE(errorCodeOf([&] { pushRequestFromJson(push(std::string(65, 'e'))); }),
             std::string("invalid_epoch"));
    QCOMPARE(errorCodeOf([&] { pushRequestFromJson(push("a\nb")); }), std::string("invalid_epoch"));
}

void TestProtocol::decoders_invalidRequest_data() {
    QTest::addColumn<QString>("decoder");
    QTest::addColumn<QByteArray>("body");
    auto mutation = [](const std::function<void(json&)>& edit) {
        auto j = validMutationJson();
        edit(j);
        return QByteArray::fromStdString(j.dump());
    };
    QTest::newRow("login: not an object") << QStringLiteral("login") << QByteArray("[1,2]");
    QTest::newRow("login: missing password")
        << QStringLiteral("login") << QByteArray(R"({"login":"anna"})");
    QTest::newRow("login: login is a number")
        << QStringLiteral("login") << QByteArray(R"({"login":5,"password":"x"})");
    QTest::newRow("login: device_id is a number")
        << QStringLiteral("login") << QByteArray(R"({"login":"a","password":"x","device_id":7})");
    QTest::newRow("mutation: missing hlc")
        << QStringLiteral("mutation") << mutation([](json& j) { j.erase("hlc"); });
    QTest::newRow("mutation: unknown op")
        << QStringLiteral("mutation") << mutation([](json& j) { j["op"] = "merge"; });
    QTest::newRow("mutation: negative base_version")
        << QStringLiteral("mutation") << mutation([](json& j) { j["base_version"] = -1; });
    QTest::newRow("mutation: base_version is text")
        << QStringLiteral("mutation") << mutation([](json& j) { j["base_version"] = "3"; });
    QTest::newRow("mutation: base_version is fractional")
        << QStringLiteral("mutation") << mutation([](json& j) { j["base_version"] = 1.5; });
    QTest::newRow("mutation: fields is an array")
        << QStringLiteral("mutation") << mutation([](json& j) { j["fields"] = json::array(); });
    // F8: the idempotency log keeps mutation ids: 1..64 printable ASCII bytes.
    QTest::newRow("mutation: empty mutation_id")
        << QStringLiteral("mutation") << mutation([](json& j) { j["mutation_id"] = ""; });
    QTest::newRow("mutation: 65-byte mutation_id")
        << QStringLiteral("mutation")
        << mutation([](json& j) { j["mutation_id"] = std::string(65, 'm'); });
    QTest::newRow("mutation: mutation_id with a space")
        << QStringLiteral("mutation") << mutation([](json& j) { j["mutation_id"] = "a b"; });
    QTest::newRow("mutation: mutation_id with a control byte")
        << QStringLiteral("mutation") << mutation([](json& j) { j["mutation_id"] = "a\nb"; });
    QTest::newRow("mutation: fields is null")
        << QStringLiteral("mutation") << mutation([](json& j) { j["fields"] = nullptr; });
    QTest::newRow("push: missing mutations") << QStringLiteral("push") << QByteArray("{}");
    // Break-it: a cursor is where the replica stands in an epoch; alone it was ignored.
    QTest::newRow("push: cursor without epoch")
        << QStringLiteral("push") << QByteArray(R"({"mutations":[],"cursor":5})");

    QTest::newRow("push: mutations is an object")
        << QStringLiteral("push") << QByteArray(R"({"mutations":{}})");
    QTest::newRow("push: a mutation is a string")
        << QStringLiteral("push") << QByteArray(R"({"mutations":["x"]})");
    QTest::newRow("result: duplicate is text")
        << QStringLiteral("result")
        << QByteArray(R"({"mutation_id":"m","status":"applied","version":1,"duplicate":"yes"})");
    QTest::newRow("change: fields is a string")
        << QStringLiteral("change")
        << QByteArray(
               R"({"entity":"client","id":"c","version":1,"updated_at":1,"fields":"x","seq":1})");
    QTest::newRow("change: missing seq")
        << QStringLiteral("change")
        << QByteArray(R"({"entity":"client","id":"c","version":1,"updated_at":1,"fields":{}})");
    QTest::newRow("pull: missing cursor")
        << QStringLiteral("pull") << QByteArray(R"({"changes":[],"server_time":1})");
    QTest::newRow("pull: has_more is a number")
        << QStringLiteral("pull")
        << QByteArray(R"({"changes":[],"cursor":1,"server_time":1,"has_more":1})");
    QTest::newRow("login response: user missing")
        << QStringLiteral("loginResponse")
        << QByteArray(R"({"token":"t","expires_at":1,"device_id":"d"})");
    QTest::newRow("push response: missing server_time")
        << QStringLiteral("pushResponse") << QByteArray(R"({"results":[]})");
}

void TestProtocol::decoders_invalidRequest() {
    QFETCH(QString, decoder);
    QFETCH(QByteArray, body);
    auto j = json::parse(body.toStdString());
    std::function<void()> decode;
    if (decoder == u"login") {
        decode = [&] { loginRequestFromJson(j); };
    } else if (decoder == u"loginResponse") {
        decode = [&] { loginResponseFromJson(j); };
    } else if (decoder == u"mutation") {
        decode = [&] { mutationFromJson(j); };
    } else if (decoder == u"push") {
        decode = [&] { pushRequestFromJson(j); };
    } else if (decoder == u"result") {
        decode = [&] { mutationResultFromJson(j); };
    } else if (decoder == u"pushResponse") {
        decode = [&] { pushResponseFromJson(j); };
    } else if (decoder == u"change") {
        decode = [&] { recordChangeFromJson(j); };
    } else if (decoder == u"pull") {
        decode = [&] { pullResponseFromJson(j); };
    } else {
        QFAIL("unknown decoder in test data");
    }
    QCOMPARE(errorCodeOf(decode), std::string("invalid_request"));
}

void TestProtocol::errorBody_shape() {
    COMPARE_JSON(errorBody("not_found", "no such endpoint"),
                 (json{{"error", {{"code", "not_found"}, {"message", "no such endpoint"}}}}));
}

QTEST_GUILESS_MAIN(TestProtocol)
#include "tst_protocol.moc"
