// SPDX-License-Identifier: MIT
// Reading a password for `login` (docs/cli.md "Session").
#pragma once

#include <istream>
#include <ostream>
#include <string>

namespace fieldbook::cli {

/// One line from `in` as a password, without its line end ("\n" or
/// "\r\n"). When `in` is the process's standard input and that is a
/// terminal, writes `prompt` to `err` first and turns the terminal's echo
/// off while the line is typed (restored afterwards, also on error), so
/// the password is neither invisible-and-unprompted nor shown on screen;
/// piped input (`echo demo | fieldbook-cli login ...`) is read as it is.
/// Returns an empty string at end of input.
std::string readPassword(std::istream& in, std::ostream& err, const std::string& prompt);

} // namespace fieldbook::cli
