// SPDX-License-Identifier: MIT
// A form's error message: what went wrong and what to do.
import QtQuick
import QtQuick.Controls
import Fieldbook.Ui

Label {
    visible: text.length > 0
    wrapMode: Text.Wrap
    color: Theme.danger
    font.pixelSize: 14
}
