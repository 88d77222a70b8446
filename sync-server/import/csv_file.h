// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

namespace fieldbook::server {

/// A CSV file read whole with libcsv (RFC 4180: quoted fields, embedded
/// separators and line breaks). `header` is the first record.
struct CsvTable {
    char separator = ','; ///< the field separator the file was read with
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    /// Index of a header column, or -1.
    int column(const std::string& name) const;
};

/// Reads `path` (UTF-8, a leading BOM is dropped) with `separator`; with
/// `separator` 0, detects ',' or ';' from the header record (the one that
/// splits it into more fields; ',' on a tie). Bytes are passed through as
/// they are (no UTF-8 check). Throws std::runtime_error naming the file on
/// I/O or parse errors and for a file without a header record.
CsvTable readCsv(const std::string& path, char separator = ',');

/// ',' or ';', whichever splits the first CSV record of `text` into more
/// fields (RFC 4180 quoting honoured, via libcsv); ',' on a tie.
char detectSeparator(const std::string& text);

} // namespace fieldbook::server
