// SPDX-License-Identifier: MIT
#pragma once

// Value rules the device, the server's push checks and import-clients share
// (one function each; fresh-user: import took what push refused, and the
// other way round). Implemented in entities.cpp and sales_rules.cpp.

#include <string>
#include <string_view>

namespace fieldbook::domain {

/// An `email` field's value (client, contact, user): empty, or one
/// name@domain with both parts non-empty and no spaces or control
/// characters. Empty string when valid, else the message for the user.
/// validateField() applies it to every field named `email`.
std::string emailProblem(std::string_view email);

/// SPEC §2: a client's curator is "the responsible manager": a user whose
/// `role` is manager or head. Returns an empty string when `role` may
/// curate, else the message naming `login` and its role (code
/// invalid_value on the device and on push, a refused row on import).
std::string curatorRoleProblem(std::string_view login, std::string_view role);

} // namespace fieldbook::domain
