// SPDX-License-Identifier: MIT
// A date as "yyyy-MM-dd": typed, or picked from a calendar.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Ui

RowLayout {
    id: root
    property alias text: field.text
    property alias fieldName: field.objectName
    spacing: 4

    TextField {
        id: field
        placeholderText: qsTr("YYYY-MM-DD")
        inputMethodHints: Qt.ImhDate
        selectByMouse: true
        Layout.fillWidth: true
        Layout.minimumWidth: 110
    }
    Button {
        objectName: field.objectName + "Calendar"
        text: qsTr("Calendar")
        onClicked: picker.show(field.text)
    }
    DatePickerDialog {
        id: picker
        onPicked: isoDate => field.text = isoDate
    }
}
