// SPDX-License-Identifier: MIT
// The signed-in start: today's plan and the client list, switched by tabs.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Ui

Page {
    id: page
    objectName: "homePage"
    title: tabs.currentIndex === 0 ? todayPage.title : clientsPage.title

    signal clientActivated(string clientId)
    signal newClientRequested()

    StackLayout {
        anchors.fill: parent
        currentIndex: tabs.currentIndex
        TodayPage {
            id: todayPage
            onClientActivated: clientId => page.clientActivated(clientId)
        }
        ClientListPage {
            id: clientsPage
            onClientActivated: clientId => page.clientActivated(clientId)
            onNewClientRequested: page.newClientRequested()
        }
    }

    footer: TabBar {
        id: tabs
        objectName: "homeTabs"
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
    }
}
