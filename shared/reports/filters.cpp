// SPDX-License-Identifier: MIT
#include "domain/clock.h"
#include "reports/report_sql.h"

#include <charconv>

namespace fieldbook::reports {

using nlohmann::json;

namespace {

constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;

/// The latest time a filter takes: 10000-01-01T00:00:00Z in ms (the end of
/// `to=9999-12-31`); the earliest is the epoch.
constexpr std::int64_t kMaxMs = 253402300800000LL;

/// `text` as ms UTC, within [0, kMaxMs]; throws invalid_<key> otherwise.
std::int64_t timeParam(const std::string& key, const std::string& text) {
    std::int64_t ms = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), ms);
    if (ec != std::errc() || p != text.data() + text.size()) {
        auto t = domain::parseIso8601(text);
        if (!t) {
            throw ReportError("invalid_" + key,
                              key +
                                  " must be a date YYYY-MM-DD, an ISO 8601 time or ms since the "
                                  "epoch (UTC), not \"" +
                                  text + "\"");
        }
        // A bare date as `to` includes that whole day.
        ms = key == "to" && text.size() == 10 ? *t + kDayMs : *t;
    }
    if (ms < 0 || ms > kMaxMs) {
        throw ReportError("invalid_" + key, key +
                                                " must lie between 1970-01-01 and 9999-12-31 "
                                                "(0.." +
                                                std::to_string(kMaxMs) + " ms UTC), not \"" + text +
                                                "\"");
    }
    return ms;
}

/// The first column of `sql`'s first row, with `value` as ?1; nullopt: none.
std::optional<std::string> find(store::Database& db, std::string_view sql,
                                const std::string& value) {
    store::Statement st(db, sql);
    st.bind(1, value);
    if (!st.step()) {
        return std::nullopt;
    }
    return st.text(0);
}

/// The values `sql` lists (one text column), for a refusal's message:
/// "a, b, c", the first kMaxKnown then "and N more"; "none" when empty.
std::string known(store::Database& db, std::string_view sql) {
    constexpr int kMaxKnown = 40;
    store::Statement st(db, sql);
    std::string out;
    int n = 0;
    while (st.step()) {
        if (n++ < kMaxKnown) {
            out += (out.empty() ? "" : ", ") + st.text(0);
        }
    }
    if (n > kMaxKnown) {
        out += " and " + std::to_string(n - kMaxKnown) + " more";
    }
    return out.empty() ? "none" : out;
}

} // namespace

json Filters::toJson() const {
    json out = json::object();
    if (fromMs) {
        out["from"] = *fromMs;
    }
    if (toMs) {
        out["to"] = *toMs;
    }
    for (auto [k, v] : {std::pair<const char*, const std::string*>{"manager", &managerId},
                        {"team", &team},
                        {"segment", &segment},
                        {"product", &productId}}) {
        if (!v->empty()) {
            out[k] = *v;
        }
    }
    return out;
}

Filters parseFilters(store::Database& db, const std::map<std::string, std::string>& params) {
    Filters f;
    for (const auto& [key, value] : params) {
        if (key != "from" && key != "to" && key != "manager" && key != "team" && key != "segment" &&
            key != "product") {
            throw ReportError("unknown_filter", "unknown filter \"" + key +
                                                    "\"; filters: from, to, manager, team, "
                                                    "segment, product");
        }
        if (value.empty()) {
            continue;
        }
        if (key == "from") {
            f.fromMs = timeParam(key, value);
        } else if (key == "to") {
            f.toMs = timeParam(key, value);
        } else if (key == "manager") {
            constexpr std::string_view kFind =
                "SELECT id FROM users WHERE (login = ?1 OR id = ?1) LIMIT 1";
            auto found = find(db, kFind, value);
            if (!found) {
                throw ReportError("unknown_manager",
                                  "no user \"" + value + "\": give a login or a user id; logins: " +
                                      known(db, "SELECT login FROM users WHERE deleted = 0 "
                                                "ORDER BY role <> 'manager', login"));
            }
            f.managerId = *found;
        } else if (key == "team") {
            // Any case: the team's name as stored is what filters.
            constexpr std::string_view kFind =
                "SELECT team FROM users WHERE lower(team) = lower(?1) AND deleted = 0 "
                "ORDER BY team = ?1 DESC, team LIMIT 1";
            auto found = find(db, kFind, value);
            if (!found) {
                throw ReportError("unknown_team",
                                  "no user is in team \"" + value + "\"; teams: " +
                                      known(db, "SELECT DISTINCT team FROM users WHERE deleted = 0 "
                                                "AND COALESCE(team, '') <> '' ORDER BY team"));
            }
            f.team = *found;
        } else if (key == "segment") {
            // Any case, a code or its label (as team and product): the
            // stored code is what filters.
            constexpr std::string_view kFind =
                "SELECT lower(?1) WHERE lower(?1) IN ('small', 'medium', 'large', 'enterprise') "
                "UNION ALL SELECT code FROM (SELECT code FROM reference_items WHERE "
                "list IN ('industry', 'region') AND deleted = 0 AND (lower(code) = lower(?1) "
                "OR lower(label) = lower(?1)) ORDER BY code = ?1 DESC, lower(code) = lower(?1) "
                "DESC, code LIMIT 1) LIMIT 1";
            auto found = find(db, kFind, value);
            if (!found) {
                throw ReportError(
                    "unknown_segment",
                    "no segment \"" + value +
                        "\": give an industry or region code, or a size; segments: " +
                        known(db, "SELECT code FROM (SELECT DISTINCT code, list FROM "
                                  "reference_items WHERE list IN ('industry', 'region') AND "
                                  "deleted = 0 ORDER BY list, code) UNION ALL SELECT 'small' "
                                  "UNION ALL SELECT 'medium' UNION ALL SELECT 'large' UNION ALL "
                                  "SELECT 'enterprise'"));
            }
            f.segment = *found;
        } else {
            constexpr std::string_view kFind =
                "SELECT id FROM products WHERE deleted = 0 AND (id = ?1 OR "
                "lower(name) = lower(?1)) LIMIT 1";
            auto found = find(db, kFind, value);
            if (!found) {
                throw ReportError("unknown_product",
                                  "no product \"" + value +
                                      "\": give a product name or id; products: " +
                                      known(db, "SELECT name FROM products WHERE deleted = 0 "
                                                "ORDER BY name"));
            }
            f.productId = *found;
        }
    }
    if (f.fromMs && f.toMs && *f.fromMs >= *f.toMs) {
        throw ReportError("invalid_period", "from must be before to");
    }
    return f;
}

} // namespace fieldbook::reports
