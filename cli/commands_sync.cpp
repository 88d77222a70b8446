// SPDX-License-Identifier: MIT
// login, sync, status, conflicts, rejected (docs/cli.md).
#include "cli_context.h"
#include "device/http_transport.h"
#include "device/sync_engine.h"
#include "domain/clock.h"

#include <istream>
#include <ostream>

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
    std::string password;
    std::getline(ctx.in(), password);
    if (!password.empty() && password.back() == '\r') {
        password.pop_back();
    }
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
        ctx.out() << "logged in as " << r.user.fullName << " (" << r.user.role << ") on " << server
                  << "\n";
    }
    return 0;
}

int cmdSync(Context& ctx, const std::vector<std::string>& args) {
    parse(args, {}, {});
    auto s = ctx.session();
    auto t = ctx.transport(s.serverUrl);
    device::SyncEngine engine(ctx.replica(), *t);
    auto r = engine.sync();
    ctx.printJson({{"pushed", r.pushed},
                   {"rejected", r.rejected},
                   {"pulled", r.pulled},
                   {"conflicts", r.conflicts},
                   {"cursor", r.cursor}});
    return 0;
}

int cmdStatus(Context& ctx, const std::vector<std::string>& args) {
    parse(args, {}, {});
    auto s = ctx.replica().session();
    auto st = ctx.replica().status();
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
                       {"last_error", st.lastError}});
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
    if (st.rejected) {
        out << "refused by the server: " << st.rejected << " (see: fieldbook-cli rejected)\n";
    }
    if (st.conflicts) {
        out << "conflicts: " << st.conflicts << " (see: fieldbook-cli conflicts)\n";
    }
    return 0;
}

namespace {
int list(Context& ctx, const std::vector<std::string>& args, const json& rows) {
    parse(args, {}, {});
    if (ctx.asJson()) {
        ctx.printJson(rows);
        return 0;
    }
    for (const auto& r : rows) {
        ctx.out() << r.dump() << "\n";
    }
    ctx.out() << rows.size() << " records\n";
    return 0;
}
} // namespace

int cmdConflicts(Context& ctx, const std::vector<std::string>& args) {
    return list(ctx, args, ctx.replica().conflicts());
}

int cmdRejected(Context& ctx, const std::vector<std::string>& args) {
    return list(ctx, args, ctx.replica().rejectedMutations());
}

} // namespace fieldbook::cli
