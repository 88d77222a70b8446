// SPDX-License-Identifier: MIT
// Picks a day from a month calendar. Open with show("yyyy-MM-dd"); `picked`
// carries the chosen day as "yyyy-MM-dd". Each day cell is named
// "datePickerDay_yyyy-MM-dd" for tests.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Ui

Dialog {
    id: dialog
    objectName: "datePicker"
    title: qsTr("Choose a day")

    property int year: new Date().getFullYear()
    property int month: new Date().getMonth()
    property string selected: ""

    signal picked(string isoDate)

    function iso(d) {
        return Qt.formatDate(d, "yyyy-MM-dd")
    }
    function show(isoDate) {
        const d = isoDate && isoDate.length === 10
                ? new Date(Number(isoDate.substr(0, 4)), Number(isoDate.substr(5, 2)) - 1,
                           Number(isoDate.substr(8, 2)))
                : new Date()
        selected = iso(d)
        year = d.getFullYear()
        month = d.getMonth()
        open()
    }
    function shiftMonth(n) {
        const d = new Date(year, month + n, 1)
        year = d.getFullYear()
        month = d.getMonth()
    }

    parent: Overlay.overlay
    anchors.centerIn: parent
    modal: true
    width: Math.min(parent ? parent.width - 24 : 360, 400)
    padding: 12

    background: Rectangle {
        color: Theme.surface
        radius: 8
        border.color: Theme.divider
    }
    header: Label {
        text: dialog.title
        font.pixelSize: 18
        font.bold: true
        padding: 16
        bottomPadding: 0
    }

    contentItem: ColumnLayout {
        spacing: 4
        RowLayout {
            Layout.fillWidth: true
            HeaderButton {
                objectName: "datePickerPrevMonth"
                text: "\u2039"
                font.pixelSize: 24
                onClicked: dialog.shiftMonth(-1)
                Accessible.name: qsTr("Previous month")
            }
            Label {
                objectName: "datePickerMonthLabel"
                text: Qt.locale().standaloneMonthName(dialog.month) + " " + dialog.year
                font.bold: true
                horizontalAlignment: Text.AlignHCenter
                Layout.fillWidth: true
            }
            HeaderButton {
                objectName: "datePickerNextMonth"
                text: "\u203A"
                font.pixelSize: 24
                onClicked: dialog.shiftMonth(1)
                Accessible.name: qsTr("Next month")
            }
        }
        DayOfWeekRow {
            locale: grid.locale
            Layout.fillWidth: true
            delegate: Label {
                required property string shortName
                text: shortName
                font.pixelSize: 12
                color: Theme.muted
                horizontalAlignment: Text.AlignHCenter
            }
        }
        MonthGrid {
            id: grid
            month: dialog.month
            year: dialog.year
            locale: Qt.locale()
            Layout.fillWidth: true
            delegate: Label {
                id: cell
                required property var model
                // From the numbers, not model.date: a QDate reaches JS as a
                // UTC midnight, which is the day before west of Greenwich.
                readonly property string isoDate: String(model.year).padStart(4, "0") + "-"
                                                  + String(model.month + 1).padStart(2, "0") + "-"
                                                  + String(model.day).padStart(2, "0")
                objectName: "datePickerDay_" + isoDate
                text: model.day
                horizontalAlignment: Text.AlignHCenter
                verticalAlignment: Text.AlignVCenter
                topPadding: 10
                bottomPadding: 10
                opacity: model.month === dialog.month ? 1 : 0.35
                font.bold: model.today
                color: isoDate === dialog.selected ? Theme.textOnPrimary
                                                   : model.today ? Theme.primary : Theme.text
                background: Rectangle {
                    anchors.centerIn: parent
                    width: Math.min(parent.width, parent.height) - 4
                    height: width
                    radius: width / 2
                    color: cell.isoDate === dialog.selected ? Theme.primary : "transparent"
                    border.color: cell.model.today ? Theme.primary : "transparent"
                }
                TapHandler {
                    onTapped: {
                        dialog.selected = cell.isoDate
                        dialog.picked(cell.isoDate)
                        dialog.close()
                    }
                }
            }
        }
    }

    footer: DialogButtonBox {
        background: null
        Button {
            objectName: "datePickerTodayButton"
            text: qsTr("Today")
            flat: true
            DialogButtonBox.buttonRole: DialogButtonBox.ActionRole
            onClicked: {
                dialog.selected = dialog.iso(new Date())
                dialog.picked(dialog.selected)
                dialog.close()
            }
        }
        Button {
            objectName: "datePickerCancelButton"
            text: qsTr("Cancel")
            flat: true
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }
}
