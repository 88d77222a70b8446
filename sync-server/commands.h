// SPDX-License-Identifier: MIT
#pragma once

#include <iosfwd>
#include <stdexcept>
#include <string>
#include <vector>

namespace fieldbook::server {

/// Bad usage of a fieldbook-server command (an unknown command or option, a
/// missing or invalid one): runServerCommand() prints it as the one line
/// `fieldbook-server: MESSAGE (see fieldbook-server --help)` and exits 2,
/// for every subcommand alike (docs/cli.md).
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// Refuses a database of an older schema than this program's (throws
/// ApiError 409 `schema_outdated`, exit 1, naming `fieldbook-server migrate`),
/// reading it without writing it: only `serve` and `migrate` migrate
/// (docs/operations.md "Upgrading the server"). A missing or new file
/// passes (the command creates it at the current schema).
void refuseOutdatedSchema(const std::string& dbPath);

/// Runs `fieldbook-server ARGS...` (docs/cli.md, docs/import.md): serve,
/// migrate, compact, import-sample, import-clients, export-clients, user ... Returns the process
/// exit code: 0 done, 1 failed, 2 bad usage. Errors are one line on `err`; reports and "listening
/// on" go to `out`.
int runServerCommand(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
                     std::ostream& err);

} // namespace fieldbook::server
