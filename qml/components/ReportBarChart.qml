// SPDX-License-Identifier: MIT
// A horizontal bar chart (Qt Charts) of a report's figures: one bar group
// per category, first category on top, one bar set per entry of `sets`
// ({label, values, color}). Its height follows the number of categories so
// that every label stays readable on a phone.
import QtQuick
import QtCharts
import Fieldbook.Ui

ChartView {
    id: chart
    property var categories: []
    property var sets: []
    /// Pixels per category row (per bar set within it).
    property int rowHeight: 14

    implicitHeight: Math.max(120, categories.length * Math.max(1, sets.length) * rowHeight + 90)
    antialiasing: true
    backgroundColor: Theme.surface
    backgroundRoundness: 0
    margins.left: 0
    margins.right: 4
    margins.top: 0
    margins.bottom: 0
    legend.visible: sets.length > 1
    legend.alignment: Qt.AlignBottom
    legend.font.pixelSize: 12
    legend.labelColor: Theme.text

    HorizontalBarSeries {
        id: series
        // One or two categories would make slabs: keep the bars slim.
        barWidth: chart.categories.length < 3 ? 0.35 : 0.8
        labelsVisible: true
        labelsPosition: AbstractBarSeries.LabelsOutsideEnd
        axisY: BarCategoryAxis {
            id: categoryAxis
            labelsFont.pixelSize: 11
            labelsColor: Theme.text
            gridVisible: false
        }
        axisX: ValueAxis {
            id: valueAxis
            min: 0
            labelFormat: "%d"
            labelsFont.pixelSize: 10
            labelsColor: Theme.muted
            tickCount: 5
        }
    }

    onCategoriesChanged: rebuild()
    onSetsChanged: rebuild()
    Component.onCompleted: rebuild()

    /// Nice round upper end of the value axis, with room for the bar labels.
    function niceMax(max) {
        if (max <= 0)
            return 4
        const step = Math.pow(10, Math.floor(Math.log10(max)))
        const top = max * 1.15
        return Math.ceil(top / step) * step
    }

    function rebuild() {
        series.clear()
        // Qt Charts draws the first category at the bottom: reverse both.
        categoryAxis.categories = categories.slice().reverse()
        let max = 0
        for (let s = 0; s < sets.length; ++s) {
            const values = sets[s].values.slice().reverse()
            for (let v of values)
                max = Math.max(max, v)
            const set = series.append(sets[s].label, values)
            set.color = sets[s].color
            set.borderColor = sets[s].color
            set.labelColor = Theme.text
            set.labelFont.pixelSize = 10
        }
        valueAxis.max = niceMax(max)
        valueAxis.applyNiceNumbers()
    }
}
