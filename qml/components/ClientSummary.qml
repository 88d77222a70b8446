// SPDX-License-Identifier: MIT
// The head of a client card: name, segment, curator, contacts and next visit.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Backend

ColumnLayout {
    id: root
    required property ClientCard card
    /// Narrow windows: name, segment, curator and next visit only.
    property bool compact: false
    spacing: 4

    Label {
        objectName: "clientNameLabel"
        text: root.card.name
        font.pixelSize: root.compact ? 20 : 22
        font.bold: true
        wrapMode: Text.Wrap
        maximumLineCount: root.compact ? 2 : 4
        elide: Text.ElideRight
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
            objectName: "curatorLabel"
            text: root.card.curatorName
            visible: text.length > 0
            Layout.fillWidth: true
            elide: Label.ElideRight
        }
        Label { text: qsTr("Employees"); opacity: 0.6; visible: employees.visible && !root.compact }
        Label {
            id: employees
            text: root.card.employees > 0 ? root.card.employees.toLocaleString(Qt.locale(), "f", 0) : ""
            visible: text.length > 0 && !root.compact
        }
        Label { text: qsTr("Founded"); opacity: 0.6; visible: founded.visible && !root.compact }
        Label {
            id: founded
            text: root.card.yearEstablished > 0 ? String(root.card.yearEstablished) : ""
            visible: text.length > 0 && !root.compact
        }
        Label { text: qsTr("Phone"); opacity: 0.6; visible: phone.visible && !root.compact }
        Label {
            id: phone
            text: root.card.phone
            visible: text.length > 0 && !root.compact
        }
        Label { text: qsTr("Address"); opacity: 0.6; visible: address.visible && !root.compact }
        Label {
            id: address
            text: root.card.address
            visible: text.length > 0 && !root.compact
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label { text: qsTr("Open deals"); opacity: 0.6; visible: !root.compact }
        Label { text: String(root.card.deals.openCount); visible: !root.compact }
        Label { text: qsTr("First contact"); opacity: 0.6; visible: firstContact.visible }
        Label {
            id: firstContact
            objectName: "firstContactLabel"
            text: root.card.firstContactText
            visible: text.length > 0 && !root.compact
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label { text: qsTr("Next visit"); opacity: 0.6; Layout.alignment: Qt.AlignTop }
        Label {
            objectName: "nextVisitLabel"
            text: root.card.nextVisitText.length > 0 ? root.card.nextVisitText : qsTr("none planned")
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
    }
}
