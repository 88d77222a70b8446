// SPDX-License-Identifier: MIT
#include "user_commands.h"

#include "commands.h"
#include "new_database.h"
#include "store/auth.h"
#include "store/server_db.h"
#include "store/teams.h"
#include "store/users.h"

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <iomanip>

namespace fieldbook::server {

namespace po = boost::program_options;

namespace {

const char* kUserUsage = "expected: user add|list|set|deactivate|activate|password --db PATH "
                         "[--login L] ...";

void parse(const std::vector<std::string>& args, const po::options_description& opts) {
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(args).options(opts).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        throw UsageError(e.what()); // the one usage line of every command
    }
}

/// The password line on stdin; throws ApiError(400, "no_password") when
/// there is none (an empty stdin is not a weak password).
std::string readPassword(std::istream& in) {
    std::string password;
    std::getline(in, password);
    if (!password.empty() && password.back() == '\r') {
        password.pop_back();
    }
    if (password.empty()) {
        throw ApiError(400, "no_password",
                       "no password on stdin: give it as one line, e.g. "
                       "printf '%s\\n' \"$PASSWORD\" | fieldbook-server user ...");
    }
    return password;
}

/// Opens an existing database: the change commands never create one.
void requireDatabase(const std::string& dbPath) {
    if (!std::filesystem::is_regular_file(dbPath)) {
        throw std::runtime_error("no database at " + dbPath);
    }
}

int addCmd(const std::vector<std::string>& args, std::istream& in, std::ostream& out) {
    po::options_description opts;
    std::string dbPath, login, name, role;
    std::optional<std::string> team;
    bool newTeam = false;
    opts.add_options()("db", po::value(&dbPath)->required(), "")(
        "login", po::value(&login)->required(), "")("name", po::value(&name)->required(),
                                                    "")("role", po::value(&role)->required(), "")(
        "team", po::value<std::string>()->notifier([&](const std::string& v) { team = v; }),
        "")("new-team", po::bool_switch(&newTeam), "");
    parse(args, opts);
    auto password = readPassword(in);
    validateNewUser(login, name, role, password); // before the file is created
    refuseOutdatedSchema(dbPath);
    NewDatabaseGuard created(dbPath); // a refusal below leaves no new file
    ServerDb db(dbPath);
    auto lock = db.lock();
    if (team) {
        team = resolveTeam(db, *team, newTeam); // before the user exists
    }
    auto id = addUser(db, login, name, role, password);
    nlohmann::json result{{"id", id}, {"login", login}, {"full_name", name}, {"role", role}};
    if (team) {
        UserChange change;
        change.team = team;
        changeUser(db, login, change);
        result["team"] = *team;
    }
    created.keep();
    out << result.dump() << std::endl;
    return 0;
}

int listCmd(const std::vector<std::string>& args, std::ostream& out) {
    po::options_description opts;
    std::string dbPath;
    opts.add_options()("db", po::value(&dbPath)->required(), "");
    parse(args, opts);
    requireDatabase(dbPath);
    refuseOutdatedSchema(dbPath);
    ServerDb db(dbPath);
    auto lock = db.lock();
    auto users = listUsers(db);
    std::size_t loginWidth = 5;
    std::size_t teamWidth = 4;
    for (const auto& u : users) {
        loginWidth = std::max(loginWidth, u.login.size());
        teamWidth = std::max(teamWidth, u.team.size());
    }
    out << std::left << std::setw(static_cast<int>(loginWidth)) << "login"
        << "  " << std::setw(13) << "role"
        << "  " << std::setw(6) << "active"
        << "  " << std::setw(static_cast<int>(teamWidth)) << "team"
        << "  name\n";
    for (const auto& u : users) {
        out << std::setw(static_cast<int>(loginWidth)) << u.login << "  " << std::setw(13) << u.role
            << "  " << std::setw(6) << (u.active ? "yes" : "no") << "  "
            << std::setw(static_cast<int>(teamWidth)) << (u.team.empty() ? "-" : u.team) << "  "
            << u.fullName << "\n";
    }
    out << std::flush;
    return 0;
}

/// set / deactivate / activate / password: one change of one user.
int changeCmd(const std::string& verb, const std::vector<std::string>& args, std::istream& in,
              std::ostream& out) {
    po::options_description opts;
    std::string dbPath, login;
    std::optional<std::string> role, name, team;
    bool newTeam = false;
    opts.add_options()("db", po::value(&dbPath)->required(), "")("login",
                                                                 po::value(&login)->required(), "");
    if (verb == "set") {
        opts.add_options()(
            "role", po::value<std::string>()->notifier([&](const std::string& v) { role = v; }),
            "")("name", po::value<std::string>()->notifier([&](const std::string& v) { name = v; }),
                "")("team",
                    po::value<std::string>()->notifier([&](const std::string& v) { team = v; }),
                    "")("new-team", po::bool_switch(&newTeam), "");
    }
    parse(args, opts);
    UserChange change;
    change.role = role;
    change.fullName = name;
    if (verb == "deactivate" || verb == "activate") {
        change.active = verb == "activate";
    }
    if (verb == "password") {
        change.password = readPassword(in);
        validateNewUser("operator", "-", "admin", *change.password); // before the file is opened
    }
    requireDatabase(dbPath);
    refuseOutdatedSchema(dbPath);
    ServerDb db(dbPath);
    auto lock = db.lock();
    if (team) {
        change.team = resolveTeam(db, *team, newTeam);
    }
    auto r = changeUser(db, login, change);
    out << nlohmann::json{{"login", r.user.login},
                          {"full_name", r.user.fullName},
                          {"role", r.user.role},
                          {"active", r.user.active},
                          {"team",
                           r.user.team.empty() ? nlohmann::json() : nlohmann::json(r.user.team)},
                          {"version", r.version},
                          {"tokens_revoked", r.tokensRevoked},
                          {"fresh_download", r.freshDownload}}
               .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
        << std::endl;
    return 0;
}

} // namespace

int runUserCommand(const std::vector<std::string>& args, std::istream& in, std::ostream& out) {
    if (args.empty()) {
        throw UsageError(kUserUsage);
    }
    std::vector<std::string> rest(args.begin() + 1, args.end());
    const auto& verb = args[0];
    if (verb == "add") {
        return addCmd(rest, in, out);
    }
    if (verb == "list") {
        return listCmd(rest, out);
    }
    if (verb == "set" || verb == "deactivate" || verb == "activate" || verb == "password") {
        return changeCmd(verb, rest, in, out);
    }
    throw UsageError("unknown user command \"" + verb + "\"; " + kUserUsage);
}

} // namespace fieldbook::server
