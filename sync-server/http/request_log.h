// SPDX-License-Identifier: MIT
#pragma once

// The server's request log (docs/operations.md "Log"): one line per HTTP
// request on standard error, written by HttpSession when it sends the
// answer. What only the handler knows (the user's login, a push's or pull's
// counts) is noted on the handling thread, which runs the request's route()
// synchronously (a report's authorization included), and taken by the
// session right after. Never a token, a password or a query string.

#include <cstdint>
#include <string>

namespace fieldbook::server {

/// What a handler noted about the request it answers on this thread.
struct RequestNote {
    std::string login;  ///< the authenticated user, or the login tried; empty: unknown
    std::string counts; ///< e.g. "applied=3 rejected=1" or "records=200"; empty: none
};

/// Clears this thread's note (before a request is handled).
void beginRequestNote();
/// Notes the request's user login (store/auth.cpp: authenticate, login).
void noteRequestUser(const std::string& login);
/// Notes the request's counts (push: applied/rejected; pull: records sent).
void noteRequestCounts(std::string counts);
/// Returns this thread's note and clears it.
RequestNote takeRequestNote();

/// One log line (with its "\n"): ISO 8601 UTC time (ms), client address,
/// method, path (anything after '?' dropped), status, "user=LOGIN" when
/// known, the error code of a refusal, the duration in ms, the counts.
/// Control characters and spaces in the path or login are written as '?'.
std::string requestLogLine(std::int64_t nowMs, const std::string& client, const std::string& method,
                           std::string_view target, unsigned status, const std::string& errorCode,
                           const RequestNote& note, std::int64_t durationMs);

/// Writes `line` to standard error in one call (stderr is unbuffered: one
/// write(2), so lines of concurrent requests do not interleave); takes no
/// lock of ours.
void writeRequestLog(const std::string& line);

} // namespace fieldbook::server
