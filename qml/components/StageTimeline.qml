// SPDX-License-Identifier: MIT
// A deal's stages, oldest first (SPEC §2 "Deal stage"): start and end,
// the manager who worked it and its days against the stage's norm; a stage
// over its norm is highlighted. `model` is DealView.stages.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Ui

ColumnLayout {
    id: root
    property alias model: repeater.model
    spacing: 0

    Label {
        visible: repeater.count === 0
        text: qsTr("No stage recorded yet.")
        color: Theme.muted
    }
    Repeater {
        id: repeater
        delegate: Item {
            id: stage
            required property int index
            required property string name
            required property string startedText
            required property string endedText
            required property string managerName
            required property string daysText
            required property bool overNorm
            required property bool current

            objectName: "stageRow_" + index
            Layout.fillWidth: true
            implicitHeight: body.implicitHeight + 16

            Rectangle { // the rail
                x: 7
                width: 2
                y: stage.index === 0 ? 12 : 0
                height: stage.index === repeater.count - 1 ? 12 - y : stage.height - y
                color: Theme.divider
            }
            Rectangle {
                x: 2
                y: 7
                width: 12
                height: 12
                radius: 6
                color: stage.current ? Theme.surface : stage.overNorm ? Theme.danger : Theme.primary
                border.width: stage.current ? 3 : 0
                border.color: Theme.primary
            }
            ColumnLayout {
                id: body
                x: 26
                y: 2
                width: stage.width - x
                spacing: 1
                RowLayout {
                    Layout.fillWidth: true
                    spacing: 8
                    Label {
                        text: stage.name
                        font.bold: stage.current
                        elide: Label.ElideRight
                        Layout.fillWidth: true
                    }
                    Label {
                        objectName: "stageDays_" + stage.index
                        text: stage.daysText
                        font.pixelSize: 13
                        font.bold: stage.overNorm
                        color: stage.overNorm ? Theme.danger : Theme.muted
                    }
                }
                Label {
                    text: {
                        const span = stage.endedText.length > 0
                                ? qsTr("%1 \u2013 %2").arg(stage.startedText).arg(stage.endedText)
                                : qsTr("since %1").arg(stage.startedText)
                        return stage.managerName.length > 0 ? span + " \u00B7 " + stage.managerName
                                                            : span
                    }
                    font.pixelSize: 13
                    color: Theme.muted
                    elide: Label.ElideRight
                    Layout.fillWidth: true
                }
                Badge {
                    visible: stage.overNorm
                    text: qsTr("over the norm")
                    back: Theme.lostBack
                }
            }
        }
    }
}
