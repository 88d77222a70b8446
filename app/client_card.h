// SPDX-License-Identifier: MIT
#pragma once

#include "session_backend.h"

#include <QObject>
#include <QQmlEngine>
#include <QVariantList>
#include <QVariantMap>

#include "deal_list_model.h"
#include "history_model.h"
#include "record_list_model.h"

/// One client card (SPEC §2) as the card page shows it, with its tabs:
/// details (every card field), contacts with their mailing requests, history
/// (newest first), deals and planned activities. Set `session` and
/// `clientId`; it re-reads when the replica changes.
///
/// The edits of the card's workflows (SPEC §3.2, 3.5, 3.10) are invokables
/// that return true on success; on a refused edit nothing is saved, they
/// return false (an empty id) and `error` holds the message for the user.
class ClientCard : public SessionBackend {
    Q_OBJECT
    QML_ELEMENT

    Q_PROPERTY(QString clientId READ clientId WRITE setClientId NOTIFY clientIdChanged)
    Q_PROPERTY(bool exists READ exists NOTIFY cardChanged)
    Q_PROPERTY(QString name READ name NOTIFY cardChanged)
    Q_PROPERTY(QString industry READ industry NOTIFY cardChanged)
    Q_PROPERTY(QString region READ region NOTIFY cardChanged)
    Q_PROPERTY(QString status READ status NOTIFY cardChanged)
    Q_PROPERTY(QString statusLabel READ statusLabel NOTIFY cardChanged)
    Q_PROPERTY(QString curatorId READ curatorId NOTIFY cardChanged)
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
    Q_PROPERTY(QString firstContactText READ firstContactText NOTIFY cardChanged)
    /// The card's fields as form values (form_fields.h), for the edit form.
    Q_PROPERTY(QVariantMap fields READ fields NOTIFY cardChanged)
    /// Every card field for reading: [{key, label, value}], value "" when empty.
    Q_PROPERTY(QVariantList details READ details NOTIFY cardChanged)
    Q_PROPERTY(HistoryModel* history READ history CONSTANT)
    Q_PROPERTY(DealListModel* deals READ deals CONSTANT)
    /// Roles: contactId, name, position, phone, email, fax, decisionMaker,
    /// notes, detailText, pending.
    Q_PROPERTY(RecordListModel* contacts READ contacts CONSTANT)
    /// Roles: activityId, kind, kindLabel, dateText, timeText, durationMin,
    /// purpose, place, status, statusLabel, assigneeName, overdue, pending.
    Q_PROPERTY(RecordListModel* plans READ plans CONSTANT)
    /// Roles: mailingId, contactName, templateName, channelLabel, address,
    /// status, statusLabel, requestedText, sentText, error, pending.
    Q_PROPERTY(RecordListModel* mailings READ mailings CONSTANT)

  public:
    explicit ClientCard(QObject* parent = nullptr);

    QString clientId() const { return clientId_; }
    void setClientId(const QString& clientId);

    bool exists() const { return exists_; }
    QString name() const { return fields_.name; }
    QString industry() const { return fields_.industry; }
    QString region() const { return fields_.region; }
    QString status() const { return fields_.status; }
    QString statusLabel() const;
    QString curatorId() const { return fields_.curatorId; }
    QString curatorName() const { return fields_.curatorName; }
    QString address() const { return fields_.address; }
    QString phone() const { return fields_.phone; }
    QString email() const { return fields_.email; }
    QString website() const { return fields_.website; }
    QString taxId() const { return fields_.taxId; }
    QString notes() const { return fields_.notes; }
    int employees() const { return fields_.employees; }
    int yearEstablished() const { return fields_.yearEstablished; }
    int contactCount() const { return contacts_->count(); }
    QString nextVisitText() const { return fields_.nextVisitText; }
    QString firstContactText() const { return fields_.firstContactText; }
    QVariantMap fields() const { return form_; }
    QVariantList details() const { return details_; }
    HistoryModel* history() const { return history_; }
    DealListModel* deals() const { return deals_; }
    RecordListModel* contacts() const { return contacts_; }
    RecordListModel* plans() const { return plans_; }
    RecordListModel* mailings() const { return mailings_; }

    /// Choices for "which deal was this about": "No deal" then the open deals.
    Q_INVOKABLE QVariantList dealChoices() const;
    void reload() override;

    /// Saves the changed card fields of `form` (field name -> form value,
    /// form_fields.h); the curator is changed with reassignCurator().
    Q_INVOKABLE bool save(const QVariantMap& form);
    /// The head (or admin) gives the client to another curator (SPEC §3.5).
    Q_INVOKABLE bool reassignCurator(const QString& userId);
    /// Adds a contact person from `form` (contact fields; `name` required).
    Q_INVOKABLE bool addContact(const QVariantMap& form);
    /// Queues a mailing of document template `templateId` to a contact by
    /// "email" or "fax" (SPEC §3.10).
    Q_INVOKABLE bool queueMailing(const QString& contactId, const QString& templateId,
                                  const QString& channel);
    /// The author corrects a history entry's text; the earlier text is kept.
    Q_INVOKABLE bool correctHistory(const QString& entryId, const QString& summary);
    /// Opens a deal with this client for `managerId` (empty: oneself) at the
    /// first stage; `productId` and `amountText` (money text) are optional.
    /// Returns the deal id, or an empty string.
    Q_INVOKABLE QString openDeal(const QString& title, const QString& managerId,
                                 const QString& productId, const QString& amountText);

  signals:
    void clientIdChanged();
    void cardChanged();

  private:
    struct Fields {
        QString name;
        QString industry;
        QString region;
        QString status;
        QString curatorId;
        QString curatorName;
        QString address;
        QString phone;
        QString email;
        QString website;
        QString taxId;
        QString notes;
        int employees = 0;
        int yearEstablished = 0;
        QString nextVisitText;
        QString firstContactText;
    };

    QString clientId_;
    bool exists_ = false;
    Fields fields_;
    QVariantMap form_;
    QVariantList details_;
    HistoryModel* history_;
    DealListModel* deals_;
    RecordListModel* contacts_;
    RecordListModel* plans_;
    RecordListModel* mailings_;
};
