// SPDX-License-Identifier: MIT
#include "http/request_log.h"

#include "domain/clock.h"

#include <cstdio>
#include <string_view>

namespace fieldbook::server {

namespace {
thread_local RequestNote current;

/// At most `limit` bytes of `text`, spaces and control characters as '?'.
std::string printable(std::string_view text, std::size_t limit) {
    std::string out(text.substr(0, limit));
    for (auto& c : out) {
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
            c = '?';
        }
    }
    return out;
}
} // namespace

void beginRequestNote() {
    current = {};
}

void noteRequestUser(const std::string& login) {
    current.login = login;
}

void noteRequestCounts(std::string counts) {
    current.counts = std::move(counts);
}

RequestNote takeRequestNote() {
    RequestNote out = std::move(current);
    current = {};
    return out;
}

std::string requestLogLine(std::int64_t nowMs, const std::string& client, const std::string& method,
                           std::string_view target, unsigned status, const std::string& errorCode,
                           const RequestNote& note, std::int64_t durationMs) {
    auto path = target.substr(0, target.find('?'));
    std::string line = domain::formatIso8601(nowMs) + " " + client + " " +
                       printable(method.empty() ? "-" : method, 16) + " " +
                       printable(path.empty() ? "-" : path, 200) + " " + std::to_string(status);
    if (!note.login.empty()) {
        line += " user=" + printable(note.login, 64);
    }
    if (!errorCode.empty()) {
        line += " error=" + printable(errorCode, 64);
    }
    line += " " + std::to_string(durationMs) + "ms";
    if (!note.counts.empty()) {
        line += " " + note.counts;
    }
    line += "\n";
    return line;
}

void writeRequestLog(const std::string& line) {
    std::fwrite(line.data(), 1, line.size(), stderr);
}

} // namespace fieldbook::server
