// SPDX-License-Identifier: MIT
#pragma once

#include "import/client_csv_mapping.h"
#include "store/server_db.h"

#include <nlohmann/json.hpp>

#include <string>

namespace fieldbook::server {

/// Writes every live client card of `db` to `path` as CSV
/// (`fieldbook-server export-clients`, docs/import.md): a header row of the
/// mapping's column names (empty mapping: defaultClientMapping()), then one
/// row per client by name, every field quoted with libcsv (RFC 4180),
/// `separator` ',' or ';', CRLF line ends, UTF-8 without BOM. Values as
/// valueToCell(); curator and first contact author as logins. The file is
/// written beside `path` and renamed over it, so a failed export leaves no
/// half file. Returns {file, clients, columns}. Throws std::runtime_error
/// on I/O errors, store::StoreError on database errors.
nlohmann::json exportClients(ServerDb& db, const std::string& path, const ClientMapping& mapping,
                             char separator);

} // namespace fieldbook::server
