// SPDX-License-Identifier: MIT
// Issue 4, proof 1: seeded random field days on four devices (two managers,
// their head, telemarketing) against a real fieldbook-server end with every
// replica equal to the server's state for its user and no acknowledged edit
// lost (present, overwritten later, or in the conflict log by a named rule).
// CI runs the fixed seeds below; FIELDBOOK_SEED=N runs one seed (the repro a
// failure prints), FIELDBOOK_STEPS=N changes the number of steps,
// FIELDBOOK_TRACE=1 prints each step. `soak --seeds N` runs many
// (docs/testing.md).
#include "convergence_harness.h"

#include <QtTest>

using namespace fieldbook::test;

class TestConvergence : public QObject {
    Q_OBJECT

    ConvergenceWorld world_;

  private slots:
    void initTestCase() {
        auto error = world_.prepare();
        QVERIFY2(error.empty(), error.c_str());
    }

    void seed_data() {
        QTest::addColumn<qulonglong>("seed");
        if (qEnvironmentVariableIsSet("FIELDBOOK_SEED")) {
            auto s = qEnvironmentVariable("FIELDBOOK_SEED").toULongLong();
            QTest::addRow("seed %llu", s) << qulonglong(s);
            return;
        }
        // The CI set: small, fixed, each a few seconds. Seeds that found a
        // fault the rules' owners are still fixing are listed in
        // docs/testing.md, not here.
        for (qulonglong s : {1ULL, 2ULL, 3ULL}) {
            QTest::addRow("seed %llu", s) << s;
        }
    }

    void seed() {
        QFETCH(qulonglong, seed);
        ConvergenceOptions options;
        if (qEnvironmentVariableIsSet("FIELDBOOK_STEPS")) {
            options.steps = qEnvironmentVariableIntValue("FIELDBOOK_STEPS");
        }
        options.echoTrace = qEnvironmentVariableIntValue("FIELDBOOK_TRACE") != 0;
        auto r = world_.run(seed, options);
        if (!r.ok) {
            std::string trace;
            for (const auto& line : r.trace) {
                trace += "  " + line + "\n";
            }
            qWarning("seed %llu failed; trace (op list):\n%sfailure:\n%s\nrepro: %s", seed,
                     trace.c_str(), r.failure.c_str(), reproCommand(seed).c_str());
        }
        QVERIFY2(r.ok, ("seed " + std::to_string(seed) + ": " + r.failure).c_str());
        // The run must have done real work, or it proves nothing.
        QVERIFY2(r.applied > 20, qPrintable(QString::number(r.applied)));
        qInfo("seed %llu: %d applied, %d rejected, %d refused on the device, %d conflicts", seed,
              r.applied, r.rejected, r.refusedLocally, r.conflicts);
    }
};

QTEST_GUILESS_MAIN(TestConvergence)
#include "tst_convergence.moc"
