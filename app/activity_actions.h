// SPDX-License-Identifier: MIT
#pragma once

#include "session_backend.h"

#include <QObject>
#include <QQmlEngine>

/// One planned activity and what can be done with it (SPEC §2 "Planned
/// activity", §3.1, §3.5): mark it done with the history entry it writes,
/// cancel it, mark it missed, or (head, admin) give it to another manager.
/// Set `session` and `activityId`; the properties re-read when the replica
/// changes. The invokables return true on success; otherwise nothing is
/// saved and `error` holds the message for the user.
class ActivityActions : public SessionBackend {
    Q_OBJECT
    QML_ELEMENT

    Q_PROPERTY(QString activityId READ activityId WRITE setActivityId NOTIFY activityIdChanged)
    Q_PROPERTY(bool exists READ exists NOTIFY activityChanged)
    Q_PROPERTY(QString clientId READ clientId NOTIFY activityChanged)
    Q_PROPERTY(QString clientName READ clientName NOTIFY activityChanged)
    Q_PROPERTY(QString kind READ kind NOTIFY activityChanged)
    Q_PROPERTY(QString kindLabel READ kindLabel NOTIFY activityChanged)
    /// The history-entry kind that marking it done writes by default.
    Q_PROPERTY(QString historyKind READ historyKind NOTIFY activityChanged)
    Q_PROPERTY(QString whenText READ whenText NOTIFY activityChanged)
    Q_PROPERTY(QString purpose READ purpose NOTIFY activityChanged)
    Q_PROPERTY(QString place READ place NOTIFY activityChanged)
    Q_PROPERTY(QString status READ status NOTIFY activityChanged)
    Q_PROPERTY(QString statusLabel READ statusLabel NOTIFY activityChanged)
    Q_PROPERTY(QString result READ result NOTIFY activityChanged)
    Q_PROPERTY(QString assigneeId READ assigneeId NOTIFY activityChanged)
    Q_PROPERTY(QString assigneeName READ assigneeName NOTIFY activityChanged)
    Q_PROPERTY(QString authorName READ authorName NOTIFY activityChanged)

  public:
    explicit ActivityActions(QObject* parent = nullptr);

    QString activityId() const { return activityId_; }
    void setActivityId(const QString& id);

    bool exists() const { return exists_; }
    QString clientId() const { return a_.clientId; }
    QString clientName() const { return a_.clientName; }
    QString kind() const { return a_.kind; }
    QString kindLabel() const;
    QString historyKind() const;
    QString whenText() const { return a_.whenText; }
    QString purpose() const { return a_.purpose; }
    QString place() const { return a_.place; }
    QString status() const { return a_.status; }
    QString statusLabel() const;
    QString result() const { return a_.result; }
    QString assigneeId() const { return a_.assigneeId; }
    QString assigneeName() const { return a_.assigneeName; }
    QString authorName() const { return a_.authorName; }

    /// Marks it done and writes its history entry: `summary` (what was
    /// discussed and agreed) of `historyKind` (empty: the default kind).
    Q_INVOKABLE bool complete(const QString& summary, const QString& historyKind);
    Q_INVOKABLE bool cancel();
    Q_INVOKABLE bool markMissed();
    /// The head (or admin) gives it to another user.
    Q_INVOKABLE bool reassign(const QString& userId);
    void reload() override;

  signals:
    void activityIdChanged();
    void activityChanged();

  private:
    struct Activity {
        QString clientId;
        QString clientName;
        QString kind;
        QString whenText;
        QString purpose;
        QString place;
        QString status;
        QString result;
        QString assigneeId;
        QString assigneeName;
        QString authorName;
    };
    bool setStatus(const char* status);

    QString activityId_;
    bool exists_ = false;
    Activity a_;
};
