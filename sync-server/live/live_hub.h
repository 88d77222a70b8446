// SPDX-License-Identifier: MIT
#pragma once

#include "live/live_slots.h"
#include "store/auth.h"
#include "store/read_pool.h"
#include "store/server_db.h"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/strand.hpp>

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace fieldbook::server {

class WebSocketSession;

/// The live-notification hub (SPEC §4, docs/protocol.md "GET /api/v1/live";
/// Beast websocket/chat-multi's shared state): knows the connected
/// WebSocket sessions and, after a write that advanced the change sequence,
/// sends `{"type":"changed","seq":N}` to every session whose user the
/// change concerns. "Concerns" is the pull's own rule: the user's pull from
/// the last notified position would return something (store/pull.h, so the
/// scope logic is the same; the head sees everything).
///
/// Thread-safe. committed() only posts: the fan-out runs on the hub's
/// executor (`serve`: the live thread of its own, beside the I/O threads;
/// on a strand: one at a time) after the commit, on a read connection in one
/// read transaction (never under the writer's lock), and never holds a lock
/// during socket I/O (each session writes on its own strand). Owned by
/// shared_ptr: sessions keep it alive.
///
/// Open live sessions one user may hold (phone, tablet, laptop, with room
/// for reconnects): more are refused with 429 too_many_connections, so one
/// token cannot make every fan-out slow (break-it finding). Counted by
/// reserveSlot() before the upgrade is accepted.
inline constexpr std::size_t kMaxLiveSessionsPerUser = 16;

/// One commit a fan-out is told of: the device whose push it was (empty when
/// unknown) and the change sequence numbers it took, first..last (0..0 when
/// unknown).
struct LiveCommit {
    std::string originDeviceId;
    std::int64_t firstSeq = 0;
    std::int64_t lastSeq = 0;
};

/// The device a fan-out of the range (from, upTo] may leave out: the origin
/// of `commits` when they are all one device's and their ranges cover every
/// number of (from, upTo]; empty otherwise. A device pulls right after its
/// own push, so its own numbers and those committed before them are known
/// to it; a number another device committed later (its committed() call
/// after this fan-out took the list) is not, and that device must be told
/// (break-it: a device missed a change committed during its fan-out).
std::string originToSkip(const std::vector<LiveCommit>& commits, std::int64_t from,
                         std::int64_t upTo);

class LiveHub : public std::enable_shared_from_this<LiveHub> {
  public:
    /// `executor` runs the fan-outs; `db` is the server's database;
    /// `readers` (may be null: `db` under its lock) the read connections the
    /// fan-outs and checkForeignWrites() run on (store/read_pool.h), outside
    /// the writer's lock. Both outlive the hub's work.
    LiveHub(boost::asio::any_io_executor executor, ServerDb& db, ReadPool* readers = nullptr);

    /// The executor the fan-outs run on; live sessions move their sockets
    /// to it (WebSocketSession), so their writes run there too.
    const boost::asio::any_io_executor& executor() const { return executor_; }

    /// Registers an open session (called once its handshake is done).
    void join(const std::shared_ptr<WebSocketSession>& session);
    /// Forgets a session (its destructor calls this).
    void leave(const WebSocketSession* session);
    /// Number of open sessions.
    std::size_t sessionCount() const;
    /// A place for one more live connection of `userId`, taken before the
    /// upgrade is accepted and held by its session until it ends; nullopt
    /// when the user holds kMaxLiveSessionsPerUser (answer 429).
    std::optional<LiveSlot> reserveSlot(const std::string& userId) {
        return slots_->reserve(userId);
    }

    /// Says that a write committed and advanced the change sequence.
    /// `originDeviceId` is the device whose push it was, which is not told
    /// about its own change; empty when unknown (every concerned session is
    /// told). Returns at once; the fan-out is posted to the executor.
    /// Several commits before the fan-out runs are told in one notice.
    /// `firstSeq`..`lastSeq`: the sequence numbers the write took (read
    /// under the writer's lock around it); 0..0 when unknown, and then the
    /// origin is told too (originToSkip()).
    void committed(const std::string& originDeviceId, std::int64_t firstSeq = 0,
                   std::int64_t lastSeq = 0);

    /// Checks whether another process (import-sample, import-clients)
    /// advanced the change sequence past the last notified position and, if
    /// so, notifies like committed(""). Reads on a read connection, never
    /// under the writer's lock; meant for a low-frequency timer, since the
    /// server learns of its own writes at once.
    void checkForeignWrites();

    /// The change sequence up to which sessions were notified.
    std::int64_t notifiedSeq() const { return notifiedSeq_.load(); }

    /// How long a fan-out trusts a token check of an earlier one: a token
    /// is checked again after this, or at once when its user's record
    /// changed (deactivated, another role). Checking every session's token
    /// at every fan-out was more than half of a fan-out's work (issue 6).
    static constexpr std::int64_t kTokenRecheckMs = 1000;

  private:
    /// A token check a fan-out made: the principal, or the refusal's code.
    struct TokenCheck {
        Principal principal;
        std::string refusal;
        std::int64_t checkedAtMs = 0;
    };
    void fanOut();

    boost::asio::any_io_executor executor_;
    ServerDb& db_;
    ReadPool* readers_;
    mutable std::mutex mutex_; ///< guards sessions_, commits_, posted_ (never held during I/O)
    std::unordered_map<const WebSocketSession*, std::weak_ptr<WebSocketSession>> sessions_;
    std::vector<LiveCommit> commits_; ///< commits that wait for the next fan-out
    bool posted_ = false;
    /// Fan-outs run one at a time on this strand, so notifiedSeq_ only
    /// grows, and no I/O thread blocks waiting for another's fan-out (a
    /// mutex did: both I/O threads could sit in fan-outs while pulls and
    /// pushes waited, issue 6).
    boost::asio::strand<boost::asio::any_io_executor> fanOutStrand_;
    std::atomic<std::int64_t> notifiedSeq_{0};
    /// Authorization header -> its last check; used on fanOutStrand_ only.
    std::map<std::string, TokenCheck> tokenChecks_;
    std::shared_ptr<LiveSlots> slots_ = std::make_shared<LiveSlots>(kMaxLiveSessionsPerUser);
};

} // namespace fieldbook::server
