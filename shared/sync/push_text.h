// SPDX-License-Identifier: MIT
#pragma once

#include "sync/protocol.h"

#include <string>

namespace fieldbook::sync {

/// The push answer's JSON text (docs/protocol.md "Push"), written straight
/// from the response without building a JSON tree of it: the same bytes as
/// dumpSafe(toJson(response)) (keys in sorted order, no spaces, invalid UTF-8
/// replaced), without copying every answered record's fields into a second
/// tree (issue 6: the tree and its dump were about a tenth of the server's
/// CPU in a 10,000-edit push). Never throws for invalid UTF-8.
std::string pushResponseText(const PushResponse& response);

} // namespace fieldbook::sync
