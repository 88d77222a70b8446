// SPDX-License-Identifier: MIT
#include "deal_list_model.h"

#include "json_qt.h"
#include "labels.h"

#include <QLocale>
#include <QVariantMap>

#include <algorithm>

using namespace fieldbook::app;

DealListModel::DealListModel(QObject* parent) : QAbstractListModel(parent) {}

int DealListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : count();
}

QVariant DealListModel::data(const QModelIndex& index, int role) const {
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    const auto& r = rows_[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return r.title;
    case DealIdRole:
        return r.id;
    case StageRole:
        return r.stage;
    case StageLabelRole:
        return dealStageLabel(r.stage);
    case OutcomeRole:
        return r.outcome;
    case OutcomeLabelRole:
        return dealOutcomeLabel(r.outcome);
    case IsOpenRole:
        return r.outcome == u"open"_qs;
    case AmountTextRole:
        return r.amountCents < 0 ? QString() : amountText(r.amountCents);
    case ProductNameRole:
        return r.productName;
    case ManagerNameRole:
        return r.managerName;
    case OpenedTextRole:
        return r.openedAt.isValid() ? QLocale().toString(r.openedAt.date(), QLocale::ShortFormat)
                                    : QString();
    case ClosedTextRole:
        return r.closedAt.isValid() ? QLocale().toString(r.closedAt.date(), QLocale::ShortFormat)
                                    : QString();
    default:
        return {};
    }
}

QHash<int, QByteArray> DealListModel::roleNames() const {
    return {
        {DealIdRole, "dealId"},
        {TitleRole, "title"},
        {StageRole, "stage"},
        {StageLabelRole, "stageLabel"},
        {OutcomeRole, "outcome"},
        {OutcomeLabelRole, "outcomeLabel"},
        {IsOpenRole, "isOpen"},
        {AmountTextRole, "amountText"},
        {ProductNameRole, "productName"},
        {ManagerNameRole, "managerName"},
        {OpenedTextRole, "openedText"},
        {ClosedTextRole, "closedText"},
    };
}

int DealListModel::openCount() const {
    return static_cast<int>(std::count_if(rows_.begin(), rows_.end(),
                                          [](const Row& r) { return r.outcome == u"open"_qs; }));
}

void DealListModel::setDeals(const nlohmann::json& deals) {
    std::vector<Row> next;
    if (deals.is_array()) {
        next.reserve(deals.size());
        for (const auto& d : deals) {
            Row r;
            r.id = jsonText(d, "id");
            r.title = jsonText(d, "title");
            r.stage = jsonText(d, "stage");
            r.outcome = jsonText(d, "outcome");
            r.amountCents = jsonInt(d, "amount_cents", -1);
            r.productName = jsonText(d, "product_name");
            r.managerName = jsonText(d, "manager_name");
            r.openedAt = jsonTime(d, "opened_at");
            r.closedAt = jsonTime(d, "closed_at");
            next.push_back(std::move(r));
        }
    }
    const int oldCount = count();
    const int oldOpen = openCount();
    beginResetModel();
    rows_ = std::move(next);
    endResetModel();
    if (count() != oldCount || openCount() != oldOpen) {
        emit countChanged();
    }
}

QVariantList DealListModel::openDealChoices() const {
    QVariantList out{QVariantMap{{u"value"_qs, QString()}, {u"text"_qs, tr("No deal")}}};
    for (const auto& r : rows_) {
        if (r.outcome == u"open"_qs) {
            out.append(QVariantMap{{u"value"_qs, r.id}, {u"text"_qs, r.title}});
        }
    }
    return out;
}
