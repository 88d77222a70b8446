// SPDX-License-Identifier: MIT
// Records a payment of a deal (SPEC §2 "Payment"; partial payments allowed).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Backend
import Fieldbook.Ui

FormDialog {
    id: dialog
    name: "addPaymentDialog"
    title: qsTr("Record a payment")
    submitText: qsTr("Record")
    submitEnabled: amountField.text.trim().length > 0
    error: deal ? deal.error : ""

    required property DealView deal

    onAboutToShow: {
        deal.clearError()
        amountField.text = ""
        dateField.text = Qt.formatDate(new Date(), "yyyy-MM-dd")
        documentField.text = ""
    }
    onSubmit: if (deal.addPayment(amountField.text, dateField.text, documentField.text)) close()

    FormField {
        label: qsTr("Amount paid")
        TextField {
            id: amountField
            objectName: "paymentAmountField"
            placeholderText: qsTr("e.g. 5000.00")
            inputMethodHints: Qt.ImhFormattedNumbersOnly
            selectByMouse: true
            Layout.fillWidth: true
        }
    }
    FormField {
        label: qsTr("Paid on")
        DateField {
            id: dateField
            fieldName: "paymentDateField"
            Layout.fillWidth: true
        }
    }
    FormField {
        label: qsTr("Accounting document number")
        TextField {
            id: documentField
            objectName: "paymentDocumentField"
            selectByMouse: true
            Layout.fillWidth: true
        }
    }
}
