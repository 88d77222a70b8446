// SPDX-License-Identifier: MIT
#pragma once

#include "import/client_csv_mapping.h"
#include "import/csv_file.h"
#include "store/server_db.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace fieldbook::server {

/// A client CSV file read and matched to its mapping, before any database
/// work (`fieldbook-server import-clients`, docs/import.md).
struct ClientCsvFile {
    std::string path;
    CsvTable table;
    /// Per header column: the client CSV field it carries, or empty (ignored).
    std::vector<std::string> fieldOf;
    std::vector<std::string> ignoredColumns;
};

/// Reads `path` with libcsv (RFC 4180; UTF-8 with or without BOM; `separator`
/// ',' or ';', or 0 to detect it from the header) and matches `mapping`
/// (column=field pairs; empty: every header column named like a client CSV
/// field carries that field). Throws ClientCsvUsageError (exit 2) when a
/// mapped column is not in the header, a mapped column appears twice in it,
/// or, with an empty mapping, no column names a field; std::runtime_error
/// when the file cannot be read or parsed (exit 1). Touches no database.
ClientCsvFile readClientCsv(const std::string& path, const ClientMapping& mapping, char separator);

/// What import-clients does besides the file.
struct ClientImportOptions {
    std::string curatorLogin;   ///< --curator: curator of rows without curator_login
    bool addReferences = false; ///< --add-references: create unknown reference items
};

/// Imports the rows of `file` as client cards (SPEC §2) into `db`. Each row
/// is checked (field values with domain::validateField, reference-list codes
/// against the live items, `name` required, users by login, probable
/// duplicates with domain::duplicateReason against live cards and earlier
/// rows); a refused row is reported with its reason and nothing of it is
/// written. The taken rows are written in one transaction as version-1
/// records, each with its own change sequence number, updated_by "import";
/// status defaults to "prospect", first_contact_at to the import time (ms
/// UTC). Returns the report {file, separator, rows, imported, refused:
/// [{row, reason, ...}], ignored_columns, added_references}, `row` counting
/// data records from 1. Throws ClientCsvUsageError for an unknown
/// --curator (nothing written), store::StoreError on database errors
/// (nothing written). Caller holds db.lock().
nlohmann::json importClients(ServerDb& db, const ClientCsvFile& file,
                             const ClientImportOptions& options);

} // namespace fieldbook::server
