// SPDX-License-Identifier: MIT
#include "sync/push_text.h"

namespace fieldbook::sync {

using nlohmann::json;

namespace {

/// Appends JSON text to one string through nlohmann's serializer (the
/// escaping and number formatting of json::dump, invalid UTF-8 replaced as
/// dumpSafe() does). Object keys are written by the caller in sorted order,
/// the order json::dump uses for its std::map objects.
class TextWriter {
  public:
    explicit TextWriter(std::string& out)
        : out_(out), serializer_(nlohmann::detail::output_adapter<char>(out), ' ',
                                 json::error_handler_t::replace) {}

    void value(const json& v) { serializer_.dump(v, false, false, 0); }
    void text(const std::string& s) { value(json(s)); }
    void number(std::int64_t n) { out_ += std::to_string(n); }
    void boolean(bool b) { out_ += b ? "true" : "false"; }
    /// `"name":` after a comma unless it is the object's first key.
    void key(const char* name, bool& first) {
        if (!first) {
            out_ += ',';
        }
        first = false;
        out_ += '"';
        out_ += name;
        out_ += "\":";
    }
    void raw(char c) { out_ += c; }

  private:
    std::string& out_;
    nlohmann::detail::serializer<json> serializer_;
};

void writeRecord(TextWriter& w, const RecordChange& c) {
    bool first = true;
    w.raw('{');
    w.key("deleted", first);
    w.boolean(c.deleted);
    w.key("entity", first);
    w.text(c.entity);
    w.key("fields", first);
    w.value(c.fields);
    w.key("id", first);
    w.text(c.id);
    if (c.removed) {
        w.key("removed", first);
        w.boolean(true);
    }
    w.key("seq", first);
    w.number(c.seq);
    w.key("updated_at", first);
    w.number(c.updatedAt);
    w.key("updated_by", first);
    w.text(c.updatedBy);
    w.key("version", first);
    w.number(c.version);
    w.raw('}');
}

void writeResult(TextWriter& w, const MutationResult& m) {
    bool first = true;
    w.raw('{');
    if (!m.conflicts.empty()) {
        w.key("conflicts", first);
        w.raw('[');
        for (std::size_t i = 0; i < m.conflicts.size(); ++i) {
            const auto& c = m.conflicts[i];
            if (i > 0) {
                w.raw(',');
            }
            bool f = true;
            w.raw('{');
            w.key("field", f);
            w.text(c.field);
            w.key("loser_value", f);
            w.value(c.loserValue);
            w.key("pushed_value_lost", f);
            w.boolean(c.pushedValueLost);
            w.key("rule", f);
            w.text(c.rule);
            w.key("winner_value", f);
            w.value(c.winnerValue);
            w.raw('}');
        }
        w.raw(']');
    }
    if (m.hasCurrent) {
        w.key("current", first);
        if (m.current) {
            writeRecord(w, *m.current);
        } else {
            w.value(json());
        }
    }
    if (m.duplicate) {
        w.key("duplicate", first);
        w.boolean(true);
    }
    if (!m.errorCode.empty()) {
        w.key("error", first);
        bool f = true;
        w.raw('{');
        w.key("code", f);
        w.text(m.errorCode);
        w.key("message", f);
        w.text(m.errorMessage);
        w.raw('}');
    }
    w.key("mutation_id", first);
    w.text(m.mutationId);
    w.key("status", first);
    w.text(m.status);
    w.key("version", first);
    w.number(m.version);
    w.raw('}');
}

} // namespace

std::string pushResponseText(const PushResponse& response) {
    std::string out;
    out.reserve(512 * response.results.size() + 64);
    TextWriter w(out);
    bool first = true;
    w.raw('{');
    w.key("results", first);
    w.raw('[');
    for (std::size_t i = 0; i < response.results.size(); ++i) {
        if (i > 0) {
            w.raw(',');
        }
        writeResult(w, response.results[i]);
    }
    w.raw(']');
    w.key("server_time", first);
    w.number(response.serverTimeMs);
    w.raw('}');
    return out;
}

} // namespace fieldbook::sync
