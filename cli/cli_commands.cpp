// SPDX-License-Identifier: MIT
// fieldbook-cli's entry: global options, the command table, and the one-line
// error for every failure (docs/cli.md "Exit codes").
#include "cli_commands.h"

#include "cli_context.h"
#include "device/sync_engine.h"
#include "store/database.h"
#include "version.h"

#include <sqlite3.h>

#include <cstdlib>
#include <iostream>
#include <map>

namespace fieldbook::cli {

namespace {

const char* kUsage = R"(usage: fieldbook-cli --profile DIR [--json] COMMAND [OPTIONS]
       fieldbook-cli --version   (one line: fieldbook-cli VERSION)
session and sync:
  login --server URL --user LOGIN      (password on stdin)
  sync [--follow [--period S]]         push the outbox, then pull until up to date;
                                       --follow: keep syncing on its own (live notices,
                                       edits, every S seconds, backoff) until Ctrl-C
  status                               who, server, pending edits, last sync, sync failures
  conflicts                            values that lost a conflict (yours or replaced by you)
  rejected                             your edits the server refused, kept here
clients:
  clients [--search TEXT]
  client ID                            the whole card: fields, contacts, deals, history, plans, mailings
  new-client --name N [--set FIELD=VALUE ...] [--anyway]
  edit-client ID --set FIELD=VALUE [--set ...]
  add-contact CLIENT --name N [--set FIELD=VALUE ...]
  reassign-client CLIENT --to LOGIN    (head, admin)
  merge-clients SURVIVOR MERGED        (head, admin) MERGED's records move to SURVIVOR
  delete ENTITY ID                     client, contact, deal, planned_activity...: removed here at
                                       once; the server decides (an edit it had not seen wins
                                       over a manager's delete; history entries are never deleted)
  mail CONTACT_ID --template NAME_OR_ID [--fax]
  mailings CLIENT
history:
  log CLIENT --kind KIND --summary TEXT [--deal ID] [--at ISO8601]
  correct ENTRY_ID --summary TEXT      (the author only; the old text is kept)
  history ENTRY_ID                     one entry with its earlier texts
deals:
  deals [--open]
  deal ID                              stages with days vs norm, lines, payments, deliveries, history
  open-deal CLIENT --title T [--manager LOGIN] [--set FIELD=VALUE ...]
  move-stage DEAL STAGE [--override]
  close-deal DEAL --won [--contract N] [--invoice N] | --lost --reason CODE [--comment T]
  add-line DEAL --product NAME_OR_ID --qty N --price AMOUNT
  add-payment DEAL --amount AMOUNT --date YYYY-MM-DD [--document N]
  add-delivery DEAL --date YYYY-MM-DD [--waybill N]
plans:
  today [--date YYYY-MM-DD] [--user LOGIN]
  plan CLIENT --at ISO8601 --minutes N --kind KIND [--assignee LOGIN] [--purpose TEXT] [--place TEXT]
  busy LOGIN [--date YYYY-MM-DD]
  done ACTIVITY_ID --summary TEXT [--kind K]
  cancel ACTIVITY_ID
  missed ACTIVITY_ID
  reassign-activity ACTIVITY_ID --to LOGIN   (head, admin)
reference data:
  refs LIST    stages    templates    products
  users                                the user directory: login, name, role, active
reports (docs/reports.md):
  report NAME [--from D] [--to D] [--manager LOGIN] [--team T] [--segment S] [--product P]
         [--csv] [--offline]           from the server; --offline: over this device's replica
                                       (only what it holds). NAME: manager_load, deals_outcome,
                                       deal_durations, durations_by_product, durations_by_segment,
                                       stage_durations, stages_over_norm, funnel, refusal_reasons,
                                       sources, completeness
In --set, a user field (curator_id, assignee_id, manager_id...) takes a login or an id.
Times without an offset are UTC. Amounts are units with two decimals: 1234.50.
)";

const std::map<std::string, Command>& commands() {
    static const std::map<std::string, Command> table = {
        {"login", cmdLogin},
        {"sync", cmdSync},
        {"status", cmdStatus},
        {"conflicts", cmdConflicts},
        {"rejected", cmdRejected},
        {"clients", cmdClients},
        {"client", cmdClient},
        {"new-client", cmdNewClient},
        {"edit-client", cmdEditClient},
        {"add-contact", cmdAddContact},
        {"reassign-client", cmdReassignClient},
        {"merge-clients", cmdMergeClients},
        {"delete", cmdDelete},
        {"mail", cmdMail},
        {"mailings", cmdMailings},
        {"log", cmdLog},
        {"correct", cmdCorrect},
        {"history", cmdHistory},
        {"deals", cmdDeals},
        {"deal", cmdDeal},
        {"open-deal", cmdOpenDeal},
        {"move-stage", cmdMoveStage},
        {"close-deal", cmdCloseDeal},
        {"add-line", cmdAddLine},
        {"add-payment", cmdAddPayment},
        {"add-delivery", cmdAddDelivery},
        {"plan", cmdPlan},
        {"today", cmdToday},
        {"done", cmdDone},
        {"cancel", cmdCancel},
        {"missed", cmdMissed},
        {"reassign-activity", cmdReassignActivity},
        {"busy", cmdBusy},
        {"refs", cmdRefs},
        {"stages", cmdStages},
        {"templates", cmdTemplates},
        {"products", cmdProducts},
        {"users", cmdUsers},
        {"report", cmdReport},
    };
    return table;
}

/// The one error line: "fieldbook-cli: MESSAGE (CODE)".
int fail(std::ostream& err, const std::string& message, const std::string& code, int exitCode) {
    err << "fieldbook-cli: " << message << " (" << code << ")" << std::endl;
    return exitCode;
}

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
            } else if (argsIn[i] == "--version") {
                out << "fieldbook-cli " << version() << "\n";
                return 0;
            } else {
                rest.push_back(argsIn[i]);
            }
        }
        if (rest.empty()) {
            err << kUsage;
            return 2;
        }
        auto found = commands().find(rest[0]);
        if (found == commands().end()) {
            throw UsageError("unknown command \"" + rest[0] + "\"");
        }
        if (profile.empty()) {
            if (const char* env = std::getenv("FIELDBOOK_PROFILE")) {
                profile = env;
            } else {
                throw UsageError("give --profile DIR (or set FIELDBOOK_PROFILE)");
            }
        }
        Context ctx(profile, asJson, in, out, err, makeTransport);
        return found->second(ctx, std::vector<std::string>(rest.begin() + 1, rest.end()));
    } catch (const UsageError& e) {
        return fail(err, std::string(e.what()) + "; see fieldbook-cli --help", "bad_usage", 2);
    } catch (const CliError& e) {
        return fail(err, e.what(), e.code, e.exitCode);
    } catch (const device::DomainError& e) {
        return fail(err, e.what(), e.code(), 2);
    } catch (const device::SyncError& e) {
        return fail(err, e.what(), e.code(), 1);
    } catch (const device::NetworkError& e) {
        return fail(err,
                    std::string("cannot reach the server: ") + e.what() +
                        "; your edits are kept, run sync later",
                    "offline", 1);
    } catch (const store::StoreError& e) {
        if ((e.code() & 0xff) == SQLITE_FULL) {
            return fail(err,
                        "the device's storage is full: nothing was saved, edits waiting to be "
                        "sent are kept; free some space and try again",
                        "disk_full", 1);
        }
        return fail(err, e.what(), "storage_error", 1);
    } catch (const std::exception& e) {
        return fail(err, e.what(), "error", 1);
    }
}

} // namespace fieldbook::cli
