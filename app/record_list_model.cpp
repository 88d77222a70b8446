// SPDX-License-Identifier: MIT
#include "record_list_model.h"

RecordListModel::RecordListModel(QObject* parent) : QAbstractListModel(parent) {}

RecordListModel::RecordListModel(const QStringList& roleNames, QObject* parent)
    : QAbstractListModel(parent), names_(roleNames) {}

int RecordListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : count();
}

QVariant RecordListModel::data(const QModelIndex& index, int role) const {
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    const int at = role - Qt::UserRole - 1;
    if (at < 0 || at >= names_.size()) {
        return {};
    }
    return rows_.at(index.row()).value(names_.at(at));
}

QHash<int, QByteArray> RecordListModel::roleNames() const {
    QHash<int, QByteArray> out;
    for (int i = 0; i < names_.size(); ++i) {
        out.insert(Qt::UserRole + 1 + i, names_.at(i).toUtf8());
    }
    return out;
}

void RecordListModel::setRows(QList<QVariantMap> rows) {
    if (rows == rows_) {
        return;
    }
    const int oldCount = count();
    beginResetModel();
    rows_ = std::move(rows);
    endResetModel();
    if (count() != oldCount) {
        emit countChanged();
    }
}

QVariantMap RecordListModel::get(int row) const {
    return row >= 0 && row < count() ? rows_.at(row) : QVariantMap();
}
