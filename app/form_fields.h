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

/// A record's field values as form values: texts, whole numbers as text,
/// money fields as amounts, dates as "yyyy-MM-dd", bools; null -> "" (false).
QVariantMap fieldsToForm(const char* entity, const nlohmann::json& record);

} // namespace fieldbook::app
