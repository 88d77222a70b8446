// SPDX-License-Identifier: MIT
#include "activity_actions.h"

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

ActivityActions::ActivityActions(QObject* parent) : SessionBackend(parent) {}

void ActivityActions::setActivityId(const QString& id) {
    if (changeId(activityId_, id)) {
        emit activityIdChanged();
        reload();
    }
}

QString ActivityActions::kindLabel() const {
    return activityKindLabel(a_.kind);
}

QString ActivityActions::historyKind() const {
    return QString::fromStdString(fieldbook::domain::historyKindForActivity(a_.kind.toStdString()));
}

QString ActivityActions::statusLabel() const {
    return activityStatusLabel(a_.status);
}

void ActivityActions::reload() {
    Activity a;
    nlohmann::json rec;
    auto* replica = session_ ? session_->replica() : nullptr;
    if (replica && !activityId_.isEmpty()) {
        try {
            rec = replica->record("planned_activity", activityId_.toStdString());
            if (rec.is_object() && !rec.value("deleted", false)) {
                auto name = [&](const char* entity, const QString& id, const char* field) {
                    if (id.isEmpty()) {
                        return QString();
                    }
                    return jsonText(replica->record(entity, id.toStdString()), field);
                };
                a.clientId = jsonText(rec, "client_id");
                a.clientName = name("client", a.clientId, "name");
                a.assigneeId = jsonText(rec, "assignee_id");
                a.assigneeName = name("user", a.assigneeId, "full_name");
                a.authorName = name("user", jsonText(rec, "author_id"), "full_name");
            } else {
                rec = nullptr;
            }
        } catch (const std::exception& e) {
            qCWarning(lcApp) << "cannot read activity" << activityId_ << e.what();
            rec = nullptr;
        }
    }
    exists_ = rec.is_object();
    if (exists_) {
        a.kind = jsonText(rec, "kind");
        const auto at = jsonTime(rec, "starts_at");
        const auto minutes = jsonInt(rec, "duration_min");
        a.whenText = tr("%1, %n min", "", static_cast<int>(minutes)).arg(dateTimeText(at));
        a.purpose = jsonText(rec, "purpose");
        a.place = jsonText(rec, "place");
        a.status = jsonText(rec, "status");
        a.result = jsonText(rec, "result");
    }
    a_ = a;
    emit activityChanged();
}

bool ActivityActions::complete(const QString& summary, const QString& historyKind) {
    if (!session_) {
        return false;
    }
    return finish(session_->runEdit("complete activity", [&](Replica& r) {
        r.completeActivity(activityId_.toStdString(), summary.trimmed().toStdString(),
                           historyKind.toStdString());
    }));
}

bool ActivityActions::setStatus(const char* status) {
    if (!session_) {
        return false;
    }
    return finish(session_->runEdit("set activity status", [&](Replica& r) {
        r.setActivityStatus(activityId_.toStdString(), status);
    }));
}

bool ActivityActions::cancel() {
    return setStatus("cancelled");
}

bool ActivityActions::markMissed() {
    return setStatus("missed");
}

bool ActivityActions::reassign(const QString& userId) {
    if (!session_) {
        return false;
    }
    if (userId.isEmpty()) {
        return finish(tr("Choose who takes the activity over."));
    }
    return finish(session_->runEdit("reassign activity", [&](Replica& r) {
        r.reassignActivity(activityId_.toStdString(), userId.toStdString());
    }));
}
