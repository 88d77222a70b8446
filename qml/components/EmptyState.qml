// SPDX-License-Identifier: MIT
// A centred hint shown where a list has nothing to show.
import QtQuick
import QtQuick.Controls

Label {
    horizontalAlignment: Text.AlignHCenter
    verticalAlignment: Text.AlignVCenter
    wrapMode: Text.Wrap
    opacity: 0.6
    font.pixelSize: 15
    padding: 24
}
