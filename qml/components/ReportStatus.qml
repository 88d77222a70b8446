// SPDX-License-Identifier: MIT
// Under a report page's header: "offline: figures cover only what this
// device holds" when a report came from the device's replica, the error of
// a refused report, or "Loading…".
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Ui

ColumnLayout {
    id: root
    /// The page's ReportModels; the first offline one and the first error show.
    property var models: []
    property string namePrefix: "report"
    readonly property var offlineModel: models.find(m => m.offline) || null
    readonly property var errorModel: models.find(m => m.errorText.length > 0) || null
    readonly property bool loading: models.some(m => m.loading)
    spacing: 4

    Label {
        objectName: root.namePrefix + "OfflineNote"
        visible: root.offlineModel !== null
        text: root.offlineModel ? root.offlineModel.offlineText : ""
        color: Theme.warningText
        wrapMode: Label.Wrap
        Layout.fillWidth: true
        padding: 8
        background: Rectangle {
            color: Theme.warningBack
            radius: 4
        }
    }
    Label {
        objectName: root.namePrefix + "Error"
        visible: root.errorModel !== null
        text: root.errorModel ? root.errorModel.errorText : ""
        color: Theme.danger
        wrapMode: Label.Wrap
        Layout.fillWidth: true
        padding: 8
        background: Rectangle {
            color: Theme.dangerBack
            radius: 4
        }
    }
    Label {
        visible: root.loading
        text: qsTr("Loading\u2026")
        color: Theme.muted
    }
}
