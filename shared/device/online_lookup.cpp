// SPDX-License-Identifier: MIT
#include "device/online_lookup.h"

namespace fieldbook::device {

using nlohmann::json;

std::string urlEncode(std::string_view text) {
    static const char* kHex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

std::optional<json> findDuplicatesOnline(Transport& transport, const Session& session,
                                         const json& clientFields) {
    std::string query;
    for (const char* key : {"name", "tax_id", "phone", "city"}) {
        auto v = clientFields.value(key, json());
        if (v.is_string() && !v.get<std::string>().empty()) {
            query += (query.empty() ? "?" : "&") + std::string(key) + "=" +
                     urlEncode(v.get<std::string>());
        }
    }
    try {
        auto r = transport.request("GET", "/api/v1/clients/duplicates" + query, "", session.token);
        if (r.status != 200) {
            return std::nullopt;
        }
        auto body = json::parse(r.body, nullptr, false);
        if (body.is_object() && body.contains("duplicates")) {
            body = body["duplicates"];
        }
        if (!body.is_array()) {
            return std::nullopt;
        }
        for (const auto& d : body) {
            if (!d.is_object() || !d.value("id", json()).is_string()) {
                return std::nullopt;
            }
        }
        return body;
    } catch (const NetworkError&) {
        return std::nullopt;
    }
}

} // namespace fieldbook::device
