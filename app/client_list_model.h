// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractListModel>
#include <QPointer>
#include <QQmlEngine>

class AppSession;

/// The clients on this device, by name; `search` keeps those whose name,
/// industry or region contains it (case-insensitive).
class ClientListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT

    Q_PROPERTY(AppSession* session READ session WRITE setSession NOTIFY sessionChanged)
    Q_PROPERTY(QString search READ search WRITE setSearch NOTIFY searchChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)

  public:
    enum Roles {
        ClientIdRole = Qt::UserRole + 1,
        NameRole,
        IndustryRole,
        RegionRole,
        StatusRole,
        StatusLabelRole,
        CuratorNameRole,
        OpenDealsRole,
    };
    Q_ENUM(Roles)

    explicit ClientListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    AppSession* session() const { return session_; }
    void setSession(AppSession* session);
    QString search() const { return search_; }
    void setSearch(const QString& search);
    int count() const { return static_cast<int>(rows_.size()); }

    /// The client id at `row`, or an empty string when out of range.
    Q_INVOKABLE QString clientIdAt(int row) const;
    Q_INVOKABLE void reload();

  signals:
    void sessionChanged();
    void searchChanged();
    void countChanged();

  private:
    struct Row {
        QString id;
        QString name;
        QString industry;
        QString region;
        QString status;
        QString curatorName;
        int openDeals = 0;
    };

    QPointer<AppSession> session_;
    QString search_;
    std::vector<Row> rows_;
};
