// SPDX-License-Identifier: MIT
// Closes a deal (SPEC §3.8): as won, with the contract or invoice number, or
// as lost, with the refusal reason from the list and a comment. A broken
// rule shows here and nothing is saved.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Backend
import Fieldbook.Ui

FormDialog {
    id: dialog
    name: "closeDealDialog"
    title: qsTr("Close the deal")
    submitText: wonButton.checked ? qsTr("Close as won") : qsTr("Close as lost")
    error: deal ? deal.error : ""

    required property DealView deal

    onAboutToShow: {
        deal.clearError()
        wonButton.checked = true
        contractField.text = deal.contractNo
        invoiceField.text = deal.invoiceNo
        reasonBox.value = ""
        commentField.text = ""
    }
    onSubmit: {
        const ok = wonButton.checked ? deal.closeWon(contractField.text, invoiceField.text)
                                     : deal.closeLost(reasonBox.value, commentField.text)
        if (ok)
            close()
    }

    RowLayout {
        spacing: 16
        Layout.fillWidth: true
        RadioButton {
            id: wonButton
            objectName: "closeWonButton"
            text: qsTr("Won")
            checked: true
            onToggled: dialog.deal.clearError() // the last attempt's error is about the other outcome
        }
        RadioButton {
            id: lostButton
            objectName: "closeLostButton"
            text: qsTr("Lost")
            onToggled: dialog.deal.clearError()
        }
    }
    FormField {
        visible: wonButton.checked
        label: qsTr("Contract number")
        TextField {
            id: contractField
            objectName: "closeContractField"
            selectByMouse: true
            onTextEdited: dialog.deal.clearError()
            Layout.fillWidth: true
        }
    }
    FormField {
        visible: wonButton.checked
        label: qsTr("Invoice number")
        TextField {
            id: invoiceField
            objectName: "closeInvoiceField"
            selectByMouse: true
            onTextEdited: dialog.deal.clearError()
            Layout.fillWidth: true
        }
    }
    Label {
        visible: wonButton.checked
        text: qsTr("A won deal needs the contract or the invoice number.")
        color: Theme.muted
        font.pixelSize: 13
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }
    FormField {
        visible: lostButton.checked
        label: qsTr("Refusal reason")
        ChoiceBox {
            id: reasonBox
            objectName: "closeReasonBox"
            source: "list:refusal_reason"
            noneText: qsTr("\u2014 choose the reason")
            Layout.fillWidth: true
            onValueChanged: dialog.deal.clearError()
        }
    }
    FormField {
        visible: lostButton.checked
        label: qsTr("Comment")
        TextArea {
            id: commentField
            objectName: "closeCommentField"
            wrapMode: TextArea.Wrap
            selectByMouse: true
            Layout.fillWidth: true
            Layout.minimumHeight: 70
            background: Rectangle {
                color: Theme.surface
                border.width: commentField.activeFocus ? 2 : 1
                border.color: commentField.activeFocus ? Theme.primary : Theme.divider
            }
        }
    }
}
