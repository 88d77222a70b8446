// SPDX-License-Identifier: MIT
// The conflict log (SPEC §4): every change of this user that met another
// change, in plain words, with "Apply mine again" on the ones the user lost;
// then the edits the server refused, with the reason and what was typed.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Backend
import Fieldbook.Ui

Page {
    id: page
    objectName: "conflictsPage"
    title: qsTr("Conflicts")

    readonly property ConflictLog log: conflictLog

    ConflictLog {
        id: conflictLog
        objectName: "conflictLog"
        session: AppSession
    }

    Flickable {
        id: flick
        objectName: "conflictsFlick"
        anchors.fill: parent
        contentHeight: column.implicitHeight + 32
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar {}

        ColumnLayout {
            id: column
            x: Math.max(12, (flick.width - Theme.contentMaxWidth) / 2)
            y: 12
            width: Math.min(flick.width - 24, Theme.contentMaxWidth)
            spacing: 8

            FormError {
                objectName: "conflictsError"
                text: conflictLog.error
                Layout.fillWidth: true
            }

            SectionHeader {
                objectName: "conflictsHeader"
                text: qsTr("Changes that met another change (%1)").arg(conflictLog.conflicts.count)
            }
            Label {
                text: qsTr("When two people change the same field before they sync, one change is kept by the rule shown. Nothing is thrown away: the other value stays here.")
                wrapMode: Text.Wrap
                color: Theme.muted
                font.pixelSize: 13
                Layout.fillWidth: true
            }
            EmptyState {
                objectName: "conflictsEmpty"
                visible: conflictLog.conflicts.count === 0
                text: qsTr("No conflicts: every change you made was kept.")
                Layout.fillWidth: true
            }
            Repeater {
                model: conflictLog.conflicts
                delegate: InfoPanel {
                    id: row
                    required property int index
                    required property string conflictId
                    required property string text
                    required property string ruleText
                    required property string whenText
                    required property bool lost
                    required property bool reapplied
                    required property bool canReapply
                    required property string reapplyBlockedText
                    objectName: "conflictRow_" + index
                    Layout.fillWidth: true

                    contentItem: ColumnLayout {
                        spacing: 6
                        RowLayout {
                            spacing: 8
                            Layout.fillWidth: true
                            Badge {
                                objectName: "conflictOutcome_" + row.index
                                text: row.reapplied ? qsTr("Re-applied")
                                                    : row.lost ? qsTr("Replaced") : qsTr("Kept")
                                back: row.reapplied ? Theme.openBack
                                                    : row.lost ? Theme.lostBack : Theme.wonBack
                            }
                            Label {
                                text: row.whenText
                                color: Theme.muted
                                font.pixelSize: 13
                                elide: Label.ElideRight
                                Layout.fillWidth: true
                            }
                        }
                        Label {
                            objectName: "conflictText_" + row.index
                            text: row.text
                            font.pixelSize: 14
                            wrapMode: Text.Wrap
                            Layout.fillWidth: true
                        }
                        Label {
                            objectName: "conflictRule_" + row.index
                            text: row.ruleText
                            wrapMode: Text.Wrap
                            color: Theme.muted
                            font.pixelSize: 13
                            Layout.fillWidth: true
                        }
                        Label {
                            objectName: "conflictReapplied_" + row.index
                            visible: row.reapplied
                            text: qsTr("Your value was applied again as a new change.")
                            wrapMode: Text.Wrap
                            color: Theme.accent
                            font.pixelSize: 13
                            Layout.fillWidth: true
                        }
                        Label {
                            objectName: "conflictCannotReapply_" + row.index
                            visible: text.length > 0
                            text: row.reapplyBlockedText.length > 0
                                  ? qsTr("Yours cannot be applied again: %1").arg(row.reapplyBlockedText)
                                  : ""
                            wrapMode: Text.Wrap
                            color: Theme.muted
                            font.pixelSize: 13
                            Layout.fillWidth: true
                        }
                        Button {
                            objectName: "applyMineButton_" + row.index
                            visible: row.canReapply
                            text: qsTr("Apply mine again")
                            onClicked: conflictLog.applyMine(row.conflictId)
                        }
                    }
                }
            }

            SectionHeader {
                objectName: "rejectedHeader"
                text: qsTr("Not saved by the server (%1)").arg(conflictLog.rejected.count)
                Layout.topMargin: 16
            }
            Label {
                text: qsTr("The server refused these edits, so they are not in the records. What you typed is kept here so that you can enter it again where it belongs.")
                wrapMode: Text.Wrap
                color: Theme.muted
                font.pixelSize: 13
                Layout.fillWidth: true
            }
            EmptyState {
                objectName: "rejectedEmpty"
                visible: conflictLog.rejected.count === 0
                text: qsTr("The server took every edit of this device.")
                Layout.fillWidth: true
            }
            Repeater {
                model: conflictLog.rejected
                delegate: InfoPanel {
                    id: refused
                    required property int index
                    required property string title
                    required property string message
                    required property string valuesText
                    required property string whenText
                    objectName: "rejectedRow_" + index
                    Layout.fillWidth: true

                    contentItem: ColumnLayout {
                        spacing: 6
                        RowLayout {
                            spacing: 8
                            Layout.fillWidth: true
                            Label {
                                objectName: "rejectedTitle_" + refused.index
                                text: refused.title
                                font.bold: true
                                wrapMode: Text.Wrap
                                Layout.fillWidth: true
                            }
                            Label {
                                text: refused.whenText
                                color: Theme.muted
                                font.pixelSize: 13
                            }
                        }
                        Label {
                            objectName: "rejectedMessage_" + refused.index
                            text: refused.message
                            wrapMode: Text.Wrap
                            color: Theme.danger
                            Layout.fillWidth: true
                        }
                        Label {
                            text: qsTr("What you typed:")
                            font.pixelSize: 13
                            color: Theme.muted
                            visible: refused.valuesText.length > 0
                        }
                        TextArea {
                            objectName: "rejectedValues_" + refused.index
                            text: refused.valuesText
                            visible: text.length > 0
                            readOnly: true
                            selectByMouse: true
                            wrapMode: TextEdit.Wrap
                            font.pixelSize: 14
                            background: Rectangle {
                                color: Theme.subtle
                                radius: 4
                            }
                            Layout.fillWidth: true
                        }
                    }
                }
            }
        }
    }
}
