// SPDX-License-Identifier: MIT
// Done-when 7 of issue 2: bad requests against the real server process get
// the documented HTTP status and JSON error code (docs/protocol.md), and
// change nothing in the server's records.
#include "domain/clock.h"
#include "raw_http.h"
#include "store/database.h"
#include "test_server.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>
#include <QtTest>

using namespace fieldbook::test;

namespace {
/// Row count and highest change sequence of every synced table.
QString fingerprint(const QString& db) {
    fieldbook::store::Database d(db.toStdString());
    QString out;
    for (const char* t : {"users", "products", "clients", "contacts", "deals", "history_entries",
                          "planned_activities", "conflicts"}) {
        fieldbook::store::Statement st(
            d,
            std::string("SELECT COUNT(*), COALESCE(MAX(seq),0), COALESCE(SUM(version),0) FROM ") +
                t);
        st.step();
        out += QStringLiteral("%1:%2/%3/%4 ")
                   .arg(QLatin1String(t))
                   .arg(st.int64(0))
                   .arg(st.int64(1))
                   .arg(st.int64(2));
    }
    return out;
}

QString scalar(const QString& db, const std::string& sql, const std::string& param = {}) {
    fieldbook::store::Database d(db.toStdString());
    fieldbook::store::Statement st(d, sql);
    if (!param.empty()) {
        st.bind(1, param);
    }
    return st.step() ? QString::fromStdString(st.text(0)) : QString();
}

QByteArray pushBody(const QString& entity, const QString& recordId, const QJsonObject& fields,
                    int baseVersion = 0) {
    QJsonObject m{
        {QStringLiteral("mutation_id"), QString::fromStdString(fieldbook::domain::newUuid())},
        {QStringLiteral("entity"), entity},
        {QStringLiteral("record_id"), recordId},
        {QStringLiteral("op"), QStringLiteral("upsert")},
        {QStringLiteral("base_version"), baseVersion},
        {QStringLiteral("fields"), fields},
        {QStringLiteral("hlc"), QStringLiteral("%1-000000-testdevice")
                                    .arg(fieldbook::domain::nowMs(), 15, 10, QLatin1Char('0'))}};
    QJsonObject body{{QStringLiteral("mutations"), QJsonArray{m}}};
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}
} // namespace

class TestServerErrors : public QObject {
    Q_OBJECT

    TestServer server_;
    QString before_;

  private slots:
    void initTestCase() {
        QVERIFY(server_.start());
        before_ = fingerprint(server_.dbPath());
    }

    void healthz() {
        auto r = rawHttp(server_.port(), "GET", "/healthz");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json()[QStringLiteral("status")].toString(), QStringLiteral("ok"));
    }

    void wrongPassword() {
        auto r = rawHttp(server_.port(), "POST", "/api/v1/login",
                         R"({"login":"darcel.schlecht","password":"wrong"})");
        QCOMPARE(r.status, 401);
        QCOMPARE(r.errorCode(), QStringLiteral("invalid_credentials"));
        auto unknown = rawHttp(server_.port(), "POST", "/api/v1/login",
                               R"({"login":"nobody","password":"demo"})");
        QCOMPARE(unknown.status, 401);
        QCOMPARE(unknown.errorCode(), QStringLiteral("invalid_credentials"));
    }

    void forgedAndMissingToken() {
        auto r =
            rawHttp(server_.port(), "GET", "/api/v1/sync/pull?cursor=0", {}, "forged-token-abc");
        QCOMPARE(r.status, 401);
        QCOMPARE(r.errorCode(), QStringLiteral("invalid_token"));
        auto none = rawHttp(server_.port(), "GET", "/api/v1/sync/pull?cursor=0");
        QCOMPARE(none.status, 401);
        QCOMPARE(none.errorCode(), QStringLiteral("missing_token"));
        auto push =
            rawHttp(server_.port(), "POST", "/api/v1/sync/push", R"({"mutations":[]})", "forged");
        QCOMPARE(push.status, 401);
        QCOMPARE(push.errorCode(), QStringLiteral("invalid_token"));
    }

    void malformedJson() {
        auto token =
            loginToken(server_.port(), QStringLiteral("darcel.schlecht"), QStringLiteral("demo"));
        QVERIFY(!token.isEmpty());
        auto r = rawHttp(server_.port(), "POST", "/api/v1/sync/push",
                         R"({"mutations":[{"mutation_id": )", token);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorCode(), QStringLiteral("malformed_json"));
        auto login = rawHttp(server_.port(), "POST", "/api/v1/login", "not json");
        QCOMPARE(login.status, 400);
        QCOMPARE(login.errorCode(), QStringLiteral("malformed_json"));
        auto shape =
            rawHttp(server_.port(), "POST", "/api/v1/sync/push", R"({"mutations":{}})", token);
        QCOMPARE(shape.status, 400);
        QCOMPARE(shape.errorCode(), QStringLiteral("invalid_request"));
    }

    void oversizedBody() {
        auto token =
            loginToken(server_.port(), QStringLiteral("darcel.schlecht"), QStringLiteral("demo"));
        // Announce 9 MiB; the server refuses on the header, before reading the body.
        QByteArray req =
            "POST /api/v1/sync/push HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            "Authorization: Bearer " +
            token + "\r\nContent-Length: " + QByteArray::number(9 * 1024 * 1024) +
            "\r\n\r\n{\"mutations\":[";
        auto r = rawSend(server_.port(), req);
        QCOMPARE(r.status, 413);
        QCOMPARE(r.errorCode(), QStringLiteral("payload_too_large"));
    }

    void anotherManagersClient() {
        QByteArray deviceId;
        auto token = loginToken(server_.port(), QStringLiteral("darcel.schlecht"),
                                QStringLiteral("demo"), &deviceId);
        auto db = server_.dbPath();
        // A client with no deal of Darcel's and no curator: outside his scope (SPEC §4).
        auto foreign = scalar(
            db, "SELECT c.id FROM clients c WHERE c.id NOT IN (SELECT d.client_id FROM deals d "
                "JOIN users u ON u.id = d.manager_id WHERE u.login = 'darcel.schlecht' AND "
                "d.client_id IS NOT NULL) LIMIT 1");
        QVERIFY(!foreign.isEmpty());
        auto edit = rawHttp(server_.port(), "POST", "/api/v1/sync/push",
                            pushBody(QStringLiteral("client"), foreign,
                                     {{QStringLiteral("notes"), QStringLiteral("mine now")}}, 1),
                            token);
        QCOMPARE(edit.status, 200);
        auto result = edit.json()[QStringLiteral("results")].toArray()[0].toObject();
        QCOMPARE(result[QStringLiteral("status")].toString(), QStringLiteral("rejected"));
        QCOMPARE(result[QStringLiteral("error")].toObject()[QStringLiteral("code")].toString(),
                 QStringLiteral("out_of_scope"));

        auto log = rawHttp(server_.port(), "POST", "/api/v1/sync/push",
                           pushBody(QStringLiteral("history_entry"),
                                    QString::fromStdString(fieldbook::domain::newUuid()),
                                    {{QStringLiteral("client_id"), foreign},
                                     {QStringLiteral("kind"), QStringLiteral("meeting")},
                                     {QStringLiteral("summary"), QStringLiteral("sneaky")},
                                     {QStringLiteral("occurred_at"), 1700000000000.0}}),
                           token);
        auto logResult = log.json()[QStringLiteral("results")].toArray()[0].toObject();
        QCOMPARE(logResult[QStringLiteral("status")].toString(), QStringLiteral("rejected"));
        QCOMPARE(logResult[QStringLiteral("error")].toObject()[QStringLiteral("code")].toString(),
                 QStringLiteral("out_of_scope"));

        // A deal of his own does not bring a foreign client into his scope.
        auto darcelId = scalar(db, "SELECT id FROM users WHERE login = 'darcel.schlecht'");
        auto deal = rawHttp(server_.port(), "POST", "/api/v1/sync/push",
                            pushBody(QStringLiteral("deal"),
                                     QString::fromStdString(fieldbook::domain::newUuid()),
                                     {{QStringLiteral("client_id"), foreign},
                                      {QStringLiteral("title"), QStringLiteral("grab")},
                                      {QStringLiteral("manager_id"), darcelId},
                                      {QStringLiteral("outcome"), QStringLiteral("open")}}),
                            token);
        QCOMPARE(deal.json()[QStringLiteral("results")]
                     .toArray()[0]
                     .toObject()[QStringLiteral("error")]
                     .toObject()[QStringLiteral("code")]
                     .toString(),
                 QStringLiteral("out_of_scope"));

        // Pull never shows the foreign client.
        auto pull =
            rawHttp(server_.port(), "GET", "/api/v1/sync/pull?cursor=0&limit=5000", {}, token);
        QCOMPARE(pull.status, 200);
        for (const auto& c : pull.json()[QStringLiteral("changes")].toArray()) {
            QVERIFY(c.toObject()[QStringLiteral("id")].toString() != foreign);
        }
    }

    void invalidValuesAreRefusedPerMutation() {
        auto token =
            loginToken(server_.port(), QStringLiteral("celia.rouche"), QStringLiteral("demo"));
        auto client = scalar(server_.dbPath(), "SELECT id FROM clients LIMIT 1");
        struct Case {
            QString entity;
            QJsonObject fields;
            QString code;
        } cases[] = {
            {QStringLiteral("history_entry"),
             {{QStringLiteral("client_id"), client},
              {QStringLiteral("kind"), QStringLiteral("whatever")},
              {QStringLiteral("summary"), QStringLiteral("x")},
              {QStringLiteral("occurred_at"), 1.0}},
             QStringLiteral("invalid_value")},
            {QStringLiteral("history_entry"),
             {{QStringLiteral("client_id"), QStringLiteral("00000000-0000-4000-8000-000000000000")},
              {QStringLiteral("kind"), QStringLiteral("call")},
              {QStringLiteral("summary"), QStringLiteral("x")},
              {QStringLiteral("occurred_at"), 1.0}},
             QStringLiteral("unknown_reference")},
            {QStringLiteral("history_entry"),
             {{QStringLiteral("client_id"), client},
              {QStringLiteral("kind"), QStringLiteral("call")},
              {QStringLiteral("summary"), 42},
              {QStringLiteral("occurred_at"), 1.0}},
             QStringLiteral("invalid_value")},
            {QStringLiteral("client"),
             {{QStringLiteral("name"), QStringLiteral("X")}, {QStringLiteral("color"), 1}},
             QStringLiteral("unknown_field")},
            {QStringLiteral("user"),
             {{QStringLiteral("login"), QStringLiteral("evil")}},
             QStringLiteral("read_only_field")},
            // Users are created with `fieldbook-server user add`, never pushed (SPEC §1).
            {QStringLiteral("user"),
             {{QStringLiteral("full_name"), QStringLiteral("Evil")},
              {QStringLiteral("role"), QStringLiteral("admin")}},
             QStringLiteral("forbidden")},
            {QStringLiteral("busy_slot"), {}, QStringLiteral("read_only_entity")},
            {QStringLiteral("planet"), {}, QStringLiteral("unknown_entity")},
        };
        for (const auto& c : cases) {
            auto r = rawHttp(
                server_.port(), "POST", "/api/v1/sync/push",
                pushBody(c.entity, QString::fromStdString(fieldbook::domain::newUuid()), c.fields),
                token);
            QCOMPARE(r.status, 200);
            auto res = r.json()[QStringLiteral("results")].toArray()[0].toObject();
            QCOMPARE(res[QStringLiteral("status")].toString(), QStringLiteral("rejected"));
            QCOMPARE(res[QStringLiteral("error")].toObject()[QStringLiteral("code")].toString(),
                     c.code);
        }
        // A manager does not edit the product catalogue (reference data, SPEC §1):
        // the permission matrix refuses edit_reference_lists.
        auto manager =
            loginToken(server_.port(), QStringLiteral("darcel.schlecht"), QStringLiteral("demo"));
        auto product = scalar(server_.dbPath(), "SELECT id FROM products LIMIT 1");
        auto r = rawHttp(server_.port(), "POST", "/api/v1/sync/push",
                         pushBody(QStringLiteral("product"), product,
                                  {{QStringLiteral("list_price_cents"), 1}}, 1),
                         manager);
        QCOMPARE(r.json()[QStringLiteral("results")]
                     .toArray()[0]
                     .toObject()[QStringLiteral("error")]
                     .toObject()[QStringLiteral("code")]
                     .toString(),
                 QStringLiteral("forbidden"));
    }

    void hostileBytesGetAnErrorNotACrash() {
        // Request bytes echoed into an error message must not crash the server
        // (invalid UTF-8), nor may deep nesting or huge numbers.
        auto path =
            rawSend(server_.port(), "GET /\xff HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        QCOMPARE(path.status, 404);
        QCOMPARE(path.errorCode(), QStringLiteral("not_found"));
        auto utf8 = rawHttp(server_.port(), "POST", "/api/v1/login", "{\xc3\xa9}");
        QCOMPARE(utf8.status, 400);
        QCOMPARE(utf8.errorCode(), QStringLiteral("malformed_json"));
        auto huge = rawHttp(server_.port(), "POST", "/api/v1/login", R"({"x":1e999})");
        QCOMPARE(huge.status, 400);
        QCOMPARE(huge.errorCode(), QStringLiteral("malformed_json"));
        auto token =
            loginToken(server_.port(), QStringLiteral("darcel.schlecht"), QStringLiteral("demo"));
        QByteArray deep =
            R"({"mutations":[{"mutation_id":"a","entity":"client","record_id":"b","op":"upsert","base_version":0,"hlc":"x","fields":{"name":)" +
            QByteArray(100000, '[') + QByteArray(100000, ']') + "}}]}";
        auto nested = rawHttp(server_.port(), "POST", "/api/v1/sync/push", deep, token);
        QCOMPARE(nested.status, 400);
        QCOMPARE(nested.errorCode(), QStringLiteral("malformed_json"));
        QCOMPARE(rawHttp(server_.port(), "GET", "/healthz").status, 200);
    }

    void baseVersionFromTheFutureIsRefused() {
        auto token =
            loginToken(server_.port(), QStringLiteral("celia.rouche"), QStringLiteral("demo"));
        auto deal = scalar(server_.dbPath(), "SELECT id FROM deals LIMIT 1");
        for (const char* op : {"upsert", "delete"}) {
            auto body =
                QStringLiteral(
                    R"({"mutations":[{"mutation_id":"%1","entity":"deal","record_id":"%2","op":"%3","base_version":999,"fields":{"notes":"x"},"hlc":"001796030100000-000000-x"}]})")
                    .arg(QString::fromStdString(fieldbook::domain::newUuid()), deal,
                         QLatin1String(op))
                    .toUtf8();
            auto r = rawHttp(server_.port(), "POST", "/api/v1/sync/push", body, token);
            auto res = r.json()[QStringLiteral("results")].toArray()[0].toObject();
            QCOMPARE(res[QStringLiteral("error")].toObject()[QStringLiteral("code")].toString(),
                     QStringLiteral("invalid_base_version"));
        }
    }

    void oldProtocolGets426() {
        auto r = rawHttp(server_.port(), "GET", "/api/v1/sync/pull?cursor=0", {}, "x", 0);
        QCOMPARE(r.status, 426);
        QCOMPARE(r.errorCode(), QStringLiteral("update_required"));
    }

    void nothingChanged() { QCOMPARE(fingerprint(server_.dbPath()), before_); }

    void expiredToken() {
        TestServer shortLived;
        QVERIFY(shortLived.start(true, {QStringLiteral("--token-ttl"), QStringLiteral("1")}));
        auto token = loginToken(shortLived.port(), QStringLiteral("darcel.schlecht"),
                                QStringLiteral("demo"));
        QVERIFY(!token.isEmpty());
        QCOMPARE(rawHttp(shortLived.port(), "GET", "/api/v1/sync/pull?cursor=0&limit=1", {}, token)
                     .status,
                 200);
        QThread::msleep(1200);
        auto r = rawHttp(shortLived.port(), "GET", "/api/v1/sync/pull?cursor=0", {}, token);
        QCOMPARE(r.status, 401);
        QCOMPARE(r.errorCode(), QStringLiteral("token_expired"));
    }

    void stopsCleanlyOnSigterm() { QCOMPARE(server_.stop(), 0); }
};

QTEST_GUILESS_MAIN(TestServerErrors)
#include "tst_server_errors.moc"
