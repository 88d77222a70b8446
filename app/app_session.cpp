// SPDX-License-Identifier: MIT
#include "app_session.h"

#include "edit_errors.h"
#include "labels.h"

#include "device/replica.h"
#include "domain/clock.h"
#include "domain/permissions.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QEvent>
#include <QLoggingCategory>
#include <QPointer>
#include <QSysInfo>

#include <algorithm>

Q_LOGGING_CATEGORY(lcApp, "fieldbook.app")

using fieldbook::app::SyncOutcome;
using fieldbook::device::DomainError;
using fieldbook::device::Replica;

namespace {
QPointer<AppSession> g_instance;
}

AppSession::AppSession(fieldbook::app::AppOptions options, QObject* parent)
    : QObject(parent), options_(std::move(options)),
      schedule_(options_.editDebounceMs, options_.syncIntervalMs, options_.firstRetryMs,
                options_.maxRetryMs) {
    qRegisterMetaType<SyncOutcome>();
    if (!QDir().mkpath(options_.profileDir)) {
        setLastError(tr("Cannot create the profile folder %1. Start Fieldbook with --profile "
                        "and a folder you can write to.")
                         .arg(options_.profileDir));
    } else {
        try {
            replica_ = std::make_unique<Replica>(options_.replicaPath().toStdString());
        } catch (const std::exception& e) {
            qCWarning(lcApp) << "cannot open the replica" << options_.replicaPath() << e.what();
            setLastError(tr("Cannot open the local data in %1 (%2). Update Fieldbook or start it "
                            "with another --profile folder.")
                             .arg(options_.replicaPath(), QString::fromStdString(e.what())));
        }
    }

    worker_ = new fieldbook::app::SyncWorker(options_.replicaPath(), options_.requestTimeoutMs);
    worker_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
    connect(worker_, &fieldbook::app::SyncWorker::loginFinished, this,
            &AppSession::onLoginFinished);
    connect(worker_, &fieldbook::app::SyncWorker::syncFinished, this, &AppSession::onSyncFinished);
    connect(worker_, &fieldbook::app::SyncWorker::duplicatesFound, this,
            &AppSession::onlineDuplicatesFound);
    thread_.setObjectName(u"fieldbook-sync"_qs);
    thread_.start();

    connect(&schedule_, &fieldbook::app::SyncSchedule::syncDue, this, &AppSession::requestSync);

    refreshSession();
    refreshStatus();
    if (auto* app = QCoreApplication::instance()) {
        app->installEventFilter(this);
    }
    QTimer::singleShot(0, this, &AppSession::start);
}

bool AppSession::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::LanguageChange && watched == QCoreApplication::instance()) {
        ++revision_;
        emit replicaChanged();
        emit syncStateChanged(); // lastSyncText
    }
    return QObject::eventFilter(watched, event);
}

AppSession::~AppSession() {
    // Waits for a sync in progress (bounded by the request timeout): its
    // transactions commit or roll back whole, so stopping mid-way loses nothing.
    thread_.quit();
    thread_.wait();
}

AppSession* AppSession::create(QQmlEngine*, QJSEngine*) {
    Q_ASSERT_X(g_instance, "AppSession::create", "call AppSession::setInstance() first");
    QJSEngine::setObjectOwnership(g_instance.data(), QJSEngine::CppOwnership);
    return g_instance.data();
}

void AppSession::setInstance(AppSession* session) {
    g_instance = session;
}

AppSession* AppSession::instance() {
    return g_instance.data();
}

// --- state ------------------------------------------------------------------

bool AppSession::loggedIn() const {
    return !session_.userId.isEmpty() && session_.hasToken;
}
QString AppSession::userName() const {
    return session_.fullName;
}
QString AppSession::userLogin() const {
    return session_.login;
}
QString AppSession::role() const {
    return session_.role;
}
QString AppSession::userId() const {
    return session_.userId;
}

QString AppSession::roleLabel() const {
    return fieldbook::app::roleLabel(session_.role);
}

QVariantMap AppSession::can() const {
    QVariantMap out;
    const auto role = session_.role.toStdString();
    for (auto action : fieldbook::domain::allActions()) {
        out.insert(QString::fromUtf8(fieldbook::domain::actionName(action)),
                   loggedIn() && fieldbook::domain::allowed(role, action));
    }
    return out;
}

QString AppSession::serverUrl() const {
    if (!session_.serverUrl.isEmpty()) {
        return session_.serverUrl;
    }
    return options_.serverUrl;
}

QString AppSession::suggestedLogin() const {
    return session_.login.isEmpty() ? options_.user : session_.login;
}

QString AppSession::syncState() const {
    if (syncing_) {
        return u"syncing"_qs;
    }
    if (!online_) {
        return u"offline"_qs;
    }
    return status_.pending > 0 ? u"pending"_qs : u"synced"_qs;
}

QString AppSession::lastSyncText() const {
    if (status_.lastSyncAtMs == 0) {
        return tr("never synced");
    }
    const auto at = QDateTime::fromMSecsSinceEpoch(status_.lastSyncAtMs);
    if (at.date() == QDate::currentDate()) {
        return tr("synced at %1").arg(at.toString(u"hh:mm"_qs));
    }
    return tr("synced on %1").arg(QLocale().toString(at, QLocale::ShortFormat));
}

void AppSession::refreshSession() {
    CachedSession next;
    if (replica_) {
        try {
            if (auto s = replica_->session()) {
                next.userId = QString::fromStdString(s->userId);
                next.login = QString::fromStdString(s->login);
                next.fullName = QString::fromStdString(s->fullName);
                next.role = QString::fromStdString(s->role);
                next.serverUrl = QString::fromStdString(s->serverUrl);
                next.hasToken = !s->token.empty();
            }
        } catch (const std::exception& e) {
            qCWarning(lcApp) << "cannot read the session" << e.what();
        }
    }
    const bool changed = next.userId != session_.userId || next.login != session_.login ||
                         next.fullName != session_.fullName || next.role != session_.role ||
                         next.serverUrl != session_.serverUrl || next.hasToken != session_.hasToken;
    session_ = next;
    if (changed) {
        emit sessionChanged();
    }
}

void AppSession::refreshStatus() {
    CachedStatus next;
    if (replica_) {
        try {
            auto s = replica_->status();
            next.lastSyncAtMs = s.lastSyncAtMs;
            next.pending = s.pending;
            next.conflicts = s.conflicts;
            next.rejected = s.rejected;
        } catch (const std::exception& e) {
            qCWarning(lcApp) << "cannot read the sync status" << e.what();
        }
    }
    const bool changed = next.lastSyncAtMs != status_.lastSyncAtMs ||
                         next.pending != status_.pending || next.conflicts != status_.conflicts ||
                         next.rejected != status_.rejected;
    status_ = next;
    if (changed) {
        emit syncStateChanged();
    }
    updateDerivedState();
}

void AppSession::setLastError(const QString& message) {
    if (message == lastError_) {
        return;
    }
    lastError_ = message;
    emit lastErrorChanged();
}

void AppSession::clearError() {
    setLastError({});
}

void AppSession::setBusyState(bool loggingIn, bool syncing) {
    loggingIn_ = loggingIn;
    syncing_ = syncing;
    updateDerivedState();
}

void AppSession::updateDerivedState() {
    const bool busy = loggingIn_ || (syncing_ && status_.lastSyncAtMs == 0);
    if (busy != busy_) {
        busy_ = busy;
        emit busyChanged();
    }
    const QString state = syncState();
    if (state != syncState_) {
        syncState_ = state;
        emit syncStateChanged();
    }
}

// --- login and sync -----------------------------------------------------------

void AppSession::start() {
    if (!replica_) {
        return;
    }
    const bool wantLogin = !options_.serverUrl.isEmpty() && !options_.user.isEmpty();
    const bool sameUser =
        loggedIn() && session_.login == options_.user && session_.serverUrl == options_.serverUrl;
    if (wantLogin && !sameUser && !options_.password.isEmpty()) {
        login(options_.serverUrl, options_.user, options_.password);
        return;
    }
    if (loggedIn()) {
        startSchedule();
    }
}

void AppSession::startSchedule() {
    std::string token;
    try {
        if (auto s = replica_->session()) {
            token = s->token;
        }
    } catch (const std::exception& e) {
        qCWarning(lcApp) << "cannot read the session" << e.what();
    }
    schedule_.start(session_.serverUrl, QString::fromStdString(token));
}

void AppSession::login(const QString& serverUrl, const QString& user, const QString& password) {
    if (!replica_) {
        emit loginFailed(lastError_);
        return;
    }
    if (loggingIn_) {
        return;
    }
    const QString url = serverUrl.trimmed();
    const QString who = user.trimmed();
    if (url.isEmpty() || who.isEmpty() || password.isEmpty()) {
        const auto message = tr("Enter the server address, your login and your password.");
        setLastError(message);
        emit loginFailed(message);
        return;
    }
    setLastError({});
    loginServerUrl_ = url;
    setBusyState(true, syncing_);
    const auto deviceName = tr("Fieldbook app on %1").arg(QSysInfo::machineHostName());
    QMetaObject::invokeMethod(worker_, "login", Qt::QueuedConnection, Q_ARG(QString, url),
                              Q_ARG(QString, who), Q_ARG(QString, password),
                              Q_ARG(QString, deviceName));
}

void AppSession::onLoginFinished(const SyncOutcome& outcome) {
    setBusyState(false, syncing_);
    refreshSession();
    if (!outcome.ok()) {
        const auto message = failureMessage(outcome, true);
        setLastError(message);
        emit loginFailed(message);
        return;
    }
    authFailed_ = false;
    ++revision_; // logging in as another user empties the replica
    emit replicaChanged();
    refreshStatus();
    emit loginSucceeded();
    startSchedule();
}

void AppSession::logout() {
    schedule_.stop();
    if (replica_) {
        try {
            if (auto s = replica_->session()) {
                s->token.clear();
                s->tokenExpiresAtMs = 0;
                replica_->saveSession(*s);
            }
        } catch (const std::exception& e) {
            qCWarning(lcApp) << "cannot clear the session" << e.what();
        }
    }
    online_ = false;
    setLastError({});
    refreshSession();
    updateDerivedState();
}

void AppSession::syncNow() {
    schedule_.retryNow();
    requestSync();
}

void AppSession::requestSync() {
    if (!replica_ || !loggedIn() || authFailed_) {
        return;
    }
    if (syncing_) {
        syncQueued_ = true;
        return;
    }
    syncQueued_ = false;
    schedule_.syncStarted();
    setBusyState(loggingIn_, true);
    QMetaObject::invokeMethod(worker_, "sync", Qt::QueuedConnection);
}

void AppSession::onSyncFinished(const SyncOutcome& outcome) {
    refreshStatus();
    if (outcome.pulled > 0 || outcome.pushed > 0 || outcome.rejected > 0) {
        ++revision_;
        emit replicaChanged();
    }
    schedule_.syncFinished(outcome);
    if (outcome.ok()) {
        online_ = true;
        setLastError({});
    } else {
        online_ = false;
        const auto message = failureMessage(outcome, false);
        setLastError(message);
        emit syncFailed(message);
        if (outcome.failure == SyncOutcome::Failure::Auth) {
            // A refused token does not heal by retrying: the user signs in again.
            authFailed_ = true;
            schedule_.stop();
            try {
                if (auto s = replica_->session(); s && outcome.code != u"not_logged_in"_qs) {
                    s->token.clear();
                    replica_->saveSession(*s);
                }
            } catch (const std::exception& e) {
                qCWarning(lcApp) << "cannot clear the refused token" << e.what();
            }
            refreshSession();
        }
        // Other failures are retried by the schedule, with backoff; an
        // update-required one is not (the banner says to update).
    }
    const bool again = syncQueued_ && outcome.ok();
    setBusyState(loggingIn_, false);
    emit syncStateChanged(); // syncFailing, syncFailureReason
    emit syncFinished();
    if (again) {
        requestSync();
    }
}

QString AppSession::failureMessage(const SyncOutcome& o, bool duringLogin) const {
    using F = SyncOutcome::Failure;
    switch (o.failure) {
    case F::None:
        return {};
    case F::BadUrl:
        return tr("The server address is not valid (%1). Write it as http://host:port.")
            .arg(o.message);
    case F::Network:
        return tr("Cannot reach the server at %1. Your changes are kept on this device and "
                  "sync when the connection is back.")
            .arg(duringLogin ? loginServerUrl_ : serverUrl());
    case F::Auth:
        if (o.code == u"replica_owned_by_other_user"_qs) {
            return tr("This device holds unsynced changes of %1. Sign in as %1 and sync "
                      "them first.")
                .arg(session_.login);
        }
        if (o.code == u"not_logged_in"_qs) {
            return tr("Sign in to sync.");
        }
        if (duringLogin) {
            return tr("Wrong login or password. Check them and try again.");
        }
        return tr("The server did not accept your sign-in (%1). Sign in again.").arg(o.message);
    case F::UpdateRequired:
        return tr("The server needs a newer Fieldbook. Please update the app.");
    case F::Server:
        return tr("The server failed (%1). Fieldbook retries by itself; if it keeps failing, "
                  "tell your administrator.")
            .arg(o.message);
    case F::Protocol:
        return tr("The server's answer was not understood (%1). If it keeps failing, tell your "
                  "administrator.")
            .arg(o.message);
    case F::Storage:
        return tr("Cannot write the local data (%1). Free some disk space and restart "
                  "Fieldbook.")
            .arg(o.message);
    }
    return o.message;
}

// --- local edits ----------------------------------------------------------------

void AppSession::afterLocalEdit() {
    refreshStatus();
    ++revision_;
    emit replicaChanged();
    if (loggedIn() && !authFailed_) {
        schedule_.localEdit();
    }
}

QString AppSession::runEdit(const char* what, const std::function<void(Replica&)>& edit) {
    if (!replica_) {
        return lastError_;
    }
    try {
        edit(*replica_);
    } catch (const DomainError& e) {
        qCInfo(lcApp) << what << "refused:" << e.code().c_str() << e.what();
        return fieldbook::app::editErrorMessage(e.code(), e.what());
    } catch (const std::exception& e) {
        qCWarning(lcApp) << what << "failed" << e.what();
        return tr("Could not save (%1). Try again.").arg(QString::fromStdString(e.what()));
    }
    afterLocalEdit();
    return {};
}

QString AppSession::logHistory(const QString& clientId, const QString& kind, const QString& summary,
                               const QString& dealId) {
    if (!replica_) {
        emit editFailed(lastError_);
        return {};
    }
    try {
        auto id = replica_->logHistory(clientId.toStdString(), kind.toStdString(),
                                       summary.trimmed().toStdString(), dealId.toStdString(),
                                       fieldbook::domain::nowMs());
        afterLocalEdit();
        return QString::fromStdString(id);
    } catch (const DomainError& e) {
        emit editFailed(fieldbook::app::editErrorMessage(e.code(), e.what()));
    } catch (const std::exception& e) {
        qCWarning(lcApp) << "logHistory failed" << e.what();
        emit editFailed(
            tr("Could not save (%1). Try again.").arg(QString::fromStdString(e.what())));
    }
    return {};
}

QString AppSession::logMeeting(const QString& clientId, const QString& summary,
                               const QString& dealId) {
    return logHistory(clientId, u"meeting"_qs, summary, dealId);
}

int AppSession::requestOnlineDuplicates(const QByteArray& fieldsJson) {
    const int id = ++lastLookupId_;
    QMetaObject::invokeMethod(worker_, "findDuplicates", Qt::QueuedConnection, Q_ARG(int, id),
                              Q_ARG(QByteArray, fieldsJson));
    return id;
}

QVariantList AppSession::historyKinds() const {
    return fieldbook::app::historyKindChoices();
}
