// SPDX-License-Identifier: MIT
#pragma once

// Display rows of a client card's and a deal's records for RecordListModel
// (record_list_model.h): each turns one replica JSON record into the role
// values its list shows (texts already formatted in the current locale).

#include <QVariantList>
#include <QVariantMap>

#include <nlohmann/json.hpp>

#include <functional>

namespace fieldbook::app {

/// A reference code's label: (list name, code) -> label, or the code itself.
using ReferenceLabel = std::function<QString(const char* list, const QString& code)>;

/// A client card's name by id; "" when that card is not on this device.
using ClientName = std::function<QString(const QString& clientId)>;

/// Every field of a client card for reading (SPEC §2 "Client card"):
/// [{key, label, value, linkId}] in the card's order; value "" when empty.
/// The parent client and, when set, the card this one is a probable
/// duplicate of (SPEC §3.7) name another card: linkId is its id when it is
/// on this device (the page opens it), else "" and the value says so.
QVariantList clientDetails(const nlohmann::json& client, const ReferenceLabel& label,
                           const ClientName& clientName);

/// Roles: contactId, name, position, phone, email, fax, decisionMaker, notes,
/// detailText (position, phone, e-mail in one line), pending.
QVariantMap contactRow(const nlohmann::json& contact);
/// Roles: activityId, kind, kindLabel, dateText, timeText, durationMin,
/// purpose, place, status, statusLabel, assigneeName, overdue, pending.
QVariantMap activityRow(const nlohmann::json& activity, qint64 nowMs);
/// Roles: mailingId, contactName, templateName, channelLabel, address,
/// status, statusLabel, requestedText, sentText, error, pending.
QVariantMap mailingRow(const nlohmann::json& mailing);

} // namespace fieldbook::app
