// SPDX-License-Identifier: MIT
// The application window: a header with the sync state and a StackView of
// pages (login, or home with Today and Clients, then card and forms).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Backend

ApplicationWindow {
    id: window
    objectName: "mainWindow"
    width: 400
    height: 800
    minimumWidth: 320
    minimumHeight: 480
    visible: true
    title: qsTr("Fieldbook")
    color: Theme.window

    palette.window: Theme.window
    palette.windowText: Theme.text
    palette.base: Theme.surface
    palette.text: Theme.text
    palette.button: Theme.subtle
    palette.buttonText: Theme.text
    // The Basic style draws a hovered or current drop-down row (ItemDelegate,
    // MenuItem) on `light` with `highlightedText` (a delegate) or
    // `windowText` (a menu item), and selected text on `highlight` with
    // `highlightedText`: so `highlightedText` is dark, `light` a tint that
    // tells the row apart from the popup's `window`, and `highlight` light
    // enough for dark text (4.7:1) yet a visible focus ring on white (3.4:1).
    // QmlDriver::checkPopupContrast checks every popup row (WCAG 4.5:1).
    palette.highlight: Theme.selection
    palette.highlightedText: Theme.text
    palette.dark: Theme.primary        // Basic style: a highlighted Button's face
    palette.brightText: Theme.textOnPrimary
    palette.mid: Theme.divider
    palette.midlight: Theme.subtle
    palette.light: Theme.primaryLight
    palette.placeholderText: Theme.muted
    palette.toolTipBase: "#323232"
    palette.toolTipText: "white"
    palette.disabled.dark: Theme.divider
    palette.disabled.brightText: Theme.muted
    palette.disabled.buttonText: Theme.muted
    palette.disabled.text: Theme.muted
    palette.disabled.windowText: Theme.muted // a menu's disabled item (the user's name)

    header: ToolBar {
        objectName: "mainToolBar"
        implicitHeight: Theme.headerHeight
        // No palette of its own: the user menu declared inside the bar
        // inherits it (white text on the light menu); the bar's items set
        // their colours themselves (HeaderButton.foreground, Theme.textOnPrimary).
        background: Rectangle {
            color: Theme.primary
        }

        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 4
            anchors.rightMargin: 4
            spacing: 4

            HeaderButton {
                objectName: "backButton"
                foreground: Theme.textOnPrimary
                text: "\u2039"
                font.pixelSize: 28
                visible: stack.depth > 1
                onClicked: stack.pop()
                Accessible.name: qsTr("Back")
            }
            Label {
                objectName: "pageTitle"
                color: Theme.textOnPrimary
                text: stack.currentItem && stack.currentItem.title ? stack.currentItem.title
                                                                   : qsTr("Fieldbook")
                font.pixelSize: 18
                font.bold: true
                elide: Label.ElideRight
                Layout.fillWidth: true
                Layout.leftMargin: stack.depth > 1 ? 0 : 8
            }
            SyncIndicator {
                visible: AppSession.loggedIn
                Layout.alignment: Qt.AlignVCenter
            }
            HeaderButton {
                objectName: "menuButton"
                foreground: Theme.textOnPrimary
                text: "\u22EE"
                font.pixelSize: 22
                visible: AppSession.loggedIn
                onClicked: userMenu.open()
                Accessible.name: qsTr("Menu")

                Menu {
                    id: userMenu
                    objectName: "userMenu"
                    y: parent.height
                    MenuItem {
                        text: AppSession.userName.length > 0
                              ? qsTr("%1 (%2)").arg(AppSession.userName).arg(AppSession.userLogin)
                              : AppSession.userLogin
                        enabled: false
                    }
                    MenuItem {
                        objectName: "dashboardMenuItem"
                        text: qsTr("Dashboard")
                        // SPEC §5: everyone's figures are the head's, admin's and marketing's.
                        visible: ["head", "admin", "marketing"].includes(AppSession.role)
                        height: visible ? implicitHeight : 0
                        onTriggered: stack.push(dashboardPage)
                    }
                    MenuItem {
                        objectName: "myFiguresMenuItem"
                        text: qsTr("My figures")
                        visible: ["manager", "telemarketing", "support"].includes(AppSession.role)
                        height: visible ? implicitHeight : 0
                        onTriggered: stack.push(myFiguresPage)
                    }
                    MenuItem {
                        objectName: "syncNowMenuItem"
                        text: qsTr("Sync now")
                        onTriggered: AppSession.syncNow()
                    }
                    MenuSeparator {}
                    MenuItem {
                        objectName: "signOutMenuItem"
                        text: qsTr("Sign out")
                        onTriggered: AppSession.logout()
                    }
                }
            }
        }
    }

    SyncFailureBanner {
        id: syncBanner
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        height: implicitHeight
    }

    StackView {
        id: stack
        objectName: "stackView"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.top: syncBanner.bottom
    }

    Component {
        id: loginPage
        LoginPage {}
    }
    Component {
        id: homePage
        HomePage {
            onClientActivated: clientId => window.openClient(clientId)
            onNewClientRequested: stack.push(newClientPage)
        }
    }
    Component {
        id: clientCardPage
        ClientCardPage {
            onClientActivated: clientId => window.openClient(clientId)
        }
    }
    Component {
        id: newClientPage
        NewClientPage {
            onCreated: clientId => stack.replace(clientCardPage, { clientId: clientId })
            onDuplicateActivated: clientId => window.openClient(clientId)
        }
    }

    Component {
        id: dashboardPage
        DashboardPage {
            onManagerActivated: (login, name) => stack.push(managerWorkPage,
                                                            { managerLogin: login, managerName: name })
        }
    }
    Component {
        id: managerWorkPage
        ManagerWorkPage {
            onClientActivated: clientId => window.openClient(clientId)
            onDealActivated: dealId => stack.push(dealPage, { dealId: dealId })
        }
    }
    Component {
        id: myFiguresPage
        MyFiguresPage {
            onDealActivated: dealId => stack.push(dealPage, { dealId: dealId })
        }
    }
    Component {
        id: dealPage
        DealPage {}
    }

    function openClient(clientId) {
        stack.push(clientCardPage, { clientId: clientId })
    }

    function showStart() {
        stack.clear()
        stack.push(AppSession.loggedIn ? homePage : loginPage, {}, StackView.Immediate)
    }

    property bool showingHome: false
    Component.onCompleted: {
        showingHome = AppSession.loggedIn
        showStart()
    }
    Connections {
        target: AppSession
        function onSessionChanged() {
            if (AppSession.loggedIn !== window.showingHome) {
                window.showingHome = AppSession.loggedIn
                window.showStart()
            }
        }
    }

    // Errors of a background sync: each new one shown once, briefly; the
    // indicator keeps saying "offline" and its tooltip keeps the message.
    ToolTip {
        id: syncToast
        objectName: "syncToast"
        timeout: 6000
        x: (window.width - width) / 2
        y: window.height - height - 96
        width: Math.min(window.width - 32, 560)
        contentItem: Label {
            text: syncToast.text
            wrapMode: Label.Wrap
            color: "white"
        }
        background: Rectangle {
            radius: 6
            color: "#323232"
        }
    }
    property string lastToast: ""
    Connections {
        target: AppSession
        function onSyncFailed(message) {
            if (message !== window.lastToast && AppSession.loggedIn) {
                window.lastToast = message
                syncToast.show(message)
            }
        }
        function onSyncFinished() {
            if (AppSession.lastError.length === 0)
                window.lastToast = ""
        }
    }
}
