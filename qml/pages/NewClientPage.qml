// SPDX-License-Identifier: MIT
// Opens a new client card (SPEC §3.4: telemarketing from an inbound call).
// While the name, tax id, phone and city are typed it shows the probable
// duplicates already on file, each with its curator and who made the first
// contact and when (SPEC §3.7), before anything is saved.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Backend
import Fieldbook.Ui

Page {
    id: page
    objectName: "newClientPage"
    title: qsTr("New client")

    readonly property bool wide: width >= 900

    signal created(string clientId)
    signal duplicateActivated(string clientId)

    NewClientForm {
        id: backend
        objectName: "newClientForm"
        session: AppSession
    }

    function save() {
        const values = form.values()
        if (curatorBox.visible)
            values.curator_id = curatorBox.value
        const id = backend.create(values)
        if (id.length > 0)
            page.created(id)
    }

    Timer {
        id: checkTimer
        interval: 300
        onTriggered: backend.check(form.values())
    }

    // Narrow windows: the duplicates list is below the long form, so a banner
    // on top says at once that there are some.
    header: WarningBox {
        objectName: "duplicatesBanner"
        visible: !page.wide && backend.duplicates.count > 0
        text: backend.duplicates.count > 0
              ? qsTr("%n probable duplicate(s) on file. Check below the form before saving.", "",
                     backend.duplicates.count)
              : ""
        background: Rectangle {
            color: Theme.warningBack
            Rectangle {
                width: parent.width
                height: 1
                anchors.bottom: parent.bottom
                color: Theme.warningDot
            }
        }
        padding: 12
    }

    Flickable {
        id: flick
        anchors.fill: parent
        contentHeight: layout.implicitHeight + 32
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar {}

        GridLayout {
            id: layout
            x: (flick.width - width) / 2
            y: 16
            width: Math.min(flick.width - 32, 1180)
            columns: page.wide ? 2 : 1
            columnSpacing: 24
            rowSpacing: 12

            ColumnLayout {
                spacing: 12
                Layout.fillWidth: true
                Layout.preferredWidth: 3
                Layout.alignment: Qt.AlignTop

                ClientForm {
                    id: form
                    Layout.fillWidth: true
                    onEdited: checkTimer.restart()
                }
                FormField {
                    visible: AppSession.can.assign_new_client
                    label: qsTr("Curator (the manager who will work with the client)")
                    ChoiceBox {
                        id: curatorBox
                        objectName: "newClientCuratorBox"
                        visible: AppSession.can.assign_new_client
                        source: "users:manager,head"
                        noneText: qsTr("\u2014 nobody yet")
                        Layout.fillWidth: true
                    }
                }
            }

            ColumnLayout {
                id: duplicatesColumn
                spacing: 8
                Layout.fillWidth: true
                Layout.preferredWidth: 2
                Layout.alignment: Qt.AlignTop

                Label {
                    objectName: "duplicatesTitle"
                    text: backend.duplicates.count > 0
                          ? qsTr("Probable duplicates (%1)").arg(backend.duplicates.count)
                          : qsTr("No probable duplicate")
                    font.pixelSize: 16
                    font.bold: true
                    Layout.fillWidth: true
                }
                WarningBox {
                    objectName: "duplicatesWarning"
                    text: backend.duplicates.count > 0
                          ? qsTr("This company may already be on file. Check the cards below; "
                                 + "who found it first is decided by the first contact.")
                          : ""
                    Layout.fillWidth: true
                }
                Label {
                    objectName: "duplicatesCheckingLabel"
                    visible: backend.checkingServer
                    text: qsTr("Asking the server too\u2026")
                    color: Theme.muted
                    font.pixelSize: 13
                    Layout.fillWidth: true
                }
                Label {
                    visible: backend.duplicates.count === 0
                    text: qsTr("Cards with the same tax id, or the same name and phone or "
                               + "city, show here as you type.")
                    color: Theme.muted
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
                Repeater {
                    model: backend.duplicates
                    delegate: ItemDelegate {
                        id: dup
                        required property int index
                        required property string clientId
                        required property string name
                        required property string detailText
                        required property string curatorName
                        required property string firstContactText
                        required property string reasonText
                        required property bool elsewhere
                        objectName: "duplicateDelegate_" + index
                        Layout.fillWidth: true
                        // A card outside this device's scope cannot open here.
                        onClicked: if (!dup.elsewhere) page.duplicateActivated(dup.clientId)
                        background: Rectangle {
                            color: dup.down ? Theme.subtle : Theme.surface
                            radius: 6
                            border.color: Theme.warningDot
                        }
                        contentItem: ColumnLayout {
                            spacing: 2
                            RowLayout {
                                Layout.fillWidth: true
                                Label {
                                    text: dup.name
                                    font.bold: true
                                    elide: Label.ElideRight
                                    Layout.fillWidth: true
                                }
                                Badge {
                                    text: dup.reasonText
                                    back: Theme.warningBack
                                }
                            }
                            Label {
                                text: dup.detailText
                                visible: text.length > 0
                                color: Theme.muted
                                elide: Label.ElideRight
                                Layout.fillWidth: true
                            }
                            Label {
                                text: qsTr("Curator: %1").arg(dup.curatorName)
                                elide: Label.ElideRight
                                Layout.fillWidth: true
                            }
                            Label {
                                text: dup.firstContactText
                                visible: text.length > 0
                                wrapMode: Text.Wrap
                                Layout.fillWidth: true
                            }
                            Label {
                                objectName: "duplicateElsewhere_" + dup.index
                                visible: dup.elsewhere
                                text: qsTr("On the server, not on this device: ask the curator "
                                           + "or the head of sales.")
                                font.pixelSize: 13
                                color: Theme.muted
                                wrapMode: Text.Wrap
                                Layout.fillWidth: true
                            }
                        }
                    }
                }
            }

            ColumnLayout {
                spacing: 8
                Layout.fillWidth: true
                Layout.columnSpan: layout.columns
                FormError {
                    objectName: "newClientError"
                    text: backend.error
                    Layout.fillWidth: true
                }
                RowLayout {
                    Layout.fillWidth: true
                    Item { Layout.fillWidth: true }
                    Button {
                        objectName: "newClientSaveButton"
                        text: backend.duplicates.count > 0 ? qsTr("Create anyway")
                                                           : qsTr("Create card")
                        highlighted: true
                        enabled: form.name.trim().length > 0
                        onClicked: page.save()
                    }
                }
            }
        }
    }
}
