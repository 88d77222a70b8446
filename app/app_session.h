// SPDX-License-Identifier: MIT
#pragma once

#include "app_options.h"
#include "sync_schedule.h"
#include "sync_worker.h"

#include <QObject>
#include <QQmlEngine>
#include <QThread>
#include <QTimer>
#include <QVariantList>
#include <QVariantMap>

#include <functional>
#include <memory>

namespace fieldbook::device {
class Replica;
}

/// The device's session and sync service for the UI (QML singleton
/// `AppSession` of Fieldbook.Backend). It owns the GUI thread's Replica for
/// short reads and local edits, and a worker thread that logs in and syncs
/// (SyncWorker) so that the GUI never waits on the network.
///
/// Sync runs on its own (SyncSchedule, device::SyncScheduler): at start
/// (when a session exists), `editDebounceMs` after the last local edit,
/// every `syncIntervalMs`, when the live channel announces changes, when the
/// network comes back, and on syncNow(); a failed attempt is retried with
/// exponential backoff and full jitter from `firstRetryMs` up to
/// `maxRetryMs`; a persistent failure shows (`syncFailing`). Nothing here
/// throws into QML: failures land in `lastError` and the error signals.
///
/// The QML types of this module live in the global namespace, as in Qt's and
/// KDE's apps: Qt 6.4's qmltyperegistrar does not qualify namespaced property
/// types, which breaks tooling (qmllint, qmlcachegen) on typed properties.
class AppSession : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

    Q_PROPERTY(bool loggedIn READ loggedIn NOTIFY sessionChanged)
    Q_PROPERTY(QString userName READ userName NOTIFY sessionChanged)
    Q_PROPERTY(QString userLogin READ userLogin NOTIFY sessionChanged)
    Q_PROPERTY(QString role READ role NOTIFY sessionChanged)
    Q_PROPERTY(QString serverUrl READ serverUrl NOTIFY sessionChanged)
    Q_PROPERTY(QString suggestedLogin READ suggestedLogin NOTIFY sessionChanged)
    Q_PROPERTY(QString syncState READ syncState NOTIFY syncStateChanged)
    Q_PROPERTY(int pendingCount READ pendingCount NOTIFY syncStateChanged)
    Q_PROPERTY(int conflictCount READ conflictCount NOTIFY syncStateChanged)
    Q_PROPERTY(int rejectedCount READ rejectedCount NOTIFY syncStateChanged)
    Q_PROPERTY(QString lastSyncText READ lastSyncText NOTIFY syncStateChanged)
    Q_PROPERTY(bool everSynced READ everSynced NOTIFY syncStateChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)
    /// Syncing has failed 3 times in a row, or cannot go on (the server needs
    /// a newer app): the banner shows syncFailureReason.
    Q_PROPERTY(bool syncFailing READ syncFailing NOTIFY syncStateChanged)
    Q_PROPERTY(QString syncFailureReason READ syncFailureReason NOTIFY syncStateChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(int revision READ revision NOTIFY replicaChanged)
    Q_PROPERTY(QString profileDir READ profileDir CONSTANT)
    Q_PROPERTY(QString userId READ userId NOTIFY sessionChanged)
    Q_PROPERTY(QString roleLabel READ roleLabel NOTIFY sessionChanged)
    Q_PROPERTY(QVariantMap can READ can NOTIFY sessionChanged)

  public:
    /// Opens (creating if needed) options.profileDir/replica.db and starts the
    /// sync thread. With options.serverUrl/user/password set, logs in at once
    /// unless the replica already holds that user's session.
    explicit AppSession(fieldbook::app::AppOptions options, QObject* parent = nullptr);
    ~AppSession() override;

    /// The QML singleton factory: returns the instance set with setInstance()
    /// (owned by C++, e.g. main()). The engine must live on this thread.
    static AppSession* create(QQmlEngine* qmlEngine, QJSEngine* jsEngine);
    static void setInstance(AppSession* session);
    static AppSession* instance();

    bool loggedIn() const;
    QString userName() const;
    QString userLogin() const;
    QString role() const;
    QString serverUrl() const;
    /// For the login form: the last session's login, else the one given with --user.
    QString suggestedLogin() const;
    QString syncState() const;
    int pendingCount() const { return status_.pending; }
    int conflictCount() const { return status_.conflicts; }
    int rejectedCount() const { return status_.rejected; }
    QString lastSyncText() const;
    bool everSynced() const { return status_.lastSyncAtMs > 0; }
    QString lastError() const { return lastError_; }
    bool syncFailing() const { return loggedIn() && schedule_.persistentFailure(); }
    /// The live channel to the server is open (for diagnostics and tests).
    bool liveConnected() const { return schedule_.liveConnected(); }
    QString syncFailureReason() const { return syncFailing() ? lastError_ : QString(); }
    /// Logging in, or the first sync of this replica (the lists are still empty).
    bool busy() const { return busy_; }
    int revision() const { return revision_; }
    QString profileDir() const { return options_.profileDir; }
    /// The replica file (profileDir/replica.db), for readers with a connection of their own.
    QString replicaPath() const { return options_.replicaPath(); }
    QString userId() const;
    /// The role's translated name, e.g. "Head of sales".
    QString roleLabel() const;
    /// What the logged-in user's role may do (SPEC §1, domain/permissions.h):
    /// {action name: bool} for every action, e.g. can.reassign,
    /// can.plan_for_others. All false when nobody is logged in. The pages
    /// hide what the role may not do; the replica and the server check again.
    QVariantMap can() const;

    /// Runs one local edit on the GUI thread's replica. On success refreshes
    /// the sync state, tells the models (replicaChanged) and schedules a
    /// sync, and returns an empty string. On a refused edit (DomainError) or a
    /// storage failure nothing was saved and it returns the message for the
    /// user (edit_errors.h). `what` names the edit in the log.
    QString runEdit(const char* what, const std::function<void(fieldbook::device::Replica&)>& edit);

    /// The GUI thread's replica for short reads; nullptr when it could not be opened.
    fieldbook::device::Replica* replica() const { return replica_.get(); }

    /// Logs in on the worker thread; `loginSucceeded` or `loginFailed` follows.
    Q_INVOKABLE void login(const QString& serverUrl, const QString& user, const QString& password);
    /// Forgets the token (the replica and pending edits stay for the next login).
    Q_INVOKABLE void logout();
    /// Syncs now (or right after the sync in progress).
    Q_INVOKABLE void syncNow();

    /// Logs a history entry of `kind` (a domain history kind, e.g. "meeting")
    /// now, for `clientId`, optionally on `dealId`. Returns the entry id, or an
    /// empty string after emitting editFailed().
    Q_INVOKABLE QString logHistory(const QString& clientId, const QString& kind,
                                   const QString& summary, const QString& dealId);
    Q_INVOKABLE QString logMeeting(const QString& clientId, const QString& summary,
                                   const QString& dealId);
    /// Asks the server, on the sync thread, for the probable duplicates of a
    /// new card with these client fields (JSON object text); returns the
    /// request's id. onlineDuplicatesFound follows with the same id.
    int requestOnlineDuplicates(const QByteArray& fieldsJson);

    /// [{value, text}] choices for the history-entry kind ComboBox.
    Q_INVOKABLE QVariantList historyKinds() const;
    Q_INVOKABLE void clearError();

  protected:
    /// A new translation (QEvent::LanguageChange on the application): the
    /// models re-read so that the texts they compute follow the language.
    bool eventFilter(QObject* watched, QEvent* event) override;

  signals:
    void sessionChanged();
    void syncStateChanged();
    void lastErrorChanged();
    void busyChanged();
    /// The replica's content changed (a sync pulled or pushed, or a local
    /// edit): models re-read.
    void replicaChanged();
    void loginSucceeded();
    /// `message` says what to do, e.g. "Check the login and password".
    void loginFailed(const QString& message);
    void editFailed(const QString& message);
    /// A background sync failed; it is retried by itself.
    void syncFailed(const QString& message);
    void syncFinished();
    /// The server's answer to requestOnlineDuplicates(): a JSON array in the
    /// shape of Replica::findDuplicates(); `online` false when it could not be asked.
    void onlineDuplicatesFound(int requestId, const QByteArray& resultJson, bool online);

  private:
    void start();
    /// Starts the automatic syncs and the live channel for the session.
    void startSchedule();
    void requestSync();
    void onLoginFinished(const fieldbook::app::SyncOutcome& outcome);
    void onSyncFinished(const fieldbook::app::SyncOutcome& outcome);
    void refreshSession();
    void refreshStatus();
    void afterLocalEdit();
    void setLastError(const QString& message);
    void setBusyState(bool loggingIn, bool syncing);
    void updateDerivedState();
    QString failureMessage(const fieldbook::app::SyncOutcome& outcome, bool duringLogin) const;

    struct CachedSession {
        QString userId;
        QString login;
        QString fullName;
        QString role;
        QString serverUrl;
        bool hasToken = false;
    };
    struct CachedStatus {
        qint64 lastSyncAtMs = 0;
        int pending = 0;
        int conflicts = 0;
        int rejected = 0;
    };

    fieldbook::app::AppOptions options_;
    std::unique_ptr<fieldbook::device::Replica> replica_;
    CachedSession session_;
    CachedStatus status_;
    QString lastError_;
    QString loginServerUrl_;
    bool loggingIn_ = false;
    bool busy_ = false;
    QString syncState_;
    bool syncing_ = false;
    bool syncQueued_ = false;
    bool online_ = false;
    bool authFailed_ = false;
    int revision_ = 0;
    int lastLookupId_ = 0;

    QThread thread_;
    fieldbook::app::SyncWorker* worker_ = nullptr; // lives on thread_, deleted when it finishes
    fieldbook::app::SyncSchedule schedule_;
};
