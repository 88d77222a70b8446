// SPDX-License-Identifier: MIT
// A warning that does not block: an overlap, a probable duplicate.
import QtQuick
import QtQuick.Controls
import Fieldbook.Ui

Label {
    visible: text.length > 0
    wrapMode: Text.Wrap
    color: Theme.warningText
    padding: 8
    background: Rectangle {
        color: Theme.warningBack
        radius: 4
        border.color: Theme.warningDot
    }
}
