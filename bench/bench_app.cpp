// SPDX-License-Identifier: MIT
// The app's figures (issue 6, figure 4; docs/performance.md "App") on a
// replica holding bench.m000's scope (10,000 clients x SCALE, made once with
// the real SyncEngine from a real fieldbook-server and cached:
// bench/app_start.h):
// 1. start to today's plan drawn: the real `fieldbook` binary started RUNS
//    times, offscreen and offline, timed from posix_spawn to its
//    `first-plan-frame` line (app/first_frame_report.h), with its peak RSS;
// 2. client search: in this process, the real Main.qml scene (offscreen, as
//    tests/app run it) on a copy of the replica; QUERIES queries drawn from
//    the clients' names typed into the search field (objectName
//    clientSearchField) a keystroke at a time, and pasted whole: time until
//    the client list model holds the answer (its `answered` signal: the
//    search runs on the model's own thread), and until the frame showing it;
// 3. frame times while the client list (all clients) scrolls: contentY
//    moved STEP px per frame for SCROLL_FRAMES frames, the interval between
//    swapped frames and each frame's work (contentY set -> frame swapped).
// Median/min/max or p50/p99/max; figures, not assertions. Exits non-zero
// when the app does not start, or a search misses the client it was drawn from.
//   fieldbook-bench-app [SCALE=1.0] [RUNS=5] [QUERIES=20] [SCROLL_FRAMES=300] [STEP=60]
#include "app_options.h"
#include "app_session.h"
#include "bench/app_start.h"
#include "bench/bench_support.h"
#include "bench/frame_clock.h"
#include "client_list_model.h"
#include "first_frame_report.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QQmlApplicationEngine>
#include <QQmlExtensionPlugin>
#include <QQuickItem>
#include <QQuickWindow>
#include <QtCore/qtestsupport_core.h>
#include <QtGui/qtestsupport_gui.h>

#include <sodium.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

Q_IMPORT_QML_PLUGIN(Fieldbook_BackendPlugin)
Q_IMPORT_QML_PLUGIN(Fieldbook_UiPlugin)

using namespace fieldbook;
using namespace fieldbook::bench;
namespace fs = std::filesystem;

namespace {

double msBetween(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
}

/// "p50 X ms, p99 Y ms, max Z ms" of a non-empty series of ms.
std::string quantiles(const std::vector<double>& ms) {
    char text[96];
    std::snprintf(text, sizeof text, "p50 %.1f ms, p99 %.1f ms, max %.1f ms", percentile(ms, 0.5),
                  percentile(ms, 0.99), percentile(ms, 1.0));
    return text;
}

QQuickItem* requireItem(QQuickWindow* window, const QString& name) {
    QQuickItem* item = nullptr;
    if (!QTest::qWaitFor(
            [&] { return (item = app::findVisibleItem(window->contentItem(), name)) != nullptr; },
            10'000)) {
        throw std::runtime_error("no visible item named " + name.toStdString());
    }
    return item;
}

/// Twenty (or `count`) search queries drawn from the clients' names, spread
/// over the list: the whole name, its first 3 or 5 letters, or its last word
/// in lower case. Each comes with the name it was drawn from.
std::vector<std::pair<QString, QString>> drawQueries(const QAbstractItemModel& clients, int count) {
    std::vector<std::pair<QString, QString>> out;
    const int rows = clients.rowCount();
    for (int i = 0; i < count && rows > 0; ++i) {
        const auto name =
            clients.data(clients.index(static_cast<int>((i * 7919LL) % rows), 0)).toString();
        QString q;
        switch (i % 4) {
        case 0:
            q = name;
            break;
        case 1:
            q = name.left(3);
            break;
        case 2:
            q = name.left(5);
            break;
        default:
            q = name.section(u' ', -1).toLower();
        }
        out.emplace_back(q.trimmed().isEmpty() ? name : q, name);
    }
    return out;
}

bool modelHasName(const QAbstractItemModel& clients, const QString& name) {
    for (int r = 0; r < clients.rowCount(); ++r) {
        if (clients.data(clients.index(r, 0)).toString() == name) {
            return true;
        }
    }
    return false;
}

/// Parts 2 and 3: the scene in this process. Returns false when a search missed.
bool measureScene(const fs::path& replica, const fs::path& profileDir, int queries,
                  int scrollFrames, int step) {
    fs::create_directories(profileDir);
    fs::copy_file(replica, profileDir / "replica.db", fs::copy_options::overwrite_existing);
    app::AppOptions options;
    options.profileDir = QString::fromStdString(profileDir.string());
    AppSession session(options);
    AppSession::setInstance(&session);
    QQmlApplicationEngine engine;
    engine.addImportPath(u"qrc:/"_qs); // as main.cpp does
    engine.load(QUrl(u"qrc:/Fieldbook/Ui/Main.qml"_qs));
    if (engine.rootObjects().isEmpty()) {
        throw std::runtime_error("Main.qml did not load");
    }
    auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().constFirst());
    window->resize(400, 800); // the phone size of the app's screenshots
    if (!QTest::qWaitForWindowExposed(window)) {
        throw std::runtime_error("the window was not exposed");
    }
    // The start's sync attempt fails (the server is not running): let it.
    if (!QTest::qWaitFor([&] { return !session.lastError().isEmpty(); }, 10'000)) {
        std::printf("note: the start's sync attempt had not failed after 10 s\n");
    }
    FrameClock frames(window);

    requireItem(window, u"homeTabs"_qs)->setProperty("currentIndex", 1);
    auto* list = requireItem(window, u"clientList"_qs);
    auto* search = requireItem(window, u"clientSearchField"_qs);
    auto* clients = qobject_cast<ClientListModel*>(list->property("model").value<QObject*>());
    if (!clients) {
        throw std::runtime_error("the client list has no ClientListModel");
    }
    // The rows are read on the model's search thread: wait for them.
    if (!QTest::qWaitFor([&] { return !clients->searching() && clients->rowCount() > 0; },
                         30'000)) {
        throw std::runtime_error("the client list did not fill");
    }
    frames.nextFrame();
    const int allClients = clients->rowCount();

    // 2. Search: each keystroke sets the field's text, whose binding sets
    // the model's search; the model asks its search thread and applies the
    // answer (ClientListModel::answered). Also timed: how long setting the
    // text keeps the GUI thread (what a key press waits for).
    Clock::time_point answeredAt{};
    QObject::connect(clients, &ClientListModel::answered, clients,
                     [&] { answeredAt = Clock::now(); });
    // The CPU the process spent (all its threads) from the text set to the
    // answer: the work a keystroke costs, whatever the machine's load.
    auto cpuMs = [] {
        timespec ts{};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
        return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
    };
    std::vector<double> keyGui, keyCpu;
    auto type = [&](const QString& text, std::vector<double>& answer, std::vector<double>& drawn) {
        answeredAt = {};
        const double cpu0 = cpuMs();
        const auto t0 = Clock::now();
        search->setProperty("text", text);
        keyGui.push_back(msBetween(t0, Clock::now()));
        if (!QTest::qWaitFor([&] { return answeredAt != Clock::time_point{}; }, 10'000)) {
            throw std::runtime_error("the client list did not answer a search");
        }
        keyCpu.push_back(cpuMs() - cpu0);
        answer.push_back(msBetween(t0, answeredAt));
        drawn.push_back(msBetween(t0, frames.nextFrame()));
    };
    std::vector<double> keyAnswer, keyDrawn, pasteAnswer, pasteDrawn, clearAnswer, clearDrawn;
    bool found = true;
    for (const auto& [query, name] : drawQueries(*clients, queries)) {
        for (int k = 1; k <= query.size(); ++k) {
            type(query.left(k), keyAnswer, keyDrawn);
        }
        if (!modelHasName(*clients, name)) {
            std::printf("search \"%s\" did not find \"%s\"\n", qPrintable(query), qPrintable(name));
            found = false;
        }
        type({}, clearAnswer, clearDrawn);
        type(query, pasteAnswer, pasteDrawn);
        type({}, clearAnswer, clearDrawn);
    }
    if (keyAnswer.empty() || clients->rowCount() != allClients) {
        std::printf("search: no queries, or the cleared list lost clients\n");
        return false;
    }
    std::printf("client search (%d clients, %d queries from their names, %zu keystrokes):\n",
                allClients, queries, keyAnswer.size());
    std::printf("  a keystroke -> the model's answer: %s; -> drawn: %s\n",
                quantiles(keyAnswer).c_str(), quantiles(keyDrawn).c_str());
    std::printf("  a whole query pasted -> the model's answer: %s; -> drawn: %s\n",
                quantiles(pasteAnswer).c_str(), quantiles(pasteDrawn).c_str());
    std::printf("  the field cleared (every client back) -> answer: %s; -> drawn: %s\n",
                quantiles(clearAnswer).c_str(), quantiles(clearDrawn).c_str());
    std::printf("  the GUI thread held by setting the text (any of the above): %s\n",
                quantiles(keyGui).c_str());
    std::printf("  CPU of this process, text set -> answer (any of the above, all threads): %s\n",
                quantiles(keyCpu).c_str());

    // 3. Scroll: down the list STEP px a frame, back up at the end.
    std::vector<double> intervals, work;
    auto last = frames.nextFrame();
    const double maxY = std::max(0.0, list->property("contentHeight").toDouble() - list->height());
    double y = list->property("contentY").toDouble();
    int direction = 1;
    for (int f = 0; f < scrollFrames; ++f) {
        if ((direction > 0 && y + step > maxY) || (direction < 0 && y - step < 0)) {
            direction = -direction;
        }
        y += direction * step;
        const auto t0 = Clock::now();
        list->setProperty("contentY", y);
        const auto at = frames.nextFrame();
        work.push_back(msBetween(t0, at));
        intervals.push_back(msBetween(last, at));
        last = at;
    }
    std::printf("scrolling the client list (%d clients, %d frames, %d px a frame, offscreen: no "
                "vsync):\n  frame interval %s\n  work per frame (contentY set -> frame swapped) "
                "%s\n",
                allClients, scrollFrames, step, quantiles(intervals).c_str(),
                quantiles(work).c_str());
    std::printf("  RSS of this process after scrolling: %lld KiB (peak %lld KiB)\n",
                static_cast<long long>(procStatusKb(getpid(), "VmRSS")),
                static_cast<long long>(procStatusKb(getpid(), "VmHWM")));
    return found;
}

} // namespace

int main(int argc, char** argv) {
    if (sodium_init() < 0) {
        return 1;
    }
    const double scale = argc > 1 ? std::atof(argv[1]) : 1.0;
    const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
    const int queries = argc > 3 ? std::max(1, std::atoi(argv[3])) : 20;
    const int scrollFrames = argc > 4 ? std::max(1, std::atoi(argv[4])) : 300;
    const int step = argc > 5 ? std::max(1, std::atoi(argv[5])) : 60;
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    int qtArgc = 1;
    QApplication app(qtArgc, argv); // Qt Charts' QML types need it, as in main.cpp

    try {
        const auto replica = cachedAppReplica(scale);
        TempDir dir("fieldbook-bench-app-");

        std::vector<double> wall, self, fromMain, rssMib;
        int planRows = 0;
        for (int run = 0; run < runs; ++run) {
            auto s = timeAppStart(replica, dir.path() / ("start-" + std::to_string(run)));
            if (!s) {
                return 1;
            }
            std::printf("  start run %d: %.0f ms spawn -> today's plan drawn (the app's own "
                        "count: %lld ms since it started, %lld ms since main()), VmHWM %lld KiB, "
                        "%d plan rows\n",
                        run + 1, s->spawnToFrameMs, s->selfReportedMs, s->mainToFrameMs,
                        s->peakRssKib, s->planRows);
            std::fflush(stdout);
            wall.push_back(s->spawnToFrameMs);
            self.push_back(static_cast<double>(s->selfReportedMs));
            fromMain.push_back(static_cast<double>(s->mainToFrameMs));
            rssMib.push_back(static_cast<double>(s->peakRssKib) / 1024.0);
            planRows = s->planRows;
        }
        const auto w = spread(wall);
        const auto m = spread(fromMain);
        const auto r = spread(rssMib);
        std::printf("app start to today's plan drawn (%d plan rows, %d runs): %.0f ms (min %.0f, "
                    "max %.0f); main() -> drawn %.0f ms (min %.0f, max %.0f)\n",
                    planRows, runs, w.median, w.min, w.max, m.median, m.min, m.max);
        std::printf("app RSS at that frame (VmHWM): %.1f MiB (min %.1f, max %.1f)\n", r.median,
                    r.min, r.max);
        std::fflush(stdout);

        return measureScene(replica, dir.path() / "scene", queries, scrollFrames, step) ? 0 : 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "fieldbook-bench-app: %s\n", e.what());
        return 1;
    }
}
