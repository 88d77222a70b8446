// SPDX-License-Identifier: MIT
#pragma once

#include "domain/entities.h"

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>
#include <vector>

namespace fieldbook::server {

/// Bad usage of import-clients or export-clients (exit code 2): a malformed
/// --map, an unknown field or column, a bad delimiter, an unknown --curator.
struct ClientCsvUsageError : std::invalid_argument {
    using std::invalid_argument::invalid_argument;
};

/// One CSV column and the client field it carries.
struct ClientColumn {
    std::string column;
    std::string field;
};
using ClientMapping = std::vector<ClientColumn>;

/// The names a CSV column may carry (docs/import.md): `id`, every client field
/// of the registry except the user references curator_id and first_contact_by,
/// which travel as logins: `curator_login`, `first_contact_by_login`.
/// In export order.
const std::vector<std::string>& clientCsvFields();
/// True when `name` is one of clientCsvFields().
bool isClientCsvField(const std::string& name);

/// Parses --map values, each "column=field[,column=field...]". Throws
/// ClientCsvUsageError for a pair without "=", an empty column, an unknown
/// field (the message lists the known ones), a field or a column given twice.
ClientMapping parseClientMapping(const std::vector<std::string>& specs);

/// Every clientCsvField() under its own name (the export's default).
ClientMapping defaultClientMapping();

/// Parses --delimiter: "," or ";" (also "comma", "semicolon"); empty gives 0
/// (detect). Throws ClientCsvUsageError otherwise.
char parseDelimiter(const std::string& text);

/// The JSON value of CSV text for `field` (docs/import.md "Cell formats"):
/// empty -> null; Int: an optional "-" and digits; TimeMs: ISO 8601
/// (domain::parseIso8601); Bool: true/false/1/0/yes/no; Text and Ref: the
/// text. Returns false and sets `error` when the text does not parse.
bool cellToValue(const domain::FieldDef& field, const std::string& cell, nlohmann::json& value,
                 std::string& error);

/// The CSV text of a field value: null -> empty; Int as digits; TimeMs as
/// "YYYY-MM-DDTHH:MM:SS[.mmm]Z" (UTC, milliseconds only when not 0); Bool
/// as true/false; Text and Ref as they are. cellToValue() reads it back.
std::string valueToCell(const domain::FieldDef& field, const nlohmann::json& value);

} // namespace fieldbook::server
