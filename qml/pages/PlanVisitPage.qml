// SPDX-License-Identifier: MIT
// Plans a visit (or a call, a demonstration...) at a client, for oneself or
// (telemarketing, support, head, admin) for another manager (SPEC §2
// "Planned activity", §3.4). That person's busy times of the chosen day are
// listed (times only, never the clients); a time that overlaps one of them
// is warned about, not refused.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Backend
import Fieldbook.Ui

Page {
    id: page
    objectName: "planVisitPage"
    title: qsTr("Plan visit")

    required property string clientId
    readonly property bool wide: width >= 900

    signal done()

    // The next full hour today, or 09:00 tomorrow when that is past midnight.
    function defaultStart() {
        const d = new Date()
        d.setMinutes(0, 0, 0)
        d.setHours(d.getHours() + 1)
        if (d.getDate() !== new Date().getDate())
            d.setHours(9)
        return d
    }

    function save() {
        const id = plan.save(page.clientId, kindBox.value, purposeField.text, placeField.text)
        if (id.length > 0)
            page.done()
    }

    PlanForm {
        id: plan
        objectName: "planForm"
        session: AppSession
        assigneeId: assigneeBox.value
        date: dateField.text
        time: timeField.text
        durationMin: durationBox.value
    }

    // The chosen person's busy times on the chosen day: beside the form on
    // wide windows, under the day on narrow ones (before the time is chosen).
    // (An inline component does not see this file's ids: it gets what it shows.)
    component BusyTimes: ColumnLayout {
        id: busyTimes
        required property PlanForm form
        required property string title
        spacing: 6

        Label {
            objectName: "busyTitle"
            text: busyTimes.title
            font.bold: true
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        InfoPanel {
            Layout.fillWidth: true
            ColumnLayout {
                anchors.fill: parent
                spacing: 4
                Label {
                    objectName: "busyEmptyLabel"
                    visible: busyTimes.form.busy.count === 0
                    text: qsTr("Free all day.")
                    color: Theme.accent
                }
                Repeater {
                    model: busyTimes.form.busy
                    delegate: RowLayout {
                        required property int index
                        required property string timeText
                        required property bool overlaps
                        objectName: "busyRow_" + index
                        spacing: 8
                        Layout.fillWidth: true
                        Rectangle {
                            implicitWidth: 10
                            implicitHeight: 10
                            radius: 5
                            color: overlaps ? Theme.warningDot : Theme.divider
                        }
                        Label {
                            text: timeText
                            font.bold: overlaps
                        }
                        Label {
                            text: overlaps ? qsTr("overlaps") : qsTr("busy")
                            color: overlaps ? Theme.warningText : Theme.muted
                            font.pixelSize: 13
                            Layout.fillWidth: true
                        }
                    }
                }
            }
        }
        Label {
            text: qsTr("Only times are shown, never whom they visit.")
            color: Theme.muted
            font.pixelSize: 12
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
    }

    readonly property string busyTitle:
        assigneeBox.value.length > 0 && assigneeBox.value !== AppSession.userId
        ? qsTr("Busy times of %1, %2").arg(assigneeBox.valueText).arg(plan.dayText)
        : qsTr("Your busy times, %1").arg(plan.dayText)

    Flickable {
        id: flick
        anchors.fill: parent
        contentHeight: grid.implicitHeight + 32
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar {}

        GridLayout {
            id: grid
            x: (flick.width - width) / 2
            y: 16
            width: Math.min(flick.width - 32, 1100)
            columns: page.wide ? 2 : 1
            columnSpacing: 24
            rowSpacing: 12

            ColumnLayout {
                spacing: 8
                Layout.fillWidth: true
                Layout.preferredWidth: 3
                Layout.alignment: Qt.AlignTop

                FormField {
                    visible: AppSession.can.plan_for_others
                    label: qsTr("For whom")
                    ChoiceBox {
                        id: assigneeBox
                        objectName: "visitAssigneeBox"
                        source: "users:manager,head"
                        value: AppSession.userId
                        Layout.fillWidth: true
                    }
                }
                FormField {
                    label: qsTr("Day")
                    DateField {
                        id: dateField
                        fieldName: "visitDateField"
                        text: Qt.formatDate(page.defaultStart(), "yyyy-MM-dd")
                        Layout.fillWidth: true
                    }
                }
                FormError {
                    // Said once the date is typed in full (not while typing);
                    // a day the calendar lacks (2026-02-30) says so.
                    objectName: "visitDateError"
                    text: dateField.text.trim().length >= 10 || plan.error === plan.dateError
                          ? plan.dateError : ""
                    Layout.fillWidth: true
                }
                BusyTimes {
                    form: plan
                    title: page.busyTitle
                    // No day, no busy times (not "Free all day").
                    visible: !page.wide && plan.dayText.length > 0
                    Layout.fillWidth: true
                    Layout.bottomMargin: 4
                }
                RowLayout {
                    spacing: 12
                    Layout.fillWidth: true
                    FormField {
                        label: qsTr("Time")
                        TextField {
                            id: timeField
                            objectName: "visitTimeField"
                            text: Qt.formatTime(page.defaultStart(), "HH:mm")
                            placeholderText: qsTr("HH:MM")
                            inputMethodHints: Qt.ImhTime
                            selectByMouse: true
                            Layout.fillWidth: true
                        }
                    }
                    FormField {
                        label: qsTr("Duration, minutes")
                        SpinBox {
                            id: durationBox
                            objectName: "visitDurationField"
                            from: 15
                            to: 480
                            stepSize: 15
                            value: 60
                            editable: true
                            Layout.fillWidth: true
                        }
                    }
                }
                WarningBox {
                    objectName: "visitOverlapWarning"
                    text: plan.overlapText
                    Layout.fillWidth: true
                }
                FormField {
                    label: qsTr("What")
                    ChoiceBox {
                        id: kindBox
                        objectName: "visitKindBox"
                        source: "enum:activity_kind"
                        value: "visit"
                        Layout.fillWidth: true
                    }
                }
                FormField {
                    label: qsTr("Purpose")
                    TextField {
                        id: purposeField
                        objectName: "visitPurposeField"
                        placeholderText: qsTr("e.g. Demonstrate GTX Pro to the IT team")
                        selectByMouse: true
                        Layout.fillWidth: true
                    }
                }
                FormField {
                    label: qsTr("Place")
                    TextField {
                        id: placeField
                        objectName: "visitPlaceField"
                        placeholderText: qsTr("e.g. their office, room 4")
                        selectByMouse: true
                        Layout.fillWidth: true
                    }
                }
            }

            BusyTimes {
                form: plan
                title: page.busyTitle
                visible: page.wide && plan.dayText.length > 0
                Layout.fillWidth: true
                Layout.preferredWidth: 2
                Layout.alignment: Qt.AlignTop
            }

            ColumnLayout {
                spacing: 8
                Layout.fillWidth: true
                Layout.columnSpan: grid.columns
                FormError {
                    objectName: "visitErrorLabel"
                    // the date's problem is said under the date already
                    text: plan.error === plan.dateError ? "" : plan.error
                    Layout.fillWidth: true
                }
                RowLayout {
                    Layout.fillWidth: true
                    Button {
                        objectName: "cancelVisitButton"
                        text: qsTr("Cancel")
                        flat: true
                        onClicked: page.done()
                    }
                    Item { Layout.fillWidth: true }
                    Button {
                        objectName: "saveVisitButton"
                        text: plan.overlapCount > 0 ? qsTr("Save anyway") : qsTr("Save")
                        highlighted: true
                        onClicked: page.save()
                    }
                }
            }
        }
    }
}
