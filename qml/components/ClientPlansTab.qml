// SPDX-License-Identifier: MIT
// A client's planned activities: still planned ones first, by time, then
// the done, cancelled and missed ones; tap one to act on it.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Backend
import Fieldbook.Ui

ColumnLayout {
    id: root
    required property ClientCard card
    signal planRequested()
    signal activityActivated(string activityId)
    spacing: 4

    SectionHeader {
        text: qsTr("Planned work (%1)").arg(root.card.plans.count)
        actionText: qsTr("Plan visit")
        actionName: "plansPlanVisitButton"
        actionVisible: AppSession.can.plan_own_work || AppSession.can.plan_for_others
        onAction: root.planRequested()
        Layout.leftMargin: 4
        Layout.rightMargin: 4
    }
    ListView {
        id: list
        objectName: "planList"
        model: root.card.plans
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar {}
        Layout.fillWidth: true
        Layout.fillHeight: true

        EmptyState {
            anchors.fill: parent
            visible: list.count === 0
            text: qsTr("Nothing planned with this client.")
        }

        delegate: ItemDelegate {
            id: row
            required property int index
            required property string activityId
            required property string kindLabel
            required property string dateText
            required property string timeText
            required property int durationMin
            required property string purpose
            required property string status
            required property string statusLabel
            required property string assigneeName
            required property bool overdue
            objectName: "planDelegate_" + index
            width: ListView.view.width
            onClicked: root.activityActivated(row.activityId)
            contentItem: RowLayout {
                spacing: 12
                ColumnLayout {
                    spacing: 0
                    Label {
                        text: row.dateText
                        font.bold: true
                        color: row.overdue ? Theme.danger : Theme.text
                    }
                    Label {
                        text: row.timeText
                        font.pixelSize: 13
                        color: Theme.muted
                    }
                }
                ColumnLayout {
                    spacing: 2
                    Layout.fillWidth: true
                    Label {
                        text: [row.kindLabel, row.purpose].filter(s => s.length > 0).join(" \u00B7 ")
                        elide: Label.ElideRight
                        Layout.fillWidth: true
                    }
                    Label {
                        text: qsTr("%1 \u00B7 %n min", "", row.durationMin).arg(row.assigneeName)
                        font.pixelSize: 13
                        color: Theme.muted
                        elide: Label.ElideRight
                        Layout.fillWidth: true
                    }
                }
                Badge {
                    text: row.overdue ? qsTr("overdue") : row.statusLabel
                    back: row.status === "done" ? Theme.wonBack
                        : row.status === "planned" && !row.overdue ? Theme.openBack : Theme.lostBack
                }
            }
        }
    }
}
