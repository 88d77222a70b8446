// SPDX-License-Identifier: MIT
// Helpers for server tests that push hand-made mutations to a real
// fieldbook-server (tests/support TestServer) and read its database file
// back: one user per role, one mutation at a time, results as JSON.
#pragma once

#include "../shared/qtest_std.h"
#include "domain/clock.h"
#include "domain/entities.h"
#include "raw_http.h"
#include "store/database.h"
#include "sync/schema.h"
#include "test_server.h"

#include <nlohmann/json.hpp>

#include <QtTest>

#include <cstdint>
#include <string>

namespace fieldbook::test {

using nlohmann::json;

/// A fresh HLC stamp text, increasing within the process.
inline std::string nextHlc() {
    static std::int64_t last = 0;
    last = std::max(last + 1, domain::nowMs());
    char buf[32];
    std::snprintf(buf, sizeof buf, "%015lld-000000-", static_cast<long long>(last));
    return std::string(buf) + "test-node";
}

/// One mutation as docs/protocol.md describes it.
inline json mutation(const std::string& entity, const std::string& id, const json& fields,
                     std::int64_t baseVersion = 0, const std::string& op = "upsert") {
    return {{"mutation_id", domain::newUuid()}, {"entity", entity}, {"record_id", id}, {"op", op},
            {"base_version", baseVersion},      {"fields", fields}, {"hlc", nextHlc()}};
}

/// A user logged in over HTTP who pushes mutations.
struct Pusher {
    int port = 0;
    QByteArray token;
    std::string userId;
    std::string role;

    /// Pushes `mutations` in one request; returns the results array (empty on a request error).
    json pushAll(const json& mutations) const {
        auto r = rawHttp(port, "POST", "/api/v1/sync/push",
                         QByteArray::fromStdString(json{{"mutations", mutations}}.dump()), token);
        if (r.status != 200) {
            qWarning("push answered %d: %s", r.status, r.body.constData());
            return json::array();
        }
        return json::parse(r.body.toStdString())["results"];
    }
    /// Pushes one mutation; returns its result object.
    json push(const std::string& entity, const std::string& id, const json& fields,
              std::int64_t baseVersion = 0, const std::string& op = "upsert") const {
        auto results = pushAll(json::array({mutation(entity, id, fields, baseVersion, op)}));
        return results.empty() ? json::object() : results[0];
    }
    /// Creates a record; returns its id, or empty (with a warning) if refused.
    std::string create(const std::string& entity, const json& fields) const {
        auto id = domain::newUuid();
        auto r = push(entity, id, fields);
        if (r.value("status", std::string()) != "applied") {
            qWarning("%s create refused: %s", entity.c_str(), r.dump().c_str());
            return {};
        }
        return id;
    }
};

/// The error code of a push result, "applied" when it was applied.
inline std::string outcomeOf(const json& result) {
    if (result.value("status", std::string()) == "applied") {
        return "applied";
    }
    return result.value("error", json::object()).value("code", std::string("(no answer)"));
}

/// Adds a user with `fieldbook-server user add` (password "demo") and logs in.
inline Pusher addUserAndLogin(TestServer& server, const QString& login, const QString& role) {
    auto r = run(binPath(QStringLiteral("fieldbook-server")),
                 {QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--db"),
                  server.dbPath(), QStringLiteral("--login"), login, QStringLiteral("--name"),
                  login + QStringLiteral(" (") + role + QStringLiteral(")"),
                  QStringLiteral("--role"), role},
                 "demo\n");
    Pusher p;
    if (r.exitCode != 0) {
        qWarning("user add failed: %s", r.err.constData());
        return p;
    }
    p.userId = json::parse(r.out.toStdString())["id"].get<std::string>();
    p.role = role.toStdString();
    p.port = server.port();
    p.token = loginToken(server.port(), login, QStringLiteral("demo"));
    return p;
}

/// Logs in an existing user (e.g. from the sample: darcel.schlecht, celia.rouche).
inline Pusher loginAs(TestServer& server, const QString& login, const std::string& role) {
    Pusher p;
    p.port = server.port();
    p.role = role;
    p.token = loginToken(server.port(), login, QStringLiteral("demo"));
    store::Database d(server.dbPath().toStdString());
    store::Statement st(d, "SELECT id FROM users WHERE login = ?");
    st.bind(1, login.toStdString());
    if (st.step()) {
        p.userId = st.text(0);
    }
    return p;
}

/// A record as the server database holds it: {version, deleted, seq, fields},
/// or null when there is none.
inline json serverRecord(const TestServer& server, const std::string& entity,
                         const std::string& id) {
    const auto* e = domain::findEntity(entity);
    store::Database d(server.dbPath().toStdString());
    store::Statement st(d, "SELECT version, deleted, seq, " + sync::fieldColumns(*e) + " FROM " +
                               std::string(e->table) + " WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) {
        return json();
    }
    json fields = json::object();
    int col = 3;
    for (const auto& f : e->fields) {
        fields[std::string(f.name)] = sync::readField(st, col++, f);
    }
    return {{"version", st.int64(0)},
            {"deleted", st.int64(1) != 0},
            {"seq", st.int64(2)},
            {"fields", fields}};
}

/// Runs one SQL statement with text parameters on the server's database
/// file (test preparation the protocol cannot do, e.g. a record authored by
/// a role that may not create it).
inline void serverExec(const TestServer& server, const std::string& sql,
                       std::initializer_list<std::string> params) {
    store::Database d(server.dbPath().toStdString());
    store::Statement st(d, sql);
    int i = 1;
    for (const auto& p : params) {
        st.bind(i++, p);
    }
    st.run();
}

} // namespace fieldbook::test
