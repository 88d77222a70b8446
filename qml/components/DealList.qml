// SPDX-License-Identifier: MIT
// A client's deals, open ones first. `model` is a DealListModel (ClientCard.deals).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Ui

ListView {
    id: list
    signal dealActivated(string dealId)
    clip: true
    boundsBehavior: Flickable.StopAtBounds
    ScrollBar.vertical: ScrollBar {}

    EmptyState {
        anchors.fill: parent
        visible: list.count === 0
        text: qsTr("No deals with this client yet.")
    }

    delegate: ItemDelegate {
        id: deal
        required property int index
        required property string dealId
        required property string title
        required property string stageLabel
        required property string outcome
        required property string outcomeLabel
        required property bool isOpen
        required property string amountText
        required property string productName
        required property string openedText
        required property string closedText

        objectName: "dealDelegate_" + index
        width: ListView.view.width
        onClicked: list.dealActivated(deal.dealId)
        contentItem: ColumnLayout {
            spacing: 2
            RowLayout {
                Layout.fillWidth: true
                Label {
                    text: deal.title
                    font.bold: deal.isOpen
                    elide: Label.ElideRight
                    Layout.fillWidth: true
                }
                Label {
                    text: deal.amountText
                    visible: text.length > 0
                    opacity: 0.8
                }
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: 8
                Rectangle {
                    radius: 3
                    implicitWidth: outcomeText.implicitWidth + 10
                    implicitHeight: outcomeText.implicitHeight + 4
                    color: deal.outcome === "won" ? Theme.wonBack
                         : deal.outcome === "lost" ? Theme.lostBack
                         : Theme.openBack
                    Label {
                        id: outcomeText
                        anchors.centerIn: parent
                        text: deal.outcomeLabel
                        font.pixelSize: 12
                    }
                }
                Label {
                    text: [deal.stageLabel, deal.productName].filter(s => s.length > 0).join(" \u00B7 ")
                    font.pixelSize: 12
                    opacity: 0.7
                    elide: Label.ElideRight
                    Layout.fillWidth: true
                }
                Label {
                    text: deal.isOpen ? deal.openedText
                                      : qsTr("%1 \u2013 %2").arg(deal.openedText).arg(deal.closedText)
                    font.pixelSize: 12
                    opacity: 0.6
                }
            }
        }
    }
}
