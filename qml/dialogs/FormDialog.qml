// SPDX-License-Identifier: MIT
// A modal form in a dialog: a title, the fields (the default content,
// scrolling when taller than the window), the error of the last attempt and
// Cancel / submit buttons. `name` prefixes the objectNames of its parts
// (NAME, NAMESubmitButton, NAMECancelButton, NAMEError) for tests.
// On submit the owner runs its edit and calls close() when it succeeded;
// otherwise the dialog stays open with what was typed and shows `error`,
// which owners bind to their backend's error (and clear when they open).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Ui

Dialog {
    id: dialog
    objectName: name

    property string name: "formDialog"
    property string submitText: qsTr("Save")
    property bool submitEnabled: true
    property bool submitVisible: true
    property string cancelText: qsTr("Cancel")
    property string error: ""
    default property alias content: body.data

    signal submit()

    parent: Overlay.overlay
    anchors.centerIn: parent
    modal: true
    focus: true
    closePolicy: Popup.CloseOnEscape
    width: Math.min(parent ? parent.width - 24 : 480, 560)
    height: Math.min(implicitHeight, parent ? parent.height - 32 : 640)
    padding: 16
    topPadding: 8

    background: Rectangle {
        color: Theme.surface
        radius: 8
        border.color: Theme.divider
    }

    header: Label {
        text: dialog.title
        font.pixelSize: 18
        font.bold: true
        wrapMode: Text.Wrap
        maximumLineCount: 2
        elide: Label.ElideRight
        padding: 16
        bottomPadding: 4
    }

    contentItem: Flickable {
        id: flick
        implicitHeight: body.implicitHeight
        contentHeight: body.implicitHeight
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar {}

        ColumnLayout {
            id: body
            width: flick.width
            spacing: 8
        }
    }

    footer: Pane {
        padding: 12
        topPadding: 4
        background: null
        ColumnLayout {
            anchors.fill: parent
            spacing: 8
            FormError {
                objectName: dialog.name + "Error"
                text: dialog.error
                Layout.fillWidth: true
            }
            RowLayout {
                Layout.alignment: Qt.AlignRight
                spacing: 8
                Button {
                    objectName: dialog.name + "CancelButton"
                    text: dialog.cancelText
                    flat: true
                    onClicked: dialog.close()
                }
                Button {
                    objectName: dialog.name + "SubmitButton"
                    text: dialog.submitText
                    highlighted: true
                    visible: dialog.submitVisible
                    enabled: dialog.submitEnabled
                    onClicked: dialog.submit()
                }
            }
        }
    }
}
