// SPDX-License-Identifier: MIT
#include "user_list_model.h"

#include "app_session.h"
#include "json_qt.h"

#include "device/replica.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcApp)

using namespace fieldbook::app;

UserListModel::UserListModel(QObject* parent) : QAbstractListModel(parent) {}

int UserListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : count();
}

QVariant UserListModel::data(const QModelIndex& index, int role) const {
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    const auto& r = rows_[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case LabelRole:
        return tr("%1 (%2)").arg(r.fullName, r.login);
    case UserIdRole:
        return r.id;
    case LoginRole:
        return r.login;
    case FullNameRole:
        return r.fullName;
    case RoleRole:
        return r.role;
    default:
        return {};
    }
}

QHash<int, QByteArray> UserListModel::roleNames() const {
    return {{UserIdRole, "userId"},
            {LoginRole, "login"},
            {FullNameRole, "fullName"},
            {RoleRole, "role"},
            {LabelRole, "label"}};
}

void UserListModel::setSession(AppSession* session) {
    if (session_ == session) {
        return;
    }
    if (session_) {
        disconnect(session_, nullptr, this, nullptr);
    }
    session_ = session;
    if (session_) {
        connect(session_, &AppSession::replicaChanged, this, &UserListModel::reload);
    }
    emit sessionChanged();
    reload();
}

int UserListModel::indexOfLogin(const QString& login) const {
    for (std::size_t i = 0; i < rows_.size(); ++i) {
        if (rows_[i].login == login) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

QString UserListModel::loginAt(int row) const {
    if (row < 0 || row >= count()) {
        return {};
    }
    return rows_[static_cast<std::size_t>(row)].login;
}

void UserListModel::reload() {
    std::vector<Row> next;
    if (auto* replica = session_ ? session_->replica() : nullptr) {
        try {
            for (const auto& u : replica->users()) {
                if (auto active = u.find("active");
                    active != u.end() && active->is_boolean() && !active->get<bool>()) {
                    continue;
                }
                next.push_back({jsonText(u, "id"), jsonText(u, "login"), jsonText(u, "full_name"),
                                jsonText(u, "role")});
            }
        } catch (const std::exception& e) {
            qCWarning(lcApp) << "cannot read the user directory" << e.what();
        }
    }
    // Only a changed directory resets, so an open ComboBox keeps its choice across syncs.
    const bool same = std::equal(next.begin(), next.end(), rows_.begin(), rows_.end(),
                                 [](const Row& a, const Row& b) {
                                     return a.id == b.id && a.login == b.login &&
                                            a.fullName == b.fullName && a.role == b.role;
                                 });
    if (same) {
        return;
    }
    const int oldCount = count();
    beginResetModel();
    rows_ = std::move(next);
    endResetModel();
    if (count() != oldCount) {
        emit countChanged();
    }
}
