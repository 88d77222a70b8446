// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QPointer>
#include <QQmlEngine>
#include <QVariantList>

#include "deal_list_model.h"
#include "history_model.h"

class AppSession;

/// One client card (SPEC §2) as the card page shows it: the client's fields,
/// its history (newest first), its deals and its next planned visit. Set
/// `session` and `clientId`; it re-reads when the replica changes.
class ClientCard : public QObject {
    Q_OBJECT
    QML_ELEMENT

    Q_PROPERTY(AppSession* session READ session WRITE setSession NOTIFY sessionChanged)
    Q_PROPERTY(QString clientId READ clientId WRITE setClientId NOTIFY clientIdChanged)
    Q_PROPERTY(bool exists READ exists NOTIFY cardChanged)
    Q_PROPERTY(QString name READ name NOTIFY cardChanged)
    Q_PROPERTY(QString industry READ industry NOTIFY cardChanged)
    Q_PROPERTY(QString region READ region NOTIFY cardChanged)
    Q_PROPERTY(QString status READ status NOTIFY cardChanged)
    Q_PROPERTY(QString statusLabel READ statusLabel NOTIFY cardChanged)
    Q_PROPERTY(QString curatorName READ curatorName NOTIFY cardChanged)
    Q_PROPERTY(QString address READ address NOTIFY cardChanged)
    Q_PROPERTY(QString phone READ phone NOTIFY cardChanged)
    Q_PROPERTY(QString email READ email NOTIFY cardChanged)
    Q_PROPERTY(QString website READ website NOTIFY cardChanged)
    Q_PROPERTY(QString taxId READ taxId NOTIFY cardChanged)
    Q_PROPERTY(QString notes READ notes NOTIFY cardChanged)
    Q_PROPERTY(int employees READ employees NOTIFY cardChanged)
    Q_PROPERTY(int yearEstablished READ yearEstablished NOTIFY cardChanged)
    Q_PROPERTY(int contactCount READ contactCount NOTIFY cardChanged)
    Q_PROPERTY(QString nextVisitText READ nextVisitText NOTIFY cardChanged)
    Q_PROPERTY(HistoryModel* history READ history CONSTANT)
    Q_PROPERTY(DealListModel* deals READ deals CONSTANT)

  public:
    explicit ClientCard(QObject* parent = nullptr);

    AppSession* session() const { return session_; }
    void setSession(AppSession* session);
    QString clientId() const { return clientId_; }
    void setClientId(const QString& clientId);

    bool exists() const { return exists_; }
    QString name() const { return fields_.name; }
    QString industry() const { return fields_.industry; }
    QString region() const { return fields_.region; }
    QString status() const { return fields_.status; }
    QString statusLabel() const;
    QString curatorName() const { return fields_.curatorName; }
    QString address() const { return fields_.address; }
    QString phone() const { return fields_.phone; }
    QString email() const { return fields_.email; }
    QString website() const { return fields_.website; }
    QString taxId() const { return fields_.taxId; }
    QString notes() const { return fields_.notes; }
    int employees() const { return fields_.employees; }
    int yearEstablished() const { return fields_.yearEstablished; }
    int contactCount() const { return fields_.contactCount; }
    QString nextVisitText() const { return fields_.nextVisitText; }
    HistoryModel* history() const { return history_; }
    DealListModel* deals() const { return deals_; }

    /// Choices for "which deal was this about": "No deal" then the open deals.
    Q_INVOKABLE QVariantList dealChoices() const;
    Q_INVOKABLE void reload();

  signals:
    void sessionChanged();
    void clientIdChanged();
    void cardChanged();

  private:
    struct Fields {
        QString name;
        QString industry;
        QString region;
        QString status;
        QString curatorName;
        QString address;
        QString phone;
        QString email;
        QString website;
        QString taxId;
        QString notes;
        int employees = 0;
        int yearEstablished = 0;
        int contactCount = 0;
        QString nextVisitText;
    };

    QPointer<AppSession> session_;
    QString clientId_;
    bool exists_ = false;
    Fields fields_;
    HistoryModel* history_;
    DealListModel* deals_;
};
