// SPDX-License-Identifier: MIT
// A section title with an optional action button on the right.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Ui

RowLayout {
    id: root
    property string text: ""
    property string actionText: ""
    property string actionName: ""
    property bool actionVisible: actionText.length > 0
    signal action()

    spacing: 8
    Layout.fillWidth: true
    Layout.topMargin: 8

    Label {
        text: root.text
        font.pixelSize: 16
        font.bold: true
        elide: Label.ElideRight
        Layout.fillWidth: true
    }
    LinkButton {
        objectName: root.actionName
        visible: root.actionVisible
        text: root.actionText
        onClicked: root.action()
    }
}
