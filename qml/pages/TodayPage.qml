// SPDX-License-Identifier: MIT
// The user's planned activities for a day, overdue ones first (SPEC §3.1);
// any other day is a tap away.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Backend
import Fieldbook.Ui

Page {
    id: page
    objectName: "todayPage"
    title: today.title

    signal clientActivated(string clientId)

    TodayModel {
        id: today
        objectName: "todayModel"
        session: AppSession
    }

    header: ToolBar {
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
            anchors.fill: parent
            HeaderButton {
                objectName: "todayPrevButton"
                text: "\u2039"
                font.pixelSize: 24
                onClicked: today.shiftDays(-1)
                Accessible.name: qsTr("Previous day")
            }
            ItemDelegate {
                id: dateButton
                objectName: "todayDateButton"
                Layout.fillWidth: true
                onClicked: picker.show(today.isoDate)
                Accessible.name: qsTr("Choose a day")
                background: Rectangle {
                    radius: 4
                    color: dateButton.down ? Theme.subtle : "transparent"
                }
                contentItem: Label {
                    objectName: "todayDateLabel"
                    text: today.overdueCount > 0
                          ? qsTr("%1 \u00B7 %n overdue", "", today.overdueCount).arg(today.dateText)
                          : today.dateText
                    horizontalAlignment: Text.AlignHCenter
                    font.bold: true
                    color: Theme.text
                    elide: Label.ElideRight
                }
            }
            HeaderButton {
                objectName: "todayButton"
                foreground: Theme.primary
                text: qsTr("Today")
                visible: !today.isToday
                onClicked: today.goToday()
            }
            HeaderButton {
                objectName: "todayNextButton"
                text: "\u203A"
                font.pixelSize: 24
                onClicked: today.shiftDays(1)
                Accessible.name: qsTr("Next day")
            }
        }
    }

    DatePickerDialog {
        id: picker
        onPicked: isoDate => today.isoDate = isoDate
    }
    ActivityDialog {
        id: activityDialog
        onOpenClient: clientId => page.clientActivated(clientId)
    }

    ListView {
        id: list
        objectName: "todayList"
        anchors.fill: parent
        anchors.leftMargin: Math.max(0, (parent.width - 760) / 2)
        anchors.rightMargin: anchors.leftMargin
        model: today
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar {}

        delegate: ItemDelegate {
            id: row
            required property int index
            required property string activityId
            required property string clientId
            required property string clientName
            required property string kindLabel
            required property string timeText
            required property string dateText
            required property int durationMin
            required property string purpose
            required property string statusLabel
            required property string status
            required property bool overdue

            objectName: "todayDelegate_" + index
            width: ListView.view.width
            onClicked: activityDialog.show(row.activityId)

            contentItem: RowLayout {
                spacing: 12
                ColumnLayout {
                    spacing: 0
                    // wide enough for an overdue row's date, so the names line up
                    Layout.preferredWidth: Math.max(implicitWidth, 92)
                    Label {
                        text: row.timeText
                        font.pixelSize: 18
                        font.bold: true
                        color: row.overdue ? Theme.danger : Theme.text
                    }
                    Label {
                        text: row.overdue ? row.dateText : qsTr("%n min", "", row.durationMin)
                        font.pixelSize: 12
                        opacity: 0.7
                    }
                }
                ColumnLayout {
                    spacing: 2
                    Layout.fillWidth: true
                    Label {
                        text: row.clientName
                        font.bold: true
                        elide: Label.ElideRight
                        Layout.fillWidth: true
                    }
                    Label {
                        text: [row.kindLabel, row.purpose].filter(s => s.length > 0).join(" \u00B7 ")
                        opacity: 0.75
                        elide: Label.ElideRight
                        Layout.fillWidth: true
                    }
                }
                Label {
                    text: row.overdue ? qsTr("overdue") : row.statusLabel
                    visible: row.overdue || row.status !== "planned"
                    font.pixelSize: 12
                    color: row.overdue ? Theme.danger : Theme.muted
                }
            }
        }

        EmptyState {
            objectName: "todayEmptyLabel"
            anchors.fill: parent
            visible: list.count === 0 && !AppSession.busy
            text: qsTr("Nothing planned for this day.\nPlan a visit from a client's card, or tap "
                       + "the date to see another day.")
        }
        BusyIndicator {
            anchors.centerIn: parent
            running: AppSession.busy
            visible: running
        }
    }
}
