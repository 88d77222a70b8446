// SPDX-License-Identifier: MIT
// A form's error message: what went wrong and what to do.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material

Label {
    visible: text.length > 0
    wrapMode: Text.Wrap
    color: Material.color(Material.Red, Material.Shade700)
    font.pixelSize: 14
}
