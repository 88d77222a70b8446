// SPDX-License-Identifier: MIT
#include "import/csv_file.h"

#include <csv.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace fieldbook::server {

namespace {
struct Collector {
    std::vector<std::vector<std::string>> records;
    std::vector<std::string> current;
};

void onField(void* data, size_t len, void* ctx) {
    auto* c = static_cast<Collector*>(ctx);
    c->current.emplace_back(static_cast<const char*>(data), len);
}

void onRecord(int, void* ctx) {
    auto* c = static_cast<Collector*>(ctx);
    c->records.push_back(std::move(c->current));
    c->current.clear();
}
/// Fields of the first record of `text` split at `separator` (libcsv).
size_t firstRecordWidth(const std::string& text, char separator) {
    csv_parser parser;
    if (csv_init(&parser, CSV_APPEND_NULL) != 0) {
        throw std::runtime_error("cannot initialise the CSV parser");
    }
    csv_set_delim(&parser, static_cast<unsigned char>(separator));
    Collector c;
    constexpr size_t kChunk = 4096;
    for (size_t at = 0; at < text.size() && c.records.empty(); at += kChunk) {
        auto n = std::min(kChunk, text.size() - at);
        if (csv_parse(&parser, text.data() + at, n, onField, onRecord, &c) != n) {
            break;
        }
    }
    if (c.records.empty()) {
        csv_fini(&parser, onField, onRecord, &c);
    }
    csv_free(&parser);
    return c.records.empty() ? 0 : c.records.front().size();
}
} // namespace

char detectSeparator(const std::string& text) {
    return firstRecordWidth(text, ';') > firstRecordWidth(text, ',') ? ';' : ',';
}

int CsvTable::column(const std::string& name) const {
    for (size_t i = 0; i < header.size(); ++i) {
        if (header[i] == name) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

CsvTable readCsv(const std::string& path, char separator) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot read " + path);
    }
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) {
        text.erase(0, 3);
    }
    if (separator == 0) {
        separator = detectSeparator(text);
    }
    csv_parser parser;
    if (csv_init(&parser, CSV_STRICT | CSV_APPEND_NULL) != 0) {
        throw std::runtime_error("cannot initialise the CSV parser");
    }
    csv_set_delim(&parser, static_cast<unsigned char>(separator));
    Collector c;
    if (csv_parse(&parser, text.data(), text.size(), onField, onRecord, &c) != text.size()) {
        std::string err = csv_strerror(csv_error(&parser));
        csv_free(&parser);
        throw std::runtime_error(path + ": " + err);
    }
    csv_fini(&parser, onField, onRecord, &c);
    csv_free(&parser);
    CsvTable t;
    t.separator = separator;
    if (c.records.empty()) {
        throw std::runtime_error(path + ": empty file, expected a header line");
    }
    t.header = std::move(c.records.front());
    t.rows.assign(std::make_move_iterator(c.records.begin() + 1),
                  std::make_move_iterator(c.records.end()));
    return t;
}

} // namespace fieldbook::server
