// SPDX-License-Identifier: MIT
#pragma once

#include <iostream>
#include <string>
#include <vector>

namespace fieldbook::server {

/// `fieldbook-server user add|list|set|deactivate|activate|password ...`
/// (docs/cli.md "Users"); `args` start after "user". Reads a password line
/// from `in` for add and password. Returns 0, or throws ApiError (400: bad
/// input, exit 2; 404 unknown_user, 409 login_taken / last_admin: exit 1)
/// or std::runtime_error.
int runUserCommand(const std::vector<std::string>& args, std::istream& in, std::ostream& out);

} // namespace fieldbook::server
