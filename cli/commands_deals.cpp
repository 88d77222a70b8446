// SPDX-License-Identifier: MIT
// Deals: the list, the deal view with its stage timeline, and every step of
// a deal from opening to closing (docs/cli.md "Deals").
#include "cli_context.h"
#include "domain/count_text.h"

#include <ostream>

namespace fieldbook::cli {

using nlohmann::json;

namespace {
/// `DEAL` as the first positional argument plus `opts`.
po::variables_map parseDeal(const std::vector<std::string>& args, po::options_description& o,
                            std::string& deal) {
    o.add_options()("deal", po::value(&deal)->required(), "");
    po::positional_options_description p;
    p.add("deal", 1);
    return parse(args, o, p);
}

/// A checked total of the deal view: "overflow" when it does not fit in 64
/// bits of cents (extreme stored values), never a wrapped number.
std::string total(const json& holder, const char* name) {
    return holder.value(std::string(name) + "_overflow", false) ? std::string("overflow")
                                                                : money(holder[name]);
}

void printView(std::ostream& out, const json& v) {
    const auto& d = v["deal"];
    out << text(d["title"]) << "  (" << text(d["id"]) << ")\n"
        << "client: " << text(d["client_name"]) << " (" << text(d["client_id"]) << ")\n"
        << "manager: " << text(d["manager_name"]) << "   outcome: " << text(d["outcome"])
        << "   stage: " << text(d["stage"]) << " (" << text(d["stage_name"]) << ")\n"
        << "opened: " << day(d["opened_at"]) << " by " << text(d["opened_by_name"])
        << "   closed: " << day(d["closed_at"]) << "\n"
        << "amount: " << money(d["amount_cents"]) << "   lines: " << total(v, "lines_total_cents")
        << "   paid: " << total(v, "paid_cents") << "\n"
        << "payment terms: " << text(d["payment_terms"])
        << "   contract: " << text(d["contract_no"]) << "   invoice: " << text(d["invoice_no"])
        << "\n";
    if (d["outcome"] == "lost") {
        out << "refusal: " << text(d["refusal_reason"]) << " (" << text(d["refusal_reason_label"])
            << ") " << text(d["refusal_comment"]) << "\n";
    }
    out << "stages:\n";
    for (const auto& s : v["stages"]) {
        out << "  " << day(s["started_at"]) << " .. "
            << (s["ended_at"].is_null() ? std::string("now       ") : day(s["ended_at"])) << "  "
            << text(s["stage"]) << " (" << text(s["name"]) << ")  " << text(s["days"]) << " of "
            << days(s["norm_days"]) << (s["over_norm"] == true ? " OVER NORM" : "") << "  "
            << text(s["manager_name"]) << "\n";
    }
    out << "lines:\n";
    for (const auto& l : v["lines"]) {
        out << "  " << text(l["product_name"]) << "  " << text(l["quantity"]) << " x "
            << money(l["price_cents"]) << " = " << total(l, "total_cents") << "\n";
    }
    out << "payments:\n";
    for (const auto& p : v["payments"]) {
        out << "  " << day(p["paid_at"]) << "  " << money(p["amount_cents"]) << "  document "
            << text(p["document_no"]) << "\n";
    }
    out << "deliveries:\n";
    for (const auto& x : v["deliveries"]) {
        out << "  " << day(x["delivered_at"]) << "  waybill " << text(x["waybill_no"]) << "\n";
    }
    out << "history:\n";
    for (const auto& h : v["history"]) {
        out << "  " << when(h["occurred_at"]) << "  " << text(h["kind"]) << "  "
            << text(h["author_name"]) << ": " << text(h["summary"]) << "\n";
    }
    out << "plans:\n";
    for (const auto& a : v["plans"]) {
        out << "  " << when(a["starts_at"]) << "  " << text(a["kind"]) << "  " << text(a["status"])
            << "  " << text(a["assignee_name"]) << "\n";
    }
}
} // namespace

int cmdDeals(Context& ctx, const std::vector<std::string>& args) {
    po::options_description o;
    o.add_options()("open", po::bool_switch(), "");
    auto vm = parse(args, o, {});
    auto rows = ctx.replica().deals(vm["open"].as<bool>());
    if (ctx.asJson()) {
        ctx.printJson(rows);
        return 0;
    }
    for (const auto& d : rows) {
        ctx.out() << d["id"].get<std::string>() << "  " << text(d["title"]) << "  "
                  << text(d["outcome"]) << "  " << text(d["stage"]) << "  "
                  << money(d["amount_cents"]) << "  " << text(d["client_name"]) << "\n";
    }
    ctx.out() << domain::countText(std::ssize(rows), "deal") << "\n";
    return 0;
}

int cmdDeal(Context& ctx, const std::vector<std::string>& args) {
    po::options_description o;
    std::string id;
    parseDeal(args, o, id);
    auto view = ctx.replica().dealView(id);
    if (view.is_null()) {
        throw device::DomainError("unknown_deal", "no deal " + id + " on this device");
    }
    if (ctx.asJson()) {
        ctx.printJson(view);
    } else {
        printView(ctx.out(), view);
    }
    return 0;
}

int cmdOpenDeal(Context& ctx, const std::vector<std::string>& args) {
    po::options_description o;
    std::string client, title, manager;
    std::vector<std::string> sets;
    o.add_options()("client", po::value(&client)->required(),
                    "")("title", po::value(&title)->required(),
                        "")("manager", po::value(&manager), "")("set", po::value(&sets), "");
    po::positional_options_description p;
    p.add("client", 1);
    parse(args, o, p);
    auto managerId = manager.empty() ? std::string() : ctx.userId(manager);
    auto id = ctx.replica().openDeal(client, title, managerId, ctx.sets("deal", sets));
    ctx.printSaved("deal", id);
    return 0;
}

int cmdMoveStage(Context& ctx, const std::vector<std::string>& args) {
    po::options_description o;
    std::string deal, stage;
    o.add_options()("deal", po::value(&deal)->required(), "")(
        "stage", po::value(&stage)->required(), "")("override", po::bool_switch(), "");
    po::positional_options_description p;
    p.add("deal", 1).add("stage", 1);
    auto vm = parse(args, o, p);
    ctx.replica().moveStage(deal, stage, vm["override"].as<bool>());
    ctx.printSaved("deal", deal);
    return 0;
}

int cmdCloseDeal(Context& ctx, const std::vector<std::string>& args) {
    po::options_description o;
    std::string deal, contract, invoice, reason, comment;
    o.add_options()("won", po::bool_switch(), "")("lost", po::bool_switch(), "")(
        "contract", po::value(&contract), "")("invoice", po::value(&invoice), "")(
        "reason", po::value(&reason), "")("comment", po::value(&comment), "");
    auto vm = parseDeal(args, o, deal);
    bool won = vm["won"].as<bool>();
    bool lost = vm["lost"].as<bool>();
    if (won == lost) {
        throw UsageError("give --won or --lost");
    }
    json fields = json::object();
    auto put = [&](const char* name, const std::string& v) {
        if (!v.empty()) {
            fields[name] = v;
        }
    };
    put("contract_no", contract);
    put("invoice_no", invoice);
    put("refusal_reason", reason);
    put("refusal_comment", comment);
    if (won && fields.contains("refusal_reason")) {
        throw UsageError("--reason is for a lost deal");
    }
    ctx.replica().closeDeal(deal, won ? "won" : "lost", fields);
    ctx.printSaved("deal", deal);
    return 0;
}

int cmdAddLine(Context& ctx, const std::vector<std::string>& args) {
    po::options_description o;
    std::string deal, product, qty, price;
    o.add_options()("product", po::value(&product)->required(), "")(
        "qty", po::value(&qty)->required(), "")("price", po::value(&price)->required(), "");
    parseDeal(args, o, deal);
    auto quantity = parseInteger(qty, "--qty");
    auto cents = parseMoney(price, "--price");
    auto id = ctx.replica().addDealLine(deal, ctx.productId(product), quantity, cents);
    ctx.printSaved("deal line", id);
    return 0;
}

int cmdAddPayment(Context& ctx, const std::vector<std::string>& args) {
    po::options_description o;
    std::string deal, amount, date, document;
    o.add_options()("amount", po::value(&amount)->required(), "")(
        "date", po::value(&date)->required(), "")("document", po::value(&document), "");
    parseDeal(args, o, deal);
    auto cents = parseMoney(amount, "--amount");
    auto id = ctx.replica().addPayment(deal, cents, parseDay(date, "--date"), document);
    ctx.printSaved("payment", id);
    return 0;
}

int cmdAddDelivery(Context& ctx, const std::vector<std::string>& args) {
    po::options_description o;
    std::string deal, date, waybill;
    o.add_options()("date", po::value(&date)->required(), "")("waybill", po::value(&waybill), "");
    parseDeal(args, o, deal);
    auto id = ctx.replica().addDelivery(deal, parseDay(date, "--date"), waybill);
    ctx.printSaved("delivery", id);
    return 0;
}

} // namespace fieldbook::cli
