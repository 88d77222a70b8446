// SPDX-License-Identifier: MIT
// Client cards, contacts, reassignment and mailings (docs/cli.md "Clients").
#include "cli_context.h"
#include "device/online_lookup.h"
#include "domain/count_text.h"
#include "domain/entities.h"

#include <map>
#include <ostream>
#include <set>

namespace fieldbook::cli {

using nlohmann::json;

namespace {
/// "CODE (Label)" for a reference-list code, the code alone when unlisted.
/// Code -> label of one reference list, read once for a whole listing.
std::map<std::string, std::string> labelsOf(device::Replica& r, std::string_view list) {
    std::map<std::string, std::string> labels;
    for (const auto& item : r.referenceItems(std::string(list))) {
        if (item["code"].is_string()) {
            labels[item["code"].get<std::string>()] = text(item["label"]);
        }
    }
    return labels;
}

/// A reference code as a card shows it: "code (label)" (the code is what
/// --set takes), the code alone when the list does not hold it or the
/// label says the same.
std::string labelled(const std::map<std::string, std::string>& labels, const json& code) {
    if (!code.is_string()) {
        return text(code);
    }
    auto found = labels.find(code.get<std::string>());
    return found == labels.end() || found->second == code.get<std::string>()
               ? code.get<std::string>()
               : code.get<std::string>() + " (" + found->second + ")";
}

/// A reference code as a listing shows it: its label, else the code.
std::string labelOnly(const std::map<std::string, std::string>& labels, const json& code) {
    if (!code.is_string()) {
        return text(code);
    }
    auto found = labels.find(code.get<std::string>());
    return found == labels.end() ? code.get<std::string>() : found->second;
}

std::string userName(device::Replica& r, const json& id) {
    if (!id.is_string()) {
        return "-";
    }
    auto u = r.record("user", id.get<std::string>());
    return u.is_object() ? text(u["full_name"]) + " (" + text(u["login"]) + ")"
                         : id.get<std::string>();
}

/// One field of a card as the user reads it.
std::string showField(device::Replica& r, const domain::FieldDef& f, const json& v) {
    if (v.is_null()) {
        return "-";
    }
    if (!f.referenceList.empty()) {
        return labelled(labelsOf(r, f.referenceList), v);
    }
    if (domain::referencedEntity("client", f.name) == "user") {
        return userName(r, v);
    }
    if (f.type == domain::FieldType::TimeMs) {
        return when(v);
    }
    if (f.name.ends_with("_cents")) {
        return money(v);
    }
    return text(v);
}

void printDuplicate(std::ostream& out, const json& d) {
    out << "probable duplicate: " << text(d.value("name", json())) << " ("
        << text(d.value("id", json())) << ") - " << text(d.value("reason", json()))
        << "; curator: " << text(d.value("curator_name", json()))
        << "; first contact: " << day(d.value("first_contact_at", json())) << " by "
        << text(d.value("first_contact_by_name", json())) << "\n";
}

/// Local candidates, plus the server's when it answers (it sees every card).
json duplicatesOf(Context& ctx, const json& fields) {
    auto found = ctx.replica().findDuplicates(fields);
    auto s = ctx.replica().session();
    if (!s || s->serverUrl.empty()) {
        return found;
    }
    auto t = ctx.transport(s->serverUrl, 3000);
    auto online = device::findDuplicatesOnline(*t, *s, fields);
    if (!online) {
        return found; // offline: the local check is all there is
    }
    std::set<std::string> seen;
    for (const auto& d : found) {
        seen.insert(d["id"].get<std::string>());
    }
    for (const auto& d : *online) {
        if (seen.insert(d["id"].get<std::string>()).second) {
            found.push_back(d);
        }
    }
    return found;
}
} // namespace

int cmdClients(Context& ctx, const std::vector<std::string>& args) {
    po::options_description o;
    std::string search;
    o.add_options()("search", po::value(&search), "");
    parse(args, o, {});
    auto rows = ctx.replica().clients(search);
    if (ctx.asJson()) {
        ctx.printJson(rows);
        return 0;
    }
    // Industry and region by their labels, as `refs` names them.
    const auto& client = *domain::findEntity("client");
    const auto industries =
        labelsOf(ctx.replica(), domain::findField(client, "industry")->referenceList);
    const auto regions =
        labelsOf(ctx.replica(), domain::findField(client, "region")->referenceList);
    for (const auto& c : rows) {
        ctx.out() << c["id"].get<std::string>() << "  " << text(c["name"]) << "  ["
                  << labelOnly(industries, c["industry"]) << ", " << labelOnly(regions, c["region"])
                  << "]  open deals: " << c["open_deals"] << "\n";
    }
    ctx.out() << domain::countText(std::ssize(rows), "client") << "\n";
    return 0;
}

int cmdClient(Context& ctx, const std::vector<std::string>& args) {
    po::options_description o;
    std::string id;
    o.add_options()("id", po::value(&id)->required(), "");
    po::positional_options_description p;
    p.add("id", 1);
    parse(args, o, p);
    auto& r = ctx.replica();
    auto card = r.clientCard(id);
    if (card.is_null()) {
        throw device::DomainError(
            "unknown_client", "no client " + id + " on this device (try: fieldbook-cli clients)");
    }
    if (ctx.asJson()) {
        ctx.printJson(card);
        return 0;
    }
    auto& out = ctx.out();
    const auto& c = card["client"];
    out << text(c["name"]) << "  (" << id << ")\n";
    for (const auto& f : domain::findEntity("client")->fields) {
        if (f.name != "name") {
            // A money field under its name without "_cents": it shows units.
            auto label = f.name.ends_with("_cents") ? f.name.substr(0, f.name.size() - 6) : f.name;
            out << "  " << label << ": " << showField(r, f, c[std::string(f.name)]) << "\n";
        }
    }
    out << "contacts:\n";
    for (const auto& x : card["contacts"]) {
        out << "  " << x["id"].get<std::string>() << "  " << text(x["name"]) << ", "
            << text(x["position"]) << ", phone " << text(x["phone"]) << ", e-mail "
            << text(x["email"]) << ", fax " << text(x["fax"])
            << (x["decision_maker"] == true ? ", decision maker" : "") << "\n";
    }
    out << "deals:\n";
    for (const auto& d : card["deals"]) {
        out << "  " << d["id"].get<std::string>() << "  " << text(d["title"]) << "  "
            << text(d["outcome"]) << "  " << text(d["stage"]) << "  " << money(d["amount_cents"])
            << "  " << text(d["manager_name"]) << "\n";
    }
    out << "plans:\n";
    for (const auto& a : card["plans"]) {
        out << "  " << a["id"].get<std::string>() << "  " << when(a["starts_at"]) << "  "
            << text(a["kind"]) << "  " << text(a["status"]) << "  " << text(a["assignee_name"])
            << "  " << text(a["purpose"]) << "\n";
    }
    out << "history:\n";
    for (const auto& h : card["history"]) {
        out << "  " << h["id"].get<std::string>() << "  " << when(h["occurred_at"]) << "  "
            << text(h["kind"]) << "  " << text(h["author_name"]) << ": " << text(h["summary"])
            << (h["revisions"].is_string() ? "  (corrected)" : "") << "\n";
    }
    out << "mailings:\n";
    for (const auto& m : card["mailings"]) {
        out << "  " << when(m["requested_at"]) << "  " << text(m["template_name"]) << " to "
            << text(m["contact_name"]) << " by " << text(m["channel"]) << "  " << text(m["status"])
            << "\n";
    }
    return 0;
}

int cmdNewClient(Context& ctx, const std::vector<std::string>& args) {
    po::options_description o;
    std::string name;
    std::vector<std::string> sets;
    o.add_options()("name", po::value(&name)->required(), "")("set", po::value(&sets),
                                                              "")("anyway", po::bool_switch(), "");
    auto vm = parse(args, o, {});
    auto fields = ctx.sets("client", sets);
    fields["name"] = name;
    ctx.session(); // a card needs an author: refuse before asking anyone
    auto dups = duplicatesOf(ctx, fields);
    if (!dups.empty() && !vm["anyway"].as<bool>()) {
        if (ctx.asJson()) {
            ctx.printJson({{"duplicates", dups}});
        } else {
            for (const auto& d : dups) {
                printDuplicate(ctx.out(), d);
            }
        }
        throw CliError("probable_duplicate",
                       std::to_string(dups.size()) +
                           " probable duplicate(s) of this card; open the existing card, or "
                           "repeat with --anyway to create it",
                       3);
    }
    auto id = ctx.replica().createClient(fields);
    if (ctx.asJson()) {
        ctx.printJson(
            {{"id", id}, {"pending", ctx.replica().status().pending}, {"duplicates", dups}});
        return 0;
    }
    for (const auto& d : dups) {
        printDuplicate(ctx.out(), d);
    }
    ctx.printSaved("client", id);
    return 0;
}

int cmdEditClient(Context& ctx, const std::vector<std::string>& args) {
    po::options_description o;
    std::string id;
    std::vector<std::string> sets;
    o.add_options()("id", po::value(&id)->required(), "")("set", po::value(&sets)->required(), "");
    po::positional_options_description p;
    p.add("id", 1);
    parse(args, o, p);
    ctx.replica().updateRecord("client", id, ctx.sets("client", sets));
    ctx.printSaved("client", id);
    return 0;
}

int cmdAddContact(Context& ctx, const std::vector<std::string>& args) {
    po::options_description o;
    std::string client, name;
    std::vector<std::string> sets;
    o.add_options()("client", po::value(&client)->required(),
                    "")("name", po::value(&name)->required(), "")("set", po::value(&sets), "");
    po::positional_options_description p;
    p.add("client", 1);
    parse(args, o, p);
    auto fields = ctx.sets("contact", sets);
    fields["name"] = name;
    ctx.printSaved("contact", ctx.replica().addContact(client, fields));
    return 0;
}

int cmdReassignClient(Context& ctx, const std::vector<std::string>& args) {
    po::options_description o;
    std::string client, to;
    o.add_options()("client", po::value(&client)->required(), "")("to", po::value(&to)->required(),
                                                                  "");
    po::positional_options_description p;
    p.add("client", 1);
    parse(args, o, p);
    ctx.replica().reassignClient(client, ctx.userId(to));
    ctx.printSaved("client", client);
    return 0;
}

int cmdMail(Context& ctx, const std::vector<std::string>& args) {
    po::options_description o;
    std::string contact, tmpl;
    o.add_options()("contact", po::value(&contact)->required(),
                    "")("template", po::value(&tmpl)->required(), "")("fax", po::bool_switch(), "");
    po::positional_options_description p;
    p.add("contact", 1);
    auto vm = parse(args, o, p);
    auto id = ctx.replica().queueMailing(contact, ctx.templateId(tmpl),
                                         vm["fax"].as<bool>() ? "fax" : "email");
    ctx.printSaved("mailing request", id);
    return 0;
}

int cmdMailings(Context& ctx, const std::vector<std::string>& args) {
    po::options_description o;
    std::string client;
    o.add_options()("client", po::value(&client)->required(), "");
    po::positional_options_description p;
    p.add("client", 1);
    parse(args, o, p);
    if (ctx.replica().clientCard(client).is_null()) {
        throw device::DomainError("unknown_client", "no client " + client + " on this device");
    }
    auto rows = ctx.replica().mailingRequests(client);
    if (ctx.asJson()) {
        ctx.printJson(rows);
        return 0;
    }
    for (const auto& m : rows) {
        ctx.out() << m["id"].get<std::string>() << "  " << when(m["requested_at"]) << "  "
                  << text(m["template_name"]) << " to " << text(m["contact_name"]) << " <"
                  << text(m["address"]) << "> by " << text(m["channel"]) << "  "
                  << text(m["status"]) << (m["error"].is_string() ? "  " + text(m["error"]) : "")
                  << "\n";
    }
    ctx.out() << domain::countText(std::ssize(rows), "mailing request") << "\n";
    return 0;
}

} // namespace fieldbook::cli
