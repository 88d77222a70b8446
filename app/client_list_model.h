// SPDX-License-Identifier: MIT
#pragma once

#include "session_list_model.h"

#include <QQmlEngine>

/// The clients on this device, by name; `search` keeps those whose name,
/// industry or region contains it (case-insensitive).
class ClientListModel : public SessionListModel {
    Q_OBJECT
    QML_ELEMENT

    Q_PROPERTY(QString search READ search WRITE setSearch NOTIFY searchChanged)

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

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString search() const { return search_; }
    void setSearch(const QString& search);
    int count() const override { return static_cast<int>(rows_.size()); }

    /// The client id at `row`, or an empty string when out of range.
    Q_INVOKABLE QString clientIdAt(int row) const;
    void reload() override;

  signals:
    void searchChanged();

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

    QString search_;
    std::vector<Row> rows_;
};
