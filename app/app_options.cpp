// SPDX-License-Identifier: MIT
#include "app_options.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QStandardPaths>

namespace fieldbook::app {

QString AppOptions::replicaPath() const {
    return QDir(profileDir).filePath(u"replica.db"_qs);
}

QString defaultProfileDir() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

bool parseCommandLine(const QStringList& arguments, AppOptions& options, QString& error) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Fieldbook, the offline-first sales CRM."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption profile(
        u"profile"_qs,
        QCoreApplication::translate("main", "Keep the local replica in <dir>/replica.db."),
        u"dir"_qs, defaultProfileDir());
    const QCommandLineOption server(
        u"server"_qs, QCoreApplication::translate("main", "Log in to the server at <url>."),
        u"url"_qs);
    const QCommandLineOption user(
        u"user"_qs, QCoreApplication::translate("main", "Log in as <login>."), u"login"_qs);
    const QCommandLineOption passwordFile(
        u"password-file"_qs,
        QCoreApplication::translate(
            "main", "Read the password from <file> (else from FIELDBOOK_PASSWORD)."),
        u"file"_qs);
    const QCommandLineOption lang(
        u"lang"_qs, QCoreApplication::translate("main", "Use the <language> (ru or en)."),
        u"language"_qs);
    parser.addOptions({profile, server, user, passwordFile, lang});
    parser.process(arguments);

    options.profileDir = parser.value(profile);
    options.serverUrl = parser.value(server);
    options.user = parser.value(user);
    options.language = parser.value(lang);
    if (parser.isSet(passwordFile)) {
        QFile f(parser.value(passwordFile));
        if (!f.open(QIODevice::ReadOnly)) {
            error = QCoreApplication::translate("main", "Cannot read the password file %1: %2")
                        .arg(f.fileName(), f.errorString());
            return false;
        }
        // The first line, as written; only the line ending is not part of the password.
        options.password = QString::fromUtf8(f.readAll()).section(u'\n', 0, 0);
        if (options.password.endsWith(u'\r')) {
            options.password.chop(1);
        }
    } else {
        options.password = qEnvironmentVariable("FIELDBOOK_PASSWORD");
    }
    if (options.serverUrl.isEmpty() != options.user.isEmpty()) {
        error = QCoreApplication::translate("main", "Give --server and --user together.");
        return false;
    }
    if (options.profileDir.isEmpty()) {
        error = QCoreApplication::translate("main", "No profile directory: pass --profile DIR.");
        return false;
    }
    return true;
}

} // namespace fieldbook::app
