// SPDX-License-Identifier: MIT
#pragma once

// Drives the real Fieldbook.Ui scene (QT_QPA_PLATFORM=offscreen) the way a
// user does: finds items by objectName, clicks them with the mouse, types
// with the keyboard, and saves screenshots of what is on screen. The
// helpers report failures with QtTest macros; after calling one, a test
// function stops with `if (QTest::currentTestFailed()) return;` (DRIVE()).

#include "app_options.h"
#include "app_session.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QString>
#include <QTranslator>

#include <memory>
#include <vector>

/// Runs one driver step and leaves the test function when it failed.
#define DRIVE(step)                                                                                \
    do {                                                                                           \
        step;                                                                                      \
        if (QTest::currentTestFailed())                                                            \
            return;                                                                                \
    } while (false)

namespace fieldbook::test {

/// Phone and desktop sizes of the screenshots (issue 3: 400x800 and 1280x800).
inline constexpr QSize kPhone{400, 800};
inline constexpr QSize kDesktop{1280, 800};
/// How long a sync through the real server may take in a test.
inline constexpr int kSyncTimeoutMs = 60'000;

class QmlDriver {
  public:
    QmlDriver() = default;
    ~QmlDriver();
    QmlDriver(const QmlDriver&) = delete;
    QmlDriver& operator=(const QmlDriver&) = delete;

    /// Opens an AppSession on `options` and loads Main.qml into a phone-size
    /// window, in English (the en translation: plural forms). Screenshots go
    /// to `screenshotDir`.
    void start(app::AppOptions options, const QString& screenshotDir);
    /// Destroys the scene and the session (before the server stops).
    void stop();

    AppSession* session() const { return session_.get(); }
    QQuickWindow* window() const { return window_; }
    QQmlApplicationEngine* engine() const { return engine_.get(); }

    /// The first object named `name` in the scene (items, popups, models).
    QObject* object(const QString& name) const;
    QQuickItem* item(const QString& name) const;
    /// The StackView's current page.
    QQuickItem* currentPage() const;

    /// Waits until the page named `name` is on top and its transition ended.
    void waitForPage(const QString& name);
    /// Waits until the popup (Dialog) named `name` is open (or closed).
    void waitForPopup(const QString& name, bool open = true);
    /// Clicks the middle of an item with the mouse (it must be visible,
    /// enabled and inside the window).
    void click(QQuickItem* target);
    void click(const QString& name);
    /// Clicks a text field and types `text` over what it holds.
    void typeInto(const QString& fieldName, const QString& text);
    /// Sets a ChoiceBox's value (the choice's value, e.g. a code or an id).
    void choose(const QString& boxName, const QString& value);
    /// Scrolls the Flickable that holds `target` so that it is on screen.
    void scrollTo(QQuickItem* target);
    /// Saves a screenshot of the window as NAME-400x800.png and
    /// NAME-1280x800.png, then returns to the phone size.
    void screenshots(const QString& name);
    /// One screenshot at `size`.
    void screenshot(const QString& name, QSize size);
    /// Resizes the window and lets the layouts settle.
    void resize(QSize size);
    /// Wraps the model named `name` (or the model property of an item) in a
    /// QAbstractItemModelTester for the rest of the run.
    void testModel(QAbstractItemModel* model);

    /// Signs in through the login form and waits for the first sync.
    void signIn(const QString& serverUrl, const QString& login, const QString& password);
    /// Signs out through AppSession and waits for the login page.
    void signOut();
    /// Asks for a sync now and waits until nothing is pending and it synced.
    void syncAndWait();

    /// WCAG 2.x contrast ratio of two opaque colours (1 to 21).
    static double contrastRatio(const QColor& a, const QColor& b);
    /// Checks that every row of the open `popup` (a Menu's items or a
    /// ComboBox's delegates) draws its text at a contrast of at least 4.5:1
    /// (WCAG 1.4.3) on what is behind it (the row's background if drawn,
    /// else the popup's), as it is and highlighted: each row is highlighted
    /// in turn with the Down key, as a hover does. The popup must have focus.
    void checkPopupContrast(QObject* popup, const QString& what);

  private:
    QTranslator english_;
    std::unique_ptr<AppSession> session_;
    std::unique_ptr<QQmlApplicationEngine> engine_;
    QQuickWindow* window_ = nullptr;
    QString screenshotDir_;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> testers_;
};

} // namespace fieldbook::test
