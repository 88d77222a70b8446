// SPDX-License-Identifier: MIT
// What the sync decided against the user, in words: conflict records for
// `fieldbook-cli conflicts`, refused edits for `fieldbook-cli rejected`
// (docs/cli.md).
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace fieldbook::device {
class Replica;
}

namespace fieldbook::cli {

/// One line that says what collided and who won, e.g.
/// `2026-11-29T17:07:40Z client "Zencorporation" phone: your "+1-555-0100"
/// was replaced by Celia Rouche's "+1-555-0199". Rule: the later change wins.`
/// followed, when the reader lost a client field, by the command that applies
/// their value again. `conflict` is a conflict record as the replica holds it
/// (docs/protocol.md "conflict"); `myUserId` the reader. Names and titles come
/// from the replica (a record not on the device shows as entity + id, a
/// deleted one is marked so); values read as the CLI prints the field (money
/// in units, times in ISO 8601, "(empty)" for no value, a delete collision as
/// "delete"/"edit"), and the apply-again command takes them back as printed.
std::string describeConflict(device::Replica& replica, const nlohmann::json& conflict,
                             const std::string& myUserId);

/// One refused edit (a row of Replica::rejectedMutations()) in words, e.g.
/// `2026-11-30T01:02:03Z edit of client "Zencorporation" refused
/// (out_of_scope): <the server's message>. You sent: notes="Call back"`,
/// each value as the card prints it (money in units, times in ISO 8601).
std::string describeRejected(device::Replica& replica, const nlohmann::json& rejected);

} // namespace fieldbook::cli
