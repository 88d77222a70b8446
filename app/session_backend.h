// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QPointer>
#include <QQmlEngine>
#include <QString>

class AppSession;
// moc needs the whole type for the `session` property (Qt 6 metatypes).
Q_MOC_INCLUDE("app_session.h")

/// What every page backend (ClientCard, DealView, ActivityActions,
/// PlanForm, NewClientForm, ConflictLog) has in common: the `session`
/// it reads and edits through, re-reading when the replica changes, and
/// the `error` of its last edit. Nothing here throws into QML: an edit
/// that fails sets `error` (a message for the user) and returns false.
class SessionBackend : public QObject {
    Q_OBJECT
    QML_ANONYMOUS

    Q_PROPERTY(AppSession* session READ session WRITE setSession NOTIFY sessionChanged)
    /// The last edit's message for the user; "" after a success.
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)

  public:
    explicit SessionBackend(QObject* parent = nullptr);

    AppSession* session() const { return session_; }
    /// Points the backend at `session` (or none), connects it (connectSession())
    /// and re-reads.
    void setSession(AppSession* session);
    QString error() const { return error_; }

    /// Re-reads what the backend shows from the session's replica.
    Q_INVOKABLE virtual void reload() {}
    Q_INVOKABLE void clearError();

  signals:
    void sessionChanged();
    void errorChanged();

  protected:
    /// Connects the signals of a new session; by default replicaChanged to reload().
    virtual void connectSession(AppSession* session);
    void setError(const QString& message);
    /// Sets `error` from an edit's answer (AppSession::runEdit()); true when empty.
    bool finish(const QString& message);
    /// For a record-id property: sets `id` to `value` and clears the error.
    /// False when unchanged; else the caller emits its signal and reloads.
    bool changeId(QString& id, const QString& value);

    QPointer<AppSession> session_;

  private:
    QString error_;
};
