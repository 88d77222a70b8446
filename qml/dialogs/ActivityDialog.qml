// SPDX-License-Identifier: MIT
// One planned activity (SPEC §2 "Planned activity"): mark it done with what
// was discussed (this writes the history entry), cancel it or mark it
// missed; the head and the admin give it to another manager. Open with
// show(activityId).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Backend
import Fieldbook.Ui

FormDialog {
    id: dialog
    name: "activityDialog"
    title: actions.exists ? qsTr("%1 \u00B7 %2").arg(actions.kindLabel).arg(actions.clientName)
                          : qsTr("Activity")
    submitText: qsTr("Open client card")
    submitVisible: actions.exists
    cancelText: qsTr("Close")
    // An action's error shows beside what it needs: "done" under the
    // summary, "reassign" under the manager; others in the footer.
    error: errorAt.length > 0 ? "" : actions.error
    property string errorAt: ""

    readonly property bool planned: actions.status === "planned"
    property alias activityId: actions.activityId

    signal openClient(string clientId)

    function show(id) {
        actions.activityId = id
        actions.clearError()
        errorAt = ""
        summaryField.text = ""
        kindBox.value = actions.historyKind
        assigneeBox.value = ""
        open()
    }

    // Runs `action` (returns true on success) and closes, or keeps the
    // dialog open with the error shown at `place` ("done", "reassign", "").
    function act(place, action) {
        errorAt = place
        if (action())
            close()
    }

    ActivityActions {
        id: actions
        objectName: "activityActions"
        session: AppSession
    }

    onSubmit: {
        close()
        openClient(actions.clientId)
    }

    GridLayout {
        columns: 2
        columnSpacing: 12
        rowSpacing: 4
        Layout.fillWidth: true

        Label { text: qsTr("When"); color: Theme.muted }
        Label {
            text: actions.whenText
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label { text: qsTr("Purpose"); color: Theme.muted; visible: actions.purpose.length > 0 }
        Label {
            text: actions.purpose
            visible: text.length > 0
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label { text: qsTr("Place"); color: Theme.muted; visible: actions.place.length > 0 }
        Label {
            text: actions.place
            visible: text.length > 0
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label { text: qsTr("Who"); color: Theme.muted }
        Label {
            objectName: "activityAssigneeLabel"
            text: actions.authorName.length > 0 && actions.authorName !== actions.assigneeName
                  ? qsTr("%1 (planned by %2)").arg(actions.assigneeName).arg(actions.authorName)
                  : actions.assigneeName
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label { text: qsTr("Status"); color: Theme.muted }
        Badge {
            objectName: "activityStatusLabel"
            text: actions.statusLabel
            back: actions.status === "done" ? Theme.wonBack
                : actions.status === "planned" ? Theme.openBack : Theme.lostBack
        }
        Label { text: qsTr("Result"); color: Theme.muted; visible: actions.result.length > 0 }
        Label {
            text: actions.result
            visible: text.length > 0
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
    }

    ColumnLayout {
        visible: dialog.planned && AppSession.can.complete_activity
        spacing: 8
        Layout.fillWidth: true
        Layout.topMargin: 8

        FormField {
            label: qsTr("What was discussed and agreed?")
            TextArea {
                id: summaryField
                objectName: "activitySummaryField"
                placeholderText: qsTr("e.g. They liked the demo; send the proposal by Friday.")
                wrapMode: TextArea.Wrap
                selectByMouse: true
                Layout.fillWidth: true
                Layout.minimumHeight: 90
                onTextChanged: if (activeFocus && dialog.errorAt === "done") actions.clearError()
                background: Rectangle {
                    color: Theme.surface
                    border.width: summaryField.activeFocus ? 2 : 1
                    border.color: summaryField.activeFocus ? Theme.primary : Theme.divider
                }
            }
        }
        FormField {
            label: qsTr("History entry kind")
            ChoiceBox {
                id: kindBox
                objectName: "activityHistoryKindBox"
                source: "enum:history_kind"
                Layout.fillWidth: true
            }
        }
        FormError {
            objectName: "activityDoneError"
            text: dialog.errorAt === "done" ? actions.error : ""
            Layout.fillWidth: true
        }
        Flow {
            spacing: 8
            Layout.fillWidth: true
            Button {
                objectName: "activityDoneButton"
                text: qsTr("Mark done")
                highlighted: true
                onClicked: dialog.act("done", () => actions.complete(summaryField.text,
                                                                     kindBox.value))
            }
            Button {
                objectName: "activityMissedButton"
                text: qsTr("Missed")
                onClicked: dialog.act("", () => actions.markMissed())
            }
            Button {
                objectName: "activityCancelButton"
                text: qsTr("Cancel activity")
                onClicked: dialog.act("", () => actions.cancel())
            }
        }
    }

    ColumnLayout {
        visible: dialog.planned && AppSession.can.reassign
        spacing: 4
        Layout.fillWidth: true
        Layout.topMargin: 8

        FormField {
            label: qsTr("Give it to another manager")
            RowLayout {
                spacing: 8
                Layout.fillWidth: true
                ChoiceBox {
                    id: assigneeBox
                    objectName: "activityAssigneeBox"
                    source: "users:manager,head"
                    Layout.fillWidth: true
                    Layout.minimumWidth: 120
                }
                Button {
                    objectName: "activityReassignButton"
                    text: qsTr("Reassign")
                    enabled: assigneeBox.value !== actions.assigneeId
                    onClicked: dialog.act("reassign", () => actions.reassign(assigneeBox.value))
                }
            }
        }
        FormError {
            objectName: "activityReassignError"
            text: dialog.errorAt === "reassign" ? actions.error : ""
            Layout.fillWidth: true
        }
    }
}
