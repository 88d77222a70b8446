// SPDX-License-Identifier: MIT
#include "client_card.h"

#include "app_session.h"
#include "json_qt.h"
#include "labels.h"

#include "device/replica.h"

#include <QLocale>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcApp)

using namespace fieldbook::app;

ClientCard::ClientCard(QObject* parent)
    : QObject(parent), history_(new HistoryModel(this)), deals_(new DealListModel(this)) {}

void ClientCard::setSession(AppSession* session) {
    if (session_ == session) {
        return;
    }
    if (session_) {
        disconnect(session_, nullptr, this, nullptr);
    }
    session_ = session;
    if (session_) {
        connect(session_, &AppSession::replicaChanged, this, &ClientCard::reload);
    }
    emit sessionChanged();
    reload();
}

void ClientCard::setClientId(const QString& clientId) {
    if (clientId == clientId_) {
        return;
    }
    clientId_ = clientId;
    emit clientIdChanged();
    reload();
}

QString ClientCard::statusLabel() const {
    return clientStatusLabel(fields_.status);
}

QVariantList ClientCard::dealChoices() const {
    return deals_->openDealChoices();
}

void ClientCard::reload() {
    nlohmann::json card;
    auto* replica = session_ ? session_->replica() : nullptr;
    if (replica && !clientId_.isEmpty()) {
        try {
            card = replica->clientCard(clientId_.toStdString());
        } catch (const std::exception& e) {
            qCWarning(lcApp) << "cannot read client" << clientId_ << e.what();
        }
    }
    Fields f;
    exists_ = card.is_object();
    if (exists_) {
        const auto& c = card["client"];
        f.name = jsonText(c, "name");
        f.industry = jsonText(c, "industry");
        f.region = jsonText(c, "region");
        f.status = jsonText(c, "status");
        f.curatorName = jsonText(c, "curator_name");
        f.address = jsonText(c, "address");
        f.phone = jsonText(c, "phone");
        f.email = jsonText(c, "email");
        f.website = jsonText(c, "website");
        f.taxId = jsonText(c, "tax_id");
        f.notes = jsonText(c, "notes");
        f.employees = static_cast<int>(jsonInt(c, "employees"));
        f.yearEstablished = static_cast<int>(jsonInt(c, "year_established"));
        f.contactCount = static_cast<int>(card["contacts"].size());
        const auto now = QDateTime::currentMSecsSinceEpoch();
        for (const auto& p : card["plans"]) { // ordered by start time
            if (jsonText(p, "status") == u"planned"_qs && jsonInt(p, "starts_at") >= now) {
                const auto at = jsonTime(p, "starts_at");
                f.nextVisitText = tr("%1, %2 (%3)")
                                      .arg(activityKindLabel(jsonText(p, "kind")),
                                           QLocale().toString(at, QLocale::ShortFormat),
                                           jsonText(p, "assignee_name"));
                break;
            }
        }
        history_->setEntries(card["history"], card["deals"]);
        deals_->setDeals(card["deals"]);
    } else {
        history_->setEntries(nlohmann::json::array(), nlohmann::json::array());
        deals_->setDeals(nlohmann::json::array());
    }
    fields_ = f;
    emit cardChanged();
}
