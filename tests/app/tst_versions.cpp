// SPDX-License-Identifier: MIT
// `--version` on every program: one line, its name and the project's
// version from CMake (FIELDBOOK_VERSION is PROJECT_VERSION), exit 0, no
// display, profile or database needed.
#include <QTest>

#include "test_server.h"

using fieldbook::test::binPath;
using fieldbook::test::run;

class TstVersions : public QObject {
    Q_OBJECT

  private slots:
    void everyProgramSaysItsVersion_data() {
        QTest::addColumn<QString>("program");
        QTest::newRow("server") << u"fieldbook-server"_qs;
        QTest::newRow("cli") << u"fieldbook-cli"_qs;
        QTest::newRow("app") << u"fieldbook"_qs;
    }
    void everyProgramSaysItsVersion() {
        QFETCH(QString, program);
        auto r = run(binPath(program), {u"--version"_qs});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QString::fromUtf8(r.out),
                 program + u' ' + QStringLiteral(FIELDBOOK_VERSION) + u'\n');
        if (program != u"fieldbook"_qs) { // Qt may say something about the platform
            QVERIFY2(r.err.isEmpty(), r.err.constData());
        }
    }
};

QTEST_GUILESS_MAIN(TstVersions)
#include "tst_versions.moc"
