// SPDX-License-Identifier: MIT
#include "report_manager_work.h"

#include "app_session.h"
#include "json_qt.h"
#include "labels.h"

#include "device/replica.h"

#include <QLocale>
#include <QLoggingCategory>

#include <algorithm>

Q_DECLARE_LOGGING_CATEGORY(lcApp)

using namespace fieldbook::app;

ManagerWorkModel::ManagerWorkModel(QObject* parent) : SessionListModel(parent) {}

QVariant ManagerWorkModel::data(const QModelIndex& index, int role) const {
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    const auto& r = rows_[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return r.title;
    case KindRole:
        return r.kind;
    case RecordIdRole:
        return r.id;
    case ClientIdRole:
        return r.clientId;
    case ClientNameRole:
        return r.clientName;
    case DetailRole:
        return r.detail;
    case OverdueRole:
        return r.overdue;
    default:
        return {};
    }
}

QHash<int, QByteArray> ManagerWorkModel::roleNames() const {
    return {{KindRole, "kind"},         {RecordIdRole, "recordId"},
            {ClientIdRole, "clientId"}, {ClientNameRole, "clientName"},
            {TitleRole, "title"},       {DetailRole, "detail"},
            {OverdueRole, "overdue"}};
}

void ManagerWorkModel::setManagerLogin(const QString& login) {
    if (login != login_) {
        login_ = login;
        reload();
    }
}

int ManagerWorkModel::dealCount() const {
    return static_cast<int>(std::count_if(rows_.begin(), rows_.end(),
                                          [](const Row& r) { return r.kind == u"deal"_qs; }));
}

void ManagerWorkModel::reload() {
    std::vector<Row> next;
    QString name;
    auto* replica = session_ ? session_->replica() : nullptr;
    if (replica && !login_.isEmpty()) {
        try {
            const auto user = replica->userByLogin(login_.toStdString());
            const auto userId = jsonText(user, "id");
            name = jsonText(user, "full_name");
            if (!userId.isEmpty()) {
                for (const auto& d : replica->deals(true)) {
                    if (jsonText(d, "manager_id") != userId) {
                        continue;
                    }
                    next.push_back({u"deal"_qs, jsonText(d, "id"), jsonText(d, "client_id"),
                                    jsonText(d, "client_name"), jsonText(d, "title"),
                                    dealStageLabel(jsonText(d, "stage")), false});
                }
                const auto dayStart = QDateTime(QDate::currentDate(), QTime(0, 0));
                for (const auto& a : replica->activitiesForDay(
                         userId.toStdString(), dayStart.toMSecsSinceEpoch(), true)) {
                    const auto at = jsonTime(a, "starts_at");
                    const auto purpose = jsonText(a, "purpose");
                    auto title = activityKindLabel(jsonText(a, "kind"));
                    if (!purpose.isEmpty()) {
                        title += u": "_qs + purpose;
                    }
                    next.push_back({u"activity"_qs, jsonText(a, "id"), jsonText(a, "client_id"),
                                    jsonText(a, "client_name"), title,
                                    QLocale().toString(at, QLocale::ShortFormat),
                                    jsonInt(a, "overdue") != 0});
                }
            }
        } catch (const std::exception& e) {
            qCWarning(lcApp) << "cannot read the manager's work" << e.what();
        }
    }
    name_ = name;
    resetRows(rows_, std::move(next));
    emit countChanged(); // dealCount may change while count stays
    emit managerChanged();
}
