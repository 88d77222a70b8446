// SPDX-License-Identifier: MIT
// The head's dashboard (SPEC §5, issue 5; head, admin, marketing): the
// manager load table with a bar chart, the funnel, won and lost deals by
// month, refusal reasons and information sources, for a period. From the
// server when online; offline over this device's replica, saying so.
// Tapping a manager opens that manager's open deals and plan.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtCharts
import Fieldbook.Backend
import Fieldbook.Ui

Page {
    id: page
    objectName: "dashboardPage"
    title: qsTr("Dashboard")

    signal managerActivated(string login, string name)

    readonly property var reportModels: [load, outcome, funnel, refusals, sources]
    readonly property bool wide: width >= 900

    ReportModel {
        id: load
        objectName: "managerLoadModel"
        report: "manager_load"
        from: period.from
        to: period.to
    }
    ReportModel {
        id: outcome
        objectName: "dealsOutcomeModel"
        report: "deals_outcome"
        from: period.from
        to: period.to
    }
    ReportModel {
        id: funnel
        objectName: "funnelModel"
        report: "funnel"
        from: period.from
        to: period.to
    }
    ReportModel {
        id: refusals
        objectName: "refusalReasonsModel"
        report: "refusal_reasons"
        from: period.from
        to: period.to
    }
    ReportModel {
        id: sources
        objectName: "sourcesModel"
        report: "sources"
        from: period.from
        to: period.to
    }

    function refresh() {
        for (let m of reportModels)
            m.refresh()
    }
    Component.onCompleted: refresh()

    // The chart data, recomputed when a report arrives.
    property var loadChart: ({ categories: [], sets: [] })
    property var trend: ({ months: [], won: [], lost: [] })
    Connections {
        target: load
        function onLoaded() {
            const rows = load.rows()
            page.loadChart = {
                categories: rows.map(r => r.manager_name || r.manager),
                sets: [{ label: qsTr("Clients in work"), values: rows.map(r => r.clients_in_work || 0), color: Theme.primary }]
            }
        }
    }
    Connections {
        target: outcome
        function onLoaded() {
            const byMonth = {}
            for (let r of outcome.rows()) {
                if (!r.month)
                    continue
                const m = byMonth[r.month] || (byMonth[r.month] = { won: 0, lost: 0 })
                m.won += r.won || 0
                m.lost += r.lost || 0
            }
            const months = Object.keys(byMonth).sort()
            page.trend = { months: months, won: months.map(m => byMonth[m].won),
                           lost: months.map(m => byMonth[m].lost) }
            trendCategories.categories = months
            trendWon.values = page.trend.won
            trendLost.values = page.trend.lost
            trendValues.max = Math.max(4, Math.ceil(Math.max(0, ...page.trend.won, ...page.trend.lost) * 1.1))
            trendValues.applyNiceNumbers()
        }
    }

    Flickable {
        id: scroll
        objectName: "dashboardFlick"
        anchors.fill: parent
        contentWidth: width
        contentHeight: column.implicitHeight
        boundsBehavior: Flickable.StopAtBounds
        clip: true
        ScrollBar.vertical: ScrollBar {}

        ColumnLayout {
            id: column
            width: scroll.width
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
                namePrefix: "dashboard"
                Layout.fillWidth: true
                Layout.leftMargin: 12
                Layout.rightMargin: 12
            }

            // Wide: the table beside its chart, then the other charts two by two.
            GridLayout {
                columns: page.wide ? 2 : 1
                columnSpacing: 12
                rowSpacing: 12
                Layout.fillWidth: true
                Layout.leftMargin: 12
                Layout.rightMargin: 12
                Layout.bottomMargin: 12

                // The table and its chart side by side when wide, one above the other on a phone.
                InfoPanel {
                    Layout.fillWidth: true
                    Layout.columnSpan: page.wide ? 2 : 1
                    Layout.alignment: Qt.AlignTop
                    padding: 0
                    GridLayout {
                        anchors.left: parent.left
                        anchors.right: parent.right
                        columns: page.wide ? 2 : 1
                        columnSpacing: 12
                        rowSpacing: 0
                        SectionHeader {
                            text: qsTr("Manager load (%n manager(s))", "", load.count)
                            Layout.columnSpan: page.wide ? 2 : 1
                            Layout.margins: 12
                            Layout.topMargin: 12
                        }
                        ManagerLoadTable {
                            id: loadTable
                            objectName: "managerLoadTable"
                            model: load
                            Layout.fillWidth: !page.wide
                            Layout.preferredWidth: page.wide ? tableWidth : -1
                            Layout.alignment: Qt.AlignTop
                            onManagerActivated: (login, name) => page.managerActivated(login, name)
                        }
                        ColumnLayout {
                            Layout.fillWidth: true
                            Layout.alignment: Qt.AlignTop
                            Layout.margins: 12
                            Layout.topMargin: page.wide ? 0 : 12
                            Label {
                                text: qsTr("Clients in work")
                                font.bold: true
                                color: Theme.muted
                            }
                            ReportBarChart {
                                objectName: "managerLoadChart"
                                categories: page.loadChart.categories
                                sets: page.loadChart.sets
                                rowHeight: 24
                                Layout.fillWidth: true
                                Layout.preferredHeight: implicitHeight
                            }
                        }
                    }
                }
                InfoPanel {
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    Layout.alignment: Qt.AlignTop
                    ColumnLayout {
                        anchors.left: parent.left
                        anchors.right: parent.right
                        SectionHeader { text: qsTr("Funnel") }
                        ReportBarChart {
                            objectName: "funnelChart"
                            // count is notified with every answer: the rows are read again.
                            readonly property var rowsNow: funnel.count >= 0 ? funnel.rows() : []
                            categories: rowsNow.map(r => r.name || r.step)
                            sets: [{ label: qsTr("Deals"), values: rowsNow.map(r => r.deals || 0), color: Theme.primary }]
                            rowHeight: 28
                            Layout.fillWidth: true
                            Layout.preferredHeight: implicitHeight
                        }
                    }
                }
                InfoPanel {
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    Layout.alignment: Qt.AlignTop
                    ColumnLayout {
                        anchors.left: parent.left
                        anchors.right: parent.right
                        SectionHeader { text: qsTr("Won and lost by month") }
                        ChartView {
                            objectName: "trendChart"
                            Layout.fillWidth: true
                            Layout.preferredHeight: 260
                            antialiasing: true
                            backgroundColor: Theme.surface
                            backgroundRoundness: 0
                            margins.left: 0
                            margins.right: 0
                            margins.top: 0
                            margins.bottom: 0
                            legend.alignment: Qt.AlignBottom
                            legend.font.pixelSize: 12
                            BarSeries {
                                axisX: BarCategoryAxis {
                                    id: trendCategories
                                    labelsAngle: -90
                                    labelsFont.pixelSize: 10
                                    gridVisible: false
                                }
                                axisY: ValueAxis {
                                    id: trendValues
                                    min: 0
                                    labelFormat: "%d"
                                    labelsFont.pixelSize: 10
                                    tickCount: 5
                                }
                                BarSet {
                                    id: trendWon
                                    label: qsTr("Won")
                                    color: Theme.accent
                                    borderColor: Theme.accent
                                }
                                BarSet {
                                    id: trendLost
                                    label: qsTr("Lost")
                                    color: Theme.danger
                                    borderColor: Theme.danger
                                }
                            }
                        }
                    }
                }
                InfoPanel {
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    Layout.alignment: Qt.AlignTop
                    ColumnLayout {
                        anchors.left: parent.left
                        anchors.right: parent.right
                        SectionHeader { text: qsTr("Refusal reasons") }
                        ReportBarChart {
                            objectName: "refusalChart"
                            readonly property var rowsNow: refusals.count >= 0 ? refusals.rows() : []
                            categories: rowsNow.map(r => r.label || r.reason || qsTr("No reason given"))
                            sets: [{ label: qsTr("Lost deals"), values: rowsNow.map(r => r.deals || 0), color: Theme.danger }]
                            rowHeight: 28
                            Layout.fillWidth: true
                            Layout.preferredHeight: implicitHeight
                        }
                    }
                }
                InfoPanel {
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    Layout.alignment: Qt.AlignTop
                    ColumnLayout {
                        anchors.left: parent.left
                        anchors.right: parent.right
                        SectionHeader { text: qsTr("Sources of won deals") }
                        ReportBarChart {
                            objectName: "sourcesChart"
                            readonly property var rowsNow: sources.count >= 0
                                ? sources.rows().filter(r => r.dimension === "info_source") : []
                            categories: rowsNow.map(r => r.label || r.code || qsTr("Not given"))
                            sets: [{ label: qsTr("Won deals"), values: rowsNow.map(r => r.deals_won || 0), color: Theme.accent }]
                            rowHeight: 22
                            Layout.fillWidth: true
                            Layout.preferredHeight: implicitHeight
                        }
                    }
                }
            }
        }
    }
}
