// SPDX-License-Identifier: MIT
#include "client_card.h"

#include "app_session.h"
#include "card_rows.h"
#include "form_fields.h"
#include "json_qt.h"
#include "labels.h"
#include "reference_labels.h"

#include "device/replica.h"

#include <QLocale>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcApp)

using namespace fieldbook::app;
using fieldbook::device::Replica;

ClientCard::ClientCard(QObject* parent)
    : SessionBackend(parent), history_(new HistoryModel(this)), deals_(new DealListModel(this)),
      contacts_(new RecordListModel({u"contactId"_qs, u"name"_qs, u"position"_qs, u"phone"_qs,
                                     u"email"_qs, u"fax"_qs, u"decisionMaker"_qs, u"notes"_qs,
                                     u"detailText"_qs, u"pending"_qs},
                                    this)),
      plans_(new RecordListModel({u"activityId"_qs, u"kind"_qs, u"kindLabel"_qs, u"dateText"_qs,
                                  u"timeText"_qs, u"durationMin"_qs, u"purpose"_qs, u"place"_qs,
                                  u"status"_qs, u"statusLabel"_qs, u"assigneeName"_qs,
                                  u"overdue"_qs, u"pending"_qs},
                                 this)),
      mailings_(
          new RecordListModel({u"mailingId"_qs, u"contactName"_qs, u"templateName"_qs,
                               u"channelLabel"_qs, u"address"_qs, u"status"_qs, u"statusLabel"_qs,
                               u"requestedText"_qs, u"sentText"_qs, u"error"_qs, u"pending"_qs},
                              this)) {}

void ClientCard::setClientId(const QString& clientId) {
    if (changeId(clientId_, clientId)) {
        emit clientIdChanged();
        reload();
    }
}

QString ClientCard::statusLabel() const {
    return clientStatusLabel(fields_.status);
}

QVariantList ClientCard::dealChoices() const {
    return deals_->openDealChoices();
}

void ClientCard::reload() {
    nlohmann::json card;
    nlohmann::json users = nlohmann::json::array();
    auto* replica = session_ ? session_->replica() : nullptr;
    if (replica && !clientId_.isEmpty()) {
        try {
            card = replica->clientCard(clientId_.toStdString());
            if (card.is_object()) {
                users = replica->users();
            }
        } catch (const std::exception& e) {
            qCWarning(lcApp) << "cannot read client" << clientId_ << e.what();
            card = nullptr;
        }
    }
    Fields f;
    exists_ = card.is_object();
    QList<QVariantMap> contacts;
    QList<QVariantMap> plans;
    QList<QVariantMap> mailings;
    if (exists_) {
        const auto& c = card["client"];
        ReferenceLabels references(replica);
        auto label = [&](const char* list, const QString& code) {
            return references(QLatin1String(list), code);
        };
        f.name = jsonText(c, "name");
        f.industry = label("industry", jsonText(c, "industry"));
        f.region = label("region", jsonText(c, "region"));
        f.status = jsonText(c, "status");
        f.curatorId = jsonText(c, "curator_id");
        f.curatorName = jsonText(c, "curator_name");
        f.address = jsonText(c, "address");
        f.phone = jsonText(c, "phone");
        f.email = jsonText(c, "email");
        f.website = jsonText(c, "website");
        f.taxId = jsonText(c, "tax_id");
        f.notes = jsonText(c, "notes");
        f.employees = static_cast<int>(jsonInt(c, "employees"));
        f.yearEstablished = static_cast<int>(jsonInt(c, "year_established"));
        const auto now = QDateTime::currentMSecsSinceEpoch();
        for (const auto& p : card["plans"]) { // ordered by start time
            if (jsonText(p, "status") == u"planned"_qs && jsonInt(p, "starts_at") >= now) {
                const auto at = jsonTime(p, "starts_at");
                f.nextVisitText = tr("%1, %2 (%3)")
                                      .arg(activityKindLabel(jsonText(p, "kind")), dateTimeText(at),
                                           jsonText(p, "assignee_name"));
                break;
            }
        }
        const auto first = jsonTime(c, "first_contact_at");
        const auto firstBy = jsonText(c, "first_contact_by_name");
        if (first.isValid()) {
            const auto day = QLocale().toString(first.date(), QLocale::ShortFormat);
            f.firstContactText = firstBy.isEmpty() ? day : tr("%1 by %2").arg(day, firstBy);
        }
        form_ = fieldsToForm("client", c);
        auto clientName = [&](const QString& id) {
            const auto other = replica->record("client", id.toStdString());
            return other.is_object() && !other.value("deleted", false) ? jsonText(other, "name")
                                                                       : QString();
        };
        details_ = clientDetails(c, label, clientName);

        QHash<QString, QString> names;
        for (const auto& u : users) {
            names.insert(jsonText(u, "id"), jsonText(u, "full_name"));
        }
        history_->setEntries(card["history"], card["deals"], session_->userId(), names);
        deals_->setDeals(card["deals"]);
        for (const auto& x : card["contacts"]) {
            contacts << contactRow(x);
        }
        // Planned ones first (by start), then the rest, latest first.
        for (const auto& p : card["plans"]) {
            if (jsonText(p, "status") == u"planned"_qs) {
                plans << activityRow(p, now);
            }
        }
        for (auto p = card["plans"].rbegin(); p != card["plans"].rend(); ++p) {
            if (jsonText(*p, "status") != u"planned"_qs) {
                plans << activityRow(*p, now);
            }
        }
        if (card.contains("mailings")) {
            for (const auto& m : card["mailings"]) {
                mailings << mailingRow(m);
            }
        }
    } else {
        form_.clear();
        details_.clear();
        history_->setEntries(nlohmann::json::array(), nlohmann::json::array());
        deals_->setDeals(nlohmann::json::array());
    }
    contacts_->setRows(std::move(contacts));
    plans_->setRows(std::move(plans));
    mailings_->setRows(std::move(mailings));
    fields_ = f;
    emit cardChanged();
}

bool ClientCard::save(const QVariantMap& form) {
    if (!session_) {
        return false;
    }
    nlohmann::json fields = nlohmann::json::object();
    QString message;
    if (!formToFields("client", form, fields, message)) {
        return finish(message);
    }
    // The replica keeps only the values that changed; server-set and
    // workflow-owned fields are not the form's to change.
    for (const char* key : {"curator_id", "first_contact_at", "first_contact_by", "duplicate_of"}) {
        fields.erase(key);
    }
    return finish(session_->runEdit("save client", [&](Replica& r) {
        r.updateRecord("client", clientId_.toStdString(), fields);
    }));
}

bool ClientCard::reassignCurator(const QString& userId) {
    if (!session_) {
        return false;
    }
    return finish(session_->runEdit("reassign client", [&](Replica& r) {
        r.reassignClient(clientId_.toStdString(), userId.toStdString());
    }));
}

bool ClientCard::addContact(const QVariantMap& form) {
    if (!session_) {
        return false;
    }
    nlohmann::json fields = nlohmann::json::object();
    QString message;
    if (!formToFields("contact", form, fields, message)) {
        return finish(message);
    }
    fields.erase("client_id");
    for (auto it = fields.begin(); it != fields.end();) { // a new record needs no nulls
        it = it->is_null() ? fields.erase(it) : std::next(it);
    }
    return finish(session_->runEdit(
        "add contact", [&](Replica& r) { r.addContact(clientId_.toStdString(), fields); }));
}

bool ClientCard::queueMailing(const QString& contactId, const QString& templateId,
                              const QString& channel) {
    if (!session_) {
        return false;
    }
    if (templateId.isEmpty()) {
        return finish(tr("Choose the document to send."));
    }
    return finish(session_->runEdit("queue mailing", [&](Replica& r) {
        r.queueMailing(contactId.toStdString(), templateId.toStdString(), channel.toStdString());
    }));
}

bool ClientCard::correctHistory(const QString& entryId, const QString& summary) {
    if (!session_) {
        return false;
    }
    return finish(session_->runEdit("correct history", [&](Replica& r) {
        r.correctHistory(entryId.toStdString(), summary.trimmed().toStdString());
    }));
}

QString ClientCard::openDeal(const QString& title, const QString& managerId,
                             const QString& productId, const QString& amountText) {
    if (!session_) {
        return {};
    }
    if (title.trimmed().isEmpty()) {
        finish(tr("Give the deal a title, e.g. the product and the client."));
        return {};
    }
    nlohmann::json extra = nlohmann::json::object();
    if (!productId.isEmpty()) {
        extra["product_id"] = productId.toStdString();
    }
    if (!amountText.trimmed().isEmpty()) {
        qint64 cents = 0;
        if (!parseAmount(amountText, cents)) {
            finish(tr("\u201C%1\u201D is not an amount. Write it like 1250.50.").arg(amountText));
            return {};
        }
        extra["amount_cents"] = cents;
    }
    std::string id;
    const bool ok = finish(session_->runEdit("open deal", [&](Replica& r) {
        id = r.openDeal(clientId_.toStdString(), title.trimmed().toStdString(),
                        managerId.toStdString(), extra);
    }));
    return ok ? QString::fromStdString(id) : QString();
}
