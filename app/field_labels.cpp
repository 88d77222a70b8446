// SPDX-License-Identifier: MIT
#include "field_labels.h"

#include "labels.h"

#include "domain/entities.h"

#include <QCoreApplication>
#include <QLocale>

namespace fieldbook::app {

namespace {

struct Words {
    const char* key;
    const char* text;
};

constexpr Words kEntities[] = {
    {"client", QT_TRANSLATE_NOOP("FieldLabels", "client")},
    {"contact", QT_TRANSLATE_NOOP("FieldLabels", "contact person")},
    {"deal", QT_TRANSLATE_NOOP("FieldLabels", "deal")},
    {"deal_line", QT_TRANSLATE_NOOP("FieldLabels", "product line")},
    {"deal_stage", QT_TRANSLATE_NOOP("FieldLabels", "deal stage")},
    {"payment", QT_TRANSLATE_NOOP("FieldLabels", "payment")},
    {"delivery", QT_TRANSLATE_NOOP("FieldLabels", "delivery")},
    {"planned_activity", QT_TRANSLATE_NOOP("FieldLabels", "planned activity")},
    {"history_entry", QT_TRANSLATE_NOOP("FieldLabels", "history entry")},
    {"mailing_request", QT_TRANSLATE_NOOP("FieldLabels", "mailing request")},
    {"reference_item", QT_TRANSLATE_NOOP("FieldLabels", "reference item")},
    {"stage", QT_TRANSLATE_NOOP("FieldLabels", "stage")},
    {"product", QT_TRANSLATE_NOOP("FieldLabels", "product")},
    {"document_template", QT_TRANSLATE_NOOP("FieldLabels", "document template")},
    {"user", QT_TRANSLATE_NOOP("FieldLabels", "user")},
};

// Field names shared by several entities have one label; "entity.field"
// rows name the few that mean something else on one entity.
constexpr Words kFields[] = {
    {"name", QT_TRANSLATE_NOOP("FieldLabels", "Name")},
    {"client.name", QT_TRANSLATE_NOOP("FieldLabels", "Organisation")},
    {"tax_id", QT_TRANSLATE_NOOP("FieldLabels", "Tax id")},
    {"industry", QT_TRANSLATE_NOOP("FieldLabels", "Industry")},
    {"region", QT_TRANSLATE_NOOP("FieldLabels", "Region")},
    {"size", QT_TRANSLATE_NOOP("FieldLabels", "Size")},
    {"employees", QT_TRANSLATE_NOOP("FieldLabels", "Employees")},
    {"year_established", QT_TRANSLATE_NOOP("FieldLabels", "Founded")},
    {"revenue_cents", QT_TRANSLATE_NOOP("FieldLabels", "Annual revenue")},
    {"parent_client_id", QT_TRANSLATE_NOOP("FieldLabels", "Parent client")},
    {"address", QT_TRANSLATE_NOOP("FieldLabels", "Address")},
    {"city", QT_TRANSLATE_NOOP("FieldLabels", "City")},
    {"phone", QT_TRANSLATE_NOOP("FieldLabels", "Phone")},
    {"email", QT_TRANSLATE_NOOP("FieldLabels", "E-mail")},
    {"fax", QT_TRANSLATE_NOOP("FieldLabels", "Fax")},
    {"website", QT_TRANSLATE_NOOP("FieldLabels", "Web site")},
    {"curator_id", QT_TRANSLATE_NOOP("FieldLabels", "Curator")},
    {"status", QT_TRANSLATE_NOOP("FieldLabels", "Status")},
    {"interest_level", QT_TRANSLATE_NOOP("FieldLabels", "Level of interest")},
    {"info_source", QT_TRANSLATE_NOOP("FieldLabels", "Information source")},
    {"contact_reason", QT_TRANSLATE_NOOP("FieldLabels", "Contact reason")},
    {"initiative", QT_TRANSLATE_NOOP("FieldLabels", "Whose initiative")},
    {"triggering_event", QT_TRANSLATE_NOOP("FieldLabels", "Triggering event")},
    {"first_contact_at", QT_TRANSLATE_NOOP("FieldLabels", "First contact")},
    {"duplicate_of", QT_TRANSLATE_NOOP("FieldLabels", "Probable duplicate of")},
    {"notes", QT_TRANSLATE_NOOP("FieldLabels", "Notes")},
    {"position", QT_TRANSLATE_NOOP("FieldLabels", "Position")},
    {"decision_maker", QT_TRANSLATE_NOOP("FieldLabels", "Decision maker")},
    {"title", QT_TRANSLATE_NOOP("FieldLabels", "Title")},
    {"manager_id", QT_TRANSLATE_NOOP("FieldLabels", "Manager")},
    {"product_id", QT_TRANSLATE_NOOP("FieldLabels", "Product")},
    {"stage", QT_TRANSLATE_NOOP("FieldLabels", "Stage")},
    {"outcome", QT_TRANSLATE_NOOP("FieldLabels", "Outcome")},
    {"amount_cents", QT_TRANSLATE_NOOP("FieldLabels", "Amount")},
    {"payment_terms", QT_TRANSLATE_NOOP("FieldLabels", "Payment terms")},
    {"contract_no", QT_TRANSLATE_NOOP("FieldLabels", "Contract no.")},
    {"invoice_no", QT_TRANSLATE_NOOP("FieldLabels", "Invoice no.")},
    {"refusal_reason", QT_TRANSLATE_NOOP("FieldLabels", "Refusal reason")},
    {"refusal_comment", QT_TRANSLATE_NOOP("FieldLabels", "Refusal comment")},
    {"quantity", QT_TRANSLATE_NOOP("FieldLabels", "Quantity")},
    {"price_cents", QT_TRANSLATE_NOOP("FieldLabels", "Price")},
    {"paid_at", QT_TRANSLATE_NOOP("FieldLabels", "Paid on")},
    {"document_no", QT_TRANSLATE_NOOP("FieldLabels", "Document no.")},
    {"delivered_at", QT_TRANSLATE_NOOP("FieldLabels", "Delivered on")},
    {"waybill_no", QT_TRANSLATE_NOOP("FieldLabels", "Waybill no.")},
    {"kind", QT_TRANSLATE_NOOP("FieldLabels", "Kind")},
    {"assignee_id", QT_TRANSLATE_NOOP("FieldLabels", "Assignee")},
    {"starts_at", QT_TRANSLATE_NOOP("FieldLabels", "Start")},
    {"duration_min", QT_TRANSLATE_NOOP("FieldLabels", "Duration, minutes")},
    {"place", QT_TRANSLATE_NOOP("FieldLabels", "Place")},
    {"purpose", QT_TRANSLATE_NOOP("FieldLabels", "Purpose")},
    {"summary", QT_TRANSLATE_NOOP("FieldLabels", "Text")},
    {"occurred_at", QT_TRANSLATE_NOOP("FieldLabels", "Date")},
    {"label", QT_TRANSLATE_NOOP("FieldLabels", "Label")},
    {"active", QT_TRANSLATE_NOOP("FieldLabels", "Active")},
};

QString translated(const char* text) {
    return QCoreApplication::translate("FieldLabels", text);
}

QString spaced(QString code) {
    return code.replace(u'_', u' ');
}

QString fixedCodeLabel(const QString& entity, const QString& field, const QString& code) {
    if (field == u"outcome"_qs) {
        return dealOutcomeLabel(code);
    }
    if (field == u"stage"_qs) {
        return dealStageLabel(code);
    }
    if (entity == u"client"_qs) {
        if (field == u"status"_qs) {
            return clientStatusLabel(code);
        }
        if (field == u"size"_qs) {
            return clientSizeLabel(code);
        }
        if (field == u"interest_level"_qs) {
            return interestLevelLabel(code);
        }
        if (field == u"initiative"_qs) {
            return initiativeLabel(code);
        }
    }
    if (entity == u"planned_activity"_qs) {
        if (field == u"status"_qs) {
            return activityStatusLabel(code);
        }
        if (field == u"kind"_qs) {
            return activityKindLabel(code);
        }
    }
    if (entity == u"history_entry"_qs && field == u"kind"_qs) {
        return historyKindLabel(code);
    }
    if (entity == u"mailing_request"_qs && field == u"status"_qs) {
        return mailingStatusLabel(code);
    }
    return code;
}

} // namespace

QString entityLabel(const QString& entity) {
    for (const auto& w : kEntities) {
        if (entity == QLatin1String(w.key)) {
            return translated(w.text);
        }
    }
    return spaced(entity);
}

QString fieldLabel(const QString& entity, const QString& field) {
    const auto qualified = entity + u'.' + field;
    for (const auto& w : kFields) {
        if (qualified == QLatin1String(w.key)) {
            return translated(w.text);
        }
    }
    for (const auto& w : kFields) {
        if (field == QLatin1String(w.key)) {
            return translated(w.text);
        }
    }
    auto text = spaced(field);
    if (!text.isEmpty()) {
        text[0] = text[0].toUpper();
    }
    return text;
}

QString recordTitle(const nlohmann::json& record) {
    if (!record.is_object()) {
        return {};
    }
    for (const char* key :
         {"name", "title", "label", "purpose", "full_name", "document_no", "waybill_no"}) {
        auto it = record.find(key);
        if (it != record.end() && it->is_string() && !it->get<std::string>().empty()) {
            return QString::fromStdString(it->get<std::string>());
        }
    }
    auto it = record.find("summary");
    if (it != record.end() && it->is_string()) {
        auto text = QString::fromStdString(it->get<std::string>());
        return text.size() > 60 ? text.left(59) + u'\u2026' : text;
    }
    return {};
}

QString valueText(const QString& entity, const QString& field, const nlohmann::json& value,
                  const RefName& refName, const CodeLabel& codeLabel) {
    if (value.is_null()) {
        return QCoreApplication::translate("FieldLabels", "(empty)");
    }
    if (value.is_boolean()) {
        return value.get<bool>() ? QCoreApplication::translate("FieldLabels", "yes")
                                 : QCoreApplication::translate("FieldLabels", "no");
    }
    const auto* e = domain::findEntity(entity.toStdString());
    const auto* f = e ? domain::findField(*e, field.toStdString()) : nullptr;
    if (value.is_number_integer()) {
        const auto n = value.get<std::int64_t>();
        if (field.endsWith(u"_cents"_qs)) {
            return amountText(n);
        }
        if (f && f->type == domain::FieldType::TimeMs) {
            return dateTimeText(QDateTime::fromMSecsSinceEpoch(n));
        }
        return field == u"year_established"_qs ? QString::number(n)
                                               : QLocale().toString(static_cast<qlonglong>(n));
    }
    if (!value.is_string()) {
        return QString::fromStdString(value.dump());
    }
    const auto text = QString::fromStdString(value.get<std::string>());
    if (f && !f->referenceList.empty()) {
        return codeLabel(QString::fromUtf8(f->referenceList.data(),
                                           static_cast<qsizetype>(f->referenceList.size())),
                         text);
    }
    if (f && f->type == domain::FieldType::Ref) {
        const auto target = domain::referencedEntity(entity.toStdString(), field.toStdString());
        const auto name =
            refName(QString::fromUtf8(target.data(), static_cast<qsizetype>(target.size())), text);
        return name.isEmpty() ? text : name;
    }
    return fixedCodeLabel(entity, field, text);
}

} // namespace fieldbook::app
