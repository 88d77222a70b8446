// SPDX-License-Identifier: MIT
// A tab with an underline for the current one.
import QtQuick
import QtQuick.Controls
import Fieldbook.Ui

TabButton {
    id: tab
    implicitHeight: 44
    font.bold: checked
    contentItem: Label {
        text: tab.text
        font: tab.font
        color: tab.checked ? Theme.primary : Theme.muted
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        elide: Text.ElideRight
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
