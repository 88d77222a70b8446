// SPDX-License-Identifier: MIT
#pragma once

#include "session_backend.h"

#include "record_list_model.h"

#include <QObject>
#include <QQmlEngine>

/// One deal (SPEC §2 "Deal", §3.8) as the deal page shows it: the header,
/// the stage timeline with days against each stage's norm, product lines,
/// payments and deliveries. Set `session` and `dealId`; it re-reads when the
/// replica changes.
///
/// The deal's workflows are invokables that return true on success; on a
/// refused edit (a business rule, a role) nothing is saved, they return
/// false and `error` holds the message for the user.
class DealView : public SessionBackend {
    Q_OBJECT
    QML_ELEMENT

    Q_PROPERTY(QString dealId READ dealId WRITE setDealId NOTIFY dealIdChanged)
    Q_PROPERTY(bool exists READ exists NOTIFY dealChanged)
    Q_PROPERTY(QString title READ title NOTIFY dealChanged)
    Q_PROPERTY(QString clientId READ clientId NOTIFY dealChanged)
    Q_PROPERTY(QString clientName READ clientName NOTIFY dealChanged)
    Q_PROPERTY(QString managerName READ managerName NOTIFY dealChanged)
    Q_PROPERTY(QString stage READ stage NOTIFY dealChanged)
    Q_PROPERTY(QString stageLabel READ stageLabel NOTIFY dealChanged)
    Q_PROPERTY(QString outcome READ outcome NOTIFY dealChanged)
    Q_PROPERTY(QString outcomeLabel READ outcomeLabel NOTIFY dealChanged)
    Q_PROPERTY(bool isOpen READ isOpen NOTIFY dealChanged)
    /// The deal's amount (the sum of its lines once it has lines).
    Q_PROPERTY(QString amountText READ amountText NOTIFY dealChanged)
    Q_PROPERTY(QString paidText READ paidText NOTIFY dealChanged)
    Q_PROPERTY(QString openedText READ openedText NOTIFY dealChanged)
    Q_PROPERTY(QString closedText READ closedText NOTIFY dealChanged)
    Q_PROPERTY(QString paymentTerms READ paymentTerms NOTIFY dealChanged)
    Q_PROPERTY(QString contractNo READ contractNo NOTIFY dealChanged)
    Q_PROPERTY(QString invoiceNo READ invoiceNo NOTIFY dealChanged)
    Q_PROPERTY(QString refusalReasonLabel READ refusalReasonLabel NOTIFY dealChanged)
    Q_PROPERTY(QString refusalComment READ refusalComment NOTIFY dealChanged)
    /// The next active stage after the current one ("" at the last stage).
    Q_PROPERTY(QString nextStage READ nextStage NOTIFY dealChanged)
    Q_PROPERTY(QString nextStageLabel READ nextStageLabel NOTIFY dealChanged)
    /// Roles: stage, name, startedText, endedText, managerName, days,
    /// normDays, daysText, overNorm, current.
    Q_PROPERTY(RecordListModel* stages READ stages CONSTANT)
    /// Roles: lineId, productName, quantity, priceText, totalText, pending.
    Q_PROPERTY(RecordListModel* lines READ lines CONSTANT)
    /// Roles: paymentId, amountText, dateText, documentNo, pending.
    Q_PROPERTY(RecordListModel* payments READ payments CONSTANT)
    /// Roles: deliveryId, dateText, waybillNo, pending.
    Q_PROPERTY(RecordListModel* deliveries READ deliveries CONSTANT)
    Q_PROPERTY(QString notes READ notes NOTIFY dealChanged)
    /// The deal's own fields as form values (form_fields.h) for the edit
    /// form: title, amount_cents, payment_terms, contract_no, invoice_no, notes.
    Q_PROPERTY(QVariantMap fields READ fields NOTIFY dealChanged)

  public:
    explicit DealView(QObject* parent = nullptr);

    QString dealId() const { return dealId_; }
    void setDealId(const QString& dealId);

    bool exists() const { return exists_; }
    QString title() const { return h_.title; }
    QString clientId() const { return h_.clientId; }
    QString clientName() const { return h_.clientName; }
    QString managerName() const { return h_.managerName; }
    QString stage() const { return h_.stage; }
    QString stageLabel() const { return h_.stageLabel; }
    QString outcome() const { return h_.outcome; }
    QString outcomeLabel() const;
    bool isOpen() const { return h_.outcome == u"open"_qs; }
    QString amountText() const { return h_.amountText; }
    QString paidText() const { return h_.paidText; }
    QString openedText() const { return h_.openedText; }
    QString closedText() const { return h_.closedText; }
    QString paymentTerms() const { return h_.paymentTerms; }
    QString contractNo() const { return h_.contractNo; }
    QString invoiceNo() const { return h_.invoiceNo; }
    QString refusalReasonLabel() const { return h_.refusalReasonLabel; }
    QString refusalComment() const { return h_.refusalComment; }
    QString notes() const { return h_.notes; }
    QVariantMap fields() const { return form_; }
    QString nextStage() const { return h_.nextStage; }
    QString nextStageLabel() const { return h_.nextStageLabel; }
    RecordListModel* stages() const { return stages_; }
    RecordListModel* lines() const { return lines_; }
    RecordListModel* payments() const { return payments_; }
    RecordListModel* deliveries() const { return deliveries_; }

    void reload() override;
    /// Moves the deal to its next stage (SPEC §2: stages in the configured order).
    Q_INVOKABLE bool moveToNextStage();
    /// Moves the deal to any stage: the head's (or admin's) override.
    Q_INVOKABLE bool moveToStage(const QString& stageCode);
    /// Adds a product line: `quantity` >= 1, `priceText` money text.
    Q_INVOKABLE bool addLine(const QString& productId, int quantity, const QString& priceText);
    /// Records a payment of `amountText` on `date` ("yyyy-MM-dd") with the
    /// accounting document number.
    Q_INVOKABLE bool addPayment(const QString& amountText, const QString& date,
                                const QString& documentNo);
    /// Records a delivery on `date` ("yyyy-MM-dd") with the waybill number.
    Q_INVOKABLE bool addDelivery(const QString& date, const QString& waybillNo);
    /// Closes the deal as won; needs the contract or the invoice number.
    Q_INVOKABLE bool closeWon(const QString& contractNo, const QString& invoiceNo);
    /// Closes the deal as lost with a refusal reason code (refusal_reason list).
    Q_INVOKABLE bool closeLost(const QString& refusalReason, const QString& comment);
    /// Saves the changed fields of the deal's own data from `form` (field ->
    /// form value: title, amount_cents as money text, payment_terms,
    /// contract_no, invoice_no, notes; other keys are ignored). The stage,
    /// outcome and refusal change through their workflows. The device's
    /// checks apply (a title, money limits, a won deal keeps its contract or
    /// invoice number); on an error nothing is saved and `error` says why.
    Q_INVOKABLE bool save(const QVariantMap& form);

  signals:
    void dealIdChanged();
    void dealChanged();

  private:
    struct Header {
        QString title;
        QString clientId;
        QString clientName;
        QString managerName;
        QString stage;
        QString stageLabel;
        QString outcome;
        QString amountText;
        QString paidText;
        QString openedText;
        QString closedText;
        QString paymentTerms;
        QString contractNo;
        QString invoiceNo;
        QString refusalReasonLabel;
        QString refusalComment;
        QString notes;
        QString nextStage;
        QString nextStageLabel;
    };
    bool move(const QString& stageCode, bool override);

    QString dealId_;
    bool exists_ = false;
    Header h_;
    QVariantMap form_;
    RecordListModel* stages_;
    RecordListModel* lines_;
    RecordListModel* payments_;
    RecordListModel* deliveries_;
};
