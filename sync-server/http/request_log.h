// SPDX-License-Identifier: MIT
#pragma once

// The server's request log (docs/operations.md "Log"): one line per HTTP
// request on standard error, written by HttpSession when it sends the
// answer. What only the handler knows (the user's login, a push's or pull's
// counts) is noted on the handling thread, which runs the request's route()
// synchronously (a report's authorization included), and taken by the
// session right after. Never a token, a password or a query string.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

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

/// One log line (with its "\n"): ISO 8601 UTC time to the millisecond
/// (2026-11-30T04:41:07.123Z), client address,
/// method, path (anything after '?' dropped), status, "user=LOGIN" when
/// known, the error code of a refusal, the duration in ms, the counts.
/// Control characters and spaces in the path or login are written as '?'.
std::string requestLogLine(std::int64_t nowMs, const std::string& client, const std::string& method,
                           std::string_view target, unsigned status, const std::string& errorCode,
                           const RequestNote& note, std::int64_t durationMs);

/// Starts the server log's writer (`serve`): from then on writeServerLog()
/// only queues a line (at most `bufferLines`; spdlog's async logger with
/// the overrun_oldest policy) and a thread of its own writes the queue to
/// standard error, so a slow or unread stderr never holds a request
/// (break-it F1: a pipe nobody reads stopped the server). When the queue is
/// full the oldest line is dropped; "fieldbook-server: N log lines dropped"
/// is written once there is room again. Idempotent; the first call decides
/// the size. Before it (other commands) lines are written at once.
void startServerLog(std::size_t bufferLines);

/// Writes `line` (ending in "\n") to standard error: queued once
/// startServerLog() ran (never blocks, may be dropped), else written at once
/// in one call. Thread-safe.
void writeServerLog(const std::string& line);

/// The request log's line: writeServerLog().
inline void writeRequestLog(const std::string& line) {
    writeServerLog(line);
}

/// Waits until every queued line is written or dropped, at most `timeoutMs`
/// ms (a stderr nobody reads does not hold the server's exit); returns
/// whether it was. Meant for the server's stop.
bool drainServerLog(std::int64_t timeoutMs);

} // namespace fieldbook::server
