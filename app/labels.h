// SPDX-License-Identifier: MIT
#pragma once

#include <QDate>
#include <QDateTime>
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
QString clientSizeLabel(const QString& size);
QString interestLevelLabel(const QString& level);
QString initiativeLabel(const QString& initiative);
QString mailingChannelLabel(const QString& channel);
QString mailingStatusLabel(const QString& status);
QString roleLabel(const QString& role);
/// A deal stage code (SPEC §2's default stage list, e.g. "identifying_needs"),
/// translated; another stage shows as `name` (its name in the stages list),
/// or, without one, as the code with spaces for underscores.
QString dealStageLabel(const QString& stage, const QString& name = {});

/// [{value, text}] for a ComboBox (textRole "text", valueRole "value").
QVariantList historyKindChoices();
QVariantList activityKindChoices();
/// [{value, text}] of a fixed list: client_status, client_size,
/// interest_level, initiative, mailing_channel, activity_kind, history_kind.
/// Empty for another name.
QVariantList enumChoices(const QString& name);

/// A local date and time as the lists show it: the locale's short date and
/// "HH:mm" (no seconds); "" when invalid.
QString dateTimeText(const QDateTime& at);

/// An amount in cents as money text in the current locale ("12,500.00").
QString amountText(qint64 cents);
/// Reads money text as the user typed it ("12 500,50" in the current locale,
/// or with a point) into cents. False for empty, negative or unreadable text.
bool parseAmount(const QString& text, qint64& cents);
/// A "yyyy-MM-dd" date; invalid when the text is not one.
QDate parseIsoDate(const QString& text);
/// Why `text` is not a "yyyy-MM-dd" date, in words; "" when it is one.
/// A date in that form that the calendar lacks says so ("2026-02-30 does
/// not exist: February 2026 has 28 days."); other text asks for the form.
QString isoDateProblem(const QString& text);

} // namespace fieldbook::app
