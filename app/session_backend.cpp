// SPDX-License-Identifier: MIT
#include "session_backend.h"

#include "app_session.h"
#include "session_switch.h"

SessionBackend::SessionBackend(QObject* parent) : QObject(parent) {}

void SessionBackend::setSession(AppSession* session) {
    if (!fieldbook::app::switchSession(this, session_, session)) {
        return;
    }
    if (session_) {
        connectSession(session_);
    }
    emit sessionChanged();
    reload();
}

void SessionBackend::connectSession(AppSession* session) {
    connect(session, &AppSession::replicaChanged, this, &SessionBackend::reload);
}

void SessionBackend::clearError() {
    setError({});
}

void SessionBackend::setError(const QString& message) {
    if (message == error_) {
        return;
    }
    error_ = message;
    emit errorChanged();
}

bool SessionBackend::finish(const QString& message) {
    setError(message);
    return message.isEmpty();
}

bool SessionBackend::changeId(QString& id, const QString& value) {
    if (id == value) {
        return false;
    }
    id = value;
    setError({});
    return true;
}
