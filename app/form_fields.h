// SPDX-License-Identifier: MIT
#pragma once

// Conversions between a QML form's values and an entity's field values
// (shared/domain/entities.cpp is the registry of fields and types).

#include <QString>
#include <QVariantMap>

#include <nlohmann/json.hpp>

namespace fieldbook::app {

/// Converts a form's values (field name -> text or bool, as QML holds them)
/// into the entity's JSON field values: Text and Ref trimmed, empty -> null;
/// Int parsed (a field ending in "_cents" as money, see parseAmount);
/// TimeMs from "yyyy-MM-dd" (local midnight); Bool as is. Names that are not
/// fields of `entity` are skipped. Returns false and sets `error` (a message
/// for the user) when a value cannot be read; `out` is then incomplete.
bool formToFields(const char* entity, const QVariantMap& form, nlohmann::json& out, QString& error);

/// The day of something that has happened (a payment, a delivery) the user
/// picked ("yyyy-MM-dd") as ms UTC: local noon, so the day stays the same in
/// every time zone near this one; on today's date before noon, `nowMs`
/// instead (a past event may not lie in the future: docs/conflicts.md, the
/// app refused a payment entered today in the morning). A later day stays
/// at its noon, for the rule to refuse. -1 when `date` is not a date.
qint64 pastEventDayMs(const QString& date, qint64 nowMs);

/// A record's field values as form values: texts, whole numbers as text,
/// money fields as amounts, dates as "yyyy-MM-dd", bools; null -> "" (false).
QVariantMap fieldsToForm(const char* entity, const nlohmann::json& record);

} // namespace fieldbook::app
