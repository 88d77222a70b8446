// SPDX-License-Identifier: MIT
// Edits a client card's fields (SPEC §2 "Client card"). The form is filled
// once when the page opens, so a sync meanwhile does not undo typing;
// only changed fields are saved.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Backend
import Fieldbook.Ui

Page {
    id: page
    objectName: "editClientPage"
    title: qsTr("Edit %1").arg(card ? card.name : "")

    required property ClientCard card

    signal done()

    Component.onCompleted: {
        card.clearError()
        form.load(card.fields)
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

            ClientForm {
                id: form
                Layout.fillWidth: true
            }
            FormError {
                objectName: "editClientError"
                text: page.card ? page.card.error : ""
                Layout.fillWidth: true
            }
            RowLayout {
                Layout.fillWidth: true
                Button {
                    objectName: "editClientCancelButton"
                    text: qsTr("Cancel")
                    flat: true
                    onClicked: page.done()
                }
                Item { Layout.fillWidth: true }
                Button {
                    objectName: "editClientSaveButton"
                    text: qsTr("Save")
                    highlighted: true
                    enabled: form.name.trim().length > 0
                    onClicked: if (page.card.save(form.values())) page.done()
                }
            }
        }
    }
}
