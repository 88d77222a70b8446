// SPDX-License-Identifier: MIT
#include "today_model.h"

#include "app_session.h"
#include "json_qt.h"
#include "labels.h"

#include "device/replica.h"

#include <algorithm>

#include <QLocale>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcApp)

using namespace fieldbook::app;

TodayModel::TodayModel(QObject* parent) : SessionListModel(parent) {}

QVariant TodayModel::data(const QModelIndex& index, int role) const {
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    const auto& r = rows_[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case ClientNameRole:
        return r.clientName;
    case ActivityIdRole:
        return r.id;
    case ClientIdRole:
        return r.clientId;
    case KindRole:
        return r.kind;
    case KindLabelRole:
        return activityKindLabel(r.kind);
    case StartsAtRole:
        return r.startsAt;
    case TimeTextRole:
        return r.startsAt.time().toString(u"hh:mm"_qs);
    case DateTextRole:
        return QLocale().toString(r.startsAt.date(), QLocale::ShortFormat);
    case DurationMinRole:
        return r.durationMin;
    case PurposeRole:
        return r.purpose;
    case PlaceRole:
        return r.place;
    case StatusRole:
        return r.status;
    case StatusLabelRole:
        return activityStatusLabel(r.status);
    case OverdueRole:
        return r.overdue;
    case PendingRole:
        return r.pending;
    default:
        return {};
    }
}

QHash<int, QByteArray> TodayModel::roleNames() const {
    return {
        {ActivityIdRole, "activityId"},
        {ClientIdRole, "clientId"},
        {ClientNameRole, "clientName"},
        {KindRole, "kind"},
        {KindLabelRole, "kindLabel"},
        {StartsAtRole, "startsAt"},
        {TimeTextRole, "timeText"},
        {DateTextRole, "dateText"},
        {DurationMinRole, "durationMin"},
        {PurposeRole, "purpose"},
        {PlaceRole, "place"},
        {StatusRole, "status"},
        {StatusLabelRole, "statusLabel"},
        {OverdueRole, "overdue"},
        {PendingRole, "pending"},
    };
}

void TodayModel::connectSession(AppSession* session) {
    SessionListModel::connectSession(session);
    connect(session, &AppSession::sessionChanged, this, &TodayModel::reload);
}

void TodayModel::setDate(const QDate& date) {
    if (date == date_ || !date.isValid()) {
        return;
    }
    date_ = date;
    emit dateChanged();
    reload();
}

QString TodayModel::title() const {
    const auto today = QDate::currentDate();
    if (date_ == today) {
        return tr("Today");
    }
    if (date_ == today.addDays(1)) {
        return tr("Tomorrow");
    }
    if (date_ == today.addDays(-1)) {
        return tr("Yesterday");
    }
    return QLocale().toString(date_, u"ddd d MMMM yyyy"_qs);
}

int TodayModel::overdueCount() const {
    return static_cast<int>(
        std::count_if(rows_.begin(), rows_.end(), [](const Row& r) { return r.overdue; }));
}

void TodayModel::shiftDays(int days) {
    setDate(date_.addDays(days));
}

void TodayModel::goToday() {
    setDate(QDate::currentDate());
}

void TodayModel::reload() {
    std::vector<Row> next;
    auto* replica = session_ ? session_->replica() : nullptr;
    if (replica && !session_->userId().isEmpty()) {
        try {
            const auto dayStart = QDateTime(date_, QTime(0, 0)).toMSecsSinceEpoch();
            const bool withOverdue = date_ == QDate::currentDate();
            const auto rows =
                replica->activitiesForDay(session_->userId().toStdString(), dayStart, withOverdue);
            next.reserve(rows.size());
            for (const auto& a : rows) {
                Row r;
                r.id = jsonText(a, "id");
                r.clientId = jsonText(a, "client_id");
                r.clientName = jsonText(a, "client_name");
                r.kind = jsonText(a, "kind");
                r.startsAt = jsonTime(a, "starts_at");
                r.durationMin = static_cast<int>(jsonInt(a, "duration_min"));
                r.purpose = jsonText(a, "purpose");
                r.place = jsonText(a, "place");
                r.status = jsonText(a, "status");
                r.overdue = jsonInt(a, "overdue") != 0;
                r.pending = jsonInt(a, "version") == 0;
                next.push_back(std::move(r));
            }
        } catch (const std::exception& e) {
            qCWarning(lcApp) << "cannot read the plan" << e.what();
        }
    }
    const int oldCount = count();
    const int oldOverdue = overdueCount();
    beginResetModel();
    rows_ = std::move(next);
    endResetModel();
    if (count() != oldCount || overdueCount() != oldOverdue) {
        emit countChanged();
    }
}
