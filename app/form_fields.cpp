// SPDX-License-Identifier: MIT
#include "form_fields.h"

#include "json_qt.h"
#include "labels.h"

#include "domain/entities.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>

#include <algorithm>

namespace fieldbook::app {

using domain::FieldType;

namespace {
bool isMoney(std::string_view name) {
    return name.ends_with("_cents");
}

} // namespace

qint64 pastEventDayMs(const QString& date, qint64 nowMs) {
    const auto day = parseIsoDate(date);
    if (!day.isValid()) {
        return -1;
    }
    const auto noon = QDateTime(day, QTime(12, 0)).toMSecsSinceEpoch();
    const auto today = QDateTime::fromMSecsSinceEpoch(nowMs).date();
    return day == today ? std::min(noon, nowMs) : noon;
}

bool formToFields(const char* entity, const QVariantMap& form, nlohmann::json& out,
                  QString& error) {
    const auto* def = domain::findEntity(entity);
    if (!def) {
        error = QString::fromLatin1(entity) + u": unknown entity"_qs;
        return false;
    }
    for (auto it = form.begin(); it != form.end(); ++it) {
        const auto name = it.key().toStdString();
        const auto* field = domain::findField(*def, name);
        if (!field) {
            continue;
        }
        const QVariant& v = it.value();
        switch (field->type) {
        case FieldType::Text:
        case FieldType::Ref: {
            const auto text = v.toString().trimmed();
            out[name] = text.isEmpty() ? nlohmann::json() : nlohmann::json(text.toStdString());
            break;
        }
        case FieldType::Bool:
            out[name] = v.toBool();
            break;
        case FieldType::Int: {
            const auto text = v.toString().trimmed();
            if (text.isEmpty()) {
                out[name] = nullptr;
                break;
            }
            if (isMoney(name)) {
                qint64 cents = 0;
                if (!parseAmount(text, cents)) {
                    error =
                        QCoreApplication::translate(
                            "FormFields", "\u201C%1\u201D is not an amount. Write it like 1250.50.")
                            .arg(text);
                    return false;
                }
                out[name] = cents;
                break;
            }
            bool ok = false;
            qint64 n = QLocale().toLongLong(text, &ok);
            if (!ok) {
                n = text.toLongLong(&ok);
            }
            if (!ok || n < 0) {
                error =
                    QCoreApplication::translate(
                        "FormFields", "\u201C%1\u201D is not a whole number. Write digits only.")
                        .arg(text);
                return false;
            }
            out[name] = n;
            break;
        }
        case FieldType::TimeMs: {
            const auto text = v.toString().trimmed();
            if (text.isEmpty()) {
                out[name] = nullptr;
                break;
            }
            const auto day = parseIsoDate(text);
            if (!day.isValid()) {
                error = QCoreApplication::translate(
                            "FormFields", "\u201C%1\u201D is not a date. Write it as YYYY-MM-DD.")
                            .arg(text);
                return false;
            }
            out[name] = QDateTime(day, QTime(0, 0)).toMSecsSinceEpoch();
            break;
        }
        }
    }
    return true;
}

QVariantMap fieldsToForm(const char* entity, const nlohmann::json& record) {
    QVariantMap out;
    const auto* def = domain::findEntity(entity);
    if (!def || !record.is_object()) {
        return out;
    }
    for (const auto& field : def->fields) {
        const std::string name(field.name);
        const auto key = QString::fromStdString(name);
        switch (field.type) {
        case FieldType::Text:
        case FieldType::Ref:
            out.insert(key, jsonText(record, name.c_str()));
            break;
        case FieldType::Bool: {
            auto it = record.find(name);
            out.insert(key, it != record.end() && it->is_boolean() && it->get<bool>());
            break;
        }
        case FieldType::Int: {
            auto it = record.find(name);
            if (it == record.end() || !it->is_number_integer()) {
                out.insert(key, QString());
            } else if (isMoney(name)) {
                out.insert(key, amountText(it->get<std::int64_t>()));
            } else {
                out.insert(key, QString::number(it->get<std::int64_t>()));
            }
            break;
        }
        case FieldType::TimeMs: {
            const auto at = jsonTime(record, name.c_str());
            out.insert(key, at.isValid() ? at.date().toString(Qt::ISODate) : QString());
            break;
        }
        }
    }
    return out;
}

} // namespace fieldbook::app
