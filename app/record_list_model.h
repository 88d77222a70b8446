// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractListModel>
#include <QQmlEngine>
#include <QStringList>
#include <QVariantMap>

/// A list of records as a page shows them: each row a map from role name to
/// a display-ready value (texts, numbers, flags). The owner (ClientCard,
/// DealView, PlanForm, NewClientForm) declares the role names once and
/// replaces the rows when the replica changes; QML delegates read the roles
/// as required properties. Roles are Qt::UserRole + 1 + the position of the
/// name in `roleNames`.
class RecordListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Filled by the page's backend object (ClientCard, DealView, ...)")

    Q_PROPERTY(int count READ count NOTIFY countChanged)

  public:
    explicit RecordListModel(QObject* parent = nullptr);
    /// The model with these role names (each row should set every one).
    RecordListModel(const QStringList& roleNames, QObject* parent);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const { return static_cast<int>(rows_.size()); }

    /// Replaces every row; resets only when the rows differ, so a view keeps
    /// its position and an open delegate its state across syncs.
    void setRows(QList<QVariantMap> rows);
    const QList<QVariantMap>& rows() const { return rows_; }
    /// The row at `row` as a map (empty when out of range), for QML.
    Q_INVOKABLE QVariantMap get(int row) const;

  signals:
    void countChanged();

  private:
    QStringList names_;
    QList<QVariantMap> rows_;
};
