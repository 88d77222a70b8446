// SPDX-License-Identifier: MIT
#pragma once

#include "store/server_db.h"
#include "sync/protocol.h"

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

namespace fieldbook::server {

/// An authenticated caller: who, with which role, from which device.
struct Principal {
    std::string userId;
    std::string login;
    std::string role;
    std::string deviceId;
};

/// A request the server refuses: HTTP status, stable error code (docs/protocol.md)
/// and a message that says what to do. The message may quote the request: a
/// NUL byte in it is written "\\0" so that what() (a C string) does not end
/// there (as reports::ReportError does).
class ApiError : public std::runtime_error {
  public:
    ApiError(int status, std::string code, const std::string& message)
        : std::runtime_error(sync::escapeNul(message)), status_(status), code_(std::move(code)) {}
    int status() const { return status_; }
    const std::string& code() const { return code_; }

  private:
    int status_;
    std::string code_;
};

/// argon2id hash (libsodium crypto_pwhash_str, m = 19 MiB, t = 2: OWASP's
/// minimum). Throws std::runtime_error when out of memory.
std::string hashPassword(const std::string& password);
bool verifyPassword(const std::string& hash, const std::string& password);

/// Checks a new user's fields without touching a database; throws like addUser.
void validateNewUser(const std::string& login, const std::string& fullName, const std::string& role,
                     const std::string& password);

/// Adds a user (SPEC §1 roles) with a password; returns the new user id.
/// Throws ApiError(400, "invalid_role" | "invalid_login" | "invalid_name" | "weak_password")
/// or ApiError(409, "login_taken"). Caller holds db.lock().
std::string addUser(ServerDb& db, const std::string& login, const std::string& fullName,
                    const std::string& role, const std::string& password);

/// Verifies the password and issues a bearer token valid for `ttlMs`.
/// Registers the device when `req.deviceId` is empty or unknown to this user.
/// Throws ApiError(401, "invalid_credentials") or (403, "user_inactive").
/// Only a hash of the token (BLAKE2b-256) is stored. Takes db.lock() itself,
/// and not while it checks the password: the caller must not hold it.
sync::LoginResponse login(ServerDb& db, const sync::LoginRequest& req, std::int64_t ttlMs);

/// Resolves an "Authorization: Bearer ..." header value.
/// Throws ApiError(401, "missing_token" | "invalid_token" | "token_expired").
Principal authenticate(ServerDb& db, const std::string& authorizationHeader);

} // namespace fieldbook::server
