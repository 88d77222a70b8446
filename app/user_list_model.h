// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractListModel>
#include <QPointer>
#include <QQmlEngine>

class AppSession;

/// The active users of the replica's user directory, by login: whom a visit
/// can be planned for.
class UserListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT

    Q_PROPERTY(AppSession* session READ session WRITE setSession NOTIFY sessionChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)

  public:
    enum Roles {
        UserIdRole = Qt::UserRole + 1,
        LoginRole,
        FullNameRole,
        RoleRole,
        LabelRole, ///< "Full Name (login)"
    };
    Q_ENUM(Roles)

    explicit UserListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    AppSession* session() const { return session_; }
    void setSession(AppSession* session);
    int count() const { return static_cast<int>(rows_.size()); }

    /// The row of `login`, or -1.
    Q_INVOKABLE int indexOfLogin(const QString& login) const;
    Q_INVOKABLE QString loginAt(int row) const;
    Q_INVOKABLE void reload();

  signals:
    void sessionChanged();
    void countChanged();

  private:
    struct Row {
        QString id;
        QString login;
        QString fullName;
        QString role;
    };
    QPointer<AppSession> session_;
    std::vector<Row> rows_;
};
