// SPDX-License-Identifier: MIT
#pragma once

#include "session_backend.h"

#include "record_list_model.h"

#include <QObject>
#include <QQmlEngine>
#include <QVariantMap>

#include <nlohmann/json.hpp>

/// The new-card form's backend (SPEC §3.4, §3.7): while the user types the
/// name, tax id, phone and city, check() lists the probable duplicates, each
/// with its curator and who made the first contact and when ("who found
/// this client first"): at once those on this device, then, when the server
/// answers, also those it holds outside this device's scope (a manager's
/// replica has only his clients). Offline the local check stands.
/// create() opens the card.
class NewClientForm : public SessionBackend {
    Q_OBJECT
    QML_ELEMENT

    /// Roles: clientId, name, detailText (tax id, phone, city), curatorName,
    /// firstContactText (date and author of the first contact), reasonText,
    /// elsewhere (the card is on the server, not on this device).
    Q_PROPERTY(RecordListModel* duplicates READ duplicates CONSTANT)
    /// The server is being asked (the list may still grow).
    Q_PROPERTY(bool checkingServer READ checkingServer NOTIFY checkingServerChanged)

  public:
    explicit NewClientForm(QObject* parent = nullptr);

    RecordListModel* duplicates() const { return duplicates_; }
    bool checkingServer() const { return lookupId_ != 0; }

    /// Looks for probable duplicates of the card as typed so far (`form`:
    /// client field name -> text). Fills `duplicates`.
    Q_INVOKABLE void check(const QVariantMap& form);
    /// Opens the card from `form` (client fields, `name` required). Returns
    /// the new client's id, or an empty string with `error` set.
    Q_INVOKABLE QString create(const QVariantMap& form);

  signals:
    void checkingServerChanged();

  protected:
    /// Listens for the server's duplicate answers (requestOnlineDuplicates()).
    void connectSession(AppSession* session) override;

  private:
    void takeOnline(int requestId, const QByteArray& resultJson, bool online);
    void publish();

    RecordListModel* duplicates_;
    nlohmann::json local_ = nlohmann::json::array();  ///< the replica's candidates
    nlohmann::json online_ = nlohmann::json::array(); ///< the server's, for the same input
    int lookupId_ = 0;                                ///< the server request awaited, 0: none
};
