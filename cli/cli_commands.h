// SPDX-License-Identifier: MIT
#pragma once

#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

namespace fieldbook::device {
class Transport;
}

namespace fieldbook::cli {

/// Makes the transport for a server URL; tests swap in one that loses replies.
using TransportFactory = std::function<std::unique_ptr<device::Transport>(const std::string& url)>;

/// Runs `fieldbook-cli ARGS...` (docs/cli.md): a headless device
/// with the same replica and sync engine as the app. Every command but
/// login and sync works offline. Returns the exit code: 0 done, 1 failed
/// (network, server refusal, storage), 2 bad input (nothing written).
/// Errors are one line on `err`.
int runCli(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
           std::ostream& err, const TransportFactory& makeTransport = {});

} // namespace fieldbook::cli
