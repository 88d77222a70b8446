// SPDX-License-Identifier: MIT
// Adds a contact person to the client (SPEC §2 "Contact person").
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Backend
import Fieldbook.Ui

FormDialog {
    id: dialog
    name: "addContactDialog"
    title: qsTr("New contact person")
    submitText: qsTr("Add contact")
    submitEnabled: nameField.text.trim().length > 0
    error: card ? card.error : ""

    required property ClientCard card

    onAboutToShow: {
        card.clearError()
        for (const f of [nameField, positionField, phoneField, emailField, faxField])
            f.text = ""
        deciderBox.checked = false
        nameField.forceActiveFocus()
    }
    onSubmit: {
        if (card.addContact({ name: nameField.text, position: positionField.text,
                              phone: phoneField.text, email: emailField.text,
                              fax: faxField.text, decision_maker: deciderBox.checked }))
            close()
    }

    FormField {
        label: qsTr("Name *")
        TextField {
            id: nameField
            objectName: "contactNameField"
            selectByMouse: true
            Layout.fillWidth: true
        }
    }
    FormField {
        label: qsTr("Position")
        TextField {
            id: positionField
            objectName: "contactPositionField"
            selectByMouse: true
            Layout.fillWidth: true
        }
    }
    FormField {
        label: qsTr("Phone")
        TextField {
            id: phoneField
            objectName: "contactPhoneField"
            selectByMouse: true
            inputMethodHints: Qt.ImhDialableCharactersOnly
            Layout.fillWidth: true
        }
    }
    FormField {
        label: qsTr("E-mail")
        TextField {
            id: emailField
            objectName: "contactEmailField"
            selectByMouse: true
            inputMethodHints: Qt.ImhEmailCharactersOnly
            Layout.fillWidth: true
        }
    }
    FormField {
        label: qsTr("Fax")
        TextField {
            id: faxField
            objectName: "contactFaxField"
            selectByMouse: true
            inputMethodHints: Qt.ImhDialableCharactersOnly
            Layout.fillWidth: true
        }
    }
    CheckBox {
        id: deciderBox
        objectName: "contactDecisionMakerBox"
        text: qsTr("Makes the decision")
    }
}
