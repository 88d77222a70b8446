// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractListModel>
#include <QDateTime>
#include <QQmlEngine>

#include <nlohmann/json_fwd.hpp>

/// A client's history (SPEC §2, newest first), filled by ClientCard.
class HistoryModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Read a client's history from ClientCard.history")

    Q_PROPERTY(int count READ count NOTIFY countChanged)

  public:
    enum Roles {
        EntryIdRole = Qt::UserRole + 1,
        KindRole,
        KindLabelRole,
        SummaryRole,
        OccurredAtRole,
        DateTextRole,
        AuthorNameRole,
        DealIdRole,
        DealTitleRole,
        PendingRole,
    };
    Q_ENUM(Roles)

    explicit HistoryModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const { return static_cast<int>(rows_.size()); }

    /// Replaces the entries with the card's "history" array; `deals` is the
    /// card's "deals" array, for the deal titles.
    void setEntries(const nlohmann::json& history, const nlohmann::json& deals);

  signals:
    void countChanged();

  private:
    struct Row {
        QString id;
        QString kind;
        QString summary;
        QDateTime occurredAt;
        QString authorName;
        QString dealId;
        QString dealTitle;
        bool pending = false;
    };
    std::vector<Row> rows_;
};
