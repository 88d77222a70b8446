// SPDX-License-Identifier: MIT
// A tab with an underline for the current one, and an optional count badge
// (e.g. the conflicts that want the user's eye).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Ui

TabButton {
    id: tab
    property int badgeCount: 0
    implicitHeight: 44
    font.bold: checked
    contentItem: Item {
        implicitWidth: row.implicitWidth
        implicitHeight: row.implicitHeight
        RowLayout {
            id: row
            anchors.centerIn: parent
            width: Math.min(implicitWidth, parent.width)
            spacing: 6
            Label {
                text: tab.text
                font: tab.font
                color: tab.checked ? Theme.primary : Theme.muted
                horizontalAlignment: Text.AlignHCenter
                verticalAlignment: Text.AlignVCenter
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Label {
                objectName: tab.objectName.length > 0 ? tab.objectName + "Badge" : ""
                visible: tab.badgeCount > 0
                text: tab.badgeCount
                color: Theme.textOnPrimary
                font.pixelSize: 12
                font.bold: true
                horizontalAlignment: Text.AlignHCenter
                leftPadding: 6
                rightPadding: 6
                topPadding: 1
                bottomPadding: 1
                Layout.minimumWidth: 20
                background: Rectangle {
                    radius: height / 2
                    color: Theme.danger
                }
            }
        }
    }
    background: Rectangle {
        color: tab.down ? Theme.subtle : Theme.surface
        Rectangle {
            width: parent.width
            height: 3
            anchors.bottom: parent.bottom
            color: Theme.primary
            visible: tab.checked
        }
    }
}
