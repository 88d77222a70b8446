// SPDX-License-Identifier: MIT
#include "first_frame_report.h"

#include <QAbstractItemModel>
#include <QCoreApplication>
#include <QFile>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>

#include <time.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <memory>

namespace fieldbook::app {

namespace {

/// Today's plan is on screen with its rows: the list is laid out, its count
/// is the model's, and (when there are rows) the first row's delegate exists.
/// Returns the number of rows, or -1 while not yet.
int planRowsShown(QQuickWindow* window) {
    auto* list = findVisibleItem(window->contentItem(), u"todayList"_qs);
    if (!list || list->width() <= 0 || list->height() <= 0) {
        return -1;
    }
    const auto* model = list->property("model").value<QAbstractItemModel*>();
    const int rows = list->property("count").toInt();
    if (!model || rows != model->rowCount()) {
        return -1;
    }
    if (rows > 0 && !findVisibleItem(list, u"todayDelegate_0"_qs)) {
        return -1;
    }
    return rows;
}

/// ms since the kernel started this process: /proc/self/stat's starttime
/// (clock ticks since boot) against CLOCK_BOOTTIME; -1 when unreadable.
qint64 msSinceProcessStart() {
    QFile f(u"/proc/self/stat"_qs);
    if (!f.open(QIODevice::ReadOnly)) {
        return -1;
    }
    const QByteArray stat = f.readAll();
    // Fields after the command name, which is in parentheses and may hold spaces.
    const auto fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    constexpr int kStartTime = 22 - 3; // field 22, counted from field 3 (the state)
    if (fields.size() <= kStartTime) {
        return -1;
    }
    const double startSeconds =
        fields[kStartTime].toDouble() / static_cast<double>(sysconf(_SC_CLK_TCK));
    timespec now{};
    clock_gettime(CLOCK_BOOTTIME, &now);
    const double nowSeconds = static_cast<double>(now.tv_sec) + now.tv_nsec / 1e9;
    return static_cast<qint64>((nowSeconds - startSeconds) * 1000.0 + 0.5);
}

/// VmHWM of /proc/self/status in KiB; -1 when unreadable.
qint64 peakRssKib() {
    QFile f(u"/proc/self/status"_qs);
    // readAll(): /proc files have no size, so atEnd() holds from the start.
    if (!f.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const auto& line : f.readAll().split('\n')) {
        if (line.startsWith("VmHWM:")) {
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
        }
    }
    return -1;
}

struct FrameWatch {
    std::atomic<int> rowsAfterPolish{-1}; ///< planRowsShown() of the frame being prepared
    std::atomic<int> rowsInFrame{-1};     ///< ... of the frame that was synchronised
    std::atomic<bool> reported{false};
};

} // namespace

QQuickItem* findVisibleItem(QQuickItem* root, const QString& name) {
    QList<QQuickItem*> queue{root};
    while (!queue.isEmpty()) {
        auto* item = queue.takeFirst();
        if (!item->isVisible()) {
            continue;
        }
        if (item->objectName() == name) {
            return item;
        }
        queue.append(item->childItems());
    }
    return nullptr;
}

bool reportFirstPlanFrameIfAsked(QQmlApplicationEngine& engine, const QElapsedTimer& sinceMain) {
    if (qEnvironmentVariable("FIELDBOOK_REPORT_FIRST_PLAN_FRAME") != u"1"_qs ||
        engine.rootObjects().isEmpty()) {
        return false;
    }
    auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().constFirst());
    if (!window) {
        return false;
    }
    auto watch = std::make_shared<FrameWatch>();
    // afterAnimating runs on the GUI thread after the items' polish (the
    // lists made their delegates); afterSynchronizing runs with the GUI
    // thread blocked, so it tags the frame that holds that state; the frame
    // is on screen at frameSwapped (render thread with the threaded loop).
    QObject::connect(
        window, &QQuickWindow::afterAnimating, window,
        [window, watch] { watch->rowsAfterPolish = planRowsShown(window); }, Qt::DirectConnection);
    QObject::connect(
        window, &QQuickWindow::afterSynchronizing, window,
        [watch] { watch->rowsInFrame = watch->rowsAfterPolish.load(); }, Qt::DirectConnection);
    QObject::connect(
        window, &QQuickWindow::frameSwapped, window,
        [watch, sinceMain] {
            const int rows = watch->rowsInFrame;
            if (rows < 0 || watch->reported.exchange(true)) {
                return;
            }
            const qint64 fromMain = sinceMain.elapsed();
            std::printf("first-plan-frame %lld main-ms %lld vmhwm-kib %lld plan-rows %d\n",
                        static_cast<long long>(msSinceProcessStart()),
                        static_cast<long long>(fromMain), static_cast<long long>(peakRssKib()),
                        rows);
            std::fflush(stdout);
            QMetaObject::invokeMethod(
                QCoreApplication::instance(), [] { QCoreApplication::quit(); },
                Qt::QueuedConnection);
        },
        Qt::DirectConnection);
    window->update();
    return true;
}

} // namespace fieldbook::app
