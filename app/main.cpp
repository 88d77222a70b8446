// SPDX-License-Identifier: MIT
// The `fieldbook` executable: parses the command line, opens the profile's
// replica through AppSession and loads the Fieldbook.Ui scene. The Quick
// Controls style comes from :/qtquickcontrols2.conf in the Fieldbook.Ui module.
#include "app_options.h"
#include "app_session.h"
#include "i18n.h"

#include <QGuiApplication>
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
    if (fieldbook::app::loadTranslation(translator, options.language)) {
        QGuiApplication::installTranslator(&translator);
    }

    AppSession session(options);
    AppSession::setInstance(&session);

    QQmlApplicationEngine engine;
    // Qt 6.4 puts static QML modules under qrc:/<uri path>/ but does not search
    // there: without this, files in pages/ that import Fieldbook.Ui get the
    // module's C++ part only and none of its QML types.
    engine.addImportPath(u"qrc:/"_qs);
    QObject::connect(
        &engine, &QQmlApplicationEngine::objectCreationFailed, &app,
        [] { QCoreApplication::exit(1); }, Qt::QueuedConnection);
    engine.load(QUrl(u"qrc:/Fieldbook/Ui/Main.qml"_qs));
    if (engine.rootObjects().isEmpty()) {
        return 1;
    }
    return QGuiApplication::exec();
}
