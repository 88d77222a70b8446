// SPDX-License-Identifier: MIT
#pragma once

#include "test_server.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

namespace fieldbook::test {

/// A device driven through the real fieldbook-cli binary, with its own profile.
class CliDevice {
  public:
    QString profile() const { return dir_.path(); }

    /// Runs a command; returns stdout, and fails the test on a non-zero exit
    /// unless `expectExit` says otherwise.
    QByteArray cmd(const QStringList& args, int expectExit = 0, const QByteArray& in = {}) {
        QByteArray out, err;
        lastExit = runCli(profile(), args, in, &out, &err);
        lastErr = err;
        if (lastExit != expectExit) {
            qWarning("fieldbook-cli %s -> %d: %s", qPrintable(args.join(QLatin1Char(' '))),
                     lastExit, err.constData());
        }
        return out;
    }
    QJsonDocument json(const QStringList& args) {
        return QJsonDocument::fromJson(cmd(QStringList{QStringLiteral("--json")} << args));
    }
    bool login(const QString& url, const QString& user, const QByteArray& password = "demo\n") {
        cmd({QStringLiteral("login"), QStringLiteral("--server"), url, QStringLiteral("--user"),
             user},
            0, password);
        return lastExit == 0;
    }
    QJsonObject sync() {
        auto out = cmd({QStringLiteral("sync")});
        return lastExit == 0 ? QJsonDocument::fromJson(out).object() : QJsonObject();
    }
    /// The id of the first client whose name contains `name`.
    QString clientId(const QString& name) {
        auto rows = json({QStringLiteral("clients"), QStringLiteral("--search"), name}).array();
        return rows.isEmpty() ? QString() : rows[0].toObject()[QStringLiteral("id")].toString();
    }

    int lastExit = 0;
    QByteArray lastErr;

  private:
    QTemporaryDir dir_;
};

/// The `id` of a command's JSON answer (new-client, log, open-deal...);
/// empty, with a warning naming the command and its error, when there is none.
inline QString savedId(CliDevice& d, const QStringList& args) {
    auto id = d.json(args).object()[QStringLiteral("id")].toString();
    if (id.isEmpty()) {
        qWarning("no id from fieldbook-cli %s: %s", qPrintable(args.join(QLatin1Char(' '))),
                 d.lastErr.constData());
    }
    return id;
}

/// The replica file of a CLI device's profile.
inline QString replicaPath(const CliDevice& d) {
    return d.profile() + QStringLiteral("/replica.db");
}

} // namespace fieldbook::test
