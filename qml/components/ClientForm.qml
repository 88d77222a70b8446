// SPDX-License-Identifier: MIT
// The fields of a client card (SPEC §2 "Client card") as a form, for a new
// card and for editing one. Reference-list fields are combo boxes of the
// replica's lists. values() gives {field: text} for ClientCard.save() and
// NewClientForm.create(); load() fills the form from ClientCard.fields.
// Controls are named "clientForm_<field>".
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Ui

GridLayout {
    id: form
    columns: width >= 640 ? 2 : 1
    columnSpacing: 16
    rowSpacing: 8

    signal edited()

    function values() {
        return {
            name: nameField.text, tax_id: taxField.text, phone: phoneField.text,
            city: cityField.text, email: emailField.text, website: webField.text,
            address: addressField.text, region: regionBox.value, industry: industryBox.value,
            size: sizeBox.value, employees: employeesField.text,
            year_established: yearField.text, revenue_cents: revenueField.text,
            status: statusBox.value, interest_level: interestBox.value,
            info_source: sourceBox.value, contact_reason: reasonBox.value,
            initiative: initiativeBox.value, triggering_event: eventBox.value,
            notes: notesField.text
        }
    }
    function load(f) {
        nameField.text = f.name || ""
        taxField.text = f.tax_id || ""
        phoneField.text = f.phone || ""
        cityField.text = f.city || ""
        emailField.text = f.email || ""
        webField.text = f.website || ""
        addressField.text = f.address || ""
        regionBox.value = f.region || ""
        industryBox.value = f.industry || ""
        sizeBox.value = f.size || ""
        employeesField.text = f.employees || ""
        yearField.text = f.year_established || ""
        revenueField.text = f.revenue_cents || ""
        statusBox.value = f.status || ""
        interestBox.value = f.interest_level || ""
        sourceBox.value = f.info_source || ""
        reasonBox.value = f.contact_reason || ""
        initiativeBox.value = f.initiative || ""
        eventBox.value = f.triggering_event || ""
        notesField.text = f.notes || ""
    }
    readonly property string name: nameField.text

    FormField {
        label: qsTr("Organisation name *")
        Layout.columnSpan: form.columns
        TextField {
            id: nameField
            objectName: "clientForm_name"
            placeholderText: qsTr("e.g. Northwind Traders")
            selectByMouse: true
            Layout.fillWidth: true
            onTextEdited: form.edited()
        }
    }
    FormField {
        label: qsTr("Tax id")
        TextField {
            id: taxField
            objectName: "clientForm_tax_id"
            selectByMouse: true
            inputMethodHints: Qt.ImhPreferNumbers
            Layout.fillWidth: true
            onTextEdited: form.edited()
        }
    }
    FormField {
        label: qsTr("Phone")
        TextField {
            id: phoneField
            objectName: "clientForm_phone"
            selectByMouse: true
            inputMethodHints: Qt.ImhDialableCharactersOnly
            Layout.fillWidth: true
            onTextEdited: form.edited()
        }
    }
    FormField {
        label: qsTr("City")
        TextField {
            id: cityField
            objectName: "clientForm_city"
            selectByMouse: true
            Layout.fillWidth: true
            onTextEdited: form.edited()
        }
    }
    FormField {
        label: qsTr("E-mail")
        TextField {
            id: emailField
            objectName: "clientForm_email"
            selectByMouse: true
            inputMethodHints: Qt.ImhEmailCharactersOnly
            Layout.fillWidth: true
        }
    }
    FormField {
        label: qsTr("Web site")
        TextField {
            id: webField
            objectName: "clientForm_website"
            selectByMouse: true
            inputMethodHints: Qt.ImhUrlCharactersOnly
            Layout.fillWidth: true
        }
    }
    FormField {
        label: qsTr("Address")
        TextField {
            id: addressField
            objectName: "clientForm_address"
            selectByMouse: true
            Layout.fillWidth: true
        }
    }
    FormField {
        label: qsTr("Region")
        ChoiceBox {
            id: regionBox
            objectName: "clientForm_region"
            source: "list:region"
            noneText: qsTr("\u2014 not set")
            Layout.fillWidth: true
        }
    }
    FormField {
        label: qsTr("Industry")
        ChoiceBox {
            id: industryBox
            objectName: "clientForm_industry"
            source: "list:industry"
            noneText: qsTr("\u2014 not set")
            Layout.fillWidth: true
        }
    }
    FormField {
        label: qsTr("Size")
        ChoiceBox {
            id: sizeBox
            objectName: "clientForm_size"
            source: "enum:client_size"
            noneText: qsTr("\u2014 not set")
            Layout.fillWidth: true
        }
    }
    FormField {
        label: qsTr("Employees")
        TextField {
            id: employeesField
            objectName: "clientForm_employees"
            selectByMouse: true
            inputMethodHints: Qt.ImhDigitsOnly
            Layout.fillWidth: true
        }
    }
    FormField {
        label: qsTr("Founded (year)")
        TextField {
            id: yearField
            objectName: "clientForm_year_established"
            selectByMouse: true
            inputMethodHints: Qt.ImhDigitsOnly
            Layout.fillWidth: true
        }
    }
    FormField {
        label: qsTr("Annual revenue")
        TextField {
            id: revenueField
            objectName: "clientForm_revenue_cents"
            selectByMouse: true
            inputMethodHints: Qt.ImhFormattedNumbersOnly
            Layout.fillWidth: true
        }
    }
    FormField {
        label: qsTr("Status")
        ChoiceBox {
            id: statusBox
            objectName: "clientForm_status"
            source: "enum:client_status"
            noneText: qsTr("\u2014 not set")
            Layout.fillWidth: true
        }
    }
    FormField {
        label: qsTr("Level of interest")
        ChoiceBox {
            id: interestBox
            objectName: "clientForm_interest_level"
            source: "enum:interest_level"
            noneText: qsTr("\u2014 not set")
            Layout.fillWidth: true
        }
    }
    FormField {
        label: qsTr("How they heard of us")
        ChoiceBox {
            id: sourceBox
            objectName: "clientForm_info_source"
            source: "list:information_source"
            noneText: qsTr("\u2014 not set")
            Layout.fillWidth: true
        }
    }
    FormField {
        label: qsTr("Contact reason")
        ChoiceBox {
            id: reasonBox
            objectName: "clientForm_contact_reason"
            source: "list:contact_reason"
            noneText: qsTr("\u2014 not set")
            Layout.fillWidth: true
        }
    }
    FormField {
        label: qsTr("Whose initiative")
        ChoiceBox {
            id: initiativeBox
            objectName: "clientForm_initiative"
            source: "enum:initiative"
            noneText: qsTr("\u2014 not set")
            Layout.fillWidth: true
        }
    }
    FormField {
        label: qsTr("Triggering event")
        ChoiceBox {
            id: eventBox
            objectName: "clientForm_triggering_event"
            source: "list:triggering_event"
            noneText: qsTr("\u2014 not set")
            Layout.fillWidth: true
        }
    }
    FormField {
        label: qsTr("Notes")
        Layout.columnSpan: form.columns
        TextArea {
            id: notesField
            objectName: "clientForm_notes"
            wrapMode: TextArea.Wrap
            selectByMouse: true
            Layout.fillWidth: true
            Layout.minimumHeight: 80
            background: Rectangle {
                color: Theme.surface
                border.width: notesField.activeFocus ? 2 : 1
                border.color: notesField.activeFocus ? Theme.primary : Theme.divider
            }
        }
    }
}
