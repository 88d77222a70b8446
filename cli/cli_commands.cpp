// SPDX-License-Identifier: MIT
#include "cli_commands.h"

#include "device/http_transport.h"
#include "device/replica.h"
#include "device/sync_engine.h"
#include "domain/clock.h"
#include "domain/entities.h"

#include <boost/program_options.hpp>

#include <filesystem>
#include <iomanip>
#include <iostream>

namespace fieldbook::cli {

namespace po = boost::program_options;
using nlohmann::json;

namespace {

const char* kUsage = R"(usage: fieldbook-cli --profile DIR [--json] COMMAND [OPTIONS]
commands:
  login --server URL --user LOGIN      (password on stdin)
  sync                                 push the outbox, then pull until up to date
  status                               who, server, pending edits, last sync
  clients [--search TEXT]
  client ID                            the card: contacts, deals, history, plans
  log CLIENT_ID --kind KIND --summary TEXT [--deal ID] [--at ISO8601]
  plan CLIENT_ID --at ISO8601 --minutes N --kind KIND [--assignee LOGIN] [--purpose TEXT] [--place TEXT]
  today [--date YYYY-MM-DD] [--user LOGIN]
  deals [--open]
  edit-client ID --set FIELD=VALUE [--set ...]
  conflicts                            values that lost a conflict (yours or replaced by you)
  rejected                             your edits the server refused, kept here
Times without an offset are UTC.
)";

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

po::variables_map parse(const std::vector<std::string>& args, const po::options_description& opts,
                        const po::positional_options_description& pos) {
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(args).options(opts).positional(pos).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        throw UsageError(e.what());
    }
    return vm;
}

std::int64_t parseTime(const std::string& text, const char* what) {
    auto t = domain::parseIso8601(text);
    if (!t) {
        throw UsageError(std::string(what) +
                         " must be ISO 8601, e.g. 2026-11-30T09:30 or 2026-11-30T09:30+03:00: \"" +
                         text + "\"");
    }
    return *t;
}

std::string money(const json& cents) {
    if (!cents.is_number_integer()) {
        return "-";
    }
    auto c = cents.get<std::int64_t>();
    std::ostringstream s;
    s << c / 100 << "." << std::setw(2) << std::setfill('0') << (c < 0 ? -c : c) % 100;
    return s.str();
}

std::string text(const json& v) {
    return v.is_string() ? v.get<std::string>() : v.is_null() ? "-" : v.dump();
}

std::string when(const json& ms) {
    return ms.is_number_integer() ? domain::formatIso8601(ms.get<std::int64_t>()) : "-";
}

class Cli {
  public:
    Cli(std::string profile, bool asJson, std::istream& in, std::ostream& out,
        const TransportFactory& f)
        : profile_(std::move(profile)), json_(asJson), in_(in), out_(out), factory_(f) {}

    int run(const std::string& cmd, const std::vector<std::string>& args) {
        if (cmd == "login")
            return login(args);
        if (cmd == "sync")
            return sync(args);
        if (cmd == "status")
            return status(args);
        if (cmd == "clients")
            return clients(args);
        if (cmd == "client")
            return client(args);
        if (cmd == "log")
            return log(args);
        if (cmd == "plan")
            return plan(args);
        if (cmd == "today")
            return today(args);
        if (cmd == "deals")
            return deals(args);
        if (cmd == "edit-client")
            return editClient(args);
        if (cmd == "conflicts")
            return list(args, replica().conflicts());
        if (cmd == "rejected")
            return list(args, replica().rejectedMutations());
        throw UsageError("unknown command \"" + cmd + "\"");
    }

  private:
    device::Replica& replica() {
        if (!replica_) {
            std::filesystem::create_directories(profile_);
            replica_ = std::make_unique<device::Replica>(profile_ + "/replica.db");
        }
        return *replica_;
    }

    std::unique_ptr<device::Transport> transport(const std::string& url) {
        if (factory_) {
            return factory_(url);
        }
        return std::make_unique<device::HttpTransport>(url);
    }

    int login(const std::vector<std::string>& args) {
        po::options_description o;
        std::string server, user;
        o.add_options()("server", po::value(&server)->required(),
                        "")("user", po::value(&user)->required(), "");
        parse(args, o, {});
        if (auto why = device::HttpTransport::validateUrl(server); !why.empty()) {
            throw UsageError(why);
        }
        std::string password;
        std::getline(in_, password);
        if (!password.empty() && password.back() == '\r') {
            password.pop_back();
        }
        if (password.empty()) {
            throw UsageError("give the password on standard input");
        }
        auto t = transport(server);
        device::SyncEngine engine(replica(), *t);
        auto r = engine.login(server, user, password, "fieldbook-cli");
        json j = {{"user", r.user.login},
                  {"full_name", r.user.fullName},
                  {"role", r.user.role},
                  {"device_id", r.deviceId},
                  {"expires_at", domain::formatIso8601(r.expiresAtMs)}};
        if (json_) {
            out_ << j.dump() << "\n";
        } else {
            out_ << "logged in as " << r.user.fullName << " (" << r.user.role << ") on " << server
                 << "\n";
        }
        return 0;
    }

    int sync(const std::vector<std::string>& args) {
        parse(args, {}, {});
        auto s = replica().session();
        if (!s) {
            throw device::DomainError(
                "not_logged_in", "log in first: fieldbook-cli login --server URL --user LOGIN");
        }
        auto t = transport(s->serverUrl);
        device::SyncEngine engine(replica(), *t);
        auto r = engine.sync();
        out_ << json{{"pushed", r.pushed},
                     {"rejected", r.rejected},
                     {"pulled", r.pulled},
                     {"conflicts", r.conflicts},
                     {"cursor", r.cursor}}
                    .dump()
             << "\n";
        return 0;
    }

    int status(const std::vector<std::string>& args) {
        parse(args, {}, {});
        auto s = replica().session();
        auto st = replica().status();
        json j = {{"logged_in", s.has_value()},
                  {"user", s ? s->login : ""},
                  {"server", s ? s->serverUrl : ""},
                  {"pending", st.pending},
                  {"rejected", st.rejected},
                  {"conflicts", st.conflicts},
                  {"cursor", st.cursor},
                  {"last_sync_at",
                   st.lastSyncAtMs ? json(domain::formatIso8601(st.lastSyncAtMs)) : json()},
                  {"last_error", st.lastError}};
        if (json_) {
            out_ << j.dump() << "\n";
            return 0;
        }
        out_ << (s ? "user: " + s->login + " (" + s->role + ") on " + s->serverUrl
                   : std::string("not logged in"))
             << "\n"
             << "pending edits: " << st.pending << "\n"
             << "last sync: "
             << (st.lastSyncAtMs ? domain::formatIso8601(st.lastSyncAtMs) : "never") << "\n";
        if (!st.lastError.empty()) {
            out_ << "last error: " << st.lastError << "\n";
        }
        if (st.rejected) {
            out_ << "refused by the server: " << st.rejected << " (see: fieldbook-cli rejected)\n";
        }
        if (st.conflicts) {
            out_ << "conflicts: " << st.conflicts << " (see: fieldbook-cli conflicts)\n";
        }
        return 0;
    }

    int clients(const std::vector<std::string>& args) {
        po::options_description o;
        std::string search;
        o.add_options()("search", po::value(&search), "");
        parse(args, o, {});
        auto rows = replica().clients(search);
        if (json_) {
            out_ << rows.dump() << "\n";
            return 0;
        }
        for (const auto& c : rows) {
            out_ << c["id"].get<std::string>() << "  " << text(c["name"]) << "  ["
                 << text(c["industry"]) << ", " << text(c["region"])
                 << "]  open deals: " << c["open_deals"] << "\n";
        }
        out_ << rows.size() << " clients\n";
        return 0;
    }

    int client(const std::vector<std::string>& args) {
        po::options_description o;
        std::string id;
        o.add_options()("id", po::value(&id)->required(), "");
        po::positional_options_description p;
        p.add("id", 1);
        parse(args, o, p);
        auto card = replica().clientCard(id);
        if (card.is_null()) {
            throw device::DomainError("unknown_client",
                                      "no client " + id +
                                          " on this device (try: fieldbook-cli clients)");
        }
        if (json_) {
            out_ << card.dump() << "\n";
            return 0;
        }
        const auto& c = card["client"];
        out_ << text(c["name"]) << "  (" << text(c["industry"]) << ", " << text(c["region"])
             << ")\n"
             << "status: " << text(c["status"]) << "   curator: " << text(c["curator_name"])
             << "\n";
        out_ << "contacts:\n";
        for (const auto& x : card["contacts"]) {
            out_ << "  " << text(x["name"]) << ", " << text(x["position"]) << ", "
                 << text(x["phone"]) << "\n";
        }
        out_ << "deals:\n";
        for (const auto& d : card["deals"]) {
            out_ << "  " << d["id"].get<std::string>() << "  " << text(d["title"]) << "  "
                 << text(d["outcome"]) << "  " << money(d["amount_cents"]) << "  "
                 << text(d["manager_name"]) << "\n";
        }
        out_ << "plans:\n";
        for (const auto& p2 : card["plans"]) {
            out_ << "  " << when(p2["starts_at"]) << "  " << text(p2["kind"]) << "  "
                 << text(p2["status"]) << "  " << text(p2["assignee_name"]) << "  "
                 << text(p2["purpose"]) << "\n";
        }
        out_ << "history:\n";
        for (const auto& h : card["history"]) {
            out_ << "  " << when(h["occurred_at"]) << "  " << text(h["kind"]) << "  "
                 << text(h["author_name"]) << ": " << text(h["summary"]) << "\n";
        }
        return 0;
    }

    int log(const std::vector<std::string>& args) {
        po::options_description o;
        std::string clientId, kind, summary, deal, at;
        o.add_options()("client", po::value(&clientId)->required(),
                        "")("kind", po::value(&kind)->required(),
                            "")("summary", po::value(&summary)->required(),
                                "")("deal", po::value(&deal), "")("at", po::value(&at), "");
        po::positional_options_description p;
        p.add("client", 1);
        parse(args, o, p);
        auto occurred = at.empty() ? domain::nowMs() : parseTime(at, "--at");
        auto id = replica().logHistory(clientId, kind, summary, deal, occurred);
        printCreated("history entry", id);
        return 0;
    }

    int plan(const std::vector<std::string>& args) {
        po::options_description o;
        std::string clientId, kind, at, assignee, purpose, place;
        int minutes = 0;
        o.add_options()("client", po::value(&clientId)->required(), "")(
            "kind", po::value(&kind)->required(), "")("at", po::value(&at)->required(), "")(
            "minutes", po::value(&minutes)->required(), "")("assignee", po::value(&assignee), "")(
            "purpose", po::value(&purpose), "")("place", po::value(&place), "");
        po::positional_options_description p;
        p.add("client", 1);
        parse(args, o, p);
        auto starts = parseTime(at, "--at");
        std::string assigneeId;
        if (!assignee.empty()) {
            auto u = replica().userByLogin(assignee);
            if (u.is_null()) {
                throw device::DomainError("unknown_user", "no user with login " + assignee);
            }
            assigneeId = u["id"].get<std::string>();
        }
        auto id =
            replica().planActivity(clientId, kind, starts, minutes, assigneeId, purpose, place);
        printCreated("planned activity", id);
        return 0;
    }

    int today(const std::vector<std::string>& args) {
        po::options_description o;
        std::string date, user;
        o.add_options()("date", po::value(&date), "")("user", po::value(&user), "");
        parse(args, o, {});
        std::int64_t day = 0;
        bool isToday = date.empty();
        if (isToday) {
            auto now = domain::nowMs();
            day = now - now % 86'400'000;
        } else {
            if (date.size() != 10) {
                throw UsageError("--date must be YYYY-MM-DD");
            }
            day = parseTime(date, "--date");
        }
        std::string userId;
        if (user.empty()) {
            auto s = replica().session();
            if (!s) {
                throw device::DomainError("not_logged_in", "log in first, or give --user LOGIN");
            }
            userId = s->userId;
        } else {
            auto u = replica().userByLogin(user);
            if (u.is_null()) {
                throw device::DomainError("unknown_user", "no user with login " + user);
            }
            userId = u["id"].get<std::string>();
        }
        auto rows = replica().activitiesForDay(userId, day, isToday);
        if (json_) {
            out_ << rows.dump() << "\n";
            return 0;
        }
        out_ << "plan for " << domain::formatDate(day) << ":\n";
        for (const auto& a : rows) {
            out_ << (a["overdue"] == 1 ? "  OVERDUE " : "  ") << when(a["starts_at"]) << "  "
                 << a["duration_min"] << " min  " << text(a["kind"]) << "  "
                 << text(a["client_name"]) << "  " << text(a["purpose"]) << "  ["
                 << text(a["status"]) << "]\n";
        }
        if (rows.empty()) {
            out_ << "  nothing planned\n";
        }
        return 0;
    }

    int deals(const std::vector<std::string>& args) {
        po::options_description o;
        o.add_options()("open", po::bool_switch(), "");
        auto vm = parse(args, o, {});
        auto rows = replica().deals(vm["open"].as<bool>());
        if (json_) {
            out_ << rows.dump() << "\n";
            return 0;
        }
        for (const auto& d : rows) {
            out_ << d["id"].get<std::string>() << "  " << text(d["title"]) << "  "
                 << text(d["outcome"]) << "  " << money(d["amount_cents"]) << "  "
                 << text(d["client_name"]) << "\n";
        }
        out_ << rows.size() << " deals\n";
        return 0;
    }

    int editClient(const std::vector<std::string>& args) {
        po::options_description o;
        std::string id;
        std::vector<std::string> sets;
        o.add_options()("id", po::value(&id)->required(), "")("set", po::value(&sets)->required(),
                                                              "");
        po::positional_options_description p;
        p.add("id", 1);
        parse(args, o, p);
        json fields = json::object();
        for (const auto& s : sets) {
            auto eq = s.find('=');
            if (eq == std::string::npos || eq == 0) {
                throw UsageError("--set needs FIELD=VALUE: \"" + s + "\"");
            }
            auto name = s.substr(0, eq);
            auto value = s.substr(eq + 1);
            const auto* f = domain::findField(*domain::findEntity("client"), name);
            if (f && (f->type == domain::FieldType::Int || f->type == domain::FieldType::TimeMs)) {
                try {
                    fields[name] = std::stoll(value);
                } catch (const std::exception&) {
                    throw UsageError(name + " must be an integer");
                }
            } else if (f && f->type == domain::FieldType::Bool) {
                fields[name] = value == "true" || value == "1";
            } else {
                fields[name] = value.empty() ? json() : json(value);
            }
        }
        replica().updateRecord("client", id, fields);
        printCreated("client", id);
        return 0;
    }

    int list(const std::vector<std::string>& args, const json& rows) {
        parse(args, {}, {});
        if (json_) {
            out_ << rows.dump() << "\n";
        } else {
            for (const auto& r : rows) {
                out_ << r.dump() << "\n";
            }
            out_ << rows.size() << " records\n";
        }
        return 0;
    }

    void printCreated(const char* what, const std::string& id) {
        if (json_) {
            out_ << json{{"id", id}, {"pending", replica().status().pending}}.dump() << "\n";
        } else {
            auto pending = replica().status().pending;
            out_ << "saved " << what << " " << id << " (" << pending
                 << (pending == 1 ? " edit" : " edits") << " waiting to sync)\n";
        }
    }

    std::string profile_;
    bool json_;
    std::istream& in_;
    std::ostream& out_;
    const TransportFactory& factory_;
    std::unique_ptr<device::Replica> replica_;
};

} // namespace

int runCli(const std::vector<std::string>& argsIn, std::istream& in, std::ostream& out,
           std::ostream& err, const TransportFactory& makeTransport) {
    try {
        std::string profile;
        bool asJson = false;
        std::vector<std::string> rest;
        for (size_t i = 0; i < argsIn.size(); ++i) {
            if (argsIn[i] == "--profile") {
                if (i + 1 >= argsIn.size()) {
                    throw UsageError("--profile needs a directory");
                }
                profile = argsIn[++i];
            } else if (argsIn[i].rfind("--profile=", 0) == 0) {
                profile = argsIn[i].substr(10);
            } else if (argsIn[i] == "--json") {
                asJson = true;
            } else if (argsIn[i] == "--help" || argsIn[i] == "-h") {
                out << kUsage;
                return 0;
            } else {
                rest.push_back(argsIn[i]);
            }
        }
        if (rest.empty()) {
            err << kUsage;
            return 2;
        }
        if (profile.empty()) {
            if (const char* env = std::getenv("FIELDBOOK_PROFILE")) {
                profile = env;
            } else {
                throw UsageError("give --profile DIR (or set FIELDBOOK_PROFILE)");
            }
        }
        Cli cli(profile, asJson, in, out, makeTransport);
        return cli.run(rest[0], std::vector<std::string>(rest.begin() + 1, rest.end()));
    } catch (const UsageError& e) {
        err << "fieldbook-cli: " << e.what() << " (see fieldbook-cli --help)" << std::endl;
        return 2;
    } catch (const device::DomainError& e) {
        err << "fieldbook-cli: " << e.code() << ": " << e.what() << std::endl;
        return 2;
    } catch (const device::SyncError& e) {
        err << "fieldbook-cli: " << e.code() << ": " << e.what() << std::endl;
        return 1;
    } catch (const device::NetworkError& e) {
        err << "fieldbook-cli: offline: " << e.what() << " (your edits are kept; run sync later)"
            << std::endl;
        return 1;
    } catch (const std::exception& e) {
        err << "fieldbook-cli: error: " << e.what() << std::endl;
        return 1;
    }
}

} // namespace fieldbook::cli
