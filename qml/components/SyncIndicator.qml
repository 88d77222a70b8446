// SPDX-License-Identifier: MIT
// Shows where the device's data stands: offline, syncing, n pending, or
// "synced at hh:mm". Tap to sync now; hover or press-and-hold for the last error.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Backend
import Fieldbook.Ui

Control {
    id: root
    objectName: "syncIndicator"

    readonly property string syncState: AppSession.syncState
    readonly property string text: {
        switch (syncState) {
        case "syncing":
            return qsTr("syncing\u2026")
        case "pending":
            return qsTr("%n pending", "", AppSession.pendingCount)
        case "synced":
            return AppSession.lastSyncText
        default:
            return AppSession.pendingCount > 0
                    ? qsTr("offline \u00B7 %n pending", "", AppSession.pendingCount)
                    : qsTr("offline")
        }
    }
    readonly property color dotColor: {
        switch (syncState) {
        case "syncing":
            return Theme.syncingDot
        case "pending":
            return Theme.warningDot
        case "synced":
            return Theme.syncedDot
        default:
            return Theme.offlineDot
        }
    }

    padding: 6
    hoverEnabled: true
    Accessible.role: Accessible.StatusBar
    Accessible.name: text

    contentItem: RowLayout {
        spacing: 6
        Rectangle {
            implicitWidth: 10
            implicitHeight: 10
            radius: 5
            color: root.dotColor
            SequentialAnimation on opacity {
                running: root.syncState === "syncing"
                loops: Animation.Infinite
                alwaysRunToEnd: true
                NumberAnimation { to: 0.3; duration: 500 }
                NumberAnimation { to: 1.0; duration: 500 }
            }
        }
        Label {
            objectName: "syncIndicatorLabel"
            text: root.text
            font.pixelSize: 13
            color: Theme.textOnPrimary
        }
    }

    background: Rectangle {
        radius: height / 2
        color: tapArea.pressed ? "#33FFFFFF" : "#1AFFFFFF"
    }

    TapHandler {
        id: tapArea
        onTapped: AppSession.syncNow()
        onLongPressed: errorTip.visible = AppSession.lastError.length > 0
    }

    ToolTip {
        id: errorTip
        text: AppSession.lastError.length > 0 ? AppSession.lastError
                                              : qsTr("Tap to sync now")
        visible: root.hovered
        delay: 500
        timeout: 6000
        width: Math.min(360, root.Window.width - 24)
        contentItem: Label {
            text: errorTip.text
            wrapMode: Label.Wrap
            color: "white"
        }
    }
}
