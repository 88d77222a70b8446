// SPDX-License-Identifier: MIT
// Sends a template document to a contact (SPEC §3.10): the request is
// queued on the device and the server sends it. Open with
// show(contactId, contactName, email, fax).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Backend
import Fieldbook.Ui

FormDialog {
    id: dialog
    name: "sendDocumentDialog"
    title: qsTr("Send a document to %1").arg(contactName)
    submitText: qsTr("Send")
    submitEnabled: templateBox.value.length > 0
    error: card ? card.error : ""

    required property ClientCard card
    property string contactId: ""
    property string contactName: ""
    property string email: ""
    property string fax: ""

    function show(id, name, mail, faxNumber) {
        contactId = id
        contactName = name
        email = mail
        fax = faxNumber
        templateBox.value = ""
        emailButton.checked = mail.length > 0 || faxNumber.length === 0
        faxButton.checked = !emailButton.checked
        card.clearError()
        open()
    }
    onSubmit: {
        if (card.queueMailing(contactId, templateBox.value, faxButton.checked ? "fax" : "email"))
            close()
    }

    FormField {
        label: qsTr("Document")
        ChoiceBox {
            id: templateBox
            objectName: "mailingTemplateBox"
            source: "templates"
            Layout.fillWidth: true
        }
    }
    FormField {
        label: qsTr("Send by")
        RadioButton {
            id: emailButton
            objectName: "mailingEmailButton"
            onToggled: dialog.card.clearError()
            text: dialog.email.length > 0 ? qsTr("E-mail to %1").arg(dialog.email)
                                          : qsTr("E-mail (no address yet)")
            Layout.fillWidth: true
        }
        RadioButton {
            id: faxButton
            objectName: "mailingFaxButton"
            onToggled: dialog.card.clearError()
            text: dialog.fax.length > 0 ? qsTr("Fax to %1").arg(dialog.fax)
                                        : qsTr("Fax (no number yet)")
            Layout.fillWidth: true
        }
    }
    Label {
        text: qsTr("The request waits on this device until it syncs; the server then sends it "
                   + "and its status shows under Mailings.")
        color: Theme.muted
        wrapMode: Text.Wrap
        font.pixelSize: 13
        Layout.fillWidth: true
    }
}
