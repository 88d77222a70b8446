// SPDX-License-Identifier: MIT
#pragma once

#include "sync/protocol.h"

#include <string_view>

namespace fieldbook::sync {

/// Reads a pull page (GET /api/v1/sync/pull's answer, docs/protocol.md)
/// straight from its text with nlohmann::json's SAX parser: each record is
/// built as it is read, without a JSON document of the whole page first
/// (issue 6: parsing the page into a document, copying it out and freeing
/// it was a third of a device's first download). Accepts and refuses what
/// pullResponseFromJson(parseJson(text)) does: throws ProtocolError
/// "malformed_json" for text that is not JSON (RFC 8259, at most
/// kMaxJsonDepth levels, no byte order mark; the message is the parser's)
/// and "invalid_request" with the
/// same messages for a page that lacks a field or has one of the wrong type.
PullResponse readPullPage(std::string_view text);

} // namespace fieldbook::sync
