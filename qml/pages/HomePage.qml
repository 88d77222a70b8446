// SPDX-License-Identifier: MIT
// The signed-in start: today's plan, the client list and the conflict log,
// switched by tabs; the conflicts tab counts what wants the user's eye.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Ui

Page {
    id: page
    objectName: "homePage"
    title: [todayPage.title, clientsPage.title, conflictsPage.title][tabs.currentIndex]

    signal clientActivated(string clientId)
    signal newClientRequested()

    // The client list reads the clients when its tab is first shown: with a
    // 10,000-client replica that read was most of the start's time before
    // today's plan was drawn (docs/performance.md "App").
    property bool clientsShown: false

    StackLayout {
        anchors.fill: parent
        currentIndex: tabs.currentIndex
        TodayPage {
            id: todayPage
            onClientActivated: clientId => page.clientActivated(clientId)
        }
        ClientListPage {
            id: clientsPage
            active: page.clientsShown
            onClientActivated: clientId => page.clientActivated(clientId)
            onNewClientRequested: page.newClientRequested()
        }
        ConflictsPage {
            id: conflictsPage
        }
    }

    footer: TabBar {
        id: tabs
        objectName: "homeTabs"
        onCurrentIndexChanged: {
            if (currentIndex === 1)
                page.clientsShown = true
        }
        background: Rectangle {
            color: Theme.surface
            Rectangle {
                width: parent.width
                height: 1
                color: Theme.divider
            }
        }
        FlatTab {
            objectName: "todayTabButton"
            text: qsTr("Plan")
        }
        FlatTab {
            objectName: "clientsTabButton"
            text: qsTr("Clients")
        }
        FlatTab {
            objectName: "conflictsTabButton"
            text: qsTr("Conflicts")
            badgeCount: conflictsPage.log.attentionCount
        }
    }
}
