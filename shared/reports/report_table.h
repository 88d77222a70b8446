// SPDX-License-Identifier: MIT
#pragma once

#include "store/database.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace fieldbook::reports {

/// The column types of a report table (docs/reports.md "JSON and CSV").
constexpr const char* kText = "text";
constexpr const char* kInteger = "integer"; ///< counts, cents, ms UTC
constexpr const char* kReal = "real";       ///< days, hours, percent

/// One column of a report: its name (snake_case, stable: docs/reports.md) and
/// its type, kText, kInteger or kReal, declared with the report's definition
/// (so an empty answer has the same types as a full one).
struct Column {
    std::string name;
    std::string type;
};

/// A report's answer: named, typed columns and rows of values (null, integer,
/// real or text). Serialises to JSON and to CSV (RFC 4180).
struct Table {
    std::string report; ///< report name, e.g. "deals_outcome"
    std::vector<Column> columns;
    std::vector<std::vector<nlohmann::json>> rows;

    /// {"report", "columns":[{"name","type"}...], "rows":[{column: value}...]}.
    nlohmann::json toJson() const;
    /// RFC 4180: a header line of the column names, then one line per row,
    /// CRLF line ends; a field with a comma, quote, CR or LF is quoted with
    /// its quotes doubled; null is an empty field. A text cell that a
    /// spreadsheet would read as a formula gets a leading quote (csvText).
    std::string toCsv() const;
    /// Throws std::logic_error when two columns share a name (a row is an
    /// object keyed by column name: a duplicate would overwrite a figure).
    /// collect(), toJson() and toCsv() call it; fromJson() answers nullopt.
    void checkColumns() const;
    /// The index of column `name`, or -1.
    int column(std::string_view name) const;
    /// A table back from toJson()'s shape (a device reading the server's
    /// answer); nullopt when `j` is not that shape.
    static std::optional<Table> fromJson(const nlohmann::json& j);
};

/// Runs `st` to completion and collects its rows, with the statement's
/// column names (the SQL's aliases) as the table's columns and each type
/// taken from the column's first non-null value ("text" when all are null:
/// for tables without a declaration, such as a query plan); throws
/// std::logic_error when two columns share a name.
Table collect(std::string report, store::Statement& st);

/// As collect(), with the report's `declared` columns: their names must be
/// the statement's, in order (else std::logic_error: the definition and its
/// SQL disagree). An integer in a kReal column becomes a real (SQLite
/// answers 3 for a rounded 3.0), so a value's JSON type is its column's.
Table collect(std::string report, store::Statement& st, std::vector<Column> declared);

/// A text cell made safe from CSV formula injection (OWASP): one starting
/// with = + - @ tab or CR gets a leading single quote; others are unchanged.
std::string csvText(std::string_view text);

/// One CSV field quoted as RFC 4180 §2 says (only when needed).
std::string csvField(std::string_view text);

} // namespace fieldbook::reports
