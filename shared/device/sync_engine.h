// SPDX-License-Identifier: MIT
#pragma once

#include "device/replica.h"
#include "sync/protocol.h"
#include "sync/pulled_page.h"

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace fieldbook::device {

/// An HTTP answer as the engine sees it.
struct HttpResponse {
    int status = 0;
    std::string body;
};

/// Carries one HTTP request to the server. Implementations throw
/// NetworkError when the server cannot be reached or the reply is cut off.
class Transport {
  public:
    virtual ~Transport() = default;
    /// `target` is the path with query, e.g. "/api/v1/sync/pull?cursor=0&limit=500".
    /// `bearer` is empty for unauthenticated requests.
    virtual HttpResponse request(std::string_view method, std::string_view target,
                                 std::string_view body, std::string_view bearer) = 0;
};

/// Why a sync step failed. `kind` tells the UI what to say.
class SyncError : public std::runtime_error {
  public:
    enum class Kind { Network, Auth, Protocol, Server, UpdateRequired };
    SyncError(Kind kind, int httpStatus, std::string code, const std::string& message)
        : std::runtime_error(message), kind_(kind), status_(httpStatus), code_(std::move(code)) {}
    Kind kind() const { return kind_; }
    int httpStatus() const { return status_; }
    const std::string& code() const { return code_; }

  private:
    Kind kind_;
    int status_;
    std::string code_;
};

/// The server could not be reached, or the connection broke mid-request.
class NetworkError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// What one sync() did.
struct SyncSummary {
    int pushed = 0;   ///< mutations the server accepted (including retried duplicates)
    int rejected = 0; ///< mutations refused (kept in the rejected log)
    int pulled = 0;   ///< records received
    /// Conflict records this sync added to the device's log (values you
    /// lost or replaced, whether your push or someone else's decided them;
    /// a first sync brings every record of your scope). `conflicts` lists them.
    int conflicts = 0;
    std::int64_t cursor = 0;
    /// Fresh downloads started or resumed in this sync (one cut off in an
    /// earlier sync counts again when this one finishes it): the server was
    /// restored from an older copy (409 server_restored), compacted past the
    /// cursor or changed the user's role (410 cursor_expired).
    /// docs/protocol.md "Restores", "Compaction".
    int freshDownloads = 0;
};

/// The device's sync engine (SPEC §4), shared by the app and fieldbook-cli:
/// push the outbox in batches, then pull pages until up to date. Blocking;
/// run it off the GUI thread.
class SyncEngine {
  public:
    SyncEngine(Replica& replica, Transport& transport);

    /// POST /api/v1/login; stores the session (token, device id, user) in the
    /// replica, the server URL as HttpTransport::normaliseUrl() spells it
    /// (a trailing slash is the same server). Logging in as another user
    /// than the replica's, or to another server, is refused while edits are
    /// pending (replica_owned_by_other_user) so nobody's pending edits are
    /// lost. Throws SyncError or NetworkError.
    sync::LoginResponse login(const std::string& serverUrl, const std::string& login,
                              const std::string& password, const std::string& deviceName);

    /// Push, then pull until has_more is false. Throws SyncError or
    /// NetworkError; what was done before the failure stays done (each page,
    /// or a download's batch of pages, and each push batch commits on its
    /// own), and the attempt is recorded.
    /// On 409 server_restored or 410 cursor_expired it starts a fresh download
    /// (Replica::beginFreshDownload; a restore also re-sends the acknowledged
    /// log), then pulls it, pushes the re-based outbox and pulls again. A fresh
    /// download cut off is resumed (pulled before any push) by the next sync.
    SyncSummary sync();

    int pushBatchSize = 500;
    std::size_t pushBatchBytes = 4 * 1024 * 1024; ///< per push request; the server takes 8 MiB
    int pullPageSize = 1000;
    /// The replica's page cache while a first or fresh download runs (KiB;
    /// Replica::setPageCacheKib), set back to SQLite's default after it.
    int downloadPageCacheKib = 64 * 1024;
    /// Pull pages committed together while a first or fresh download runs
    /// (DownloadBatch; each page still whole with its cursor; 1: a commit
    /// per page). Later pulls commit each page on its own.
    int downloadPagesPerCommit = 32;
    /// Request the next pull page while the current one is applied (one
    /// request in flight besides the page being committed; issue 6). The
    /// Transport is then called from another thread, never from two at once.
    bool pullAhead = true;
    /// A first download into an empty replica (Replica::holdsNoRecords)
    /// drops the secondary indexes it does not read before its first page
    /// and builds them in the transaction of its last (replica_indexes.h;
    /// CREATE INDEX sorts the rows once instead of inserting each into
    /// every index). Whatever stops the download, the indexes are built
    /// when pullAll() ends, and opening the replica builds any missing.
    bool deferIndexes = true;
    /// Send the next push batch as soon as one is answered and apply that
    /// one's answers while the server works on the next (issue 6). The
    /// Transport is then called from another thread, never from two at once.
    bool pushAhead = true;

    /// Where the pulls of this engine's syncs spent their time, summed over
    /// every page (issue 6; fieldbook-bench-initial-sync prints it, and
    /// docs/performance.md "Initial sync: the critical path" reads it). CPU
    /// is the thread's own (CLOCK_THREAD_CPUTIME_ID: user + system, s), so
    /// it holds on a loaded machine; the wait is wall time.
    struct PullTimes {
        int pages = 0;
        double fetchCpu = 0; ///< the requests: sending, waiting, reading the socket
        double readCpu = 0;  ///< reading the pages (sync::readPulledPage)
        double applyCpu = 0; ///< Replica::applyPull and the batches' commits
        double indexCpu = 0; ///< deferred indexes dropped and built (DeferredIndexes)
        double waitWall = 0; ///< the applying thread waiting for the page asked ahead
    };
    /// Summed by every pullAll(); fetchCpu and readCpu are added from the
    /// thread of the request ahead, read them between syncs.
    PullTimes pullTimes;

  private:
    HttpResponse call(std::string_view method, std::string_view target, std::string_view body,
                      std::string_view bearer);
    /// Pushes the outbox in batches until it is empty.
    void pushAll(const std::string& token, SyncSummary& summary);
    /// The oldest outbox entries after `sent` (still in the outbox, its
    /// oldest), at most pushBatchSize and about pushBatchBytes of JSON.
    std::vector<sync::Mutation> nextPushBatch(const std::vector<sync::Mutation>& sent);
    /// Pulls pages from the committed position until has_more is false.
    void pullAll(const std::string& token, SyncSummary& summary);
    /// GET /api/v1/sync/pull's target for a position (docs/protocol.md).
    std::string pullTarget(const PullPosition& pos) const;
    /// One pull page, parsed. Throws SyncError or NetworkError.
    sync::PulledPage fetchPage(const std::string& target, const std::string& token);
    Replica& replica_;
    Transport& transport_;
};

} // namespace fieldbook::device
