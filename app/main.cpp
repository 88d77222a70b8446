// SPDX-License-Identifier: MIT
// The `fieldbook` executable: parses the command line, opens the profile's
// replica through AppSession and loads the Fieldbook.Ui scene. The Quick
// Controls style comes from :/qtquickcontrols2.conf in the Fieldbook.Ui module.
#include "app_options.h"
#include "app_session.h"

#include <QGuiApplication>
#include <QLocale>
#include <QQmlApplicationEngine>
#include <QQmlExtensionPlugin>
#include <QTranslator>

#include <cstdio>

Q_IMPORT_QML_PLUGIN(Fieldbook_BackendPlugin)
Q_IMPORT_QML_PLUGIN(Fieldbook_UiPlugin)

int main(int argc, char* argv[]) {
    QGuiApplication app(argc, argv);
    QGuiApplication::setOrganizationName(u"Fieldbook"_qs);
    QGuiApplication::setApplicationName(u"fieldbook"_qs);
    QGuiApplication::setApplicationDisplayName(u"Fieldbook"_qs);
    QGuiApplication::setApplicationVersion(u"0.1.0"_qs);

    fieldbook::app::AppOptions options;
    QString error;
    if (!fieldbook::app::parseCommandLine(QGuiApplication::arguments(), options, error)) {
        std::fprintf(stderr, "fieldbook: %s\n", qPrintable(error));
        return 2;
    }

    QTranslator translator;
    const QLocale locale = options.language.isEmpty() ? QLocale() : QLocale(options.language);
    if (translator.load(locale, u"fieldbook"_qs, u"_"_qs, u":/i18n"_qs)) {
        QGuiApplication::installTranslator(&translator);
    }
    QLocale::setDefault(locale);

    AppSession session(options);
    AppSession::setInstance(&session);

    QQmlApplicationEngine engine;
    QObject::connect(
        &engine, &QQmlApplicationEngine::objectCreationFailed, &app,
        [] { QCoreApplication::exit(1); }, Qt::QueuedConnection);
    engine.load(QUrl(u"qrc:/Fieldbook/Ui/Main.qml"_qs));
    if (engine.rootObjects().isEmpty()) {
        return 1;
    }
    return QGuiApplication::exec();
}
