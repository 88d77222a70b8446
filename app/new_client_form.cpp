// SPDX-License-Identifier: MIT
#include "new_client_form.h"

#include "app_session.h"
#include "form_fields.h"
#include "json_qt.h"

#include "device/replica.h"

#include <QLocale>
#include <QLoggingCategory>
#include <QSet>

#include <algorithm>

Q_DECLARE_LOGGING_CATEGORY(lcApp)

using namespace fieldbook::app;
using fieldbook::device::Replica;

namespace {
/// The reason codes of domain::duplicateReason(), translated.
QString reasonText(const QString& reason) {
    if (reason == u"same tax id"_qs) {
        return NewClientForm::tr("same tax id");
    }
    if (reason == u"same name and phone"_qs) {
        return NewClientForm::tr("same name and phone");
    }
    if (reason == u"same name and city"_qs) {
        return NewClientForm::tr("same name and city");
    }
    return reason;
}
} // namespace

NewClientForm::NewClientForm(QObject* parent)
    : SessionBackend(parent), duplicates_(new RecordListModel(
                                  {u"clientId"_qs, u"name"_qs, u"detailText"_qs, u"curatorName"_qs,
                                   u"firstContactText"_qs, u"reasonText"_qs, u"elsewhere"_qs},
                                  this)) {}

void NewClientForm::connectSession(AppSession* session) {
    connect(session, &AppSession::onlineDuplicatesFound, this, &NewClientForm::takeOnline);
}

void NewClientForm::check(const QVariantMap& form) {
    auto* replica = session_ ? session_->replica() : nullptr;
    nlohmann::json fields = nlohmann::json::object();
    QString ignored; // a half-typed number is no reason to stop looking
    formToFields("client", form, fields, ignored);
    local_ = nlohmann::json::array();
    online_ = nlohmann::json::array(); // answered for other input
    if (replica) {
        try {
            local_ = replica->findDuplicates(fields);
        } catch (const std::exception& e) {
            qCWarning(lcApp) << "duplicate check failed" << e.what();
        }
    }
    const bool wasChecking = checkingServer();
    lookupId_ = 0;
    const bool anything = std::any_of(fields.begin(), fields.end(),
                                      [](const nlohmann::json& v) { return !v.is_null(); });
    if (session_ && session_->loggedIn() && anything) {
        lookupId_ = session_->requestOnlineDuplicates(QByteArray::fromStdString(fields.dump()));
    }
    if (wasChecking != checkingServer()) {
        emit checkingServerChanged();
    }
    publish();
}

void NewClientForm::takeOnline(int requestId, const QByteArray& resultJson, bool online) {
    if (requestId != lookupId_) {
        return; // an answer for what was typed before
    }
    lookupId_ = 0;
    emit checkingServerChanged();
    if (!online) {
        return;
    }
    auto found = nlohmann::json::parse(resultJson.toStdString(), nullptr, false);
    if (found.is_array()) {
        online_ = std::move(found);
        publish();
    }
}

void NewClientForm::publish() {
    auto* replica = session_ ? session_->replica() : nullptr;
    QList<QVariantMap> rows;
    QSet<QString> seen;
    auto add = [&](const nlohmann::json& d, bool fromServer) {
        const auto id = jsonText(d, "id");
        if (id.isEmpty() || seen.contains(id)) {
            return;
        }
        seen.insert(id);
        bool elsewhere = false;
        if (fromServer && replica) {
            try {
                const auto here = replica->record("client", id.toStdString());
                elsewhere = !here.is_object() || here.value("deleted", false);
            } catch (const std::exception&) {
                elsewhere = true;
            }
        }
        QStringList detail;
        for (const char* key : {"tax_id", "phone", "city"}) {
            if (auto t = jsonText(d, key); !t.isEmpty()) {
                detail << t;
            }
        }
        const auto at = jsonTime(d, "first_contact_at");
        const auto by = jsonText(d, "first_contact_by_name");
        QString first;
        if (at.isValid()) {
            const auto day = QLocale().toString(at.date(), QLocale::ShortFormat);
            first = by.isEmpty() ? tr("first contact %1").arg(day)
                                 : tr("first contact %1 by %2").arg(day, by);
        } else if (!by.isEmpty()) {
            first = tr("first contact by %1").arg(by);
        }
        const auto curator = jsonText(d, "curator_name");
        rows << QVariantMap{
            {u"clientId"_qs, id},
            {u"name"_qs, jsonText(d, "name")},
            {u"detailText"_qs, detail.join(u" \u00B7 "_qs)},
            {u"curatorName"_qs, curator.isEmpty() ? tr("no curator") : curator},
            {u"firstContactText"_qs, first},
            {u"reasonText"_qs, reasonText(jsonText(d, "reason"))},
            {u"elsewhere"_qs, elsewhere},
        };
    };
    for (const auto& d : local_) {
        add(d, false);
    }
    for (const auto& d : online_) {
        add(d, true);
    }
    duplicates_->setRows(std::move(rows));
}

QString NewClientForm::create(const QVariantMap& form) {
    if (!session_) {
        return {};
    }
    if (form.value(u"name"_qs).toString().trimmed().isEmpty()) {
        setError(tr("Write the organisation's name."));
        return {};
    }
    nlohmann::json fields = nlohmann::json::object();
    QString message;
    if (!formToFields("client", form, fields, message)) {
        setError(message);
        return {};
    }
    for (auto it = fields.begin(); it != fields.end();) { // a new card needs no nulls
        it = it->is_null() ? fields.erase(it) : std::next(it);
    }
    std::string id;
    message = session_->runEdit("create client", [&](Replica& r) { id = r.createClient(fields); });
    setError(message);
    return message.isEmpty() ? QString::fromStdString(id) : QString();
}
