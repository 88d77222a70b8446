// SPDX-License-Identifier: MIT
#pragma once

#include "session_list_model.h"

#include <QDateTime>
#include <QQmlEngine>

/// One manager's work as the head opens it from the dashboard (SPEC §5,
/// issue 5): the manager's open deals (newest first), then their plan (today's
/// planned activities and overdue ones), read from the session's replica.
/// `managerLogin` chooses the manager (a login as the reports give it).
/// Each row opens a client card, where the head reassigns the curator or a
/// visit with the existing actions.
class ManagerWorkModel : public SessionListModel {
    Q_OBJECT
    QML_ELEMENT

    Q_PROPERTY(QString managerLogin READ managerLogin WRITE setManagerLogin NOTIFY managerChanged)
    Q_PROPERTY(QString managerName READ managerName NOTIFY managerChanged)
    Q_PROPERTY(int dealCount READ dealCount NOTIFY countChanged)
    Q_PROPERTY(int activityCount READ activityCount NOTIFY countChanged)

  public:
    enum Roles {
        KindRole = Qt::UserRole + 1, ///< "deal" or "activity"
        RecordIdRole,
        ClientIdRole,
        ClientNameRole,
        TitleRole,  ///< the deal's title, or the activity's kind and purpose
        DetailRole, ///< the deal's stage, or the activity's day and time
        OverdueRole,
    };
    Q_ENUM(Roles)

    explicit ManagerWorkModel(QObject* parent = nullptr);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const override { return static_cast<int>(rows_.size()); }
    void reload() override;

    QString managerLogin() const { return login_; }
    void setManagerLogin(const QString& login);
    QString managerName() const { return name_; }
    int dealCount() const;
    int activityCount() const { return count() - dealCount(); }

  signals:
    void managerChanged();

  private:
    struct Row {
        QString kind;
        QString id;
        QString clientId;
        QString clientName;
        QString title;
        QString detail;
        bool overdue = false;
    };
    QString login_;
    QString name_;
    std::vector<Row> rows_;
};
