// SPDX-License-Identifier: MIT
#include "live/live_hub.h"

#include "domain/clock.h"
#include "live/websocket_session.h"
#include "store/auth.h"
#include "store/pull.h"
#include "store/scope_audience.h"

#include <boost/asio/post.hpp>

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

namespace fieldbook::server {

LiveHub::LiveHub(boost::asio::any_io_executor executor, ServerDb& db, ReadPool* readers)
    : executor_(std::move(executor)), db_(db), readers_(readers),
      fanOutStrand_(boost::asio::make_strand(executor_)) {
    auto reader = ReadPool::leaseFrom(readers_, db_);
    notifiedSeq_ = reader->currentSeq();
}

void LiveHub::join(const std::shared_ptr<WebSocketSession>& session) {
    std::lock_guard g(mutex_);
    sessions_[session.get()] = session;
}

void LiveHub::leave(const WebSocketSession* session) {
    std::lock_guard g(mutex_);
    sessions_.erase(session);
}

std::size_t LiveHub::sessionCount() const {
    std::lock_guard g(mutex_);
    return sessions_.size();
}

std::string originToSkip(const std::vector<LiveCommit>& commits, std::int64_t from,
                         std::int64_t upTo) {
    if (commits.empty() || commits.front().originDeviceId.empty()) {
        return {};
    }
    std::vector<std::pair<std::int64_t, std::int64_t>> ranges;
    for (const auto& c : commits) {
        if (c.originDeviceId != commits.front().originDeviceId || c.firstSeq <= 0 ||
            c.lastSeq < c.firstSeq) {
            return {};
        }
        ranges.emplace_back(c.firstSeq, c.lastSeq);
    }
    std::sort(ranges.begin(), ranges.end());
    std::int64_t next = from + 1; // the first number not yet covered
    for (const auto& [first, last] : ranges) {
        if (first > next) {
            break; // a gap: someone else's number
        }
        next = std::max(next, last + 1);
    }
    return next > upTo ? commits.front().originDeviceId : std::string();
}

void LiveHub::committed(const std::string& originDeviceId, std::int64_t firstSeq,
                        std::int64_t lastSeq) {
    {
        std::lock_guard g(mutex_);
        commits_.push_back({originDeviceId, firstSeq, lastSeq});
        if (posted_) {
            return;
        }
        posted_ = true;
    }
    boost::asio::post(fanOutStrand_, [self = shared_from_this()] { self->fanOut(); });
}

void LiveHub::checkForeignWrites() {
    std::int64_t now = 0;
    {
        auto reader = ReadPool::leaseFrom(readers_, db_);
        now = reader->currentSeq();
    }
    if (now > notifiedSeq_.load()) {
        committed("");
    }
}

void LiveHub::fanOut() {
    std::vector<std::shared_ptr<WebSocketSession>> sessions;
    std::vector<LiveCommit> commits;
    {
        std::lock_guard g(mutex_);
        posted_ = false;
        commits.swap(commits_);
        for (const auto& [key, weak] : sessions_) {
            if (auto s = weak.lock()) {
                sessions.push_back(std::move(s));
            }
        }
    }
    std::vector<std::shared_ptr<WebSocketSession>> notify;
    std::vector<std::pair<std::shared_ptr<WebSocketSession>, std::string>> refused;
    std::int64_t upTo = 0;
    {
        // One snapshot for the sequence, the audience, the token checks and
        // the confirming pulls: a change the snapshot holds is judged by
        // every step; a later one (above upTo) waits for the next fan-out.
        auto reader = ReadPool::leaseFrom(readers_, db_);
        ServerDb& db = *reader;
        store::ReadTransaction snapshot(db.db());
        const std::int64_t from = notifiedSeq_.load();
        upTo = db.currentSeq();
        if (upTo <= from) {
            return;
        }
        notifiedSeq_ = upTo;
        // The origin device is not told of its own change when the range is
        // all its own; otherwise everyone concerned is (originToSkip()).
        const std::string skip = originToSkip(commits, from, upTo);
        // Who can be concerned, from the changed rows, once per fan-out
        // (issue 6: one pull per connected user held the lock for most of
        // the load); a user it leaves out has an empty pull from `from`.
        // Only the possibly concerned are confirmed, all in one pass
        // (usersWithChanges(): the pull's own rows and conditions).
        const auto audience = sessions.empty() ? ScopeAudience{} : scopeAudience(db, from, upTo);
        // Users whose record changed in this fan-out's range: their tokens
        // are checked again now, whatever the age of their last check.
        std::set<std::string> changedUsers;
        {
            auto st = db.statement("SELECT id FROM users WHERE seq > ?1 AND seq <= ?2");
            st->bind(1, from).bind(2, upTo);
            while (st->step()) {
                changedUsers.insert(st->text(0));
            }
        }
        // One token check per distinct token, however many sessions share
        // it, and at most one per kTokenRecheckMs: an expired token or a
        // deactivated user ends the live connection too, within that time.
        const auto now = domain::nowMs();
        std::map<std::string, TokenCheck> checked;
        // The sessions whose token holds, with its principal (in `checked`).
        std::vector<std::pair<std::shared_ptr<WebSocketSession>, const Principal*>> accepted;
        for (auto& s : sessions) {
            auto found = checked.find(s->authorization());
            if (found == checked.end()) {
                auto earlier = tokenChecks_.find(s->authorization());
                if (earlier != tokenChecks_.end() && earlier->second.refusal.empty() &&
                    now - earlier->second.checkedAtMs < kTokenRecheckMs &&
                    now >= earlier->second.checkedAtMs &&
                    !changedUsers.count(earlier->second.principal.userId)) {
                    found = checked.emplace(earlier->first, std::move(earlier->second)).first;
                } else {
                    TokenCheck outcome;
                    outcome.checkedAtMs = now;
                    try {
                        outcome.principal = authenticate(db, s->authorization());
                    } catch (const ApiError& e) {
                        outcome.refusal = e.code();
                    }
                    found = checked.emplace(s->authorization(), std::move(outcome)).first;
                }
            }
            if (!found->second.refusal.empty()) {
                refused.emplace_back(s, found->second.refusal);
                continue;
            }
            accepted.emplace_back(s, &found->second.principal);
        }
        // The possibly concerned users, once each, confirmed in one pass.
        std::vector<Principal> candidates;
        std::set<std::string> seen;
        for (const auto& [s, who] : accepted) {
            if (!audience.surelyConcerned(*who) && audience.maybe.count(who->userId) &&
                seen.insert(who->userId).second) {
                candidates.push_back(*who);
            }
        }
        const auto confirmed = usersWithChanges(db, candidates, from);
        for (const auto& [s, who] : accepted) {
            const bool told = audience.surelyConcerned(*who) || confirmed.count(who->userId);
            if (told && (skip.empty() || who->deviceId != skip)) {
                notify.push_back(s);
            }
        }
        tokenChecks_.swap(checked); // the tokens of sessions gone are forgotten
    }
    for (auto& s : notify) {
        s->notifyChanged(upTo);
    }
    for (auto& [s, code] : refused) {
        s->closeForPolicy(code);
    }
}

} // namespace fieldbook::server
