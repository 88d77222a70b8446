// SPDX-License-Identifier: MIT
// The head chooses another manager: a client's curator (SPEC §3.5).
// `chosen` carries the user id; the owner runs the edit and closes the
// dialog or sets `error`.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Backend
import Fieldbook.Ui

FormDialog {
    id: dialog
    name: "reassignDialog"
    title: qsTr("Give the client to another manager")
    submitText: qsTr("Reassign")
    submitEnabled: userBox.value !== currentId

    property string currentId: ""
    property string currentName: ""
    signal chosen(string userId)

    onAboutToShow: {
        userBox.value = ""
        error = ""
        choiceError.text = ""
    }
    // No one chosen: the reason under the list, not a dead button.
    onSubmit: {
        if (userBox.value.length === 0) {
            choiceError.text = qsTr("Choose the manager to give it to.")
            return
        }
        chosen(userBox.value)
    }

    Label {
        text: dialog.currentName.length > 0 ? qsTr("Now: %1").arg(dialog.currentName)
                                             : qsTr("Nobody curates it now.")
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }
    FormField {
        label: qsTr("New curator")
        ChoiceBox {
            id: userBox
            objectName: "reassignUserBox"
            source: "users:manager,head"
            Layout.fillWidth: true
            onActivated: choiceError.text = ""
        }
    }
    FormError {
        id: choiceError
        objectName: "reassignChoiceError"
        Layout.fillWidth: true
    }
    Label {
        text: qsTr("The card, its history, deals and plans move to the new curator's device.")
        color: Theme.muted
        wrapMode: Text.Wrap
        font.pixelSize: 13
        Layout.fillWidth: true
    }
}
