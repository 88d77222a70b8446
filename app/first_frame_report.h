// SPDX-License-Identifier: MIT
#pragma once

#include <QElapsedTimer>

class QQmlApplicationEngine;
class QQuickItem;
class QString;

namespace fieldbook::app {

/// The start-up measurement of issue 6 (bench/bench_app.cpp,
/// docs/performance.md "App"). When the environment variable
/// FIELDBOOK_REPORT_FIRST_PLAN_FRAME is "1", watches the window of `engine`
/// and, at the first frame swapped in which today's plan list ("todayList")
/// is visible, laid out, counts the plan model's rows and has made its first
/// row's delegate (the rows on screen), prints
/// one line to stdout and quits the application:
///
///     first-plan-frame MS main-ms MS vmhwm-kib KIB plan-rows N
///
/// MS since the process started (the kernel's start time of the process,
/// /proc/self/stat, in 10 ms ticks), ms since `sinceMain` was started (at the
/// top of main()), the peak resident set at that moment (VmHWM of
/// /proc/self/status, KiB) and the number of the plan's rows drawn. Call it
/// after engine.load(). Returns true when it watches, false (and does
/// nothing) when the variable is not "1" or the engine has no window.
/// The first visible item whose objectName is `name` under `root` (pages,
/// lists, delegates; breadth first), or nullptr. Also used by
/// bench/bench_app.cpp.
QQuickItem* findVisibleItem(QQuickItem* root, const QString& name);

bool reportFirstPlanFrameIfAsked(QQmlApplicationEngine& engine, const QElapsedTimer& sinceMain);

} // namespace fieldbook::app
