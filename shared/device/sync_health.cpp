// SPDX-License-Identifier: MIT
#include "device/sync_health.h"

#include "device/sync_engine.h"
#include "store/database.h"

#include <nlohmann/json.hpp>

namespace fieldbook::device {

using nlohmann::json;

namespace {
constexpr const char* kKey = "sync_health";
constexpr int kPersistentAfter = 3; // as SyncScheduler::Options::persistentAfter
} // namespace

bool SyncHealth::stopped() const {
    return consecutiveFailures > 0 && (kind == "auth" || kind == "update_required");
}

bool SyncHealth::persistent() const {
    return consecutiveFailures >= kPersistentAfter || stopped();
}

SyncHealth syncHealth(Replica& replica) {
    SyncHealth h;
    auto raw = replica.meta(kKey);
    if (raw.empty()) {
        return h;
    }
    try {
        auto j = json::parse(raw);
        h.consecutiveFailures = j.value("failures", 0);
        h.code = j.value("code", "");
        h.kind = j.value("kind", "");
        h.failingSinceMs = j.value("since", std::int64_t{0});
    } catch (const json::exception&) { // NOLINT(bugprone-empty-catch): unreadable = healthy
    }
    return h;
}

void recordSyncHealth(Replica& replica, std::int64_t atMs, bool ok, const std::string& code,
                      const std::string& kind) {
    if (ok) {
        replica.setMeta(kKey, "");
        return;
    }
    auto h = syncHealth(replica);
    json j{{"failures", h.consecutiveFailures + 1},
           {"code", code},
           {"kind", kind},
           {"since", h.failingSinceMs ? h.failingSinceMs : atMs}};
    replica.setMeta(kKey, j.dump());
}

ClassifiedFailure classifyFailure(std::exception_ptr e) {
    ClassifiedFailure f;
    try {
        std::rethrow_exception(e);
    } catch (const SyncError& s) {
        f.code = s.code();
        f.message = s.what();
        switch (s.kind()) {
        case SyncError::Kind::Network:
            f.kind = SyncFailure::Network;
            f.kindName = "network";
            break;
        case SyncError::Kind::Auth:
            f.kind = SyncFailure::Auth;
            f.kindName = "auth";
            break;
        case SyncError::Kind::Protocol:
            f.kind = SyncFailure::Protocol;
            f.kindName = "protocol";
            break;
        case SyncError::Kind::Server:
            f.kind = SyncFailure::Server;
            f.kindName = "server";
            break;
        case SyncError::Kind::UpdateRequired:
            f.kind = SyncFailure::UpdateRequired;
            f.kindName = "update_required";
            break;
        }
    } catch (const NetworkError& n) {
        f.kind = SyncFailure::Network;
        f.kindName = "network";
        f.code = "network";
        f.message = n.what();
    } catch (const store::StoreError& s) {
        f.kind = SyncFailure::Storage;
        f.kindName = "storage";
        f.code = "storage";
        f.message = s.what();
    } catch (const std::exception& x) {
        f.kind = SyncFailure::Protocol;
        f.kindName = "protocol";
        f.code = "internal";
        f.message = x.what();
    }
    return f;
}

std::string stoppedAdvice(const std::string& kind, const std::string& code) {
    if (kind == "update_required") {
        return "the server needs a newer app: please update Fieldbook; syncing stopped until then";
    }
    if (kind == "auth" && code == "user_inactive") {
        return "this account is deactivated on the server: ask an administrator to activate it "
               "(logging in again cannot help); syncing stopped until then";
    }
    if (kind == "auth") {
        return "the server no longer accepts this session: log in again; syncing stopped until "
               "then";
    }
    return {};
}

} // namespace fieldbook::device
