// SPDX-License-Identifier: MIT
#include "import/csv_file.h"

#include <csv.h>

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
} // namespace

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
    if (c.records.empty()) {
        throw std::runtime_error(path + ": empty file, expected a header line");
    }
    t.header = std::move(c.records.front());
    t.rows.assign(std::make_move_iterator(c.records.begin() + 1),
                  std::make_move_iterator(c.records.end()));
    return t;
}

} // namespace fieldbook::server
