// SPDX-License-Identifier: MIT
// A sync failure that lasts (3 failed attempts in a row, or a server that
// needs a newer app): says why, above every page, until a sync succeeds.
// Retry syncs at once.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Backend
import Fieldbook.Ui

Rectangle {
    id: banner
    objectName: "syncFailureBanner"
    visible: AppSession.syncFailing
    implicitHeight: visible ? row.implicitHeight + 16 : 0
    color: Theme.warningBack
    border.color: Theme.warningDot

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.margins: 8
        spacing: 8
        Label {
            objectName: "syncFailureText"
            Layout.fillWidth: true
            text: AppSession.syncFailureReason
            wrapMode: Text.Wrap
            color: Theme.warningText
        }
        Button {
            objectName: "syncFailureRetry"
            text: qsTr("Retry")
            flat: true
            onClicked: AppSession.syncNow()
        }
    }
}
