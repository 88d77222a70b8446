// SPDX-License-Identifier: MIT
// The author corrects a history entry (SPEC §2: history is append-only; the
// earlier text is kept and shown). Open with show(entryId, summary).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Backend
import Fieldbook.Ui

FormDialog {
    id: dialog
    name: "correctHistoryDialog"
    title: qsTr("Correct the entry")
    submitText: qsTr("Save correction")
    submitEnabled: summaryField.text.trim().length > 0 && summaryField.text !== original
    error: card ? card.error : ""

    required property ClientCard card
    property string entryId: ""
    property string original: ""

    function show(id, summary) {
        entryId = id
        original = summary
        summaryField.text = summary
        card.clearError()
        open()
    }
    onSubmit: if (card.correctHistory(entryId, summaryField.text)) close()

    Label {
        text: qsTr("The earlier text stays in the history under the entry.")
        color: Theme.muted
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }
    TextArea {
        id: summaryField
        objectName: "correctSummaryField"
        wrapMode: TextArea.Wrap
        selectByMouse: true
        Layout.fillWidth: true
        Layout.minimumHeight: 120
        background: Rectangle {
            color: Theme.surface
            border.width: summaryField.activeFocus ? 2 : 1
            border.color: summaryField.activeFocus ? Theme.primary : Theme.divider
        }
    }
}
