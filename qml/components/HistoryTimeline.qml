// SPDX-License-Identifier: MIT
// A client's history as a timeline, newest first (SPEC §2 "History").
// `model` is a HistoryModel (ClientCard.history).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Backend
import Fieldbook.Ui

ListView {
    id: list
    signal correctRequested(string entryId, string summary)
    clip: true
    spacing: 0
    boundsBehavior: Flickable.StopAtBounds
    ScrollBar.vertical: ScrollBar {}

    EmptyState {
        anchors.fill: parent
        visible: list.count === 0
        text: qsTr("No history yet. Log the first contact.")
    }

    delegate: Item {
        id: entry
        required property int index
        required property string kindLabel
        required property string summary
        required property string dateText
        required property string authorName
        required property string dealTitle
        required property bool pending
        required property string entryId
        required property bool canCorrect
        required property bool corrected
        required property string earlierText

        width: ListView.view.width
        implicitHeight: body.implicitHeight + 20

        // the timeline's rail and this entry's dot
        Rectangle {
            x: 15
            width: 2
            y: entry.index === 0 ? 14 : 0
            height: entry.height - y
            color: Theme.divider
        }
        Rectangle {
            x: 10
            y: 10
            width: 12
            height: 12
            radius: 6
            color: entry.pending ? Theme.warningDot : Theme.primary
        }

        ColumnLayout {
            id: body
            x: 36
            y: 6
            width: entry.width - x - 8
            spacing: 2

            RowLayout {
                Layout.fillWidth: true
                spacing: 8
                Label {
                    text: entry.kindLabel
                    font.bold: true
                }
                Label {
                    text: entry.dateText
                    color: Theme.muted
                    Layout.fillWidth: true
                    elide: Label.ElideRight
                }
                Label {
                    visible: entry.pending
                    text: qsTr("not synced yet")
                    font.pixelSize: 12
                    color: Theme.warning
                }
                Badge {
                    visible: entry.corrected
                    text: qsTr("corrected")
                    back: Theme.warningBack
                }
            }
            Label {
                text: entry.summary
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            Label {
                objectName: "historyEarlierText_" + entry.index
                visible: entry.corrected
                text: qsTr("Before the correction: %1").arg(entry.earlierText)
                font.pixelSize: 12
                font.italic: true
                color: Theme.muted
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: 8
                Label {
                    text: entry.dealTitle.length > 0
                          ? qsTr("%1 \u00B7 deal: %2").arg(entry.authorName).arg(entry.dealTitle)
                          : entry.authorName
                    visible: text.length > 0
                    font.pixelSize: 12
                    color: Theme.muted
                    elide: Label.ElideRight
                    Layout.fillWidth: true
                }
                LinkButton {
                    objectName: "historyCorrectButton_" + entry.index
                    visible: entry.canCorrect && AppSession.can.correct_own_history
                    text: qsTr("Correct")
                    font.pixelSize: 13
                    implicitHeight: 28
                    onClicked: list.correctRequested(entry.entryId, entry.summary)
                }
            }
        }
    }
}
