// SPDX-License-Identifier: MIT
#include "session_list_model.h"

#include "app_session.h"
#include "session_switch.h"

SessionListModel::SessionListModel(QObject* parent) : QAbstractListModel(parent) {}

void SessionListModel::setSession(AppSession* session) {
    if (!fieldbook::app::switchSession(this, session_, session)) {
        return;
    }
    if (session_) {
        connectSession(session_);
    }
    emit sessionChanged();
    reload();
}

void SessionListModel::connectSession(AppSession* session) {
    connect(session, &AppSession::replicaChanged, this, &SessionListModel::reload);
}

int SessionListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : count();
}
