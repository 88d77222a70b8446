// SPDX-License-Identifier: MIT
// The manager load report as a table: one row per manager (name, clients in
// work, new cards, contacts logged, planned / done / missed activities,
// planned hours). Wider than a phone: it scrolls sideways, the name column
// stays readable. Tapping a row emits managerActivated(login).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Ui

Flickable {
    id: root
    /// A ReportModel of manager_load.
    property var model
    signal managerActivated(string login, string name)

    readonly property int nameWidth: 150
    readonly property int numberWidth: 78
    readonly property var numberColumns: [
        { key: "clients_in_work", title: qsTr("Clients") },
        { key: "new_cards", title: qsTr("New cards") },
        { key: "contacts_logged", title: qsTr("Contacts") },
        { key: "activities_planned", title: qsTr("Planned") },
        { key: "activities_done", title: qsTr("Done") },
        { key: "activities_missed", title: qsTr("Missed") },
        { key: "planned_hours", title: qsTr("Hours") }
    ]
    readonly property int tableWidth: nameWidth + numberColumns.length * numberWidth + 16

    implicitHeight: table.implicitHeight
    contentWidth: Math.max(width, tableWidth)
    contentHeight: table.implicitHeight
    flickableDirection: Flickable.HorizontalFlick
    boundsBehavior: Flickable.StopAtBounds
    clip: true
    ScrollBar.horizontal: ScrollBar {
        policy: root.tableWidth > root.width ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
    }

    function cell(v, key) {
        if (v === undefined || v === null)
            return "\u2013"
        return key === "planned_hours" ? Number(v).toLocaleString(Qt.locale(), "f", 1)
                                       : Number(v).toLocaleString(Qt.locale(), "f", 0)
    }

    Column {
        id: table
        width: root.contentWidth

        Rectangle {
            width: parent.width
            height: 32
            color: Theme.subtle
            Row {
                anchors.fill: parent
                anchors.leftMargin: 8
                Label {
                    width: root.nameWidth
                    height: parent.height
                    verticalAlignment: Text.AlignVCenter
                    text: qsTr("Manager")
                    font.bold: true
                    color: Theme.muted
                }
                Repeater {
                    model: root.numberColumns
                    Label {
                        required property var modelData
                        width: root.numberWidth
                        height: parent.height
                        verticalAlignment: Text.AlignVCenter
                        horizontalAlignment: Text.AlignRight
                        text: modelData.title
                        font.bold: true
                        font.pixelSize: 12
                        color: Theme.muted
                        elide: Text.ElideRight
                    }
                }
            }
        }
        Repeater {
            model: root.model
            ItemDelegate {
                id: rowItem
                required property int index
                required property var model
                objectName: "managerRow_" + index
                property string login: model.manager || ""
                width: table.width
                height: 36
                onClicked: root.managerActivated(login, model.manager_name || login)
                background: Rectangle {
                    color: rowItem.down ? Theme.primaryLight : (rowItem.index % 2 ? Theme.window : Theme.surface)
                }
                contentItem: Row {
                    leftPadding: 8 - rowItem.leftPadding
                    Label {
                        width: root.nameWidth
                        height: parent.height
                        verticalAlignment: Text.AlignVCenter
                        text: rowItem.model.manager_name || rowItem.login
                        color: Theme.primary
                        elide: Text.ElideRight
                    }
                    Repeater {
                        model: root.numberColumns
                        Label {
                            required property var modelData
                            objectName: "managerCell_" + rowItem.index + "_" + modelData.key
                            width: root.numberWidth
                            height: parent.height
                            verticalAlignment: Text.AlignVCenter
                            horizontalAlignment: Text.AlignRight
                            text: root.cell(rowItem.model[modelData.key], modelData.key)
                            color: Theme.text
                        }
                    }
                }
            }
        }
    }
}
