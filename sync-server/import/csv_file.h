// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

namespace fieldbook::server {

/// A CSV file read whole with libcsv (RFC 4180: quoted fields, embedded
/// separators and line breaks). `header` is the first record.
struct CsvTable {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    /// Index of a header column, or -1.
    int column(const std::string& name) const;
};

/// Reads `path` (UTF-8, a leading BOM is dropped) with `separator`.
/// Throws std::runtime_error naming the file on I/O or parse errors.
CsvTable readCsv(const std::string& path, char separator = ',');

} // namespace fieldbook::server
