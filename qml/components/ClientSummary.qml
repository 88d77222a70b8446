// SPDX-License-Identifier: MIT
// The head of a client card: name, segment, curator, first contact and next
// visit. `compact` (narrow windows) keeps the name, segment, curator and
// next visit; the Details tab has every field.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Backend
import Fieldbook.Ui

ColumnLayout {
    id: root
    required property ClientCard card
    property bool compact: false
    spacing: 4

    // One caption width for every row, so the values line up.
    readonly property real captionWidth: Math.max(curatorCaption.implicitWidth,
                                                  firstCaption.implicitWidth,
                                                  nextCaption.implicitWidth,
                                                  dealsCaption.implicitWidth,
                                                  phoneCaption.implicitWidth)

    Label {
        objectName: "clientNameLabel"
        text: root.card.name
        font.pixelSize: root.compact ? 20 : 22
        font.bold: true
        wrapMode: Text.Wrap
        maximumLineCount: root.compact ? 2 : 4
        elide: Text.ElideRight
        Layout.fillWidth: true
    }
    Label {
        text: [root.card.industry, root.card.region, root.card.statusLabel]
                .filter(s => s.length > 0).join(" \u00B7 ")
        visible: text.length > 0
        color: Theme.muted
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }

    RowLayout {
        spacing: 12
        Layout.fillWidth: true
        Layout.topMargin: 4
        Label {
            id: curatorCaption
            text: qsTr("Curator")
            color: Theme.muted
            Layout.preferredWidth: root.captionWidth
        }
        Label {
            objectName: "curatorLabel"
            text: root.card.curatorName.length > 0 ? root.card.curatorName : qsTr("nobody yet")
            elide: Label.ElideRight
            Layout.fillWidth: true
        }
    }
    RowLayout {
        visible: !root.compact && root.card.phone.length > 0
        spacing: 12
        Layout.fillWidth: true
        Label {
            id: phoneCaption
            text: qsTr("Phone")
            color: Theme.muted
            Layout.preferredWidth: root.captionWidth
        }
        Label {
            text: root.card.phone
            elide: Label.ElideRight
            Layout.fillWidth: true
        }
    }
    RowLayout {
        visible: !root.compact
        spacing: 12
        Layout.fillWidth: true
        Label {
            id: dealsCaption
            text: qsTr("Open deals")
            color: Theme.muted
            Layout.preferredWidth: root.captionWidth
        }
        Label {
            text: String(root.card.deals.openCount)
            Layout.fillWidth: true
        }
    }
    RowLayout {
        visible: !root.compact && root.card.firstContactText.length > 0
        spacing: 12
        Layout.fillWidth: true
        Label {
            id: firstCaption
            text: qsTr("First contact")
            color: Theme.muted
            Layout.preferredWidth: root.captionWidth
            Layout.alignment: Qt.AlignTop
        }
        Label {
            objectName: "firstContactLabel"
            text: root.card.firstContactText
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
    }
    RowLayout {
        spacing: 12
        Layout.fillWidth: true
        Label {
            id: nextCaption
            text: qsTr("Next visit")
            color: Theme.muted
            Layout.preferredWidth: root.captionWidth
            Layout.alignment: Qt.AlignTop
        }
        Label {
            objectName: "nextVisitLabel"
            text: root.card.nextVisitText.length > 0 ? root.card.nextVisitText : qsTr("none planned")
            wrapMode: Text.Wrap
            maximumLineCount: 2
            elide: Text.ElideRight
            Layout.fillWidth: true
        }
    }
}
