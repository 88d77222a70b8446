// SPDX-License-Identifier: MIT
// Reference data as this device holds it: lists, stages, templates, products,
// and the user directory.
#include "cli_context.h"
#include "domain/count_text.h"
#include "domain/entities.h"

#include <functional>
#include <ostream>

namespace fieldbook::cli {

using nlohmann::json;

namespace {
int print(Context& ctx, const json& rows, const char* noun,
          const std::function<void(std::ostream&, const json&)>& line) {
    if (ctx.asJson()) {
        ctx.printJson(rows);
        return 0;
    }
    for (const auto& r : rows) {
        line(ctx.out(), r);
    }
    ctx.out() << domain::countText(std::ssize(rows), noun) << "\n";
    return 0;
}
} // namespace

int cmdRefs(Context& ctx, const std::vector<std::string>& args) {
    po::options_description o;
    std::string list;
    o.add_options()("list", po::value(&list)->required(), "");
    po::positional_options_description p;
    p.add("list", 1);
    parse(args, o, p);
    if (!domain::isKnown(domain::referenceLists(), list)) {
        std::string names;
        for (auto l : domain::referenceLists()) {
            names += (names.empty() ? "" : ", ") + std::string(l);
        }
        throw device::DomainError("unknown_list",
                                  "no reference list \"" + list + "\"; lists: " + names);
    }
    return print(ctx, ctx.replica().referenceItems(list), "item",
                 [](std::ostream& out, const json& r) {
                     out << text(r["code"]) << "  " << text(r["label"]) << "\n";
                 });
}

int cmdStages(Context& ctx, const std::vector<std::string>& args) {
    parse(args, {}, {});
    return print(ctx, ctx.replica().stages(), "stage", [](std::ostream& out, const json& r) {
        out << text(r["sort_order"]) << "  " << text(r["code"]) << "  " << text(r["name"])
            << "  norm " << days(r["norm_days"]) << "\n";
    });
}

int cmdTemplates(Context& ctx, const std::vector<std::string>& args) {
    parse(args, {}, {});
    return print(ctx, ctx.replica().documentTemplates(), "template",
                 [](std::ostream& out, const json& r) {
                     out << r["id"].get<std::string>() << "  " << text(r["name"]) << "  ["
                         << text(r["kind"]) << "]  " << text(r["subject"]) << "\n";
                 });
}

int cmdUsers(Context& ctx, const std::vector<std::string>& args) {
    parse(args, {}, {});
    json rows = json::array();
    for (const auto& u : ctx.replica().users()) {
        rows.push_back({{"id", u["id"]},
                        {"login", u["login"]},
                        {"full_name", u["full_name"]},
                        {"role", u["role"]},
                        {"active", u["active"] != false}}); // null: never deactivated
    }
    return print(ctx, rows, "user", [](std::ostream& out, const json& r) {
        out << text(r["login"]) << "  " << text(r["full_name"]) << "  " << text(r["role"])
            << (r["active"] == true ? "  active" : "  inactive") << "\n";
    });
}

int cmdProducts(Context& ctx, const std::vector<std::string>& args) {
    parse(args, {}, {});
    return print(ctx, ctx.replica().products(), "product", [](std::ostream& out, const json& r) {
        out << r["id"].get<std::string>() << "  " << text(r["name"]) << "  " << text(r["series"])
            << "  list price " << money(r["list_price_cents"]) << "\n";
    });
}

} // namespace fieldbook::cli
