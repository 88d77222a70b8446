// SPDX-License-Identifier: MIT
// Plans a visit to a client, for oneself or (telemarketing, support, head)
// for another manager (SPEC §2 "Planned activity", §3.4).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Backend
import Fieldbook.Ui

Page {
    id: page
    objectName: "planVisitPage"
    title: qsTr("Plan visit")

    required property string clientId

    signal done()

    // The next full hour today, or 09:00 tomorrow when that is past midnight.
    function defaultStart() {
        const d = new Date()
        d.setMinutes(0, 0, 0)
        d.setHours(d.getHours() + 1)
        if (d.getDate() !== new Date().getDate())
            d.setHours(9)
        return d
    }

    function save() {
        errorLabel.text = ""
        const id = AppSession.planVisit(page.clientId, dateField.text, timeField.text,
                                        durationBox.value, purposeField.text,
                                        users.loginAt(assigneeBox.currentIndex))
        if (id.length > 0)
            page.done()
    }

    UserListModel {
        id: users
        session: AppSession
    }

    Connections {
        target: AppSession
        function onEditFailed(message) { errorLabel.text = message }
    }

    Flickable {
        anchors.fill: parent
        contentHeight: form.implicitHeight + 32
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar {}

        ColumnLayout {
            id: form
            width: Math.min(parent.width - 32, 640)
            x: (parent.width - width) / 2
            y: 16
            spacing: 8

            GridLayout {
                columns: 2
                columnSpacing: 12
                Layout.fillWidth: true
                Label { text: qsTr("Date") }
                Label { text: qsTr("Time") }
                TextField {
                    id: dateField
                    objectName: "visitDateField"
                    text: Qt.formatDate(page.defaultStart(), "yyyy-MM-dd")
                    placeholderText: qsTr("YYYY-MM-DD")
                    inputMethodHints: Qt.ImhDate
                    selectByMouse: true
                    Layout.fillWidth: true
                }
                TextField {
                    id: timeField
                    objectName: "visitTimeField"
                    text: Qt.formatTime(page.defaultStart(), "HH:mm")
                    placeholderText: qsTr("HH:MM")
                    inputMethodHints: Qt.ImhTime
                    selectByMouse: true
                    Layout.fillWidth: true
                }
            }
            Label { text: qsTr("Duration, minutes") }
            SpinBox {
                id: durationBox
                objectName: "visitDurationField"
                from: 15
                to: 480
                stepSize: 15
                value: 60
                editable: true
            }
            Label { text: qsTr("Purpose") }
            TextField {
                id: purposeField
                objectName: "visitPurposeField"
                placeholderText: qsTr("e.g. Demonstrate GTX Pro to the IT team")
                selectByMouse: true
                Layout.fillWidth: true
            }
            Label { text: qsTr("Who visits") }
            ComboBox {
                id: assigneeBox
                objectName: "visitAssigneeBox"
                model: users
                textRole: "label"
                Layout.fillWidth: true
                currentIndex: users.count > 0 ? users.indexOfLogin(AppSession.userLogin) : -1
            }
            FormError {
                id: errorLabel
                objectName: "visitErrorLabel"
                Layout.fillWidth: true
            }
            RowLayout {
                Layout.fillWidth: true
                Layout.topMargin: 8
                Button {
                    objectName: "cancelVisitButton"
                    text: qsTr("Cancel")
                    flat: true
                    onClicked: page.done()
                }
                Item { Layout.fillWidth: true }
                Button {
                    objectName: "saveVisitButton"
                    text: qsTr("Save")
                    highlighted: true
                    onClicked: page.save()
                }
            }
        }
    }
}
