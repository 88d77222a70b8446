// SPDX-License-Identifier: MIT
// What every fieldbook-cli command works with: the profile's replica, the
// transport to the server, output in text or JSON, and the command line.
#pragma once

#include "cli_commands.h"
#include "cli_format.h"
#include "device/replica.h"

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

namespace fieldbook::cli {

namespace po = boost::program_options;

/// A refusal with its own exit code (e.g. probable_duplicate: 3).
struct CliError : std::runtime_error {
    CliError(std::string c, const std::string& message, int exit)
        : std::runtime_error(message), code(std::move(c)), exitCode(exit) {}
    std::string code;
    int exitCode;
};

/// The state of one fieldbook-cli run.
class Context {
  public:
    Context(std::string profile, bool asJson, std::istream& in, std::ostream& out,
            std::ostream& err, const TransportFactory& factory);

    /// The profile's replica, opened (and created) on first use.
    device::Replica& replica();
    /// A transport to `url` (the test's factory when given); `timeoutMs` per request.
    std::unique_ptr<device::Transport> transport(const std::string& url, int timeoutMs = 15000);
    /// The logged-in session; DomainError not_logged_in otherwise.
    device::Session session();
    /// The id of the user with `login` in the replica's directory; DomainError unknown_user.
    std::string userId(const std::string& login);
    /// parseSets(entity, sets) with every user reference (curator_id,
    /// assignee_id, manager_id...: domain::referencedEntity() is "user")
    /// given as a login turned into that user's id; a UUID stays as it is.
    /// Errors: UsageError (see parseSets), DomainError unknown_user.
    nlohmann::json sets(std::string_view entity, const std::vector<std::string>& sets);
    /// The id of a product given by id or by name (case-insensitive); DomainError unknown_product.
    std::string productId(const std::string& nameOrId);
    /// The id of a live document template given by id or name; DomainError unknown_template.
    std::string templateId(const std::string& nameOrId);

    bool asJson() const { return json_; }
    std::istream& in() { return in_; }
    std::ostream& out() { return out_; }
    /// Notes that are not the command's output (e.g. "offline report").
    std::ostream& err() { return err_; }
    /// Prints `value` as one JSON line.
    void printJson(const nlohmann::json& value);
    /// "saved WHAT ID (N edits waiting to sync)", or {"id", "pending"} with --json.
    void printSaved(const char* what, const std::string& id);

  private:
    std::string profile_;
    bool json_;
    std::istream& in_;
    std::ostream& out_;
    std::ostream& err_;
    const TransportFactory& factory_;
    std::unique_ptr<device::Replica> replica_;
};

/// Parses a command's arguments; po errors become UsageError.
po::variables_map parse(const std::vector<std::string>& args, const po::options_description& opts,
                        const po::positional_options_description& pos);

/// One subcommand: `fieldbook-cli NAME ARGS...`; returns the exit code.
using Command = int (*)(Context&, const std::vector<std::string>&);

// commands_sync.cpp
int cmdLogin(Context&, const std::vector<std::string>&);
int cmdSync(Context&, const std::vector<std::string>&);
int cmdStatus(Context&, const std::vector<std::string>&);
int cmdConflicts(Context&, const std::vector<std::string>&);
int cmdRejected(Context&, const std::vector<std::string>&);
// commands_clients.cpp
int cmdClients(Context&, const std::vector<std::string>&);
int cmdClient(Context&, const std::vector<std::string>&);
int cmdNewClient(Context&, const std::vector<std::string>&);
int cmdEditClient(Context&, const std::vector<std::string>&);
int cmdAddContact(Context&, const std::vector<std::string>&);
int cmdReassignClient(Context&, const std::vector<std::string>&);
int cmdMail(Context&, const std::vector<std::string>&);
int cmdMailings(Context&, const std::vector<std::string>&);
// commands_merge.cpp
int cmdMergeClients(Context&, const std::vector<std::string>&);
int cmdDelete(Context&, const std::vector<std::string>&);
// commands_history.cpp
int cmdLog(Context&, const std::vector<std::string>&);
int cmdCorrect(Context&, const std::vector<std::string>&);
int cmdHistory(Context&, const std::vector<std::string>&);
// commands_deals.cpp
int cmdDeals(Context&, const std::vector<std::string>&);
int cmdDeal(Context&, const std::vector<std::string>&);
int cmdOpenDeal(Context&, const std::vector<std::string>&);
int cmdMoveStage(Context&, const std::vector<std::string>&);
int cmdCloseDeal(Context&, const std::vector<std::string>&);
int cmdAddLine(Context&, const std::vector<std::string>&);
int cmdAddPayment(Context&, const std::vector<std::string>&);
int cmdAddDelivery(Context&, const std::vector<std::string>&);
// commands_plans.cpp
int cmdPlan(Context&, const std::vector<std::string>&);
int cmdToday(Context&, const std::vector<std::string>&);
int cmdDone(Context&, const std::vector<std::string>&);
int cmdCancel(Context&, const std::vector<std::string>&);
int cmdMissed(Context&, const std::vector<std::string>&);
int cmdReassignActivity(Context&, const std::vector<std::string>&);
int cmdBusy(Context&, const std::vector<std::string>&);
// commands_refs.cpp
int cmdRefs(Context&, const std::vector<std::string>&);
int cmdStages(Context&, const std::vector<std::string>&);
int cmdTemplates(Context&, const std::vector<std::string>&);
int cmdProducts(Context&, const std::vector<std::string>&);
int cmdUsers(Context&, const std::vector<std::string>&);
// commands_reports.cpp
int cmdReport(Context&, const std::vector<std::string>&);

} // namespace fieldbook::cli
