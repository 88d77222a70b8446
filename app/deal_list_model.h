// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractListModel>
#include <QDateTime>
#include <QQmlEngine>

#include <nlohmann/json_fwd.hpp>

/// A client's deals (SPEC §2), open ones first, filled by ClientCard.
class DealListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Read a client's deals from ClientCard.deals")

    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int openCount READ openCount NOTIFY countChanged)

  public:
    enum Roles {
        DealIdRole = Qt::UserRole + 1,
        TitleRole,
        StageRole,
        StageLabelRole,
        OutcomeRole,
        OutcomeLabelRole,
        IsOpenRole,
        AmountTextRole,
        ProductNameRole,
        ManagerNameRole,
        OpenedTextRole,
        ClosedTextRole,
    };
    Q_ENUM(Roles)

    explicit DealListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const { return static_cast<int>(rows_.size()); }
    int openCount() const;

    /// Replaces the deals with the card's "deals" array.
    void setDeals(const nlohmann::json& deals);
    /// [{value: "", text: "No deal"}, {value: id, text: title}...] of the open deals.
    QVariantList openDealChoices() const;

  signals:
    void countChanged();

  private:
    struct Row {
        QString id;
        QString title;
        QString stage;
        QString outcome;
        qint64 amountCents = -1;
        QString productName;
        QString managerName;
        QDateTime openedAt;
        QDateTime closedAt;
    };
    std::vector<Row> rows_;
};
