// SPDX-License-Identifier: MIT
#pragma once

#include "session_backend.h"

#include "record_list_model.h"

#include <QObject>
#include <QQmlEngine>

/// The plan-visit form's backend (SPEC §2 "Planned activity", §3.4): for
/// whom (oneself, or another user for roles with plan_for_others), which
/// day, time and duration. It lists that person's busy times of the day
/// (times only, never the clients: SPEC §4) and warns when the chosen time
/// overlaps one of them; an overlap does not block saving.
class PlanForm : public SessionBackend {
    Q_OBJECT
    QML_ELEMENT

    /// Whose day (user id); empty: the logged-in user.
    Q_PROPERTY(QString assigneeId READ assigneeId WRITE setAssigneeId NOTIFY inputChanged)
    /// "yyyy-MM-dd", local.
    Q_PROPERTY(QString date READ date WRITE setDate NOTIFY inputChanged)
    /// "HH:mm", local.
    Q_PROPERTY(QString time READ time WRITE setTime NOTIFY inputChanged)
    Q_PROPERTY(int durationMin READ durationMin WRITE setDurationMin NOTIFY inputChanged)
    /// The chosen day in words, e.g. "Tuesday 14 May 2024"; "" when the date is not valid.
    Q_PROPERTY(QString dayText READ dayText NOTIFY inputChanged)
    /// Why the date is not a day ("2026-02-30 does not exist: February 2026
    /// has 28 days."; labels.h isoDateProblem); "" for a valid date.
    Q_PROPERTY(QString dateError READ dateError NOTIFY inputChanged)
    /// Roles: timeText ("09:00–10:00"), startsAt (ms), durationMin, overlaps.
    Q_PROPERTY(RecordListModel* busy READ busy CONSTANT)
    Q_PROPERTY(int overlapCount READ overlapCount NOTIFY busyChanged)
    /// The warning for an overlap, "" without one.
    Q_PROPERTY(QString overlapText READ overlapText NOTIFY busyChanged)

  public:
    explicit PlanForm(QObject* parent = nullptr);

    QString assigneeId() const { return assigneeId_; }
    void setAssigneeId(const QString& id);
    QString date() const { return date_; }
    void setDate(const QString& date);
    QString time() const { return time_; }
    void setTime(const QString& time);
    int durationMin() const { return durationMin_; }
    void setDurationMin(int minutes);
    QString dayText() const;
    QString dateError() const;
    RecordListModel* busy() const { return busy_; }
    int overlapCount() const { return overlapCount_; }
    QString overlapText() const;

    /// Plans an activity of `kind` (a planned-activity kind, e.g. "visit")
    /// at `clientId` for the chosen person and time. Returns its id, or an
    /// empty string with `error` set (nothing saved).
    Q_INVOKABLE QString save(const QString& clientId, const QString& kind, const QString& purpose,
                             const QString& place);
    void reload() override;

  signals:
    void inputChanged();
    void busyChanged();

  private:
    /// The chosen start as ms UTC, or -1 when the date or time is not valid.
    qint64 startMs() const;
    QString targetUserId() const;

    QString assigneeId_;
    QString date_;
    QString time_;
    int durationMin_ = 60;
    RecordListModel* busy_;
    int overlapCount_ = 0;
};
