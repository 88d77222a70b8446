// SPDX-License-Identifier: MIT
// Adds a product line to a deal: product, quantity, price per unit (the
// list price to start with). The deal's amount becomes the sum of its lines.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Backend
import Fieldbook.Ui

FormDialog {
    id: dialog
    name: "addLineDialog"
    title: qsTr("Add a product")
    submitText: qsTr("Add")
    submitEnabled: productBox.value.length > 0 && priceField.text.trim().length > 0
    error: deal ? deal.error : ""

    required property DealView deal

    onAboutToShow: {
        deal.clearError()
        productBox.value = ""
        quantityBox.value = 1
        priceField.text = ""
    }
    onSubmit: if (deal.addLine(productBox.value, quantityBox.value, priceField.text)) close()

    FormField {
        label: qsTr("Product")
        ChoiceBox {
            id: productBox
            objectName: "lineProductBox"
            source: "products"
            Layout.fillWidth: true
            onValueChanged: {
                const price = detailOf(value)
                if (value.length > 0 && price !== undefined && price > 0)
                    priceField.text = (price / 100).toLocaleString(Qt.locale(), "f", 2)
            }
        }
    }
    RowLayout {
        spacing: 12
        Layout.fillWidth: true
        FormField {
            label: qsTr("Quantity")
            SpinBox {
                id: quantityBox
                objectName: "lineQuantityBox"
                from: 1
                to: 100000
                editable: true
                Layout.fillWidth: true
            }
        }
        FormField {
            label: qsTr("Price per unit")
            TextField {
                id: priceField
                objectName: "linePriceField"
                inputMethodHints: Qt.ImhFormattedNumbersOnly
                selectByMouse: true
                Layout.fillWidth: true
            }
        }
    }
}
