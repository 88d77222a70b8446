// SPDX-License-Identifier: MIT
#include "convergence_harness.h"

#include "device/http_transport.h"
#include "device/replica.h"
#include "domain/entities.h"
#include "store/database.h"
#include "sync/protocol.h"
#include "sync/schema.h"

#include <cstdio>
#include <random>
#include <sstream>

namespace fieldbook::test {

using nlohmann::json;

device::HttpResponse RecordingTransport::request(std::string_view method, std::string_view target,
                                                 std::string_view body, std::string_view bearer) {
    auto r = inner_.request(method, target, body, bearer);
    if (r.status != 200 || target != "/api/v1/sync/push") {
        return r;
    }
    auto req = json::parse(body, nullptr, false);
    auto resp = json::parse(r.body, nullptr, false);
    if (!req.is_object() || !resp.is_object() || !resp.contains("results")) {
        return r;
    }
    const auto& muts = req["mutations"];
    const auto& results = resp["results"];
    for (std::size_t i = 0; i < results.size() && i < muts.size(); ++i) {
        const auto& m = muts[i];
        auto id = m.value("mutation_id", std::string());
        if (results[i].value("status", std::string()) == "rejected" &&
            !results[i].value("duplicate", false)) {
            rejections_.push_back(
                m.value("entity", std::string()) + " " + m.value("record_id", std::string()) + " " +
                results[i].value("error", json::object()).value("code", std::string()));
        }
        if (results[i].value("status", std::string()) != "applied" || !seen_.insert(id).second) {
            continue;
        }
        if (m.value("op", std::string()) == "delete") { // field "": the record's delete
            acked_.push_back({m["entity"].get<std::string>(), m["record_id"].get<std::string>(),
                              std::string(), json(true), name_, id});
            continue;
        }
        auto fields = m.value("fields", json::object());
        for (const auto& [field, value] : fields.items()) {
            acked_.push_back({m["entity"].get<std::string>(), m["record_id"].get<std::string>(),
                              field, value, name_, id});
        }
    }
    return r;
}

std::vector<std::string> RecordingTransport::takeRejections() {
    std::vector<std::string> out;
    out.swap(rejections_);
    return out;
}

CanonicalDump dumpReplica(const std::string& replicaPath) {
    store::Database db(replicaPath);
    store::ReadTransaction snapshot(db);
    CanonicalDump out;
    for (const auto& e : domain::entities()) {
        store::Statement st(db, "SELECT id, version, " + sync::fieldColumns(e) + " FROM " +
                                    std::string(e.table) + " WHERE deleted = 0");
        while (st.step()) {
            json r = {{"version", st.int64(1)}};
            int col = 2;
            for (const auto& f : e.fields) {
                r[std::string(f.name)] = sync::readField(st, col++, f);
            }
            out[std::string(e.name) + "/" + st.text(0)] = std::move(r);
        }
    }
    return out;
}

CanonicalDump dumpServerScope(device::Transport& transport, const std::string& token) {
    CanonicalDump out;
    std::int64_t cursor = 0;
    for (;;) {
        auto r = transport.request(
            "GET", "/api/v1/sync/pull?cursor=" + std::to_string(cursor) + "&limit=5000", {}, token);
        if (r.status != 200) {
            throw device::SyncError(device::SyncError::Kind::Server, r.status, "pull_failed",
                                    "pull for the dump: HTTP " + std::to_string(r.status) + " " +
                                        r.body);
        }
        auto page = sync::pullResponseFromJson(json::parse(r.body));
        for (const auto& c : page.changes) {
            auto key = c.entity + "/" + c.id;
            if (c.deleted) {
                out.erase(key); // a later position in the stream decides
                continue;
            }
            json rec = {{"version", c.version}};
            const auto* e = domain::findEntity(c.entity);
            for (const auto& f : e->fields) {
                auto it = c.fields.find(std::string(f.name));
                rec[std::string(f.name)] = it == c.fields.end() ? json(nullptr) : *it;
            }
            out[key] = std::move(rec);
        }
        cursor = page.cursor;
        if (!page.hasMore) {
            return out;
        }
    }
}

std::vector<std::string> dumpDifferences(const CanonicalDump& replica, const CanonicalDump& server,
                                         std::size_t limit) {
    std::vector<std::string> out;
    auto add = [&](std::string line) {
        if (out.size() < limit) {
            out.push_back(std::move(line));
        }
    };
    for (const auto& [key, rec] : replica) {
        auto it = server.find(key);
        if (it == server.end()) {
            add("only on the device: " + key + " " + rec.dump());
        } else if (it->second != rec) {
            add("differs: " + key + "\n    device: " + rec.dump() +
                "\n    server: " + it->second.dump());
        }
    }
    for (const auto& [key, rec] : server) {
        if (!replica.count(key)) {
            add("missing on the device: " + key + " " + rec.dump());
        }
    }
    return out;
}

std::string integrityCheck(const std::string& path) {
    store::Database db(path);
    store::Statement st(db, "PRAGMA integrity_check");
    return st.step() ? st.text(0) : std::string("no answer");
}

namespace {
/// The end of the merge chain of client `id` (itself when never merged).
std::string survivorOf(store::Database& db, const std::string& id) {
    std::string at = id;
    for (int i = 0; i < 64; ++i) {
        store::Statement st(db, "SELECT merged_into FROM clients WHERE id = ?");
        st.bind(1, at);
        if (!st.step() || st.isNull(0)) {
            break;
        }
        at = st.text(0);
    }
    return at;
}

// Client fields a merge keeps on the merged card's tombstone by design
// (docs/conflicts.md "Merging duplicates": the survivor's curator stays,
// the flags naming the merged card are the merge's own).
bool notCarriedByMerge(const std::string& field) {
    return field == "curator_id" || field == "duplicate_of" || field == "parent_client_id";
}
} // namespace

std::vector<std::string> lostWrites(const std::string& serverDb,
                                    const std::vector<AckedWrite>& acked) {
    store::Database db(serverDb);
    store::ReadTransaction snapshot(db);
    std::vector<std::string> out;
    // A client write lands on the end of its card's merge chain (an edit of
    // a merged card is redirected to the survivor), so writes are keyed by
    // that card.
    auto home = [&](const AckedWrite& w) {
        return w.entity == "client" && w.field != "merged_into" ? survivorOf(db, w.recordId)
                                                                : w.recordId;
    };
    std::map<std::string, std::size_t> lastWriteOf;  // entity/id/field -> index in acked
    std::map<std::string, std::size_t> lastDeleteOf; // entity/id -> index of its last delete
    std::vector<std::string> homes;
    for (std::size_t i = 0; i < acked.size(); ++i) {
        homes.push_back(home(acked[i]));
        if (acked[i].field.empty()) {
            lastDeleteOf[acked[i].entity + "/" + homes[i]] = i;
        } else {
            lastWriteOf[acked[i].entity + "/" + homes[i] + "/" + acked[i].field] = i;
        }
    }
    auto loggedLoser = [&](const AckedWrite& w, const std::string& recordId) {
        store::Statement conflicts(db, "SELECT rule, loser_value FROM conflicts WHERE entity = ? "
                                       "AND record_id = ? AND field = ? AND deleted = 0");
        conflicts.bind(1, w.entity).bind(2, recordId).bind(3, w.field);
        while (conflicts.step()) {
            auto loser = json::parse(conflicts.text(1), nullptr, false);
            if (!conflicts.text(0).empty() && loser == w.value) {
                return true;
            }
        }
        return false;
    };
    for (std::size_t i = 0; i < acked.size(); ++i) {
        const auto& w = acked[i];
        if (w.field.empty()) {
            continue; // a delete: checked through the records it deleted
        }
        const auto& at = homes[i];
        bool overwritten = lastWriteOf[w.entity + "/" + at + "/" + w.field] != i;
        auto del = lastDeleteOf.find(w.entity + "/" + at);
        bool deletedLater = del != lastDeleteOf.end() && del->second > i;
        const auto* e = domain::findEntity(w.entity);
        const auto* f = e ? domain::findField(*e, w.field) : nullptr;
        if (!f) {
            out.push_back("unknown field " + w.entity + "." + w.field);
            continue;
        }
        if (overwritten || loggedLoser(w, w.recordId) || (at != w.recordId && loggedLoser(w, at))) {
            continue;
        }
        // A reference to a merged card names its survivor on the server.
        json expected = w.value;
        if (w.value.is_string() && domain::referencedEntity(w.entity, w.field) == "client") {
            expected = survivorOf(db, w.value.get<std::string>());
        }
        auto read = [&](const std::string& id, json& value, bool& deleted) {
            store::Statement st(db, "SELECT deleted, " + std::string(w.field) + " FROM " +
                                        std::string(e->table) + " WHERE id = ?");
            st.bind(1, id);
            if (!st.step()) {
                return false;
            }
            deleted = st.int64(0) != 0;
            value = sync::readField(st, 1, *f);
            return true;
        };
        json stored;
        bool deleted = false;
        if (!read(at, stored, deleted)) {
            out.push_back(w.entity + "/" + w.recordId + " is not on the server, yet " + w.device +
                          "'s mutation " + w.mutationId + " was applied");
            continue;
        }
        if (stored.is_string() && domain::referencedEntity(w.entity, w.field) == "client") {
            stored = survivorOf(db, stored.get<std::string>());
        }
        // A merge's own tombstone holds its merged_into.
        if (stored == expected && (!deleted || deletedLater || w.field == "merged_into")) {
            continue;
        }
        if (at != w.recordId && notCarriedByMerge(w.field)) {
            json onTombstone;
            bool gone = false;
            if (read(w.recordId, onTombstone, gone) && onTombstone == expected) {
                continue; // kept on the merged card, by the merge rule
            }
        }
        out.push_back(
            w.entity + "/" + w.recordId + (at != w.recordId ? " (merged into " + at + ")" : "") +
            "." + w.field + ": " + w.device + " wrote " + w.value.dump() + " (mutation " +
            w.mutationId + ", applied), the server holds " + stored.dump() +
            (deleted ? " on a tombstone" : "") + ", and no conflict record names the lost value");
    }
    return out;
}

std::string reproCommand(std::uint64_t seed) {
    return "FIELDBOOK_SEED=" + std::to_string(seed) +
           " build/default/bin/tst_convergence   # or: build/default/bin/soak --seed " +
           std::to_string(seed);
}

} // namespace fieldbook::test
