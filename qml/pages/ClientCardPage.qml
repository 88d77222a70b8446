// SPDX-License-Identifier: MIT
// A client card: summary, actions, history timeline and deals. Narrow
// windows show history and deals under tabs; wide ones side by side.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Backend
import Fieldbook.Ui

Page {
    id: page
    objectName: "clientCard"
    title: cardData.exists ? cardData.name : qsTr("Client")

    required property string clientId
    readonly property bool wide: width >= 800

    signal logMeetingRequested(string clientId, ClientCard card)
    signal planVisitRequested(string clientId)

    ClientCard {
        id: cardData
        objectName: "clientCardData"
        session: AppSession
        clientId: page.clientId
    }

    EmptyState {
        anchors.fill: parent
        visible: !cardData.exists
        text: qsTr("This client is not on your device any more.")
    }

    GridLayout {
        id: grid
        visible: cardData.exists
        anchors.fill: parent
        anchors.margins: page.wide ? 24 : 12
        columns: page.wide ? 2 : 1
        columnSpacing: 24
        rowSpacing: 8

        ColumnLayout {
            Layout.row: 0
            Layout.column: 0
            Layout.fillWidth: true
            Layout.preferredWidth: page.wide ? grid.width * 0.42 : grid.width
            Layout.maximumWidth: page.wide ? 520 : -1
            spacing: 8

            ClientSummary {
                card: cardData
                Layout.fillWidth: true
            }
            RowLayout {
                Layout.fillWidth: true
                Layout.topMargin: 4
                spacing: 8
                Button {
                    objectName: "logMeetingButton"
                    text: qsTr("Log meeting")
                    highlighted: true
                    Layout.fillWidth: true
                    onClicked: page.logMeetingRequested(page.clientId, cardData)
                }
                Button {
                    objectName: "planVisitButton"
                    text: qsTr("Plan visit")
                    Layout.fillWidth: true
                    onClicked: page.planVisitRequested(page.clientId)
                }
            }
        }

        TabBar {
            id: tabs
            objectName: "clientCardTabs"
            visible: !page.wide
            Layout.row: 1
            Layout.column: 0
            Layout.fillWidth: true
            FlatTab {
                objectName: "historyTabButton"
                text: qsTr("History (%1)").arg(cardData.history.count)
            }
            FlatTab {
                objectName: "dealsTabButton"
                text: qsTr("Deals (%1)").arg(cardData.deals.count)
            }
        }

        ColumnLayout {
            visible: page.wide || tabs.currentIndex === 0
            Layout.row: page.wide ? 0 : 2
            Layout.column: page.wide ? 1 : 0
            Layout.rowSpan: page.wide ? 2 : 1
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 4
            Label {
                visible: page.wide
                text: qsTr("History (%1)").arg(cardData.history.count)
                font.bold: true
                font.pixelSize: 16
            }
            HistoryTimeline {
                objectName: "historyList"
                model: cardData.history
                Layout.fillWidth: true
                Layout.fillHeight: true
            }
        }

        ColumnLayout {
            visible: page.wide || tabs.currentIndex === 1
            Layout.row: page.wide ? 1 : 2
            Layout.column: 0
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.maximumWidth: page.wide ? 520 : -1
            spacing: 4
            Label {
                visible: page.wide
                text: qsTr("Deals (%1)").arg(cardData.deals.count)
                font.bold: true
                font.pixelSize: 16
                Layout.topMargin: 8
            }
            DealList {
                objectName: "dealList"
                model: cardData.deals
                Layout.fillWidth: true
                Layout.fillHeight: true
            }
        }
    }
}
