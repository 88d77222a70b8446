// SPDX-License-Identifier: MIT
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace fieldbook::server {

/// Runs `fieldbook-server ARGS...` (docs/cli.md, docs/import.md): serve,
/// import-sample, import-clients, export-clients, user add. Returns the process exit code: 0 done,
/// 1 failed, 2 bad usage. Errors are one line on `err`; reports and "listening on" go to `out`.
int runServerCommand(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
                     std::ostream& err);

} // namespace fieldbook::server
