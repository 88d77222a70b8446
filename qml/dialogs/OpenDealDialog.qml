// SPDX-License-Identifier: MIT
// Opens a deal with the client at the first stage (SPEC §2 "Deal").
// `opened` carries the new deal's id.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Backend
import Fieldbook.Ui

FormDialog {
    id: dialog
    name: "openDealDialog"
    title: qsTr("Open a deal")
    submitText: qsTr("Open deal")
    submitEnabled: titleField.text.trim().length > 0
    error: card ? card.error : ""

    required property ClientCard card
    signal dealOpened(string dealId)

    onAboutToShow: {
        card.clearError()
        titleField.text = ""
        amountField.text = ""
        productBox.value = ""
        managerBox.value = ""
    }
    onSubmit: {
        const id = card.openDeal(titleField.text, managerBox.value, productBox.value,
                                 amountField.text)
        if (id.length > 0) {
            close()
            dealOpened(id)
        }
    }

    FormField {
        label: qsTr("Title *")
        TextField {
            id: titleField
            objectName: "dealTitleField"
            placeholderText: qsTr("e.g. 20 seats of GTX Pro")
            selectByMouse: true
            Layout.fillWidth: true
        }
    }
    FormField {
        label: qsTr("Main product")
        ChoiceBox {
            id: productBox
            objectName: "dealProductBox"
            source: "products"
            noneText: qsTr("\u2014 not yet known")
            Layout.fillWidth: true
        }
    }
    FormField {
        label: qsTr("Expected amount")
        TextField {
            id: amountField
            objectName: "dealAmountField"
            placeholderText: qsTr("e.g. 12500.00")
            inputMethodHints: Qt.ImhFormattedNumbersOnly
            selectByMouse: true
            Layout.fillWidth: true
        }
    }
    FormField {
        visible: AppSession.can.reassign
        label: qsTr("Responsible manager")
        ChoiceBox {
            id: managerBox
            objectName: "dealManagerBox"
            source: "users:manager,head"
            noneText: qsTr("Me")
            Layout.fillWidth: true
        }
    }
}
