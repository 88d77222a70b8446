// SPDX-License-Identifier: MIT
#include "deal_view.h"

#include "app_session.h"
#include "form_fields.h"
#include "json_qt.h"
#include "labels.h"
#include "reference_labels.h"

#include "device/replica.h"

#include <QLocale>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcApp)

using namespace fieldbook::app;
using fieldbook::device::Replica;

namespace {
QString dateText(const nlohmann::json& j, const char* key) {
    const auto at = jsonTime(j, key);
    return at.isValid() ? QLocale().toString(at.date(), QLocale::ShortFormat) : QString();
}

QString moneyText(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_number_integer() ? amountText(it->get<std::int64_t>())
                                                    : QString();
}

/// pastEventDayMs() of the user's date at the moment.
qint64 dayMs(const QString& date) {
    return pastEventDayMs(date, QDateTime::currentMSecsSinceEpoch());
}
} // namespace

DealView::DealView(QObject* parent)
    : SessionBackend(parent),
      stages_(new RecordListModel({u"stage"_qs, u"name"_qs, u"startedText"_qs, u"endedText"_qs,
                                   u"managerName"_qs, u"days"_qs, u"normDays"_qs, u"daysText"_qs,
                                   u"overNorm"_qs, u"current"_qs},
                                  this)),
      lines_(new RecordListModel({u"lineId"_qs, u"productName"_qs, u"quantity"_qs, u"priceText"_qs,
                                  u"totalText"_qs, u"pending"_qs},
                                 this)),
      payments_(new RecordListModel(
          {u"paymentId"_qs, u"amountText"_qs, u"dateText"_qs, u"documentNo"_qs, u"pending"_qs},
          this)),
      deliveries_(new RecordListModel(
          {u"deliveryId"_qs, u"dateText"_qs, u"waybillNo"_qs, u"pending"_qs}, this)) {}

void DealView::setDealId(const QString& dealId) {
    if (changeId(dealId_, dealId)) {
        emit dealIdChanged();
        reload();
    }
}

QString DealView::outcomeLabel() const {
    return dealOutcomeLabel(h_.outcome);
}

void DealView::reload() {
    nlohmann::json view;
    nlohmann::json stageList = nlohmann::json::array();
    auto* replica = session_ ? session_->replica() : nullptr;
    if (replica && !dealId_.isEmpty()) {
        try {
            view = replica->dealView(dealId_.toStdString());
            stageList = replica->stages();
        } catch (const std::exception& e) {
            qCWarning(lcApp) << "cannot read deal" << dealId_ << e.what();
            view = nullptr;
        }
    }
    Header h;
    exists_ = view.is_object();
    form_.clear();
    QList<QVariantMap> stages;
    QList<QVariantMap> lines;
    QList<QVariantMap> payments;
    QList<QVariantMap> deliveries;
    if (exists_) {
        const auto& d = view["deal"];
        h.title = jsonText(d, "title");
        h.clientId = jsonText(d, "client_id");
        h.clientName = jsonText(d, "client_name");
        h.managerName = jsonText(d, "manager_name");
        h.stage = jsonText(d, "stage");
        h.stageLabel = dealStageLabel(h.stage, jsonText(d, "stage_name"));
        h.outcome = jsonText(d, "outcome");
        h.amountText = moneyText(d, "amount_cents");
        h.paidText = moneyText(view, "paid_cents");
        h.openedText = dateText(d, "opened_at");
        h.closedText = dateText(d, "closed_at");
        h.paymentTerms = jsonText(d, "payment_terms");
        h.contractNo = jsonText(d, "contract_no");
        h.invoiceNo = jsonText(d, "invoice_no");
        h.refusalReasonLabel = referenceLabel(u"refusal_reason"_qs, jsonText(d, "refusal_reason"),
                                              jsonText(d, "refusal_reason_label"));
        h.refusalComment = jsonText(d, "refusal_comment");
        h.notes = jsonText(d, "notes");
        form_ = fieldsToForm("deal", d);
        bool passed = h.stage.isEmpty();
        for (const auto& s : stageList) {
            const auto code = jsonText(s, "code");
            if (passed) {
                h.nextStage = code;
                h.nextStageLabel = dealStageLabel(code, jsonText(s, "name"));
                break;
            }
            passed = code == h.stage;
        }

        for (const auto& s : view["stages"]) {
            const auto code = jsonText(s, "stage");
            const bool current = !s.contains("ended_at") || s["ended_at"].is_null();
            const int days = static_cast<int>(jsonInt(s, "days"));
            const auto norm = jsonInt(s, "norm_days", -1);
            const QString daysText =
                norm >= 0 ? tr("%1 of %2 days").arg(days).arg(norm) : tr("%n day(s)", "", days);
            stages << QVariantMap{
                {u"stage"_qs, code},
                {u"name"_qs, dealStageLabel(code, jsonText(s, "name"))},
                {u"startedText"_qs, dateText(s, "started_at")},
                {u"endedText"_qs, dateText(s, "ended_at")},
                {u"managerName"_qs, jsonText(s, "manager_name")},
                {u"days"_qs, days},
                {u"normDays"_qs, static_cast<int>(norm)},
                {u"daysText"_qs, daysText},
                {u"overNorm"_qs, s.value("over_norm", false)},
                {u"current"_qs, current && h.outcome == u"open"_qs},
            };
        }
        for (const auto& l : view["lines"]) {
            lines << QVariantMap{
                {u"lineId"_qs, jsonText(l, "id")},
                {u"productName"_qs, jsonText(l, "product_name")},
                {u"quantity"_qs, static_cast<int>(jsonInt(l, "quantity"))},
                {u"priceText"_qs, moneyText(l, "price_cents")},
                {u"totalText"_qs, moneyText(l, "total_cents")},
                {u"pending"_qs, jsonInt(l, "version") == 0},
            };
        }
        for (const auto& p : view["payments"]) {
            payments << QVariantMap{
                {u"paymentId"_qs, jsonText(p, "id")},
                {u"amountText"_qs, moneyText(p, "amount_cents")},
                {u"dateText"_qs, dateText(p, "paid_at")},
                {u"documentNo"_qs, jsonText(p, "document_no")},
                {u"pending"_qs, jsonInt(p, "version") == 0},
            };
        }
        for (const auto& v : view["deliveries"]) {
            deliveries << QVariantMap{
                {u"deliveryId"_qs, jsonText(v, "id")},
                {u"dateText"_qs, dateText(v, "delivered_at")},
                {u"waybillNo"_qs, jsonText(v, "waybill_no")},
                {u"pending"_qs, jsonInt(v, "version") == 0},
            };
        }
    }
    stages_->setRows(std::move(stages));
    lines_->setRows(std::move(lines));
    payments_->setRows(std::move(payments));
    deliveries_->setRows(std::move(deliveries));
    h_ = h;
    emit dealChanged();
}

bool DealView::move(const QString& stageCode, bool override) {
    if (!session_) {
        return false;
    }
    if (stageCode.isEmpty()) {
        return finish(tr("The deal is at its last stage. Close it as won or lost."));
    }
    return finish(session_->runEdit("move stage", [&](Replica& r) {
        r.moveStage(dealId_.toStdString(), stageCode.toStdString(), override);
    }));
}

bool DealView::moveToNextStage() {
    return move(h_.nextStage, false);
}

bool DealView::moveToStage(const QString& stageCode) {
    return move(stageCode, true);
}

bool DealView::addLine(const QString& productId, int quantity, const QString& priceText) {
    if (!session_) {
        return false;
    }
    if (productId.isEmpty()) {
        return finish(tr("Choose the product."));
    }
    qint64 cents = 0;
    if (!parseAmount(priceText, cents)) {
        return finish(tr("Write the price per unit, e.g. 1250.50."));
    }
    return finish(session_->runEdit("add deal line", [&](Replica& r) {
        r.addDealLine(dealId_.toStdString(), productId.toStdString(), quantity, cents);
    }));
}

bool DealView::addPayment(const QString& amountText, const QString& date,
                          const QString& documentNo) {
    if (!session_) {
        return false;
    }
    qint64 cents = 0;
    if (!parseAmount(amountText, cents)) {
        return finish(tr("Write the amount paid, e.g. 1250.50."));
    }
    const auto at = dayMs(date);
    if (at < 0) {
        return finish(tr("Write the date as YYYY-MM-DD."));
    }
    return finish(session_->runEdit("add payment", [&](Replica& r) {
        r.addPayment(dealId_.toStdString(), cents, at, documentNo.trimmed().toStdString());
    }));
}

bool DealView::addDelivery(const QString& date, const QString& waybillNo) {
    if (!session_) {
        return false;
    }
    const auto at = dayMs(date);
    if (at < 0) {
        return finish(tr("Write the date as YYYY-MM-DD."));
    }
    return finish(session_->runEdit("add delivery", [&](Replica& r) {
        r.addDelivery(dealId_.toStdString(), at, waybillNo.trimmed().toStdString());
    }));
}

bool DealView::closeWon(const QString& contractNo, const QString& invoiceNo) {
    if (!session_) {
        return false;
    }
    nlohmann::json fields = nlohmann::json::object();
    if (!contractNo.trimmed().isEmpty()) {
        fields["contract_no"] = contractNo.trimmed().toStdString();
    }
    if (!invoiceNo.trimmed().isEmpty()) {
        fields["invoice_no"] = invoiceNo.trimmed().toStdString();
    }
    return finish(session_->runEdit(
        "close deal won", [&](Replica& r) { r.closeDeal(dealId_.toStdString(), "won", fields); }));
}

bool DealView::closeLost(const QString& refusalReason, const QString& comment) {
    if (!session_) {
        return false;
    }
    nlohmann::json fields = nlohmann::json::object();
    if (!refusalReason.isEmpty()) {
        fields["refusal_reason"] = refusalReason.toStdString();
    }
    if (!comment.trimmed().isEmpty()) {
        fields["refusal_comment"] = comment.trimmed().toStdString();
    }
    return finish(session_->runEdit("close deal lost", [&](Replica& r) {
        r.closeDeal(dealId_.toStdString(), "lost", fields);
    }));
}

bool DealView::save(const QVariantMap& form) {
    if (!session_) {
        return false;
    }
    QVariantMap own;
    for (const char* key :
         {"title", "amount_cents", "payment_terms", "contract_no", "invoice_no", "notes"}) {
        if (const auto name = QString::fromLatin1(key); form.contains(name)) {
            own.insert(name, form.value(name));
        }
    }
    if (own.contains(u"title"_qs) && own.value(u"title"_qs).toString().trimmed().isEmpty()) {
        return finish(tr("Give the deal a title, e.g. the product and the client."));
    }
    nlohmann::json fields = nlohmann::json::object();
    QString message;
    if (!formToFields("deal", own, fields, message)) {
        return finish(message);
    }
    // The replica keeps only the values that differ from the stored ones.
    return finish(session_->runEdit(
        "save deal", [&](Replica& r) { r.updateRecord("deal", dealId_.toStdString(), fields); }));
}
