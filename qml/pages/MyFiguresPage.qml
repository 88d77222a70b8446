// SPDX-License-Identifier: MIT
// "My figures" (SPEC §5, issue 5) for a manager: their own manager load row,
// their won and lost deals, and their deals over a stage's norm now. The
// server answers a manager with their own figures only; offline the
// device's replica answers, saying so.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Backend
import Fieldbook.Ui

Page {
    id: page
    objectName: "myFiguresPage"
    title: qsTr("My figures")

    signal dealActivated(string dealId)

    readonly property var reportModels: [load, outcome, overNorm]
    readonly property var me: load.count > 0 ? load.row(0) : ({})
    property var totals: ({ won: 0, lost: 0, amount: 0 })

    ReportModel {
        id: load
        objectName: "myLoadModel"
        report: "manager_load"
        from: period.from
        to: period.to
    }
    ReportModel {
        id: outcome
        objectName: "myOutcomeModel"
        report: "deals_outcome"
        from: period.from
        to: period.to
        onLoaded: {
            let t = { won: 0, lost: 0, amount: 0 }
            for (let r of rows()) {
                t.won += r.won || 0
                t.lost += r.lost || 0
                t.amount += r.won_amount_cents || 0
            }
            page.totals = t
        }
    }
    ReportModel {
        id: overNorm
        objectName: "myOverNormModel"
        report: "stages_over_norm"
    }

    function refresh() {
        for (let m of reportModels)
            m.refresh()
    }
    Component.onCompleted: refresh()

    function number(v, places) {
        return Number(v || 0).toLocaleString(Qt.locale(), "f", places || 0)
    }

    component Figure: ColumnLayout {
        property string label
        property string value
        property string name
        spacing: 0
        Layout.fillWidth: true
        Label {
            objectName: parent.name
            text: parent.value
            font.pixelSize: 22
            font.bold: true
            color: Theme.primary
        }
        Label {
            text: parent.label
            color: Theme.muted
            font.pixelSize: 12
            wrapMode: Label.Wrap
            Layout.fillWidth: true
        }
    }

    ScrollView {
        id: scroll
        anchors.fill: parent
        contentWidth: availableWidth
        clip: true

        ColumnLayout {
            width: Math.min(scroll.availableWidth, Theme.contentMaxWidth)
            x: (scroll.availableWidth - width) / 2
            spacing: 12

            PeriodSelector {
                id: period
                Layout.fillWidth: true
                Layout.margins: 12
                Layout.bottomMargin: 0
                onPeriodChosen: Qt.callLater(page.refresh)
            }
            ReportStatus {
                models: page.reportModels
                namePrefix: "myFigures"
                Layout.fillWidth: true
                Layout.leftMargin: 12
                Layout.rightMargin: 12
            }
            InfoPanel {
                Layout.fillWidth: true
                Layout.leftMargin: 12
                Layout.rightMargin: 12
                GridLayout {
                    anchors.left: parent.left
                    anchors.right: parent.right
                    columns: page.width > 600 ? 4 : 2
                    rowSpacing: 12
                    Figure { name: "myClientsInWork"; value: page.number(page.me.clients_in_work); label: qsTr("Clients in work") }
                    Figure { name: "myNewCards"; value: page.number(page.me.new_cards); label: qsTr("New cards") }
                    Figure { name: "myContactsLogged"; value: page.number(page.me.contacts_logged); label: qsTr("Contacts logged") }
                    Figure { name: "myPlannedHours"; value: page.number(page.me.planned_hours, 1); label: qsTr("Planned hours") }
                    Figure { name: "myActivitiesPlanned"; value: page.number(page.me.activities_planned); label: qsTr("Planned") }
                    Figure { name: "myActivitiesDone"; value: page.number(page.me.activities_done); label: qsTr("Done") }
                    Figure { name: "myActivitiesMissed"; value: page.number(page.me.activities_missed); label: qsTr("Missed") }
                    Figure { name: "myDealsInWork"; value: page.number(page.me.deals_in_work); label: qsTr("Deals in work") }
                }
            }
            InfoPanel {
                Layout.fillWidth: true
                Layout.leftMargin: 12
                Layout.rightMargin: 12
                ColumnLayout {
                    anchors.left: parent.left
                    anchors.right: parent.right
                    SectionHeader { text: qsTr("Deals closed") }
                    RowLayout {
                        Figure { name: "myWon"; value: page.number(page.totals.won); label: qsTr("Won") }
                        Figure { name: "myLost"; value: page.number(page.totals.lost); label: qsTr("Lost") }
                        Figure { name: "myWonAmount"; value: page.number(page.totals.amount / 100); label: qsTr("Amount won") }
                    }
                }
            }
            InfoPanel {
                Layout.fillWidth: true
                Layout.leftMargin: 12
                Layout.rightMargin: 12
                Layout.bottomMargin: 12
                ColumnLayout {
                    anchors.left: parent.left
                    anchors.right: parent.right
                    SectionHeader { text: qsTr("Stages over their norm now (%n)", "", overNorm.count) }
                    Label {
                        visible: overNorm.count > 20
                        text: qsTr("The 20 longest over their norm:")
                        color: Theme.muted
                    }
                    Label {
                        visible: overNorm.count === 0
                        text: qsTr("No deal is over its stage's norm.")
                        color: Theme.muted
                    }
                    Repeater {
                        model: overNorm
                        ItemDelegate {
                            id: overRow
                            required property int index
                            required property var model
                            objectName: "overNormRow_" + index
                            visible: index < 20 // the longest over first
                            Layout.fillWidth: true
                            onClicked: page.dealActivated(model.deal_id)
                            contentItem: ColumnLayout {
                                spacing: 2
                                Label {
                                    text: overRow.model.title || ""
                                    elide: Label.ElideRight
                                    Layout.fillWidth: true
                                }
                                Label {
                                    text: qsTr("%1: %2 days, norm %3").arg(overRow.model.stage_name || overRow.model.stage)
                                              .arg(page.number(overRow.model.days_in_stage)).arg(overRow.model.norm_days)
                                    color: Theme.warning
                                    font.pixelSize: 12
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
