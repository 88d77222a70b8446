// SPDX-License-Identifier: MIT
#pragma once

#include <QMetaType>
#include <QObject>
#include <QString>

#include <memory>

namespace fieldbook::device {
class Replica;
}

namespace fieldbook::app {

/// What one login or sync attempt on the worker thread came to.
struct SyncOutcome {
    /// Why it failed; None when it succeeded. Mirrors device::SyncError::Kind
    /// plus the failures that are not the server's (storage, bad URL).
    enum class Failure { None, Network, Auth, Protocol, Server, UpdateRequired, Storage, BadUrl };
    Failure failure = Failure::None;
    QString code;    ///< the server's or engine's stable error code, e.g. "invalid_credentials"
    QString message; ///< the engine's English text, for the log
    int httpStatus = 0;
    int pushed = 0;
    int pulled = 0;
    int rejected = 0;
    int conflicts = 0;

    bool ok() const { return failure == Failure::None; }
};

/// Runs the blocking network work of the device (login, sync) on its own
/// thread: move it to a QThread and call its slots through queued
/// connections. It opens its own Replica connection on that thread
/// (SQLite WAL lets the GUI thread read the same file meanwhile).
class SyncWorker : public QObject {
    Q_OBJECT

  public:
    /// `replicaPath` is opened lazily, on the worker thread. `timeoutMs` per HTTP request.
    SyncWorker(QString replicaPath, int timeoutMs);
    ~SyncWorker() override;

  public slots:
    /// Logs in (POST /api/v1/login) and stores the session in the replica.
    void login(const QString& serverUrl, const QString& user, const QString& password,
               const QString& deviceName);
    /// Pushes the outbox and pulls until up to date.
    void sync();
    /// Asks the server for the probable duplicates of a new card (SPEC §3.7;
    /// the server sees every card, the replica only its scope). `fieldsJson`
    /// holds the card's client fields. Answers with duplicatesFound: the
    /// candidates as a JSON array, or an empty array text when the server
    /// cannot be asked (offline, not signed in): the local check stands.
    void findDuplicates(int requestId, const QByteArray& fieldsJson);

  signals:
    void loginFinished(const fieldbook::app::SyncOutcome& outcome);
    void syncFinished(const fieldbook::app::SyncOutcome& outcome);
    /// `online` is false when the server could not be asked.
    void duplicatesFound(int requestId, const QByteArray& resultJson, bool online);

  private:
    device::Replica& replica();

    QString replicaPath_;
    int timeoutMs_;
    std::unique_ptr<device::Replica> replica_;
};

} // namespace fieldbook::app

Q_DECLARE_METATYPE(fieldbook::app::SyncOutcome)
