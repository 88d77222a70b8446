// SPDX-License-Identifier: MIT
// Deal workflows (SPEC §2 "Deal", "Deal stage", "Payment", "Delivery"; §3.8):
// open, move through the stages, products, payments, delivery, close.
#include "device/money.h"
#include "device/replica.h"

#include "domain/clock.h"
#include "domain/permissions.h"
#include "domain/sales_rules.h"
#include "domain/time_rules.h"

#include <algorithm>
#include <array>
#include <limits>
#include <optional>

namespace fieldbook::device {

using nlohmann::json;
using store::Statement;
using store::Transaction;

namespace {
std::string str(const json& r, const char* name) {
    auto v = r.value(name, json());
    return v.is_string() ? v.get<std::string>() : std::string();
}

/// Fields a workflow sets itself; `what` says which one.
void refuseKeys(const json& fields, std::initializer_list<const char*> keys, const char* what) {
    for (const char* k : keys) {
        if (fields.contains(k)) {
            throw DomainError("invalid_fields", std::string(k) + " is set by " + what);
        }
    }
}

json objectOrThrow(const json& fields) {
    if (fields.is_null()) {
        return json::object();
    }
    if (!fields.is_object()) {
        throw DomainError("invalid_fields", "fields must be an object");
    }
    return fields;
}
} // namespace

std::string Replica::openDeal(const std::string& clientId, const std::string& title,
                              const std::string& managerId, const json& extraFields) {
    auto s = requireSession();
    auto f = objectOrThrow(extraFields);
    refuseKeys(f, {"client_id", "title", "manager_id", "opened_at"}, "the deal's opening");
    refuseKeys(f, {"outcome", "closed_at", "refusal_reason", "refusal_comment"},
               "closing the deal (close-deal)");
    refuseKeys(f, {"stage"}, "moving the deal (move-stage)");
    if (title.find_first_not_of(" \t\r\n") == std::string::npos) {
        throw DomainError("invalid_value", "a deal needs a title");
    }
    Transaction tx(db_);
    liveRecord("client", clientId, "unknown_client");
    auto manager = managerId.empty() ? s.userId : managerId;
    auto user = liveRecord("user", manager, "unknown_user");
    if (user["active"] == false) {
        throw DomainError("inactive_user", str(user, "login") + " is not an active user");
    }
    auto live = stages();
    if (live.empty()) {
        throw DomainError("no_stages", "no deal stages on this device yet; sync first");
    }
    auto now = domain::nowMs();
    f["client_id"] = clientId;
    f["title"] = title;
    f["manager_id"] = manager;
    f["outcome"] = "open";
    f["stage"] = live[0]["code"];
    f["opened_at"] = now;
    authorize(s, "deal", nullptr, f);
    checkReferences("deal", f);
    checkCodes("deal", f);
    json stage = {{"stage", live[0]["code"]}, {"started_at", now}, {"manager_id", manager}};
    authorize(s, "deal_stage", nullptr, stage);
    auto id = insertInTx("deal", f);
    stage["deal_id"] = id;
    insertInTx("deal_stage", stage);
    tx.commit();
    return id;
}

void Replica::moveStage(const std::string& dealId, const std::string& stageCode, bool override) {
    auto s = requireSession();
    Transaction tx(db_);
    auto deal = liveRecord("deal", dealId, "unknown_deal");
    if (deal["outcome"] != "open") {
        throw DomainError("deal_closed", "the deal is closed (" + str(deal, "outcome") + ")");
    }
    auto live = stages();
    auto from = str(deal, "stage");
    if (auto unknown = domain::checkStageMove(live, from, stageCode, true)) {
        throw DomainError(unknown.code, unknown.message);
    }
    if (from == stageCode) {
        throw DomainError("same_stage", "the deal is already at stage " + stageCode);
    }
    // Asking for an override one may not give is refused even when the move
    // is in order: the request itself is the head's (SPEC §1), as on the server.
    if (override && !domain::allowed(s.role, domain::Action::OverrideStageOrder)) {
        throw DomainError("forbidden",
                          domain::refusalMessage(s.role, domain::Action::OverrideStageOrder));
    }
    if (auto v = domain::checkStageMove(live, from, stageCode, false); v && !override) {
        throw DomainError(v.code, v.message);
    }
    auto now = domain::nowMs();
    json end = {{"ended_at", now}};
    for (const auto& openId : openDealStages(dealId)) {
        auto open = record("deal_stage", openId);
        authorize(s, "deal_stage", &open, end);
        patchInTx("deal_stage", openId, end);
    }
    // The manager who works the stage: the mover, unless the head or an admin
    // moves it for the deal's manager.
    auto worker = s.role == "manager" || !deal["manager_id"].is_string()
                      ? s.userId
                      : deal["manager_id"].get<std::string>();
    json next = {
        {"deal_id", dealId}, {"stage", stageCode}, {"started_at", now}, {"manager_id", worker}};
    authorize(s, "deal_stage", nullptr, next);
    insertInTx("deal_stage", next);
    json change = {{"stage", stageCode}};
    authorize(s, "deal", &deal, change);
    patchInTx("deal", dealId, change);
    tx.commit();
}

void Replica::closeDeal(const std::string& dealId, const std::string& outcome, const json& fields) {
    auto s = requireSession();
    if (outcome != "won" && outcome != "lost") {
        throw DomainError("invalid_outcome", "a deal closes as won or lost");
    }
    auto f = objectOrThrow(fields);
    static const std::array<const char*, 6> kAllowed = {
        "contract_no", "invoice_no", "refusal_reason", "refusal_comment", "payment_terms", "notes"};
    for (const auto& [name, value] : f.items()) {
        if (std::find(kAllowed.begin(), kAllowed.end(), name) == kAllowed.end()) {
            throw DomainError("invalid_fields", name + " is not set when closing a deal");
        }
    }
    Transaction tx(db_);
    auto deal = liveRecord("deal", dealId, "unknown_deal");
    if (deal["outcome"] != "open") {
        throw DomainError("deal_closed",
                          "the deal is already closed (" + str(deal, "outcome") + ")");
    }
    f["outcome"] = outcome;
    f["closed_at"] = domain::nowMs();
    json after = deal;
    for (const auto& [name, value] : f.items()) {
        after[name] = value;
    }
    if (auto v = domain::checkDealOutcome(after)) {
        throw DomainError(v.code, v.message);
    }
    checkCodes("deal", f);
    authorize(s, "deal", &deal, f);
    json end = {{"ended_at", f["closed_at"]}};
    for (const auto& openId : openDealStages(dealId)) {
        auto open = record("deal_stage", openId);
        authorize(s, "deal_stage", &open, end);
        patchInTx("deal_stage", openId, end);
    }
    patchInTx("deal", dealId, f);
    tx.commit();
}

std::string Replica::addDealLine(const std::string& dealId, const std::string& productId,
                                 std::int64_t quantity, std::int64_t priceCents) {
    auto s = requireSession();
    checkValueLimits("deal_line", {{"quantity", quantity}, {"price_cents", priceCents}});
    Transaction tx(db_);
    auto deal = liveRecord("deal", dealId, "unknown_deal");
    if (deal["outcome"] != "open") {
        throw DomainError("deal_closed", "the deal is closed (" + str(deal, "outcome") +
                                             "); its products no longer change");
    }
    liveRecord("product", productId, "unknown_product");
    json line = {{"deal_id", dealId},
                 {"product_id", productId},
                 {"quantity", quantity},
                 {"price_cents", priceCents}};
    authorize(s, "deal_line", nullptr, line);
    auto id = insertInTx("deal_line", line);
    // The deal's amount is the sum of its lines, in checked arithmetic: lines
    // stored before the limits (or pulled from elsewhere) may be extreme.
    Statement lines(db_, "SELECT quantity, price_cents FROM deal_lines "
                         "WHERE deal_id = ? AND deleted = 0");
    lines.bind(1, dealId);
    std::optional<std::int64_t> total = 0;
    while (total && lines.step()) {
        auto lineTotal =
            checkedMul(lines.isNull(0) ? 0 : lines.int64(0), lines.isNull(1) ? 0 : lines.int64(1));
        total = lineTotal ? checkedAdd(*total, *lineTotal) : std::nullopt;
    }
    if (!total) {
        throw DomainError("invalid_price",
                          "the deal's lines would total more than " +
                              std::to_string(std::numeric_limits<std::int64_t>::max()) +
                              " cents; nothing was added");
    }
    // The server refuses a deal amount above the cap (SPEC §2 value ranges):
    // refuse it here rather than queue an edit that cannot sync.
    if (*total > kMaxAmountCents) {
        throw DomainError("invalid_amount", "the deal's lines would total more than "
                                            "1,000,000,000,000.00 (10^14 cents), the most a "
                                            "deal may be worth; nothing was added");
    }
    json amount = {{"amount_cents", *total}};
    authorize(s, "deal", &deal, amount);
    patchInTx("deal", dealId, amount);
    tx.commit();
    return id;
}

std::string Replica::addPayment(const std::string& dealId, std::int64_t amountCents,
                                std::int64_t paidAtMs, const std::string& documentNo) {
    auto s = requireSession();
    if (amountCents <= 0) {
        throw DomainError("invalid_amount", "a payment's amount must be more than zero");
    }
    checkValueLimits("payment", {{"amount_cents", amountCents}});
    Transaction tx(db_);
    auto deal = liveRecord("deal", dealId, "unknown_deal");
    if (deal["outcome"] == "lost") {
        throw DomainError("deal_closed", "the deal was lost; it takes no payments");
    }
    json payment = {{"deal_id", dealId}, {"amount_cents", amountCents}, {"paid_at", paidAtMs}};
    if (auto v = domain::checkPastEventTimes("payment", payment, domain::nowMs())) {
        throw DomainError(v.code, v.message);
    }
    if (!documentNo.empty()) {
        payment["document_no"] = documentNo;
    }
    authorize(s, "payment", nullptr, payment);
    auto id = insertInTx("payment", payment);
    tx.commit();
    return id;
}

std::string Replica::addDelivery(const std::string& dealId, std::int64_t deliveredAtMs,
                                 const std::string& waybillNo) {
    auto s = requireSession();
    Transaction tx(db_);
    auto deal = liveRecord("deal", dealId, "unknown_deal");
    if (deal["outcome"] == "lost") {
        throw DomainError("deal_closed", "the deal was lost; nothing is delivered");
    }
    json delivery = {{"deal_id", dealId}, {"delivered_at", deliveredAtMs}};
    if (auto v = domain::checkPastEventTimes("delivery", delivery, domain::nowMs())) {
        throw DomainError(v.code, v.message);
    }
    if (!waybillNo.empty()) {
        delivery["waybill_no"] = waybillNo;
    }
    authorize(s, "delivery", nullptr, delivery);
    auto id = insertInTx("delivery", delivery);
    tx.commit();
    return id;
}

} // namespace fieldbook::device
