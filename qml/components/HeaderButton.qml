// SPDX-License-Identifier: MIT
// A flat tool button for bars: no face until pressed.
import QtQuick
import QtQuick.Controls
import Fieldbook.Ui

ToolButton {
    id: button
    property color foreground: Theme.text
    implicitWidth: Math.max(44, implicitContentWidth + leftPadding + rightPadding)
    implicitHeight: 44
    contentItem: Label {
        text: button.text
        font: button.font
        color: button.foreground
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
    }
    background: Rectangle {
        radius: 4
        color: button.foreground
        opacity: button.down ? 0.2 : button.hovered ? 0.08 : 0
    }
    ToolTip.visible: hovered && Accessible.name.length > 0 && Accessible.name !== text
    ToolTip.text: Accessible.name
    ToolTip.delay: 600
}
