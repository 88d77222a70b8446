// SPDX-License-Identifier: MIT
// Records a delivery of a deal (SPEC §2 "Delivery": date, waybill number).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Backend
import Fieldbook.Ui

FormDialog {
    id: dialog
    name: "addDeliveryDialog"
    title: qsTr("Record a delivery")
    submitText: qsTr("Record")
    error: deal ? deal.error : ""

    required property DealView deal

    onAboutToShow: {
        deal.clearError()
        dateField.text = Qt.formatDate(new Date(), "yyyy-MM-dd")
        waybillField.text = ""
    }
    onSubmit: if (deal.addDelivery(dateField.text, waybillField.text)) close()

    FormField {
        label: qsTr("Delivered on")
        DateField {
            id: dateField
            fieldName: "deliveryDateField"
            Layout.fillWidth: true
        }
    }
    FormField {
        label: qsTr("Waybill number")
        TextField {
            id: waybillField
            objectName: "deliveryWaybillField"
            selectByMouse: true
            Layout.fillWidth: true
        }
    }
}
