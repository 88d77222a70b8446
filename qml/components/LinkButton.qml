// SPDX-License-Identifier: MIT
// A text-only action in the primary colour: "Add", "Correct", "Add contact".
import QtQuick
import QtQuick.Controls
import Fieldbook.Ui

HeaderButton {
    foreground: Theme.primary
    font.bold: true
    font.pixelSize: 14
    leftPadding: 8
    rightPadding: 8
    implicitHeight: 36
}
