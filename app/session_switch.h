// SPDX-License-Identifier: MIT
#pragma once

#include "app_session.h"

#include <QPointer>

namespace fieldbook::app {

/// Points `current` at `next` for `owner` (a SessionBackend or a
/// SessionListModel): drops every connection from the old session to
/// `owner`. Returns false, doing nothing, when `next` is already current;
/// the caller then connects the new session, announces it and re-reads.
inline bool switchSession(QObject* owner, QPointer<AppSession>& current, AppSession* next) {
    if (current == next) {
        return false;
    }
    if (current) {
        QObject::disconnect(current, nullptr, owner, nullptr);
    }
    current = next;
    return true;
}

} // namespace fieldbook::app
