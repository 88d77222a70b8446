// SPDX-License-Identifier: MIT
#pragma once

// Small conversions from the replica's JSON records to Qt values, for the models.

#include <QDateTime>
#include <QString>

#include <nlohmann/json.hpp>

#include <cstdint>

namespace fieldbook::app {

/// The text at `key`, or an empty string when missing, null or not text.
inline QString jsonText(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_string()) {
        return {};
    }
    return QString::fromStdString(it->get<std::string>());
}

/// The integer at `key`, or `fallback` when missing or null.
inline std::int64_t jsonInt(const nlohmann::json& j, const char* key, std::int64_t fallback = 0) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_number()) {
        return fallback;
    }
    return it->get<std::int64_t>();
}

/// A TimeMs field (ms since the epoch, UTC) as a local date-time; invalid when null.
inline QDateTime jsonTime(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_number()) {
        return {};
    }
    return QDateTime::fromMSecsSinceEpoch(it->get<std::int64_t>());
}

} // namespace fieldbook::app
