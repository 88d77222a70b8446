// SPDX-License-Identifier: MIT
#pragma once

#include "http/router.h"

namespace fieldbook::server {

/// GET /api/v1/reports/<name>?from=&to=&manager=&team=&segment=&product=
/// (docs/protocol.md "Reports", docs/reports.md): runs the report for the
/// bearer's role (reports::reportAccess: a manager's own figures, head and
/// marketing everyone's) and answers JSON, or CSV (RFC 4180) with
/// `Accept: text/csv`. Throws ApiError: 401/403 as for pull, 403 forbidden for
/// another user's figures, 404 unknown_report, 400 with the filter's code
/// (reports::ReportError) or invalid_query, 405 for another method.
/// Takes db.lock() to check the token, then reads on a connection of its
/// own (WAL), so a long report does not hold the sync's writes.
Response reportResponse(const Request& req, Deps& deps, std::string_view name);

} // namespace fieldbook::server
