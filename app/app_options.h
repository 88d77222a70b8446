// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

namespace fieldbook::app {

/// How the app was started: where the replica lives and, optionally, whom to
/// log in as right away (for demos and tests). Timings in ms.
struct AppOptions {
    QString profileDir; ///< the replica is profileDir/replica.db (as fieldbook-cli)
    QString serverUrl;  ///< with user and password: log in at start
    QString user;
    QString password;
    QString language; ///< "ru", "en" or empty for the system locale
    int syncIntervalMs = 30'000;
    int editDebounceMs = 1'500;
    int firstRetryMs = 2'000;
    int maxRetryMs = 60'000;
    int requestTimeoutMs = 15'000;

    QString replicaPath() const;
};

/// Parses the command line (`--profile DIR`, `--server URL`, `--user LOGIN`,
/// `--password-file FILE` or env FIELDBOOK_PASSWORD, `--lang ru|en`).
/// Returns false and sets `error` to a message for the user when an option is
/// unusable (e.g. an unreadable password file). `--help` and `--version` exit.
bool parseCommandLine(const QStringList& arguments, AppOptions& options, QString& error);

/// The default profile directory: QStandardPaths::AppDataLocation.
QString defaultProfileDir();

} // namespace fieldbook::app
