// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QVariantList>

namespace fieldbook::app {

/// Translated names of the domain's stored codes (SPEC §2). An unknown code
/// comes back as it is, so a value from a newer server still shows.
QString historyKindLabel(const QString& kind);
QString activityKindLabel(const QString& kind);
QString dealOutcomeLabel(const QString& outcome);
QString activityStatusLabel(const QString& status);
QString clientStatusLabel(const QString& status);
/// A deal stage code (SPEC §2's default stage list, e.g. "identifying_needs");
/// an unknown stage shows with spaces for underscores.
QString dealStageLabel(const QString& stage);

/// [{value, text}] for a ComboBox (textRole "text", valueRole "value").
QVariantList historyKindChoices();
QVariantList activityKindChoices();

/// An amount in cents as money text in the current locale ("12,500.00").
QString amountText(qint64 cents);

} // namespace fieldbook::app
