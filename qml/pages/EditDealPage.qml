// SPDX-License-Identifier: MIT
// Edits a deal's own fields (SPEC §2 "Deal"): title, amount, payment terms,
// contract and invoice numbers, notes. The stage, the outcome and the
// refusal change through their own actions on the deal page. The form is
// filled once when the page opens, so a sync meanwhile does not undo
// typing; only changed fields are saved, and on an error nothing is.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Backend
import Fieldbook.Ui

Page {
    id: page
    objectName: "editDealPage"
    title: qsTr("Edit %1").arg(deal ? deal.title : "")

    required property DealView deal

    signal done()

    function values() {
        return {
            title: titleField.text, amount_cents: amountField.text,
            payment_terms: termsField.text, contract_no: contractField.text,
            invoice_no: invoiceField.text, notes: notesField.text
        }
    }

    // The form's error belongs to the form: leaving it (Cancel, the header's
    // back button) must not leave it on the deal page, which shows deal.error.
    StackView.onRemoved: if (deal) deal.clearError()

    Component.onCompleted: {
        deal.clearError()
        const f = deal.fields
        titleField.text = f.title || ""
        amountField.text = f.amount_cents || ""
        termsField.text = f.payment_terms || ""
        contractField.text = f.contract_no || ""
        invoiceField.text = f.invoice_no || ""
        notesField.text = f.notes || ""
    }

    Flickable {
        id: flick
        anchors.fill: parent
        contentHeight: column.implicitHeight + 32
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar {}

        ColumnLayout {
            id: column
            x: (flick.width - width) / 2
            y: 16
            width: Math.min(flick.width - 32, 900)
            spacing: 12

            GridLayout {
                columns: width >= 640 ? 2 : 1
                columnSpacing: 16
                rowSpacing: 8
                Layout.fillWidth: true

                FormField {
                    label: qsTr("Title *")
                    Layout.columnSpan: parent.columns
                    TextField {
                        id: titleField
                        objectName: "dealForm_title"
                        selectByMouse: true
                        Layout.fillWidth: true
                        onTextEdited: page.deal.clearError()
                    }
                }
                FormField {
                    label: qsTr("Amount")
                    TextField {
                        id: amountField
                        objectName: "dealForm_amount_cents"
                        placeholderText: qsTr("e.g. 12500.00")
                        inputMethodHints: Qt.ImhFormattedNumbersOnly
                        selectByMouse: true
                        Layout.fillWidth: true
                        onTextEdited: page.deal.clearError()
                    }
                }
                FormField {
                    label: qsTr("Payment terms")
                    TextField {
                        id: termsField
                        objectName: "dealForm_payment_terms"
                        placeholderText: qsTr("e.g. 50% in advance, the rest on delivery")
                        selectByMouse: true
                        Layout.fillWidth: true
                        onTextEdited: page.deal.clearError()
                    }
                }
                FormField {
                    label: qsTr("Contract no.")
                    TextField {
                        id: contractField
                        objectName: "dealForm_contract_no"
                        selectByMouse: true
                        Layout.fillWidth: true
                        onTextEdited: page.deal.clearError()
                    }
                }
                FormField {
                    label: qsTr("Invoice no.")
                    TextField {
                        id: invoiceField
                        objectName: "dealForm_invoice_no"
                        selectByMouse: true
                        Layout.fillWidth: true
                        onTextEdited: page.deal.clearError()
                    }
                }
                FormField {
                    label: qsTr("Notes")
                    Layout.columnSpan: parent.columns
                    TextArea {
                        id: notesField
                        objectName: "dealForm_notes"
                        wrapMode: TextEdit.Wrap
                        selectByMouse: true
                        Layout.fillWidth: true
                        Layout.minimumHeight: 96
                        onTextChanged: if (activeFocus) page.deal.clearError()
                        background: Rectangle {
                            color: Theme.surface
                            border.width: notesField.activeFocus ? 2 : 1
                            border.color: notesField.activeFocus ? Theme.primary : Theme.divider
                        }
                    }
                }
            }
            FormError {
                objectName: "editDealError"
                text: page.deal ? page.deal.error : ""
                Layout.fillWidth: true
            }
            RowLayout {
                Layout.fillWidth: true
                Button {
                    objectName: "editDealCancelButton"
                    text: qsTr("Cancel")
                    flat: true
                    onClicked: page.done()
                }
                Item { Layout.fillWidth: true }
                Button {
                    objectName: "editDealSaveButton"
                    text: qsTr("Save")
                    highlighted: true
                    onClicked: if (page.deal.save(page.values())) page.done()
                }
            }
        }
    }
}
