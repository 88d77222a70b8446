// SPDX-License-Identifier: MIT
// Logs a contact (a meeting by default) in a client's history. Saved at
// once on the device; it syncs by itself (SPEC §3.2, §3.3).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Backend
import Fieldbook.Ui

Page {
    id: page
    objectName: "logMeetingPage"
    title: card ? qsTr("Log contact \u00B7 %1").arg(card.name) : qsTr("Log contact")

    required property string clientId
    property ClientCard card: null

    signal done()

    function save() {
        errorLabel.text = ""
        const id = AppSession.logHistory(page.clientId, kindBox.currentValue,
                                         summaryField.text, dealBox.currentValue || "")
        if (id.length > 0)
            page.done()
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

            Label { text: qsTr("What was it?") }
            ComboBox {
                id: kindBox
                objectName: "meetingKindBox"
                model: AppSession.historyKinds()
                textRole: "text"
                valueRole: "value"
                Layout.fillWidth: true
            }
            Label { text: qsTr("About which deal?") }
            ComboBox {
                id: dealBox
                objectName: "meetingDealBox"
                model: page.card ? page.card.dealChoices() : []
                textRole: "text"
                valueRole: "value"
                Layout.fillWidth: true
            }
            Label { text: qsTr("What was discussed and agreed?") }
            TextArea {
                id: summaryField
                objectName: "meetingSummaryField"
                placeholderText: qsTr("e.g. Showed the GTX demo; they want a proposal for 20 seats by Friday.")
                wrapMode: TextArea.Wrap
                selectByMouse: true
                focus: true
                Layout.fillWidth: true
                Layout.minimumHeight: 140
                onTextChanged: if (activeFocus) errorLabel.text = ""
                background: Rectangle {
                    color: Theme.surface
                    border.width: summaryField.activeFocus ? 2 : 1
                    border.color: summaryField.activeFocus ? Theme.primary : Theme.divider
                }
            }
            FormError {
                id: errorLabel
                objectName: "meetingErrorLabel"
                Layout.fillWidth: true
            }
            RowLayout {
                Layout.fillWidth: true
                Layout.topMargin: 8
                Button {
                    objectName: "cancelMeetingButton"
                    text: qsTr("Cancel")
                    flat: true
                    onClicked: page.done()
                }
                Item { Layout.fillWidth: true }
                Button {
                    objectName: "saveMeetingButton"
                    text: qsTr("Save")
                    highlighted: true
                    // Always enabled: an empty summary gets its reason under
                    // the field (empty_summary) instead of a dead button.
                    onClicked: page.save()
                }
            }
        }
    }
}
