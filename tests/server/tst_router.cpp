// SPDX-License-Identifier: MIT
// route() (sync-server/http/router.h) without sockets: Beast requests built in
// memory against a ServerDb on a temporary file. Checks the HTTP status and
// the stable JSON error code of every documented failure (docs/protocol.md),
// push idempotency, and per-mutation rejection inside a batch.
#include "http/router.h"

#include "domain/clock.h"
#include "store/auth.h"
#include "store/server_db.h"
#include "store/users.h"
#include "sync/hlc.h"
#include "sync/protocol.h"

#include "../shared/qtest_std.h"

#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>
#include <sodium.h>

#include <memory>
#include <string>

using namespace fieldbook::server;
using fieldbook::store::Statement;
using nlohmann::json;

namespace {
constexpr const char* kPassword = "correct horse";
} // namespace

class TestRouter : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase();
    void cleanupTestCase();

    void healthz_ok();
    void unknownPath_notFound_data();
    void unknownPath_notFound();
    void wrongMethod_notAllowed_data();
    void wrongMethod_notAllowed();
    void login_ok();
    void login_wrongPassword();
    void login_unknownUser();
    void login_malformedJson();
    void login_missingField();
    void login_wrongContentType();
    void pull_withoutToken();
    void pull_forgedToken_data();
    void pull_forgedToken();
    void oldProtocol_updateRequired();
    void newerProtocol_refused();
    void pull_badCursor_data();
    void pull_badCursor();
    void pull_badLimit_data();
    void pull_badLimit();
    void pull_ok();
    void push_tooManyMutations();
    void push_isIdempotent();
    void push_rejectsPerMutation();
    void push_accessChangedWhileParsed_data();
    void push_accessChangedWhileParsed();
    void push_ownRoleChangeHoldsForTheRest();
    void push_accessChangedByAnotherProcess_data();
    void push_accessChangedByAnotherProcess();

  private:
    void pushRefusedAfterAccessChange(const std::string& name, ServerDb& changer,
                                      std::function<void()> Deps::*seam);
    Request request(http::verb verb, const std::string& target, const std::string& body = {},
                    const std::string& token = {});
    Response send(const Request& req) { return route(req, *deps_); }
    json mutation(const std::string& entity, const std::string& recordId, json fields) const;
    std::int64_t storedVersion(const std::string& table, const std::string& id);

    std::unique_ptr<QTemporaryDir> dir_;
    std::unique_ptr<ServerDb> db_;
    ServerConfig config_;
    std::unique_ptr<Deps> deps_;
    std::string managerId_;
    std::string token_;
    std::string deviceId_;
};

namespace {
json bodyOf(const Response& res) {
    return json::parse(res.body());
}

std::string errorCode(const Response& res) {
    auto j = json::parse(res.body(), nullptr, false);
    if (!j.is_object() || !j.contains("error")) {
        return "(no error body: " + res.body() + ")";
    }
    return j["error"].value("code", std::string("(no code)"));
}
} // namespace

void TestRouter::initTestCase() {
    QVERIFY(sodium_init() >= 0);
    dir_ = std::make_unique<QTemporaryDir>();
    QVERIFY(dir_->isValid());
    db_ = std::make_unique<ServerDb>(dir_->filePath(QStringLiteral("server.db")).toStdString());
    deps_ = std::make_unique<Deps>(Deps{*db_, config_});
    {
        auto lock = db_->lock();
        managerId_ = addUser(*db_, "anna", "Anna Petrova", "manager", kPassword);
    }
    auto res = send(request(
        http::verb::post, "/api/v1/login",
        json{{"login", "anna"}, {"password", kPassword}, {"device_name", "tst_router"}}.dump()));
    QCOMPARE(res.result_int(), 200u);
    auto login = fieldbook::sync::loginResponseFromJson(bodyOf(res));
    token_ = login.token;
    deviceId_ = login.deviceId;
    QVERIFY(!token_.empty());
}

void TestRouter::cleanupTestCase() {
    deps_.reset();
    db_.reset();
    dir_.reset();
}

Request TestRouter::request(http::verb verb, const std::string& target, const std::string& body,
                            const std::string& token) {
    Request req{verb, target, 11};
    req.set(http::field::host, "127.0.0.1");
    req.set(fieldbook::sync::kProtocolHeader, std::to_string(fieldbook::sync::kProtocolVersion));
    if (!body.empty()) {
        req.set(http::field::content_type, "application/json");
        req.body() = body;
    }
    if (!token.empty()) {
        req.set(http::field::authorization, "Bearer " + token);
    }
    req.prepare_payload();
    return req;
}

json TestRouter::mutation(const std::string& entity, const std::string& recordId,
                          json fields) const {
    fieldbook::sync::Mutation m;
    m.mutationId = fieldbook::domain::newUuid();
    m.entity = entity;
    m.recordId = recordId;
    m.baseVersion = 0;
    m.fields = std::move(fields);
    m.hlc = fieldbook::sync::Hlc{fieldbook::domain::nowMs(), 0, deviceId_}.toString();
    return fieldbook::sync::toJson(m);
}

std::int64_t TestRouter::storedVersion(const std::string& table, const std::string& id) {
    auto lock = db_->lock();
    Statement st(db_->db(), "SELECT version FROM " + table + " WHERE id = ?");
    st.bind(1, id);
    return st.step() ? st.int64(0) : -1;
}

void TestRouter::healthz_ok() {
    auto res = send(request(http::verb::get, "/healthz"));
    QCOMPARE(res.result_int(), 200u);
    QCOMPARE(std::string(res[http::field::content_type]), std::string("application/json"));
    auto body = bodyOf(res);
    COMPARE_JSON(body["status"], json("ok"));
    COMPARE_JSON(body["protocol"], json(fieldbook::sync::kProtocolVersion));
    QVERIFY(res.keep_alive());
}

void TestRouter::unknownPath_notFound_data() {
    QTest::addColumn<QString>("target");
    QTest::newRow("root") << QStringLiteral("/");
    QTest::newRow("unknown api") << QStringLiteral("/api/v1/nope");
    QTest::newRow("old api version") << QStringLiteral("/api/v0/sync/pull");
    QTest::newRow("trailing slash") << QStringLiteral("/api/v1/sync/pull/");
}

void TestRouter::unknownPath_notFound() {
    QFETCH(QString, target);
    auto res = send(request(http::verb::get, target.toStdString(), {}, token_));
    QCOMPARE(res.result_int(), 404u);
    QCOMPARE(errorCode(res), std::string("not_found"));
    QVERIFY(bodyOf(res)["error"]["message"].get<std::string>().size() > 0);
}

void TestRouter::wrongMethod_notAllowed_data() {
    QTest::addColumn<int>("verb");
    QTest::addColumn<QString>("target");
    QTest::newRow("POST /healthz") << int(http::verb::post) << QStringLiteral("/healthz");
    QTest::newRow("GET login") << int(http::verb::get) << QStringLiteral("/api/v1/login");
    QTest::newRow("GET push") << int(http::verb::get) << QStringLiteral("/api/v1/sync/push");
    QTest::newRow("POST pull") << int(http::verb::post) << QStringLiteral("/api/v1/sync/pull");
    QTest::newRow("DELETE pull") << int(http::verb::delete_) << QStringLiteral("/api/v1/sync/pull");
}

void TestRouter::wrongMethod_notAllowed() {
    QFETCH(int, verb);
    QFETCH(QString, target);
    auto res = send(request(static_cast<http::verb>(verb), target.toStdString(), {}, token_));
    QCOMPARE(res.result_int(), 405u);
    QCOMPARE(errorCode(res), std::string("method_not_allowed"));
}

void TestRouter::login_ok() {
    auto res = send(
        request(http::verb::post, "/api/v1/login",
                json{{"login", "anna"}, {"password", kPassword}, {"device_id", deviceId_}}.dump()));
    QCOMPARE(res.result_int(), 200u);
    auto login = fieldbook::sync::loginResponseFromJson(bodyOf(res));
    QCOMPARE(login.deviceId, deviceId_); // a known device keeps its id
    QCOMPARE(login.user.id, managerId_);
    QCOMPARE(login.user.role, std::string("manager"));
    QVERIFY(login.token != token_);
    QVERIFY(login.expiresAtMs > fieldbook::domain::nowMs());
    QCOMPARE(std::string(res[http::field::cache_control]), std::string("no-store"));
}

void TestRouter::login_wrongPassword() {
    auto res = send(request(http::verb::post, "/api/v1/login",
                            json{{"login", "anna"}, {"password", "wrong password"}}.dump()));
    QCOMPARE(res.result_int(), 401u);
    QCOMPARE(errorCode(res), std::string("invalid_credentials"));
    QVERIFY(res.body().find("token") == std::string::npos);
}

void TestRouter::login_unknownUser() {
    auto res = send(request(http::verb::post, "/api/v1/login",
                            json{{"login", "nobody"}, {"password", kPassword}}.dump()));
    QCOMPARE(res.result_int(), 401u);
    QCOMPARE(errorCode(res), std::string("invalid_credentials"));
}

void TestRouter::login_malformedJson() {
    auto res = send(request(http::verb::post, "/api/v1/login", "{\"login\": \"anna\", "));
    QCOMPARE(res.result_int(), 400u);
    QCOMPARE(errorCode(res), std::string("malformed_json"));
}

void TestRouter::login_missingField() {
    auto res = send(request(http::verb::post, "/api/v1/login", json{{"login", "anna"}}.dump()));
    QCOMPARE(res.result_int(), 400u);
    QCOMPARE(errorCode(res), std::string("invalid_request"));
    QVERIFY(bodyOf(res)["error"]["message"].get<std::string>().find("password") !=
            std::string::npos);
}

void TestRouter::login_wrongContentType() {
    auto req = request(http::verb::post, "/api/v1/login",
                       json{{"login", "anna"}, {"password", kPassword}}.dump());
    req.set(http::field::content_type, "text/plain");
    auto res = send(req);
    QCOMPARE(res.result_int(), 415u);
    QCOMPARE(errorCode(res), std::string("unsupported_media_type"));
}

void TestRouter::pull_withoutToken() {
    auto res = send(request(http::verb::get, "/api/v1/sync/pull"));
    QCOMPARE(res.result_int(), 401u);
    QCOMPARE(errorCode(res), std::string("missing_token"));

    auto push = send(
        request(http::verb::post, "/api/v1/sync/push", json{{"mutations", json::array()}}.dump()));
    QCOMPARE(push.result_int(), 401u);
    QCOMPARE(errorCode(push), std::string("missing_token"));
}

void TestRouter::pull_forgedToken_data() {
    QTest::addColumn<QString>("authorization");
    QTest::newRow("unknown token")
        << QStringLiteral("Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    QTest::newRow("token with a changed character") << QStringLiteral("MUTATE");
    QTest::newRow("basic auth") << QStringLiteral("Basic YW5uYTpzZWNyZXQ=");
    QTest::newRow("empty bearer") << QStringLiteral("Bearer ");
}

void TestRouter::pull_forgedToken() {
    QFETCH(QString, authorization);
    std::string header = authorization.toStdString();
    if (header == "MUTATE") {
        auto forged = token_;
        forged[0] = forged[0] == 'A' ? 'B' : 'A';
        header = "Bearer " + forged;
    }
    auto req = request(http::verb::get, "/api/v1/sync/pull");
    req.set(http::field::authorization, header);
    auto res = send(req);
    QCOMPARE(res.result_int(), 401u);
    QCOMPARE(errorCode(res), std::string("invalid_token"));
}

void TestRouter::oldProtocol_updateRequired() {
    auto req = request(http::verb::get, "/api/v1/sync/pull", {}, token_);
    req.set(fieldbook::sync::kProtocolHeader, "0");
    auto res = send(req);
    QCOMPARE(res.result_int(), 426u);
    QCOMPARE(errorCode(res), std::string("update_required"));

    auto login = request(http::verb::post, "/api/v1/login",
                         json{{"login", "anna"}, {"password", kPassword}}.dump());
    login.set(fieldbook::sync::kProtocolHeader, "0");
    res = send(login);
    QCOMPARE(res.result_int(), 426u);
    QCOMPARE(errorCode(res), std::string("update_required"));

    // /healthz answers every client, so an old app can still see the server is up.
    auto health = request(http::verb::get, "/healthz");
    health.set(fieldbook::sync::kProtocolHeader, "0");
    QCOMPARE(send(health).result_int(), 200u);
}

void TestRouter::newerProtocol_refused() {
    auto req = request(http::verb::get, "/api/v1/sync/pull", {}, token_);
    req.set(fieldbook::sync::kProtocolHeader,
            std::to_string(fieldbook::sync::kProtocolVersion + 1));
    auto res = send(req);
    QCOMPARE(res.result_int(), 400u);
    QCOMPARE(errorCode(res), std::string("unsupported_protocol"));

    req.set(fieldbook::sync::kProtocolHeader, "one");
    res = send(req);
    QCOMPARE(res.result_int(), 400u);
    QCOMPARE(errorCode(res), std::string("invalid_protocol_header"));
}

void TestRouter::pull_badCursor_data() {
    QTest::addColumn<QString>("query");
    QTest::newRow("letters") << QStringLiteral("cursor=abc");
    QTest::newRow("negative") << QStringLiteral("cursor=-1");
    QTest::newRow("empty") << QStringLiteral("cursor=");
    QTest::newRow("trailing garbage") << QStringLiteral("cursor=12x");
    QTest::newRow("overflow") << QStringLiteral("cursor=99999999999999999999");
}

void TestRouter::pull_badCursor() {
    QFETCH(QString, query);
    auto res =
        send(request(http::verb::get, "/api/v1/sync/pull?" + query.toStdString(), {}, token_));
    QCOMPARE(res.result_int(), 400u);
    QCOMPARE(errorCode(res), std::string("invalid_cursor"));
}

void TestRouter::pull_badLimit_data() {
    QTest::addColumn<QString>("query");
    QTest::newRow("zero") << QStringLiteral("limit=0");
    QTest::newRow("zero with cursor") << QStringLiteral("cursor=0&limit=0");
    QTest::newRow("above the maximum") << QStringLiteral("limit=5001");
    QTest::newRow("negative") << QStringLiteral("limit=-5");
}

void TestRouter::pull_badLimit() {
    QFETCH(QString, query);
    auto res =
        send(request(http::verb::get, "/api/v1/sync/pull?" + query.toStdString(), {}, token_));
    QCOMPARE(res.result_int(), 400u);
    QCOMPARE(errorCode(res), std::string("invalid_limit"));
}

void TestRouter::pull_ok() {
    auto res = send(request(http::verb::get, "/api/v1/sync/pull?cursor=0&limit=5000", {}, token_));
    QCOMPARE(res.result_int(), 200u);
    auto page = fieldbook::sync::pullResponseFromJson(bodyOf(res));
    bool sawSelf = false;
    for (const auto& c : page.changes) {
        sawSelf = sawSelf || (c.entity == "user" && c.id == managerId_);
    }
    QVERIFY2(sawSelf, "the user directory is in every scope");
    QVERIFY(page.cursor > 0);
}

void TestRouter::push_tooManyMutations() {
    json batch = json::array();
    std::string firstId;
    for (int i = 0; i < 1001; ++i) {
        auto id = fieldbook::domain::newUuid();
        if (i == 0) {
            firstId = id;
        }
        batch.push_back(mutation("client", id, {{"name", "Bulk " + std::to_string(i)}}));
    }
    auto res = send(
        request(http::verb::post, "/api/v1/sync/push", json{{"mutations", batch}}.dump(), token_));
    QCOMPARE(res.result_int(), 400u);
    QCOMPARE(errorCode(res), std::string("too_many_mutations"));
    QCOMPARE(storedVersion("clients", firstId), std::int64_t(-1)); // nothing written
}

void TestRouter::push_isIdempotent() {
    auto clientId = fieldbook::domain::newUuid();
    auto m = mutation("client", clientId, {{"name", "Idempotent Ltd"}, {"status", "prospect"}});
    auto body = json{{"mutations", json::array({m})}}.dump();

    auto res = send(request(http::verb::post, "/api/v1/sync/push", body, token_));
    QCOMPARE(res.result_int(), 200u);
    auto first = fieldbook::sync::pushResponseFromJson(bodyOf(res));
    QCOMPARE(first.results.size(), std::size_t(1));
    QCOMPARE(first.results[0].mutationId, m["mutation_id"].get<std::string>());
    QCOMPARE(first.results[0].status, std::string("applied"));
    QCOMPARE(first.results[0].version, std::int64_t(1));
    QVERIFY(!first.results[0].duplicate);
    QCOMPARE(storedVersion("clients", clientId), std::int64_t(1));

    res = send(request(http::verb::post, "/api/v1/sync/push", body, token_));
    QCOMPARE(res.result_int(), 200u);
    auto again = fieldbook::sync::pushResponseFromJson(bodyOf(res));
    QCOMPARE(again.results.size(), std::size_t(1));
    QCOMPARE(again.results[0].status, std::string("applied"));
    QVERIFY(again.results[0].duplicate);
    QCOMPARE(again.results[0].version, std::int64_t(1));
    QCOMPARE(storedVersion("clients", clientId), std::int64_t(1));

    // The manager who created the client is its curator and pulls it at version 1.
    res = send(request(http::verb::get, "/api/v1/sync/pull?cursor=0&limit=5000", {}, token_));
    QCOMPARE(res.result_int(), 200u);
    auto page = fieldbook::sync::pullResponseFromJson(bodyOf(res));
    int seen = 0;
    for (const auto& c : page.changes) {
        if (c.entity == "client" && c.id == clientId) {
            ++seen;
            QCOMPARE(c.version, std::int64_t(1));
            COMPARE_JSON(c.fields["name"], json("Idempotent Ltd"));
            COMPARE_JSON(c.fields["curator_id"], json(managerId_));
        }
    }
    QCOMPARE(seen, 1);
}

void TestRouter::push_rejectsPerMutation() {
    auto clientId = fieldbook::domain::newUuid();
    auto bad = mutation("spaceship", fieldbook::domain::newUuid(), {{"name", "Enterprise"}});
    auto good = mutation("client", clientId, {{"name", "Batch Mate Inc"}});
    auto res = send(request(http::verb::post, "/api/v1/sync/push",
                            json{{"mutations", json::array({bad, good})}}.dump(), token_));
    QCOMPARE(res.result_int(), 200u);
    auto resp = fieldbook::sync::pushResponseFromJson(bodyOf(res));
    QCOMPARE(resp.results.size(), std::size_t(2));
    QCOMPARE(resp.results[0].mutationId, bad["mutation_id"].get<std::string>());
    QCOMPARE(resp.results[0].status, std::string("rejected"));
    QCOMPARE(resp.results[0].errorCode, std::string("unknown_entity"));
    QVERIFY(!resp.results[0].errorMessage.empty());
    QCOMPARE(resp.results[1].mutationId, good["mutation_id"].get<std::string>());
    QCOMPARE(resp.results[1].status, std::string("applied"));
    QCOMPARE(resp.results[1].version, std::int64_t(1));
    QCOMPARE(storedVersion("clients", clientId), std::int64_t(1));
    QVERIFY(resp.serverTimeMs > 0);
}

QTEST_GUILESS_MAIN(TestRouter)
/// A role change, deactivation or new password committed while a push's body
/// is parsed (after its token was first checked, before the write lock is
/// taken to apply it) is not bypassed: the push is refused as a push sent
/// after the change would be, and nothing of it is applied (break-it: a
/// head's push applied with head rights after her demotion).
void TestRouter::push_accessChangedWhileParsed_data() {
    QTest::addColumn<QString>("change");
    QTest::addColumn<unsigned>("status");
    QTest::addColumn<QString>("code");
    QTest::newRow("role") << "role" << 401u << "invalid_token";
    QTest::newRow("deactivated") << "deactivate" << 403u << "user_inactive";
    QTest::newRow("password") << "password" << 401u << "invalid_token";
}

void TestRouter::push_accessChangedWhileParsed() {
    pushRefusedAfterAccessChange("bea", *db_, &Deps::afterPushParsed);
}

/// The same change committed by another connection (another process:
/// `fieldbook-server user set|deactivate|password`) after the router read
/// the principal again under its lock and before the push's write
/// transaction begins: the push is still refused with nothing applied, as
/// the principal is read once more inside that transaction (break-it F2:
/// a head's delete applied after `user set --role manager` had reported
/// her tokens revoked).
void TestRouter::push_accessChangedByAnotherProcess_data() {
    push_accessChangedWhileParsed_data();
}

void TestRouter::push_accessChangedByAnotherProcess() {
    ServerDb other(dir_->filePath(QStringLiteral("server.db")).toStdString());
    pushRefusedAfterAccessChange("cleo", other, &Deps::beforePushApplied);
}

/// The rows of push_accessChangedWhileParsed_data(): head `name`.<change>
/// logs in; the test seam `seam` changes her access through `changer`
/// (this connection or another); her push of a new client must be refused
/// with the row's status and code and leave nothing applied.
void TestRouter::pushRefusedAfterAccessChange(const std::string& name, ServerDb& changer,
                                              std::function<void()> Deps::*seam) {
    QFETCH(QString, change);
    QFETCH(unsigned, status);
    QFETCH(QString, code);
    const std::string login = name + "." + change.toStdString();
    {
        auto lock = db_->lock();
        addUser(*db_, login, "Head " + name, "head", kPassword);
    }
    auto res = send(request(
        http::verb::post, "/api/v1/login",
        json{{"login", login}, {"password", kPassword}, {"device_name", "tst_router"}}.dump()));
    QCOMPARE(res.result_int(), 200u);
    auto token = fieldbook::sync::loginResponseFromJson(bodyOf(res)).token;

    bool changed = false;
    (*deps_).*seam = [&] {
        auto lock = changer.lock();
        UserChange c;
        if (change == QLatin1String("role")) {
            c.role = "manager";
        } else if (change == QLatin1String("deactivate")) {
            c.active = false;
        } else {
            c.password = "another long passphrase";
        }
        changeUser(changer, login, c);
        changed = true;
    };
    auto clientId = fieldbook::domain::newUuid();
    auto m = mutation("client", clientId, {{"name", "Pushed After An Access Change"}});
    res = send(request(http::verb::post, "/api/v1/sync/push",
                       json{{"mutations", json::array({m})}}.dump(), token));
    (*deps_).*seam = nullptr;
    QVERIFY(changed);
    QCOMPARE(res.result_int(), status);
    QCOMPARE(errorCode(res), code.toStdString());
    QCOMPARE(storedVersion("clients", clientId), std::int64_t(-1));
}

/// An admin who demotes themself in a push cannot go on granting roles in
/// the same push: the mutations after it are checked with the new role
/// (break-it: the second mutation made another user an admin).
void TestRouter::push_ownRoleChangeHoldsForTheRest() {
    std::string adminId;
    std::string otherId;
    {
        auto lock = db_->lock();
        adminId = addUser(*db_, "ada.admin", "Ada Admin", "admin", kPassword);
        addUser(*db_, "kept.admin", "Kept Admin", "admin", kPassword); // not the last admin
        otherId = addUser(*db_, "mo.manager", "Mo Manager", "manager", kPassword);
    }
    auto res = send(
        request(http::verb::post, "/api/v1/login",
                json{{"login", "ada.admin"}, {"password", kPassword}, {"device_name", "tst_router"}}
                    .dump()));
    QCOMPARE(res.result_int(), 200u);
    auto token = fieldbook::sync::loginResponseFromJson(bodyOf(res)).token;
    auto demoteSelf = mutation("user", adminId, {{"role", "manager"}});
    demoteSelf["base_version"] = storedVersion("users", adminId);
    auto promoteOther = mutation("user", otherId, {{"role", "admin"}});
    promoteOther["base_version"] = storedVersion("users", otherId);
    res = send(request(http::verb::post, "/api/v1/sync/push",
                       json{{"mutations", json::array({demoteSelf, promoteOther})}}.dump(), token));
    QCOMPARE(res.result_int(), 200u);
    auto resp = fieldbook::sync::pushResponseFromJson(bodyOf(res));
    QCOMPARE(resp.results.size(), std::size_t(2));
    QCOMPARE(resp.results[0].status, std::string("applied"));
    QCOMPARE(resp.results[1].status, std::string("rejected"));
    QCOMPARE(resp.results[1].errorCode, std::string("forbidden"));
    auto lock = db_->lock();
    Statement role(db_->db(), "SELECT role FROM users WHERE id = ?");
    role.bind(1, otherId);
    QVERIFY(role.step());
    QCOMPARE(role.text(0), std::string("manager"));
}

#include "tst_router.moc"
