// SPDX-License-Identifier: MIT
// A caption above one form control. The control is declared inside, after
// the caption, and should set Layout.fillWidth.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Ui

ColumnLayout {
    id: field
    property string label: ""

    spacing: 2
    Layout.fillWidth: true
    Layout.preferredWidth: 200 // side by side, fields share the width evenly

    Label {
        text: field.label
        font.pixelSize: 13
        color: Theme.muted
        elide: Label.ElideRight
        Layout.fillWidth: true
    }
}
