// SPDX-License-Identifier: MIT
#include <QTest>

#include "qml_driver.h"

#include "i18n.h"

#include <QDir>
#include <QList>
#include <QQmlExtensionPlugin>
#include <QSet>
#include <QSignalSpy>

#include <algorithm>
#include <cmath>

Q_IMPORT_QML_PLUGIN(Fieldbook_BackendPlugin)
Q_IMPORT_QML_PLUGIN(Fieldbook_UiPlugin)

namespace fieldbook::test {

namespace {
/// The first object named `name` under `root`, through both visual children
/// (pages in a StackView, delegates, open popups in the overlay) and QObject
/// children (models, closed popups). Invisible items are searched last, so
/// a page under the current one does not shadow it.
QObject* findByName(QObject* root, const QString& name) {
    QList<QObject*> queue;
    QSet<QObject*> seen;
    QObject* hidden = nullptr;
    if (root) {
        queue.append(root);
    }
    while (!queue.isEmpty()) {
        QObject* o = queue.takeFirst();
        if (seen.contains(o)) {
            continue;
        }
        seen.insert(o);
        auto* item = qobject_cast<QQuickItem*>(o);
        if (o->objectName() == name) {
            if (!item || item->isVisible()) {
                return o;
            }
            if (!hidden) {
                hidden = o;
            }
        }
        if (item) {
            for (auto* child : item->childItems()) {
                queue.append(child);
            }
        }
        queue.append(o->children());
    }
    return hidden;
}
} // namespace

QmlDriver::~QmlDriver() {
    stop();
}

void QmlDriver::start(app::AppOptions options, const QString& screenshotDir) {
    screenshotDir_ = screenshotDir;
    QVERIFY(QDir().mkpath(screenshotDir_));
    QVERIFY(app::loadTranslation(english_, u"en"_qs));
    QCoreApplication::installTranslator(&english_);
    session_ = std::make_unique<AppSession>(std::move(options));
    AppSession::setInstance(session_.get());
    engine_ = std::make_unique<QQmlApplicationEngine>();
    engine_->addImportPath(u"qrc:/"_qs); // as main.cpp does
    QObject::connect(engine_.get(), &QQmlEngine::warnings, [](const QList<QQmlError>& warnings) {
        for (const auto& w : warnings) {
            qWarning("QML: %s", qPrintable(w.toString()));
        }
    });
    engine_->load(QUrl(u"qrc:/Fieldbook/Ui/Main.qml"_qs));
    QVERIFY2(!engine_->rootObjects().isEmpty(), "Main.qml did not load");
    window_ = qobject_cast<QQuickWindow*>(engine_->rootObjects().constFirst());
    QVERIFY(window_);
    window_->resize(kPhone);
    window_->requestActivate();
    QVERIFY(QTest::qWaitForWindowExposed(window_));
    QVERIFY(QTest::qWaitForWindowActive(window_));
}

void QmlDriver::stop() {
    testers_.clear();
    engine_.reset();
    window_ = nullptr;
    AppSession::setInstance(nullptr);
    session_.reset();
    QCoreApplication::removeTranslator(&english_);
}

QObject* QmlDriver::object(const QString& name) const {
    if (!window_) {
        return nullptr;
    }
    // Open popups live in the overlay, a sibling of the content item.
    QObject* root = window_->contentItem()->parentItem() ? window_->contentItem()->parentItem()
                                                         : window_->contentItem();
    return findByName(root, name);
}

QQuickItem* QmlDriver::item(const QString& name) const {
    return qobject_cast<QQuickItem*>(object(name));
}

QQuickItem* QmlDriver::currentPage() const {
    auto* stack = item(u"stackView"_qs);
    return stack ? stack->property("currentItem").value<QQuickItem*>() : nullptr;
}

void QmlDriver::waitForPage(const QString& name) {
    QTRY_VERIFY2_WITH_TIMEOUT(currentPage() && currentPage()->objectName() == name,
                              qPrintable(u"page %1 did not show; current: %2"_qs.arg(
                                  name, currentPage() ? currentPage()->objectName() : u"none"_qs)),
                              10'000);
    // Clicks during the StackView's transition would land on the old page.
    auto* stack = item(u"stackView"_qs);
    QTRY_VERIFY(!stack->property("busy").toBool());
}

void QmlDriver::waitForPopup(const QString& name, bool open) {
    QObject* popup = nullptr;
    QTRY_VERIFY2((popup = object(name)) != nullptr, qPrintable(name + u" not found"_qs));
    QTRY_VERIFY2_WITH_TIMEOUT(
        popup->property("opened").toBool() == open,
        qPrintable(name + (open ? u" did not open"_qs : u" did not close"_qs)), 5'000);
}

void QmlDriver::scrollTo(QQuickItem* target) {
    QVERIFY(target);
    for (auto* p = target->parentItem(); p; p = p->parentItem()) {
        if (!p->inherits("QQuickFlickable")) {
            continue;
        }
        auto* contentItem = p->property("contentItem").value<QQuickItem*>();
        if (!contentItem) {
            return;
        }
        const QPointF at = target->mapToItem(contentItem, QPointF(0, 0));
        const qreal viewH = p->height();
        const qreal contentH = p->property("contentHeight").toReal();
        qreal y = p->property("contentY").toReal();
        if (at.y() < y || at.y() + target->height() > y + viewH) {
            y = std::clamp(at.y() - viewH / 3, 0.0, std::max(0.0, contentH - viewH));
            p->setProperty("contentY", y);
        }
        return;
    }
}

void QmlDriver::click(QQuickItem* target) {
    QVERIFY(target);
    QTRY_VERIFY2(target->isVisible() && target->isEnabled(),
                 qPrintable(target->objectName() + u" is not clickable"_qs));
    scrollTo(target);
    QTest::qWait(50); // the scene graph catches up with a scroll
    const QPoint at =
        target->mapToScene(QPointF(target->width() / 2, target->height() / 2)).toPoint();
    QVERIFY2(window_->contentItem()->contains(at) ||
                 QRect(QPoint(0, 0), window_->size()).contains(at),
             qPrintable(target->objectName() + u" is outside the window"_qs));
    QTest::mouseClick(window_, Qt::LeftButton, Qt::NoModifier, at);
}

void QmlDriver::click(const QString& name) {
    QQuickItem* target = nullptr;
    QTRY_VERIFY2((target = item(name)) != nullptr, qPrintable(name + u" not found"_qs));
    click(target);
}

void QmlDriver::typeInto(const QString& fieldName, const QString& text) {
    QQuickItem* field = nullptr;
    QTRY_VERIFY2((field = item(fieldName)) != nullptr, qPrintable(fieldName + u" not found"_qs));
    click(field);
    QTRY_VERIFY2(field->hasActiveFocus(), qPrintable(fieldName + u" did not take the focus"_qs));
    QTest::keyClick(window_, Qt::Key_A, Qt::ControlModifier); // replace what is there
    QTest::keyClick(window_, Qt::Key_Backspace);
    for (const QChar c : text) { // Qt 6.4 has keyClicks() for widgets only
        QTest::keyClick(window_, c.toLatin1());
    }
    QCOMPARE(field->property("text").toString(), text);
}

void QmlDriver::choose(const QString& boxName, const QString& value) {
    QQuickItem* box = nullptr;
    QTRY_VERIFY2((box = item(boxName)) != nullptr, qPrintable(boxName + u" not found"_qs));
    QVERIFY2(box->isVisible(), qPrintable(boxName + u" is hidden"_qs));
    QVERIFY(box->setProperty("value", value));
    QTRY_VERIFY2(box->property("currentIndex").toInt() >= 0,
                 qPrintable(boxName + u" has no choice "_qs + value));
    QCOMPARE(box->property("currentValue").toString(), value);
}

void QmlDriver::resize(QSize size) {
    window_->resize(size);
    QTRY_COMPARE(window_->contentItem()->width(), qreal(size.width()));
    QTest::qWait(300); // layouts, ScrollBar fades and delegates settle
}

void QmlDriver::screenshot(const QString& name, QSize size) {
    resize(size);
    const QImage image = window_->grabWindow();
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), size * window_->devicePixelRatio());
    const auto path =
        QDir(screenshotDir_)
            .filePath(u"%1-%2x%3.png"_qs.arg(name).arg(size.width()).arg(size.height()));
    QVERIFY2(image.save(path), qPrintable(path));
    qInfo("screenshot %s", qPrintable(path));
}

void QmlDriver::screenshots(const QString& name) {
    DRIVE(screenshot(name, kPhone));
    DRIVE(screenshot(name, kDesktop));
    resize(kPhone);
}

void QmlDriver::testModel(QAbstractItemModel* model) {
    QVERIFY(model);
    testers_.push_back(std::make_unique<QAbstractItemModelTester>(
        model, QAbstractItemModelTester::FailureReportingMode::QtTest));
}

void QmlDriver::signIn(const QString& serverUrl, const QString& login, const QString& password) {
    DRIVE(waitForPage(u"loginPage"_qs));
    DRIVE(typeInto(u"loginUrlField"_qs, serverUrl));
    DRIVE(typeInto(u"loginUserField"_qs, login));
    DRIVE(typeInto(u"loginPasswordField"_qs, password));
    DRIVE(click(u"loginButton"_qs));
    QTRY_VERIFY2_WITH_TIMEOUT(session_->loggedIn(), qPrintable(session_->lastError()), 20'000);
    QCOMPARE(session_->userLogin(), login);
    DRIVE(waitForPage(u"homePage"_qs));
    QTRY_VERIFY2_WITH_TIMEOUT(session_->everSynced() && session_->syncState() == u"synced"_qs,
                              qPrintable(session_->syncState() + u" "_qs + session_->lastError()),
                              kSyncTimeoutMs);
}

void QmlDriver::signOut() {
    QMetaObject::invokeMethod(session_.get(), "logout");
    DRIVE(waitForPage(u"loginPage"_qs));
}

void QmlDriver::syncAndWait() {
    // A sync already running may have started before the last change: wait for the next one.
    QSignalSpy finished(session_.get(), &AppSession::syncFinished);
    const int needed = session_->syncState() == u"syncing"_qs ? 2 : 1;
    session_->syncNow();
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() >= needed, kSyncTimeoutMs);
    QTRY_VERIFY2_WITH_TIMEOUT(
        session_->pendingCount() == 0 && session_->syncState() == u"synced"_qs,
        qPrintable(session_->syncState() + u" "_qs + session_->lastError()), kSyncTimeoutMs);
}

double QmlDriver::contrastRatio(const QColor& a, const QColor& b) {
    const auto luminance = [](const QColor& c) {
        const auto channel = [](double v) {
            return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
        };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) +
               0.0722 * channel(c.blueF());
    };
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

namespace {
QColor colorOf(QObject* o) {
    return o ? o->property("color").value<QColor>() : QColor();
}

/// `top` drawn over the opaque `back`.
QColor over(const QColor& top, const QColor& back) {
    const double a = top.alphaF();
    return QColor::fromRgbF(float(top.redF() * a + back.redF() * (1 - a)),
                            float(top.greenF() * a + back.greenF() * (1 - a)),
                            float(top.blueF() * a + back.blueF() * (1 - a)));
}

/// The popup's rows: visible buttons (MenuItem, ItemDelegate) with text.
QList<QQuickItem*> popupRows(QQuickItem* root) {
    QList<QQuickItem*> rows;
    for (auto* child : root->childItems()) {
        if (child->inherits("QQuickAbstractButton") && child->isVisible() &&
            !child->property("text").toString().isEmpty()) {
            rows << child;
        } else {
            rows << popupRows(child);
        }
    }
    return rows;
}
} // namespace

void QmlDriver::checkPopupContrast(QObject* popup, const QString& what) {
    QVERIFY2(popup && popup->property("opened").toBool(), qPrintable(what + u" is not open"_qs));
    const auto back = colorOf(popup->property("background").value<QQuickItem*>());
    QVERIFY2(back.isValid() && back.alpha() == 255,
             qPrintable(what + u": no opaque background"_qs));
    auto* content = popup->property("contentItem").value<QQuickItem*>();
    QVERIFY(content);
    const auto rows = popupRows(content);
    QVERIFY2(!rows.isEmpty(), qPrintable(what + u" has no rows"_qs));
    const auto check = [&](QQuickItem* row) {
        const auto text = colorOf(row->property("contentItem").value<QQuickItem*>());
        auto* bgItem = row->property("background").value<QQuickItem*>();
        auto behind = back;
        if (bgItem && bgItem->isVisible() && colorOf(bgItem).alpha() > 0) {
            behind = over(colorOf(bgItem), back);
        }
        const double ratio = contrastRatio(text, behind);
        QVERIFY2(ratio >= 4.5,
                 qPrintable(u"%1, row \"%2\"%3: text %4 on %5 is %6:1 (WCAG asks 4.5:1)"_qs.arg(
                     what, row->property("text").toString(),
                     row->property("highlighted").toBool() ? u" (highlighted)"_qs : QString(),
                     text.name(), behind.name(), QString::number(ratio, 'f', 2))));
    };
    for (auto* row : rows) {
        DRIVE(check(row));
    }
    // Each row highlighted in turn, as the mouse or the keyboard does.
    QSet<QQuickItem*> seen;
    for (int i = 0; i < rows.size() * 2 && seen.size() < rows.size(); ++i) {
        QTest::keyClick(window_, Qt::Key_Down);
        QQuickItem* lit = nullptr;
        for (auto* row : popupRows(content)) {
            lit = row->property("highlighted").toBool() ? row : lit;
        }
        if (lit && !seen.contains(lit)) {
            seen.insert(lit);
            DRIVE(check(lit));
        }
    }
    QVERIFY2(!seen.isEmpty(), qPrintable(what + u": the Down key highlighted no row"_qs));
}

} // namespace fieldbook::test
