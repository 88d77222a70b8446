// SPDX-License-Identifier: MIT
// A small rounded label: a status, an outcome, "corrected".
import QtQuick
import QtQuick.Controls
import Fieldbook.Ui

Label {
    property color back: Theme.openBack
    font.pixelSize: 12
    leftPadding: 6
    rightPadding: 6
    topPadding: 2
    bottomPadding: 2
    color: Theme.text
    background: Rectangle {
        radius: 3
        color: parent.back
    }
}
