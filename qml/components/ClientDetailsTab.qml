// SPDX-License-Identifier: MIT
// Every field of a client card for reading (SPEC §2 "Client card"), with
// "Edit" for roles that edit cards and "Reassign" for the head. The parent
// client and the card this one probably duplicates are links when on the device.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Backend
import Fieldbook.Ui

Flickable {
    id: root
    required property ClientCard card
    signal editRequested()
    signal reassignRequested()
    signal clientActivated(string clientId)

    contentHeight: column.implicitHeight + 24
    clip: true
    boundsBehavior: Flickable.StopAtBounds
    ScrollBar.vertical: ScrollBar {}

    ColumnLayout {
        id: column
        x: 4
        y: 8
        width: root.width - 8
        spacing: 8

        Flow {
            spacing: 8
            Layout.fillWidth: true
            Button {
                objectName: "editClientButton"
                visible: AppSession.can.edit_client
                text: qsTr("Edit card")
                onClicked: root.editRequested()
            }
            Button {
                objectName: "reassignClientButton"
                visible: AppSession.can.reassign
                text: qsTr("Reassign curator")
                onClicked: root.reassignRequested()
            }
        }

        InfoPanel {
            Layout.fillWidth: true
            GridLayout {
                id: grid
                anchors.fill: parent
                columns: 2
                columnSpacing: 12
                rowSpacing: 6

                Repeater {
                    model: root.card.details
                    delegate: Label {
                        required property var modelData
                        required property int index
                        objectName: "detailLabel_" + modelData.key
                        text: modelData.label
                        color: Theme.muted
                        Layout.row: index
                        Layout.column: 0
                        Layout.alignment: Qt.AlignTop
                        Layout.preferredWidth: Math.min(implicitWidth, grid.width * 0.4)
                        wrapMode: Text.Wrap
                    }
                }
                Repeater {
                    model: root.card.details
                    delegate: Label {
                        id: value
                        required property var modelData
                        required property int index
                        readonly property bool link: modelData.linkId.length > 0
                        objectName: "detailValue_" + modelData.key
                        text: modelData.value.length > 0 ? modelData.value : "\u2014"
                        color: link ? Theme.primary
                                    : modelData.value.length > 0 ? Theme.text : Theme.muted
                        font.underline: link
                        wrapMode: Text.Wrap
                        Layout.row: index
                        Layout.column: 1
                        Layout.fillWidth: true
                        Accessible.role: link ? Accessible.Link : Accessible.StaticText
                        TapHandler {
                            enabled: value.link
                            onTapped: root.clientActivated(value.modelData.linkId)
                        }
                        HoverHandler {
                            enabled: value.link
                            cursorShape: Qt.PointingHandCursor
                        }
                    }
                }
            }
        }
    }
}
