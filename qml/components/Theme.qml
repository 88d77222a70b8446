// SPDX-License-Identifier: MIT
// The UI's colours and sizes in one place. The Basic style is used because it
// needs no shader effects: Material's shadows (layer effects) vanish, with
// the backgrounds they draw, on the software scene graph of machines without
// OpenGL and of QT_QPA_PLATFORM=offscreen.
pragma Singleton
import QtQuick

QtObject {
    readonly property color primary: "#1F4E79"
    readonly property color primaryLight: "#DCE7F2"
    /// Selected text's background and the focus ring (palette.highlight):
    /// Theme.text on it 4.7:1, it on white 3.4:1 (WCAG).
    readonly property color selection: "#5B8FC7"
    readonly property color textOnPrimary: "#FFFFFF"
    readonly property color accent: "#2E7D32"
    readonly property color danger: "#C62828"
    readonly property color warning: "#B26A00"
    readonly property color warningDot: "#F2B233"
    readonly property color warningBack: "#FFF4D6"
    readonly property color warningText: "#6B4A00"
    readonly property color dangerBack: "#FDECEA"
    readonly property color syncedDot: "#7BC67E"
    readonly property color syncingDot: "#90CAF9"
    readonly property color offlineDot: "#EF7B7B"
    readonly property color text: "#1F2328"
    readonly property color muted: "#656D76"
    readonly property color divider: "#D8DEE4"
    readonly property color window: "#F6F8FA"
    readonly property color surface: "#FFFFFF"
    readonly property color subtle: "#EEF1F4"
    readonly property color wonBack: "#D7F0DA"
    readonly property color lostBack: "#F9D9D9"
    readonly property color openBack: "#DCE7F2"

    readonly property int headerHeight: 52
    readonly property int contentMaxWidth: 760
}
