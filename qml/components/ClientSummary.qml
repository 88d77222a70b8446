// SPDX-License-Identifier: MIT
// The head of a client card: name, segment, curator, contacts and next visit.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Backend

ColumnLayout {
    id: root
    required property ClientCard card
    spacing: 4

    Label {
        objectName: "clientNameLabel"
        text: root.card.name
        font.pixelSize: 22
        font.bold: true
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }
    Label {
        text: [root.card.industry, root.card.region, root.card.statusLabel]
                .filter(s => s.length > 0).join(" \u00B7 ")
        visible: text.length > 0
        opacity: 0.75
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }
    GridLayout {
        columns: 2
        columnSpacing: 12
        rowSpacing: 2
        Layout.fillWidth: true
        Layout.topMargin: 6

        Label { text: qsTr("Curator"); opacity: 0.6; visible: curator.visible }
        Label {
            id: curator
            text: root.card.curatorName
            visible: text.length > 0
            Layout.fillWidth: true
            elide: Label.ElideRight
        }
        Label { text: qsTr("Employees"); opacity: 0.6; visible: employees.visible }
        Label {
            id: employees
            text: root.card.employees > 0 ? root.card.employees.toLocaleString(Qt.locale(), "f", 0) : ""
            visible: text.length > 0
        }
        Label { text: qsTr("Founded"); opacity: 0.6; visible: founded.visible }
        Label {
            id: founded
            text: root.card.yearEstablished > 0 ? String(root.card.yearEstablished) : ""
            visible: text.length > 0
        }
        Label { text: qsTr("Phone"); opacity: 0.6; visible: phone.visible }
        Label {
            id: phone
            text: root.card.phone
            visible: text.length > 0
        }
        Label { text: qsTr("Address"); opacity: 0.6; visible: address.visible }
        Label {
            id: address
            text: root.card.address
            visible: text.length > 0
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label { text: qsTr("Open deals"); opacity: 0.6 }
        Label { text: String(root.card.deals.openCount) }
        Label { text: qsTr("Next visit"); opacity: 0.6 }
        Label {
            objectName: "nextVisitLabel"
            text: root.card.nextVisitText.length > 0 ? root.card.nextVisitText : qsTr("none planned")
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
    }
}
