// SPDX-License-Identifier: MIT
#pragma once

// Words for the registry's entities and fields (shared/domain/entities.cpp)
// where the UI names them outside a form: the conflict log ("your change to
// Notes of Zencorporation (client)") and the server's refusals.

#include <QString>

#include <nlohmann/json.hpp>

#include <functional>

namespace fieldbook::app {

/// The translated, lower-case name of an entity ("client", "deal",
/// "planned activity"); an unknown entity with spaces for underscores.
QString entityLabel(const QString& entity);
/// The translated label of one field ("Notes", "Amount"); an unknown field
/// with spaces for underscores and a capital first letter.
QString fieldLabel(const QString& entity, const QString& field);
/// What a user calls one record: its name, title, label or purpose (history
/// entries: the first 60 characters of the summary); "" when it has none.
QString recordTitle(const nlohmann::json& record);

/// Resolves a Ref field's value (a user or record id) to a name; "" when unknown.
using RefName = std::function<QString(const QString& entity, const QString& id)>;
/// A reference-list code's label: (list, code) -> label (the code when unknown).
using CodeLabel = std::function<QString(const QString& list, const QString& code)>;

/// One field value as the user reads it: money in the locale's format,
/// times as the lists show them, yes/no, reference codes and fixed codes
/// (status, outcome, stage...) as their labels, references as names;
/// "(empty)" for null.
QString valueText(const QString& entity, const QString& field, const nlohmann::json& value,
                  const RefName& refName, const CodeLabel& codeLabel);

} // namespace fieldbook::app
