// SPDX-License-Identifier: MIT
#include "plan_form.h"

#include "app_session.h"
#include "json_qt.h"
#include "labels.h"

#include "device/replica.h"
#include "domain/sales_rules.h"

#include <QLocale>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcApp)

using namespace fieldbook::app;
using fieldbook::device::Replica;

PlanForm::PlanForm(QObject* parent)
    : SessionBackend(parent),
      busy_(new RecordListModel({u"timeText"_qs, u"startsAt"_qs, u"durationMin"_qs, u"overlaps"_qs},
                                this)) {
    connect(this, &PlanForm::inputChanged, this, &PlanForm::reload);
}

void PlanForm::setAssigneeId(const QString& id) {
    if (id == assigneeId_) {
        return;
    }
    assigneeId_ = id;
    emit inputChanged();
}

void PlanForm::setDate(const QString& date) {
    if (date == date_) {
        return;
    }
    date_ = date;
    emit inputChanged();
}

void PlanForm::setTime(const QString& time) {
    if (time == time_) {
        return;
    }
    time_ = time;
    emit inputChanged();
}

void PlanForm::setDurationMin(int minutes) {
    if (minutes == durationMin_) {
        return;
    }
    durationMin_ = minutes;
    emit inputChanged();
}

QString PlanForm::dayText() const {
    const auto day = parseIsoDate(date_);
    return day.isValid() ? QLocale().toString(day, u"dddd d MMMM yyyy"_qs) : QString();
}

QString PlanForm::dateError() const {
    return isoDateProblem(date_);
}

QString PlanForm::targetUserId() const {
    if (!assigneeId_.isEmpty()) {
        return assigneeId_;
    }
    return session_ ? session_->userId() : QString();
}

qint64 PlanForm::startMs() const {
    const auto day = parseIsoDate(date_);
    const auto at = QTime::fromString(time_.trimmed(), u"H:mm"_qs);
    if (!day.isValid() || !at.isValid()) {
        return -1;
    }
    return QDateTime(day, at).toMSecsSinceEpoch(); // local time, as the user means it
}

QString PlanForm::overlapText() const {
    if (overlapCount_ == 0) {
        return {};
    }
    const bool self = assigneeId_.isEmpty() || (session_ && assigneeId_ == session_->userId());
    return self ? tr("This time overlaps %n of your busy times. You can still save it.", "",
                     overlapCount_)
                : tr("This time overlaps %n busy time(s) of that person. You can still save it.",
                     "", overlapCount_);
}

void PlanForm::reload() {
    QList<QVariantMap> rows;
    int overlapping = 0;
    auto* replica = session_ ? session_->replica() : nullptr;
    const auto day = parseIsoDate(date_);
    const auto who = targetUserId();
    if (replica && day.isValid() && !who.isEmpty()) {
        try {
            const auto from = QDateTime(day, QTime(0, 0)).toMSecsSinceEpoch();
            const auto to = QDateTime(day.addDays(1), QTime(0, 0)).toMSecsSinceEpoch();
            const auto start = startMs();
            for (const auto& b : replica->busyTimes(who.toStdString(), from, to)) {
                const auto at = jsonInt(b, "starts_at");
                const auto minutes = jsonInt(b, "duration_min");
                const auto begin = QDateTime::fromMSecsSinceEpoch(at);
                const auto end = begin.addSecs(minutes * 60);
                const bool hit =
                    start >= 0 && fieldbook::domain::overlaps(start, durationMin_, at, minutes);
                overlapping += hit ? 1 : 0;
                rows << QVariantMap{
                    {u"timeText"_qs, u"%1\u2013%2"_qs.arg(begin.time().toString(u"HH:mm"_qs),
                                                          end.time().toString(u"HH:mm"_qs))},
                    {u"startsAt"_qs, static_cast<qint64>(at)},
                    {u"durationMin"_qs, static_cast<int>(minutes)},
                    {u"overlaps"_qs, hit},
                };
            }
        } catch (const std::exception& e) {
            qCWarning(lcApp) << "cannot read busy times" << e.what();
        }
    }
    busy_->setRows(std::move(rows));
    if (overlapping != overlapCount_) {
        overlapCount_ = overlapping;
    }
    emit busyChanged();
}

QString PlanForm::save(const QString& clientId, const QString& kind, const QString& purpose,
                       const QString& place) {
    if (!session_) {
        return {};
    }
    if (const auto problem = dateError(); !problem.isEmpty()) {
        setError(problem);
        return {};
    }
    const auto start = startMs();
    if (start < 0) {
        setError(tr("Write the time as HH:MM, e.g. 14:30."));
        return {};
    }
    const auto assignee = assigneeId_ == session_->userId() ? QString() : assigneeId_;
    std::string id;
    const auto message = session_->runEdit("plan activity", [&](Replica& r) {
        id = r.planActivity(clientId.toStdString(), kind.toStdString(), start, durationMin_,
                            assignee.toStdString(), purpose.trimmed().toStdString(),
                            place.trimmed().toStdString());
    });
    setError(message);
    return message.isEmpty() ? QString::fromStdString(id) : QString();
}
