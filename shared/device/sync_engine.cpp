// SPDX-License-Identifier: MIT
#include "device/sync_engine.h"

#include "device/download_batch.h"
#include "device/http_transport.h"
#include "device/replica_indexes.h"
#include "domain/clock.h"
#include "sync/pulled_page.h"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <future>
#include <optional>

namespace fieldbook::device {

using nlohmann::json;

namespace {
/// Maps a non-2xx answer to a SyncError carrying the server's error code.
[[noreturn]] void throwHttp(const HttpResponse& r) {
    std::string code = "http_" + std::to_string(r.status);
    std::string message = "server answered HTTP " + std::to_string(r.status);
    try {
        auto j = json::parse(r.body);
        if (j.contains("error") && j["error"].is_object()) {
            code = j["error"].value("code", code);
            message = j["error"].value("message", message);
        }
    } catch (const json::exception&) { // NOLINT(bugprone-empty-catch): keep the HTTP status text
    }
    using K = SyncError::Kind;
    K kind = r.status == 401 || r.status == 403 ? K::Auth
             : r.status == 426                  ? K::UpdateRequired
             : r.status >= 500                  ? K::Server
                                                : K::Protocol;
    throw SyncError(kind, r.status, code, message);
}

/// CPU seconds the calling thread has used (user + system).
double threadCpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

/// Adds the calling thread's CPU seconds from construction to destruction to `sum`.
class ThreadCpu {
  public:
    explicit ThreadCpu(double& sum) : sum_(sum), start_(threadCpuSeconds()) {}
    ~ThreadCpu() { sum_ += threadCpuSeconds() - start_; }
    ThreadCpu(const ThreadCpu&) = delete;
    ThreadCpu& operator=(const ThreadCpu&) = delete;

  private:
    double& sum_;
    double start_;
};

json parseBody(const HttpResponse& r) {
    try {
        return json::parse(r.body);
    } catch (const json::exception& e) {
        throw SyncError(SyncError::Kind::Protocol, r.status, "bad_response",
                        std::string("server sent invalid JSON: ") + e.what());
    }
}
} // namespace

SyncEngine::SyncEngine(Replica& replica, Transport& transport)
    : replica_(replica), transport_(transport) {}

HttpResponse SyncEngine::call(std::string_view method, std::string_view target,
                              std::string_view body, std::string_view bearer) {
    auto r = transport_.request(method, target, body, bearer);
    if (r.status < 200 || r.status >= 300) {
        throwHttp(r);
    }
    return r;
}

sync::LoginResponse SyncEngine::login(const std::string& givenUrl, const std::string& login,
                                      const std::string& password, const std::string& deviceName) {
    // One spelling per server, stored and compared: "http://h:8787/" is
    // "http://h:8787" (fresh-user: the slash counted as another server).
    auto sameSpelling = [](const std::string& url) {
        return HttpTransport::validateUrl(url).empty() ? HttpTransport::normaliseUrl(url) : url;
    };
    const auto serverUrl = sameSpelling(givenUrl);
    auto existing = replica_.session();
    sync::LoginRequest req{login, password, existing ? existing->deviceId : std::string(),
                           deviceName};
    bool otherServer =
        existing && !existing->serverUrl.empty() && sameSpelling(existing->serverUrl) != serverUrl;
    if (existing && !existing->login.empty() && (existing->login != login || otherServer) &&
        replica_.status().pending > 0) {
        throw SyncError(SyncError::Kind::Auth, 0, "replica_owned_by_other_user",
                        "this device holds unsynced edits of " + existing->login + " for " +
                            existing->serverUrl +
                            "; sync them before logging in as someone else or elsewhere");
    }
    auto r = call("POST", "/api/v1/login", sync::toJson(req).dump(), "");
    sync::LoginResponse resp;
    try {
        resp = sync::loginResponseFromJson(parseBody(r));
    } catch (const sync::ProtocolError& e) {
        throw SyncError(SyncError::Kind::Protocol, r.status, "bad_response", e.what());
    }
    if (existing && !existing->userId.empty() &&
        (existing->userId != resp.user.id || otherServer)) {
        // Another user's or another server's replica: start from an empty scope
        // (the outbox is empty, checked above), and keep nothing of theirs.
        replica_.resetForNewOwner();
    }
    Session s;
    s.serverUrl = serverUrl;
    s.token = resp.token;
    s.tokenExpiresAtMs = resp.expiresAtMs;
    s.deviceId = resp.deviceId;
    s.userId = resp.user.id;
    s.login = resp.user.login;
    s.fullName = resp.user.fullName;
    s.role = resp.user.role;
    replica_.saveSession(s);
    return resp;
}

SyncSummary SyncEngine::sync() {
    auto s = replica_.session();
    if (!s || s->token.empty()) {
        throw SyncError(SyncError::Kind::Auth, 0, "not_logged_in",
                        "log in first: fieldbook-cli login --server URL --user LOGIN");
    }
    SyncSummary summary;
    // Conflict records this sync brings to the log, however they come: in a
    // push's answer or by the pull that follows (the loser of a collision
    // decided by someone else's push hears of it only by pull).
    const int conflictsBefore = replica_.status().conflicts;
    try {
        for (int round = 0;; ++round) {
            try {
                if (replica_.pullPosition().fresh) {
                    // A fresh download first (resumed if it was cut off): the
                    // pending edits are re-based on it before they are pushed.
                    // One resumed from an earlier sync counts as this one's.
                    summary.freshDownloads += round == 0 ? 1 : 0;
                    pullAll(s->token, summary);
                }
                pushAll(s->token, summary);
                pullAll(s->token, summary);
                break;
            } catch (const SyncError& e) {
                // The server went back in time (restore) or forgot deletions
                // this device has not seen (compaction): download afresh,
                // keeping every edit. Twice at most per sync.
                bool restored = e.code() == "server_restored";
                if (round >= 2 || (!restored && e.code() != "cursor_expired")) {
                    throw;
                }
                replica_.beginFreshDownload(restored);
                ++summary.freshDownloads;
            }
        }
    } catch (const std::exception& e) {
        try {
            replica_.recordSyncAttempt(domain::nowMs(), e.what());
        } catch (const std::exception&) {
            // Recording needs a write (a full disk refuses it): the sync's
            // own error is the one to report, not this one.
        }
        throw;
    }
    replica_.recordSyncAttempt(domain::nowMs(), "");
    summary.conflicts = std::max(0, replica_.status().conflicts - conflictsBefore);
    return summary;
}

std::vector<sync::Mutation> SyncEngine::nextPushBatch(const std::vector<sync::Mutation>& sent) {
    // The outbox still holds `sent` (its answers are not applied yet) as its
    // oldest entries: nothing else takes entries out during a push.
    auto batch = replica_.outbox(pushBatchSize, static_cast<int>(sent.size()));
    // Keep each request well under the server's body limit (docs/protocol.md).
    std::size_t bytes = 0;
    for (std::size_t i = 0; i < batch.size(); ++i) {
        bytes += sync::dumpSafe(sync::toJson(batch[i])).size() + 1;
        if (bytes > pushBatchBytes && i > 0) {
            batch.resize(i);
            break;
        }
    }
    return batch;
}

void SyncEngine::pushAll(const std::string& token, SyncSummary& summary) {
    // With pushAhead the next batch is sent once this one is answered, and
    // its answer awaited while this one's answers are applied (issue 6): the
    // server has committed a batch before it answers, so the requests reach
    // it in the outbox's order as before; the replica is only used here.
    auto batch = nextPushBatch({});
    std::future<HttpResponse> inFlight;
    auto send = [&](std::vector<sync::Mutation> b) {
        sync::PushRequest req;
        req.mutations = std::move(b);
        auto pos = replica_.pullPosition();
        // The server checks the position before applying anything; during a
        // first download the snapshot is where the device stands.
        req.epoch = pos.epoch;
        req.cursor = std::max(pos.cursor, pos.snapshot);
        auto body = sync::toJson(req).dump();
        return std::async(pushAhead ? std::launch::async : std::launch::deferred,
                          [this, body = std::move(body), &token] {
                              return call("POST", "/api/v1/sync/push", body, token);
                          });
    };
    if (!batch.empty()) {
        inFlight = send(batch);
    }
    while (!batch.empty()) {
        auto r = inFlight.get(); // a failure of that request is this batch's failure
        auto next = nextPushBatch(batch);
        if (!next.empty()) {
            inFlight = send(next);
        }
        sync::PushResponse resp;
        try {
            resp = sync::pushResponseFromJson(parseBody(r));
        } catch (const sync::ProtocolError& e) {
            throw SyncError(SyncError::Kind::Protocol, r.status, "bad_response", e.what());
        }
        replica_.observeServerTime(resp.serverTimeMs);
        for (const auto& m : resp.results) {
            if (m.status == "applied") {
                ++summary.pushed;
            } else {
                ++summary.rejected;
            }
        }
        replica_.applyPushResults(resp.results);
        if (resp.results.size() < batch.size()) {
            throw SyncError(SyncError::Kind::Protocol, r.status, "bad_response",
                            "server answered fewer mutations than were pushed");
        }
        batch = std::move(next);
    }
}

namespace {
/// A larger replica page cache while a first or fresh download runs, the
/// default again after it, also when it fails (issue 6, docs/performance.md).
class DownloadPageCache {
  public:
    DownloadPageCache(Replica& replica, int kib) : replica_(replica) {
        replica_.setPageCacheKib(kib);
    }
    ~DownloadPageCache() {
        try {
            replica_.setPageCacheKib(kDefaultPageCacheKib);
        } catch (const std::exception&) {
            // The connection keeps the larger cache: memory, not data.
        }
    }
    DownloadPageCache(const DownloadPageCache&) = delete;
    DownloadPageCache& operator=(const DownloadPageCache&) = delete;

  private:
    static constexpr int kDefaultPageCacheKib = 2000; // SQLite's default, -2000
    Replica& replica_;
};

/// The secondary indexes of a first download into an empty replica: dropped
/// (those the download does not read) when made, built by build() in the
/// last page's transaction or, whatever stopped the download, by the
/// destructor (issue 6, replica_indexes.h). CPU added to `cpu`.
class DeferredIndexes {
  public:
    DeferredIndexes(Replica& replica, double& cpu) : replica_(replica), cpu_(cpu) {
        ThreadCpu time(cpu_);
        store::Transaction tx(replica_.db());
        dropIndexesForDownload(replica_.db());
        tx.commit();
    }
    ~DeferredIndexes() {
        try {
            build();
        } catch (const std::exception&) {
            // Built by the next pullAll() or the next open of the replica.
        }
    }
    DeferredIndexes(const DeferredIndexes&) = delete;
    DeferredIndexes& operator=(const DeferredIndexes&) = delete;

    /// Builds the missing indexes (none once built). Throws store::StoreError.
    void build() {
        if (!built_) {
            ThreadCpu time(cpu_);
            // One transaction for all of them, or the last batch's.
            std::optional<store::Transaction> tx;
            if (sqlite3_get_autocommit(replica_.db().handle()) != 0) {
                tx.emplace(replica_.db());
            }
            createMissingReplicaIndexes(replica_.db());
            if (tx) {
                tx->commit();
            }
            built_ = true;
        }
    }

  private:
    Replica& replica_;
    double& cpu_;
    bool built_ = false;
};
} // namespace

std::string SyncEngine::pullTarget(const PullPosition& pos) const {
    auto target = "/api/v1/sync/pull?cursor=" + std::to_string(pos.cursor) +
                  "&limit=" + std::to_string(pullPageSize);
    if (!pos.epoch.empty()) {
        target += "&epoch=" + pos.epoch;
    }
    if (pos.snapshot > 0) {
        target += "&snapshot=" + std::to_string(pos.snapshot);
    }
    return target;
}

sync::PulledPage SyncEngine::fetchPage(const std::string& target, const std::string& token) {
    HttpResponse r;
    {
        ThreadCpu cpu(pullTimes.fetchCpu);
        r = call("GET", target, "", token);
    }
    ThreadCpu cpu(pullTimes.readCpu);
    try {
        // Read straight from the text into flat rows: no JSON document of
        // the page, no RecordChange or JSON value per record (issue 6).
        return sync::readPulledPage(r.body);
    } catch (const sync::ProtocolError& e) {
        throw SyncError(SyncError::Kind::Protocol, r.status, "bad_response",
                        e.code() == "malformed_json"
                            ? std::string("server sent invalid JSON: ") + e.what()
                            : std::string(e.what()));
    }
}

namespace {
/// Where the device stands once `page`, pulled from `pos`, is committed
/// (Replica::applyPull writes the same).
PullPosition positionAfter(const PullPosition& pos, const sync::PullResponse& page) {
    PullPosition next = pos;
    next.cursor = page.cursor;
    if (!page.epoch.empty()) {
        next.epoch = page.epoch;
    }
    next.snapshot = page.hasMore ? page.snapshot : 0;
    return next;
}
} // namespace

void SyncEngine::pullAll(const std::string& token, SyncSummary& summary) {
    std::optional<DownloadPageCache> bulk;
    // Declared after bulk, before batch: built after the batch's commit on
    // an error, with the download's page cache.
    std::optional<DeferredIndexes> deferred;
    std::optional<DownloadBatch> batch; // declared after bulk: commits before the cache shrinks
    // The next page's request, sent while this page is applied (issue 6):
    // the server builds it and the transport parses it on another thread.
    // Nothing runs on the replica there; the pages still commit one by one,
    // in order, each with its cursor.
    std::future<sync::PulledPage> ahead;
    std::string aheadTarget;
    bool indexesChecked = false;
    for (;;) {
        auto pos = replica_.pullPosition();
        if (!bulk && (pos.cursor == 0 || pos.snapshot > 0 || pos.fresh)) {
            bulk.emplace(replica_, downloadPageCacheKib);
            if (deferIndexes && replica_.holdsNoRecords()) {
                deferred.emplace(replica_, pullTimes.indexCpu);
            }
            batch.emplace(replica_, downloadPagesPerCommit);
        }
        if (!deferred && !indexesChecked) {
            // Missing since a download that could not build them (the disk
            // was full): this connection may outlive many syncs (the app's).
            createMissingReplicaIndexes(replica_.db());
        }
        indexesChecked = true;
        auto target = pullTarget(pos);
        sync::PulledPage pulled;
        if (ahead.valid() && aheadTarget == target) {
            const auto waitStart = std::chrono::steady_clock::now();
            ahead.wait();
            pullTimes.waitWall +=
                std::chrono::duration<double>(std::chrono::steady_clock::now() - waitStart).count();
            pulled = ahead.get(); // a failure of that request is this page's failure
        } else {
            if (ahead.valid()) {
                // The committed position is not the one asked ahead for:
                // that answer (or its error) is not used.
                ahead.wait();
                ahead = {};
            }
            pulled = fetchPage(target, token);
        }
        const auto& page = pulled.position;
        if (page.hasMore && page.cursor <= pos.cursor) {
            // More to come from the same cursor would ask the same page
            // forever (break-it: thousands of requests a second).
            throw SyncError(SyncError::Kind::Protocol, 200, "bad_response",
                            "the server said more changes follow but its cursor " +
                                std::to_string(page.cursor) + " did not move past the device's " +
                                std::to_string(pos.cursor) + "; nothing of that page was applied");
        }
        if (page.hasMore && pullAhead) {
            aheadTarget = pullTarget(positionAfter(pos, page));
            ahead = std::async(std::launch::async,
                               [this, t = aheadTarget, &token] { return fetchPage(t, token); });
        }
        if (page.cursor < pos.cursor) {
            // A cursor never goes back (docs/protocol.md "Pull"); stored, a
            // negative one made every later pull invalid_cursor (break-it).
            throw SyncError(SyncError::Kind::Protocol, 200, "bad_response",
                            "the server's cursor " + std::to_string(page.cursor) +
                                " is below the device's " + std::to_string(pos.cursor) +
                                "; nothing of that page was applied");
        }
        {
            ThreadCpu cpu(pullTimes.applyCpu);
            if (batch) {
                batch->pageStarting();
            }
            // The page, its cursor and the server's clock commit together
            // (with the batch's other pages during a download).
            replica_.applyPull(pulled);
            if (deferred && !page.hasMore) {
                // In the last batch's transaction: the download's end
                // commits its last rows and the indexes together.
                deferred->build();
            }
            if (batch) {
                batch->pageApplied(!page.hasMore);
            }
        }
        ++pullTimes.pages;
        summary.pulled += static_cast<int>(pulled.records);
        summary.cursor = page.cursor;
        if (!page.hasMore) {
            return;
        }
    }
}

} // namespace fieldbook::device
