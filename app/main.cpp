// SPDX-License-Identifier: MIT
// The `fieldbook` executable: parses the command line, opens the profile's
// replica through AppSession and loads the Fieldbook.Ui scene. The Quick
// Controls style comes from :/qtquickcontrols2.conf in the Fieldbook.Ui module.
#include "app_options.h"
#include "app_session.h"
#include "first_frame_report.h"
#include "i18n.h"
#include "version.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QQmlApplicationEngine>
#include <QQmlExtensionPlugin>
#include <QTranslator>

#include <cstdio>
#include <string_view>

Q_IMPORT_QML_PLUGIN(Fieldbook_BackendPlugin)
Q_IMPORT_QML_PLUGIN(Fieldbook_UiPlugin)

int main(int argc, char* argv[]) {
    QElapsedTimer sinceMain;
    sinceMain.start();
    // --help and --version need no window: let them work without a display.
    for (int i = 1; i < argc; ++i) {
        const std::string_view a(argv[i]);
        if (a == "--help" || a == "-h" || a == "--version" || a == "-v") {
            qputenv("QT_QPA_PLATFORM", "offscreen");
        }
    }
    // Without a display Qt aborts with a long plugin message; say what to do instead.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY") &&
        qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")) {
        std::fprintf(stderr,
                     "fieldbook: no display (DISPLAY and WAYLAND_DISPLAY are empty); start it "
                     "in a desktop session, or set QT_QPA_PLATFORM=offscreen to run headless\n");
        return 1;
    }
    // QApplication, not QGuiApplication: Qt Charts' QML types (the dashboard) need it.
    QApplication app(argc, argv);
    QGuiApplication::setOrganizationName(u"Fieldbook"_qs);
    QGuiApplication::setApplicationName(u"fieldbook"_qs);
    QGuiApplication::setApplicationDisplayName(u"Fieldbook"_qs);
    QGuiApplication::setApplicationVersion(QString::fromLatin1(fieldbook::version()));

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
    // bench/bench_app.cpp: FIELDBOOK_REPORT_FIRST_PLAN_FRAME=1 times the start.
    fieldbook::app::reportFirstPlanFrameIfAsked(engine, sinceMain);
    return QGuiApplication::exec();
}
