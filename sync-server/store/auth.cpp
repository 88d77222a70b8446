// SPDX-License-Identifier: MIT
#include "store/auth.h"

#include "domain/clock.h"
#include "domain/entities.h"
#include "http/request_log.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <regex>

namespace fieldbook::server {

using store::Statement;

namespace {
constexpr unsigned long long kOpsLimit = 2;
constexpr size_t kMemLimit = 19 * 1024 * 1024;

std::string tokenHash(const std::string& token) {
    std::array<unsigned char, 32> h{};
    crypto_generichash(h.data(), h.size(), reinterpret_cast<const unsigned char*>(token.data()),
                       token.size(), nullptr, 0);
    std::array<char, 65> hex{};
    sodium_bin2hex(hex.data(), hex.size(), h.data(), h.size());
    return hex.data();
}

std::string newToken() {
    std::array<unsigned char, 32> raw{};
    randombytes_buf(raw.data(), raw.size());
    std::array<char, 64> b64{};
    sodium_bin2base64(b64.data(), b64.size(), raw.data(), raw.size(),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return b64.data();
}
} // namespace

std::string hashPassword(const std::string& password) {
    std::array<char, crypto_pwhash_STRBYTES> out{};
    if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), kOpsLimit, kMemLimit,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        throw std::runtime_error("out of memory while hashing a password");
    }
    return out.data();
}

bool verifyPassword(const std::string& hash, const std::string& password) {
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

void validateNewUser(const std::string& login, const std::string& fullName, const std::string& role,
                     const std::string& password) {
    static const std::regex loginRe("[a-z0-9][a-z0-9._-]{1,63}");
    if (!std::regex_match(login, loginRe)) {
        throw ApiError(400, "invalid_login",
                       "login must be 2-64 lower-case letters, digits, '.', '_' or '-'");
    }
    if (!domain::isKnown(domain::roles(), role)) {
        throw ApiError(
            400, "invalid_role",
            "role must be one of manager, telemarketing, support, marketing, head, admin");
    }
    if (fullName.empty()) {
        throw ApiError(400, "invalid_name", "full name must not be empty");
    }
    try {
        (void)nlohmann::json(fullName).dump(); // the serializer checks UTF-8
    } catch (const nlohmann::json::type_error&) {
        throw ApiError(400, "invalid_name", "full name must be UTF-8 text");
    }
    if (password.size() < 4) {
        throw ApiError(400, "weak_password", "password must be at least 4 characters");
    }
}

std::string addUser(ServerDb& db, const std::string& login, const std::string& fullName,
                    const std::string& role, const std::string& password) {
    validateNewUser(login, fullName, role, password);
    auto& d = db.db();
    {
        Statement st(d, "SELECT 1 FROM users WHERE login=?");
        st.bind(1, login);
        if (st.step()) {
            throw ApiError(409, "login_taken", "login " + login + " is already taken");
        }
    }
    auto id = domain::newUuid();
    auto hash = hashPassword(password);
    store::Transaction tx(d);
    Statement ins(d, "INSERT INTO users(id, version, updated_at, updated_by, deleted, login, "
                     "full_name, role, active, seq) VALUES(?,1,?,?,0,?,?,?,1,?)");
    ins.bind(1, id)
        .bind(2, domain::nowMs())
        .bind(3, "system")
        .bind(4, login)
        .bind(5, fullName)
        .bind(6, role)
        .bind(7, db.nextSeq())
        .run();
    Statement cred(d, "INSERT INTO credentials(user_id, password_hash) VALUES(?,?)");
    cred.bind(1, id).bind(2, hash).run();
    tx.commit();
    return id;
}

sync::LoginResponse login(ServerDb& db, const sync::LoginRequest& req, std::int64_t ttlMs) {
    auto& d = db.db();
    noteRequestUser(req.login); // the request log names the login tried
    sync::LoginResponse resp;
    bool found = false;
    bool active = false;
    std::string hash;
    {
        auto lock = db.lock();
        Statement st(d,
                     "SELECT u.id, u.full_name, u.role, u.active, c.password_hash FROM users u "
                     "JOIN credentials c ON c.user_id = u.id WHERE u.login = ? AND u.deleted = 0");
        st.bind(1, req.login);
        if (st.step()) {
            found = true;
            resp.user = {st.text(0), req.login, st.text(1), st.text(2)};
            active = st.int64(3) != 0;
            hash = st.text(4);
        }
    }
    // argon2id costs ~14 ms by design: verify without holding the database lock.
    // An unknown login is verified against a dummy hash so timing does not reveal it.
    static const std::string dummy = hashPassword("fieldbook-dummy-password");
    bool ok = verifyPassword(found ? hash : dummy, req.password);
    if (!found || !ok) {
        throw ApiError(401, "invalid_credentials", "wrong login or password");
    }
    if (!active) {
        throw ApiError(403, "user_inactive", "this account is deactivated; ask an administrator");
    }
    auto now = domain::nowMs();
    auto lock = db.lock();
    store::Transaction tx(d);
    std::string deviceId;
    if (!req.deviceId.empty()) {
        Statement dev(d, "SELECT id FROM devices WHERE id = ? AND user_id = ?");
        dev.bind(1, req.deviceId).bind(2, resp.user.id);
        if (dev.step()) {
            deviceId = req.deviceId;
        }
    }
    if (deviceId.empty()) {
        deviceId = domain::newUuid();
        Statement ins(d, "INSERT INTO devices(id, user_id, name, created_at, last_seen_at) "
                         "VALUES(?,?,?,?,?)");
        ins.bind(1, deviceId)
            .bind(2, resp.user.id)
            .bind(3, req.deviceName.empty() ? std::string("device") : req.deviceName.substr(0, 200))
            .bind(4, now)
            .bind(5, now)
            .run();
    }
    resp.token = newToken();
    resp.expiresAtMs = now + ttlMs;
    resp.deviceId = deviceId;
    Statement tok(d, "INSERT INTO tokens(token_hash, user_id, device_id, created_at, expires_at) "
                     "VALUES(?,?,?,?,?)");
    tok.bind(1, tokenHash(resp.token))
        .bind(2, resp.user.id)
        .bind(3, deviceId)
        .bind(4, now)
        .bind(5, resp.expiresAtMs)
        .run();
    Statement purge(d, "DELETE FROM tokens WHERE expires_at < ?");
    purge.bind(1, static_cast<std::int64_t>(now - 7 * 86400000LL)).run();
    tx.commit();
    return resp;
}

Principal authenticate(ServerDb& db, const std::string& header) {
    const std::string prefix = "Bearer ";
    if (header.empty()) {
        throw ApiError(401, "missing_token", "log in first: this request needs a bearer token");
    }
    // RFC 7235 §2.1: the scheme name is case-insensitive.
    bool bearer = header.size() > prefix.size() &&
                  std::equal(prefix.begin(), prefix.end(), header.begin(), [](char a, char b) {
                      return std::tolower(static_cast<unsigned char>(a)) ==
                             std::tolower(static_cast<unsigned char>(b));
                  });
    if (!bearer) {
        throw ApiError(401, "invalid_token", "Authorization must be \"Bearer TOKEN\"");
    }
    auto token = header.substr(prefix.size());
    // Prepared once per connection (ServerDb::statement): every request checks a token.
    auto st = db.statement("SELECT t.user_id, t.device_id, t.expires_at, u.login, u.role, u.active "
                           "FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?");
    st->bind(1, tokenHash(token));
    if (!st->step()) {
        throw ApiError(401, "invalid_token", "the token is not valid; log in again");
    }
    // The request log names the token's user, refused (expired, deactivated) too.
    noteRequestUser(st->text(3));
    if (st->int64(2) <= domain::nowMs()) {
        throw ApiError(401, "token_expired", "the session has expired; log in again");
    }
    if (st->int64(5) == 0) {
        throw ApiError(403, "user_inactive", "this account is deactivated; ask an administrator");
    }
    return {st->text(0), st->text(3), st->text(4), st->text(1)};
}

} // namespace fieldbook::server
