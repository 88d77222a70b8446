// SPDX-License-Identifier: MIT
// The client's history: log an entry, correct one's own, read one with its
// earlier texts (docs/cli.md "History").
#include "cli_context.h"
#include "domain/clock.h"

#include <ostream>

namespace fieldbook::cli {

using nlohmann::json;

int cmdLog(Context& ctx, const std::vector<std::string>& args) {
    po::options_description o;
    std::string client, kind, summary, deal, at;
    o.add_options()("client", po::value(&client)->required(), "")(
        "kind", po::value(&kind)->required(), "")("summary", po::value(&summary)->required(), "")(
        "deal", po::value(&deal), "")("at", po::value(&at), "");
    po::positional_options_description p;
    p.add("client", 1);
    parse(args, o, p);
    auto occurred = at.empty() ? domain::nowMs() : parseTime(at, "--at");
    ctx.printSaved("history entry",
                   ctx.replica().logHistory(client, kind, summary, deal, occurred));
    return 0;
}

int cmdCorrect(Context& ctx, const std::vector<std::string>& args) {
    po::options_description o;
    std::string entry, summary;
    o.add_options()("entry", po::value(&entry)->required(),
                    "")("summary", po::value(&summary)->required(), "");
    po::positional_options_description p;
    p.add("entry", 1);
    parse(args, o, p);
    ctx.replica().correctHistory(entry, summary);
    ctx.printSaved("history entry", entry);
    return 0;
}

int cmdHistory(Context& ctx, const std::vector<std::string>& args) {
    po::options_description o;
    std::string id;
    o.add_options()("entry", po::value(&id)->required(), "");
    po::positional_options_description p;
    p.add("entry", 1);
    parse(args, o, p);
    auto h = ctx.replica().historyEntry(id);
    if (h.is_null()) {
        throw device::DomainError("unknown_record", "no history entry " + id + " on this device");
    }
    if (ctx.asJson()) {
        ctx.printJson(h);
        return 0;
    }
    auto& out = ctx.out();
    out << when(h["occurred_at"]) << "  " << text(h["kind"]) << "  " << text(h["client_name"])
        << "\n"
        << "author: " << text(h["author_name"]) << "\n"
        << "summary: " << text(h["summary"]) << "\n";
    if (h["planned_activity_id"].is_string()) {
        out << "planned activity: " << text(h["planned_activity_id"]) << "\n";
    }
    if (h["deal_id"].is_string()) {
        out << "deal: " << text(h["deal_id"]) << "\n";
    }
    out << "earlier texts: " << (h["revisions"].empty() ? "none" : "") << "\n";
    for (const auto& r : h["revisions"]) {
        out << "  until " << when(r.value("at", json())) << ", replaced by "
            << text(r.value("by_name", r.value("by", json()))) << ": "
            << text(r.value("summary", json())) << "\n";
    }
    return 0;
}

} // namespace fieldbook::cli
