// SPDX-License-Identifier: MIT
// One manager's open deals and plan, opened from the dashboard (issue 5):
// the head sees what the manager carries and opens a client card to
// reassign its curator or a visit with the card's own actions (a deal
// without a client opens the deal).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Backend
import Fieldbook.Ui

Page {
    id: page
    objectName: "managerWorkPage"
    property string managerLogin
    property string managerName
    title: work.managerName || managerName || managerLogin

    signal clientActivated(string clientId)
    /// A deal without a client (as many of the sample's) opens the deal itself.
    signal dealActivated(string dealId)

    ManagerWorkModel {
        id: work
        objectName: "managerWorkModel"
        session: AppSession
        managerLogin: page.managerLogin
    }

    ListView {
        id: list
        objectName: "managerWorkList"
        anchors.fill: parent
        clip: true
        model: work
        section.property: "kind"
        section.delegate: Pane {
            required property string section
            width: ListView.view.width
            padding: 8
            leftPadding: 12
            background: Rectangle {
                color: Theme.subtle
            }
            Label {
                text: section === "deal" ? qsTr("Open deals (%n)", "", work.dealCount)
                                         : qsTr("Plan: today and overdue (%n)", "", work.activityCount)
                font.bold: true
                color: Theme.muted
            }
        }
        delegate: ItemDelegate {
            id: row
            required property int index
            required property string kind
            required property string recordId
            required property string clientId
            required property string clientName
            required property string title
            required property string detail
            required property bool overdue
            objectName: "managerWork_" + index
            width: ListView.view.width
            onClicked: clientId.length > 0 ? page.clientActivated(clientId) : page.dealActivated(recordId)
            contentItem: ColumnLayout {
                spacing: 2
                Label {
                    text: row.title
                    elide: Label.ElideRight
                    Layout.fillWidth: true
                }
                Label {
                    text: row.clientName.length > 0 ? row.clientName + " \u00B7 " + row.detail : row.detail
                    color: row.overdue ? Theme.danger : Theme.muted
                    font.pixelSize: 12
                    elide: Label.ElideRight
                    Layout.fillWidth: true
                }
            }
        }
        EmptyState {
            anchors.centerIn: parent
            width: parent.width
            visible: list.count === 0
            text: qsTr("No open deals or planned activities of this manager on this device.")
        }
    }
}
