// SPDX-License-Identifier: MIT
#include "card_rows.h"

#include "json_qt.h"
#include "labels.h"

#include <QCoreApplication>
#include <QLocale>

namespace fieldbook::app {

namespace {
QString dateText(const nlohmann::json& j, const char* key) {
    const auto at = jsonTime(j, key);
    return at.isValid() ? QLocale().toString(at.date(), QLocale::ShortFormat) : QString();
}

QString dateTimeOf(const nlohmann::json& j, const char* key) {
    return dateTimeText(jsonTime(j, key));
}

QVariantMap detail(const char* key, const char* label, const QString& value,
                   const QString& linkId = {}) {
    return {{u"key"_qs, QString::fromLatin1(key)},
            {u"label"_qs, QCoreApplication::translate("CardRows", label)},
            {u"value"_qs, value},
            {u"linkId"_qs, linkId}};
}

/// A row naming another card: its name and id when on this device.
QVariantMap cardLink(const char* key, const char* label, const QString& id,
                     const ClientName& clientName) {
    if (id.isEmpty()) {
        return detail(key, label, {});
    }
    const auto name = clientName(id);
    return name.isEmpty()
               ? detail(key, label,
                        QCoreApplication::translate("CardRows", "A card not on this device"))
               : detail(key, label, name, id);
}

bool pending(const nlohmann::json& j) {
    return jsonInt(j, "version") == 0;
}
} // namespace

QVariantList clientDetails(const nlohmann::json& c, const ReferenceLabel& label,
                           const ClientName& clientName) {
    auto text = [&](const char* key) { return jsonText(c, key); };
    auto number = [&](const char* key) {
        auto it = c.find(key);
        return it != c.end() && it->is_number_integer()
                   ? QLocale().toString(static_cast<qlonglong>(it->get<std::int64_t>()))
                   : QString();
    };
    auto year = [&](const char* key) {
        auto it = c.find(key);
        return it != c.end() && it->is_number_integer() ? QString::number(it->get<std::int64_t>())
                                                        : QString();
    };
    auto money = [&](const char* key) {
        auto it = c.find(key);
        return it != c.end() && it->is_number_integer() ? amountText(it->get<std::int64_t>())
                                                        : QString();
    };
    QString firstContact = dateText(c, "first_contact_at");
    if (const auto by = text("first_contact_by_name"); !by.isEmpty()) {
        firstContact =
            firstContact.isEmpty()
                ? by
                : QCoreApplication::translate("CardRows", "%1 by %2").arg(firstContact, by);
    }
    QVariantList rows{
        detail("name", QT_TRANSLATE_NOOP("CardRows", "Organisation"), text("name")),
        detail("tax_id", QT_TRANSLATE_NOOP("CardRows", "Tax id"), text("tax_id")),
        detail("status", QT_TRANSLATE_NOOP("CardRows", "Status"),
               clientStatusLabel(text("status"))),
        detail("curator_id", QT_TRANSLATE_NOOP("CardRows", "Curator"), text("curator_name")),
        cardLink("parent_client_id", QT_TRANSLATE_NOOP("CardRows", "Parent client"),
                 text("parent_client_id"), clientName),
        detail("region", QT_TRANSLATE_NOOP("CardRows", "Region"), label("region", text("region"))),
        detail("industry", QT_TRANSLATE_NOOP("CardRows", "Industry"),
               label("industry", text("industry"))),
        detail("size", QT_TRANSLATE_NOOP("CardRows", "Size"), clientSizeLabel(text("size"))),
        detail("employees", QT_TRANSLATE_NOOP("CardRows", "Employees"), number("employees")),
        detail("year_established", QT_TRANSLATE_NOOP("CardRows", "Founded"),
               year("year_established")),
        detail("revenue_cents", QT_TRANSLATE_NOOP("CardRows", "Annual revenue"),
               money("revenue_cents")),
        detail("address", QT_TRANSLATE_NOOP("CardRows", "Address"), text("address")),
        detail("city", QT_TRANSLATE_NOOP("CardRows", "City"), text("city")),
        detail("phone", QT_TRANSLATE_NOOP("CardRows", "Phone"), text("phone")),
        detail("email", QT_TRANSLATE_NOOP("CardRows", "E-mail"), text("email")),
        detail("website", QT_TRANSLATE_NOOP("CardRows", "Web site"), text("website")),
        detail("interest_level", QT_TRANSLATE_NOOP("CardRows", "Level of interest"),
               interestLevelLabel(text("interest_level"))),
        detail("info_source", QT_TRANSLATE_NOOP("CardRows", "Information source"),
               label("information_source", text("info_source"))),
        detail("contact_reason", QT_TRANSLATE_NOOP("CardRows", "Contact reason"),
               label("contact_reason", text("contact_reason"))),
        detail("initiative", QT_TRANSLATE_NOOP("CardRows", "Whose initiative"),
               initiativeLabel(text("initiative"))),
        detail("triggering_event", QT_TRANSLATE_NOOP("CardRows", "Triggering event"),
               label("triggering_event", text("triggering_event"))),
        detail("first_contact_at", QT_TRANSLATE_NOOP("CardRows", "First contact"), firstContact),
        detail("notes", QT_TRANSLATE_NOOP("CardRows", "Notes"), text("notes")),
    };
    if (const auto of = text("duplicate_of"); !of.isEmpty()) {
        rows.insert(1,
                    cardLink("duplicate_of", QT_TRANSLATE_NOOP("CardRows", "Probable duplicate of"),
                             of, clientName));
    }
    return rows;
}

QVariantMap contactRow(const nlohmann::json& x) {
    QStringList parts;
    for (const char* key : {"position", "phone", "email"}) {
        if (auto t = jsonText(x, key); !t.isEmpty()) {
            parts << t;
        }
    }
    auto dm = x.find("decision_maker");
    return {
        {u"contactId"_qs, jsonText(x, "id")},
        {u"name"_qs, jsonText(x, "name")},
        {u"position"_qs, jsonText(x, "position")},
        {u"phone"_qs, jsonText(x, "phone")},
        {u"email"_qs, jsonText(x, "email")},
        {u"fax"_qs, jsonText(x, "fax")},
        {u"decisionMaker"_qs, dm != x.end() && dm->is_boolean() && dm->get<bool>()},
        {u"notes"_qs, jsonText(x, "notes")},
        {u"detailText"_qs, parts.join(u" \u00B7 "_qs)},
        {u"pending"_qs, pending(x)},
    };
}

QVariantMap activityRow(const nlohmann::json& a, qint64 nowMs) {
    const auto at = jsonTime(a, "starts_at");
    const auto status = jsonText(a, "status");
    return {
        {u"activityId"_qs, jsonText(a, "id")},
        {u"kind"_qs, jsonText(a, "kind")},
        {u"kindLabel"_qs, activityKindLabel(jsonText(a, "kind"))},
        {u"dateText"_qs,
         at.isValid() ? QLocale().toString(at.date(), QLocale::ShortFormat) : QString()},
        {u"timeText"_qs, at.isValid() ? at.time().toString(u"hh:mm"_qs) : QString()},
        {u"durationMin"_qs, static_cast<int>(jsonInt(a, "duration_min"))},
        {u"purpose"_qs, jsonText(a, "purpose")},
        {u"place"_qs, jsonText(a, "place")},
        {u"status"_qs, status},
        {u"statusLabel"_qs, activityStatusLabel(status)},
        {u"assigneeName"_qs, jsonText(a, "assignee_name")},
        {u"overdue"_qs, status == u"planned"_qs && jsonInt(a, "starts_at") < nowMs},
        {u"pending"_qs, pending(a)},
    };
}

QVariantMap mailingRow(const nlohmann::json& m) {
    const auto status = jsonText(m, "status");
    return {
        {u"mailingId"_qs, jsonText(m, "id")},
        {u"contactName"_qs, jsonText(m, "contact_name")},
        {u"templateName"_qs, jsonText(m, "template_name")},
        {u"channelLabel"_qs, mailingChannelLabel(jsonText(m, "channel"))},
        {u"address"_qs, jsonText(m, "address")},
        {u"status"_qs, status},
        {u"statusLabel"_qs, mailingStatusLabel(status)},
        {u"requestedText"_qs, dateTimeOf(m, "requested_at")},
        {u"sentText"_qs, dateTimeOf(m, "sent_at")},
        {u"error"_qs, jsonText(m, "error")},
        {u"pending"_qs, pending(m)},
    };
}

} // namespace fieldbook::app
