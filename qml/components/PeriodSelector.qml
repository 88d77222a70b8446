// SPDX-License-Identifier: MIT
// The period of the reports: all time, this month, the last 12 months, this
// year, last year, or a chosen range. `from` and `to` are "YYYY-MM-DD" (the
// API's dates; `to` includes its whole day) or empty for no bound.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Ui

ColumnLayout {
    id: root
    property string from: ""
    property string to: ""
    /// The user chose another period.
    signal periodChosen()
    spacing: 4

    function iso(d) {
        return Qt.formatDate(d, "yyyy-MM-dd")
    }
    function apply(index) {
        const now = new Date()
        const y = now.getFullYear()
        switch (index) {
        case 0: root.from = ""; root.to = ""; break
        case 1: root.from = iso(new Date(y, now.getMonth(), 1)); root.to = iso(now); break
        case 2: root.from = iso(new Date(y - 1, now.getMonth(), now.getDate() + 1)); root.to = iso(now); break
        case 3: root.from = iso(new Date(y, 0, 1)); root.to = iso(new Date(y, 11, 31)); break
        case 4: root.from = iso(new Date(y - 1, 0, 1)); root.to = iso(new Date(y - 1, 11, 31)); break
        default:
            fromField.text = root.from
            toField.text = root.to
            return
        }
        root.periodChosen()
    }

    RowLayout {
        Layout.fillWidth: true
        Label {
            text: qsTr("Period")
            color: Theme.muted
        }
        ComboBox {
            id: box
            objectName: "periodBox"
            Layout.fillWidth: true
            model: [qsTr("All time"), qsTr("This month"), qsTr("Last 12 months"),
                    qsTr("This year"), qsTr("Last year"), qsTr("Dates\u2026")]
            onActivated: index => root.apply(index)
        }
    }
    GridLayout {
        visible: box.currentIndex === 5
        columns: root.width > 640 ? 4 : 1
        Layout.fillWidth: true
        DateField {
            id: fromField
            fieldName: "periodFromField"
            Layout.fillWidth: true
        }
        DateField {
            id: toField
            fieldName: "periodToField"
            Layout.fillWidth: true
        }
        Button {
            objectName: "periodApplyButton"
            text: qsTr("Show")
            highlighted: true
            onClicked: {
                root.from = fromField.text.trim()
                root.to = toField.text.trim()
                root.periodChosen()
            }
        }
    }
}
