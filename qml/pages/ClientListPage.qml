// SPDX-License-Identifier: MIT
// The clients on this device, searchable by name, industry or region.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Backend
import Fieldbook.Ui

Page {
    id: page
    objectName: "clientListPage"
    title: qsTr("Clients (%1)").arg(clients.count)

    signal clientActivated(string clientId)
    signal newClientRequested()

    /// False until the page is to be shown: the model reads no clients before.
    property bool active: true

    ClientListModel {
        id: clients
        objectName: "clientListModel"
        session: page.active ? AppSession : null
        search: searchField.text
    }

    header: Pane {
        padding: 8
        background: Rectangle {
            color: Theme.surface
            Rectangle {
                width: parent.width
                height: 1
                anchors.bottom: parent.bottom
                color: Theme.divider
            }
        }
        RowLayout {
            width: Math.min(parent.width, 760)
            anchors.horizontalCenter: parent.horizontalCenter
            spacing: 8
            TextField {
                id: searchField
                objectName: "clientSearchField"
                placeholderText: qsTr("Search by name, industry or region")
                inputMethodHints: Qt.ImhNoPredictiveText
                selectByMouse: true
                Layout.fillWidth: true
            }
            Button {
                objectName: "newClientButton"
                visible: AppSession.can.create_client
                text: qsTr("New client")
                highlighted: true
                onClicked: page.newClientRequested()
            }
        }
    }

    ListView {
        id: list
        objectName: "clientList"
        anchors.fill: parent
        anchors.leftMargin: Math.max(0, (parent.width - 760) / 2)
        anchors.rightMargin: anchors.leftMargin
        model: clients
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar {}

        delegate: ItemDelegate {
            id: row
            required property int index
            required property string clientId
            required property string name
            required property string industry
            required property string region
            required property string curatorName
            required property int openDeals

            objectName: "clientDelegate_" + index
            width: ListView.view.width
            onClicked: page.clientActivated(row.clientId)

            contentItem: RowLayout {
                spacing: 12
                Rectangle {
                    implicitWidth: 40
                    implicitHeight: 40
                    radius: 20
                    color: Theme.primaryLight
                    Label {
                        anchors.centerIn: parent
                        text: row.name.length > 0 ? row.name.charAt(0).toUpperCase() : "?"
                        font.pixelSize: 18
                        font.bold: true
                        color: Theme.primary
                    }
                }
                ColumnLayout {
                    spacing: 2
                    Layout.fillWidth: true
                    Label {
                        text: row.name
                        font.bold: true
                        elide: Label.ElideRight
                        Layout.fillWidth: true
                    }
                    Label {
                        text: [row.industry, row.region, row.curatorName]
                                .filter(s => s.length > 0).join(" \u00B7 ")
                        opacity: 0.7
                        font.pixelSize: 13
                        elide: Label.ElideRight
                        Layout.fillWidth: true
                    }
                }
                Label {
                    text: qsTr("%n open", "", row.openDeals)
                    visible: row.openDeals > 0
                    font.pixelSize: 12
                    color: Theme.accent
                }
            }
        }

        EmptyState {
            anchors.fill: parent
            visible: list.count === 0 && !AppSession.busy && !clients.searching
            text: searchField.text.length > 0 ? qsTr("No client matches \u201C%1\u201D.").arg(searchField.text)
                                              : qsTr("No clients on this device yet.")
        }
        BusyIndicator {
            anchors.centerIn: parent
            running: AppSession.busy
            visible: running
        }
    }
}
