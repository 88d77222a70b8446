// SPDX-License-Identifier: MIT
// login, sync, status, conflicts, rejected (docs/cli.md).
#include "cli_context.h"
#include "conflict_text.h"
#include "device/http_transport.h"
#include "device/sync_engine.h"
#include "device/sync_health.h"
#include "device/sync_loop.h"
#include "domain/clock.h"
#include "domain/count_text.h"
#include "password_input.h"

#include <atomic>
#include <csignal>
#include <istream>
#include <ostream>
#include <random>

namespace fieldbook::cli {

using nlohmann::json;

int cmdLogin(Context& ctx, const std::vector<std::string>& args) {
    po::options_description o;
    std::string server, user;
    o.add_options()("server", po::value(&server)->required(), "")("user",
                                                                  po::value(&user)->required(), "");
    parse(args, o, {});
    if (auto why = device::HttpTransport::validateUrl(server); !why.empty()) {
        throw UsageError(why);
    }
    auto password = readPassword(ctx.in(), ctx.err(), "password for " + user + ": ");
    if (password.empty()) {
        throw UsageError("give the password on standard input");
    }
    auto t = ctx.transport(server);
    device::SyncEngine engine(ctx.replica(), *t);
    auto r = engine.login(server, user, password, "fieldbook-cli");
    if (ctx.asJson()) {
        ctx.printJson({{"user", r.user.login},
                       {"full_name", r.user.fullName},
                       {"role", r.user.role},
                       {"device_id", r.deviceId},
                       {"expires_at", domain::formatIso8601(r.expiresAtMs)}});
    } else {
        ctx.out() << "logged in as " << r.user.fullName << " (" << r.user.role << ") on "
                  << device::HttpTransport::normaliseUrl(server) << "\n";
    }
    return 0;
}

namespace {
std::atomic<bool> followStop{false};
std::atomic<int> followSignal{0};

extern "C" void onStopSignal(int sig) {
    followSignal = sig;
    followStop = true;
}

json summaryJson(const device::SyncSummary& r) {
    return {{"pushed", r.pushed}, {"rejected", r.rejected},
            {"pulled", r.pulled}, {"conflicts", r.conflicts},
            {"cursor", r.cursor}, {"fresh_downloads", r.freshDownloads}};
}

/// A live channel event of sync --follow: {"live":"lost"|"connected","at":ISO,
/// "error":{code,message} when lost}.
json liveJson(const device::LiveEvent& e) {
    json line{{"live", e.type == device::LiveEvent::Type::Lost ? "lost" : "connected"},
              {"at", domain::formatIso8601Millis(e.atMs)}};
    if (e.type == device::LiveEvent::Type::Lost) {
        line["error"] = {{"code", "network"}, {"message", e.message}};
    }
    return line;
}

/// sync --follow: syncs on its own until SIGINT/SIGTERM (device/sync_loop.h),
/// one JSON line per attempt, and one when the live channel is lost or back
/// after a loss (liveJson). Exits 1 when automatic syncs stop (auth,
/// update_required; a refused live upgrade too, with the same message as a
/// refused sync); stopped by a signal, prints one summary line (the
/// signal, syncs and failed syncs, totals pushed/rejected/pulled/conflicts,
/// edits still pending, the last error's code or null) and exits 0.
int follow(Context& ctx, std::int64_t periodS) {
    ctx.session(); // not_logged_in before anything starts
    device::SyncScheduler::Options options;
    options.periodMs = periodS * 1000;
    device::SyncLoop loop(
        ctx.replica(), [&ctx](const std::string& url) { return ctx.transport(url); }, options,
        std::random_device{}());
    followStop = false;
    followSignal = 0;
    std::signal(SIGINT, onStopSignal);
    std::signal(SIGTERM, onStopSignal);
    device::SyncLoop::Report last;
    device::SyncSummary total;
    int syncs = 0;
    int failed = 0;
    json lastError; // the code of the last failed attempt, null after a success
    loop.run(followStop, [&](const device::SyncLoop::Report& r) {
        if (r.live && r.live->type != device::LiveEvent::Type::Refused) {
            ctx.printJson(liveJson(*r.live));
            ctx.out().flush();
            return;
        }
        last = r;
        ++syncs;
        if (r.ok) {
            total.pushed += r.summary.pushed;
            total.rejected += r.summary.rejected;
            total.pulled += r.summary.pulled;
            total.conflicts += r.summary.conflicts;
            lastError = nullptr;
        } else {
            ++failed;
            lastError = r.failure.code;
        }
        json line =
            r.ok ? summaryJson(r.summary)
                 : json{{"error", {{"code", r.failure.code}, {"message", r.failure.message}}},
                        {"failures", r.consecutiveFailures},
                        {"persistent", r.persistent}};
        line["next_in_ms"] = r.nextInMs >= 0 ? json(r.nextInMs) : json();
        if (r.live) {
            line["source"] = "live"; // the live channel's upgrade was refused
        }
        line["at"] = domain::formatIso8601Millis(domain::nowMs()); // when the attempt ended
        ctx.printJson(line);
        ctx.out().flush();
    });
    if (last.stopped) {
        auto advice = device::stoppedAdvice(last.failure.kindName, last.failure.code);
        throw CliError(last.failure.code, advice.empty() ? last.failure.message : advice, 1);
    }
    int sig = followSignal;
    ctx.printJson({{"at", domain::formatIso8601Millis(domain::nowMs())},
                   {"stopped", sig == SIGINT    ? "SIGINT"
                               : sig == SIGTERM ? "SIGTERM"
                                                : "signal"},
                   {"syncs", syncs},
                   {"failed_syncs", failed},
                   {"pushed", total.pushed},
                   {"rejected", total.rejected},
                   {"pulled", total.pulled},
                   {"conflicts", total.conflicts},
                   {"pending", ctx.replica().status().pending},
                   {"last_error", lastError}});
    ctx.out().flush();
    return 0;
}
} // namespace

int cmdSync(Context& ctx, const std::vector<std::string>& args) {
    po::options_description o;
    bool followOn = false;
    std::int64_t periodS = 300;
    o.add_options()("follow", po::bool_switch(&followOn), "")("period", po::value(&periodS), "");
    parse(args, o, {});
    if (periodS < 1 || periodS > 24 * 3600) {
        throw UsageError("--period must be 1..86400 seconds");
    }
    if (followOn) {
        return follow(ctx, periodS);
    }
    auto s = ctx.session();
    auto t = ctx.transport(s.serverUrl);
    device::SyncEngine engine(ctx.replica(), *t);
    device::SyncSummary r;
    try {
        r = engine.sync();
    } catch (...) {
        auto f = device::classifyFailure(std::current_exception());
        device::recordSyncHealth(ctx.replica(), domain::nowMs(), false, f.code, f.kindName);
        throw;
    }
    device::recordSyncHealth(ctx.replica(), domain::nowMs(), true);
    ctx.printJson(summaryJson(r));
    return 0;
}

int cmdStatus(Context& ctx, const std::vector<std::string>& args) {
    parse(args, {}, {});
    auto s = ctx.replica().session();
    auto st = ctx.replica().status();
    auto health = device::syncHealth(ctx.replica());
    if (ctx.asJson()) {
        ctx.printJson({{"logged_in", s.has_value()},
                       {"user", s ? s->login : ""},
                       {"server", s ? s->serverUrl : ""},
                       {"pending", st.pending},
                       {"rejected", st.rejected},
                       {"conflicts", st.conflicts},
                       {"cursor", st.cursor},
                       {"last_sync_at",
                        st.lastSyncAtMs ? json(domain::formatIso8601(st.lastSyncAtMs)) : json()},
                       {"last_error", st.lastError},
                       {"last_error_code", health.code},
                       {"sync_failures", health.consecutiveFailures},
                       {"sync_failing", health.persistent()},
                       {"sync_stopped", health.stopped()}});
        return 0;
    }
    auto& out = ctx.out();
    out << (s ? "user: " + s->login + " (" + s->role + ") on " + s->serverUrl
              : std::string("not logged in"))
        << "\n"
        << "pending edits: " << st.pending << "\n"
        << "last sync: " << (st.lastSyncAtMs ? domain::formatIso8601(st.lastSyncAtMs) : "never")
        << "\n";
    if (!st.lastError.empty()) {
        out << "last error: " << st.lastError << "\n";
    }
    if (health.stopped()) {
        out << "sync stopped: " << device::stoppedAdvice(health.kind, health.code) << " ("
            << health.code << ")\n";
    } else if (health.persistent()) {
        out << "sync failing: " << domain::countText(health.consecutiveFailures, "attempt")
            << " in a row since " << domain::formatIso8601(health.failingSinceMs) << " ("
            << health.code << ")\n";
    }
    if (st.rejected) {
        out << "refused by the server: " << st.rejected << " (see: fieldbook-cli rejected)\n";
    }
    if (st.conflicts) {
        out << "conflicts: " << st.conflicts << " (see: fieldbook-cli conflicts)\n";
    }
    return 0;
}

int cmdConflicts(Context& ctx, const std::vector<std::string>& args) {
    parse(args, {}, {});
    auto rows = ctx.replica().conflicts();
    if (ctx.asJson()) {
        ctx.printJson(rows);
        return 0;
    }
    const auto session = ctx.replica().session();
    const auto me = session ? session->userId : std::string();
    for (const auto& r : rows) {
        ctx.out() << describeConflict(ctx.replica(), r, me) << "\n";
    }
    ctx.out() << domain::countText(std::ssize(rows), "conflict") << "\n";
    return 0;
}

int cmdRejected(Context& ctx, const std::vector<std::string>& args) {
    parse(args, {}, {});
    auto rows = ctx.replica().rejectedMutations();
    if (ctx.asJson()) {
        ctx.printJson(rows);
        return 0;
    }
    for (const auto& r : rows) {
        ctx.out() << describeRejected(ctx.replica(), r) << "\n";
    }
    ctx.out() << domain::countText(std::ssize(rows), "refused edit") << "\n";
    return 0;
}

} // namespace fieldbook::cli
