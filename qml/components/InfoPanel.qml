// SPDX-License-Identifier: MIT
// A white panel with a thin border that groups a section's content.
import QtQuick
import QtQuick.Controls
import Fieldbook.Ui

Pane {
    padding: 12
    background: Rectangle {
        color: Theme.surface
        radius: 6
        border.color: Theme.divider
    }
}
