// SPDX-License-Identifier: MIT
// The head (or admin) moves a deal to any stage, out of the configured order.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Backend
import Fieldbook.Ui

FormDialog {
    id: dialog
    name: "moveStageDialog"
    title: qsTr("Move to another stage")
    submitText: qsTr("Move")
    submitEnabled: stageBox.value.length > 0 && stageBox.value !== deal.stage
    error: deal ? deal.error : ""

    required property DealView deal

    onAboutToShow: {
        deal.clearError()
        stageBox.value = ""
    }
    onSubmit: if (deal.moveToStage(stageBox.value)) close()

    Label {
        text: qsTr("Now: %1").arg(dialog.deal.stageLabel)
        Layout.fillWidth: true
    }
    FormField {
        label: qsTr("Stage")
        ChoiceBox {
            id: stageBox
            objectName: "moveStageBox"
            source: "stages"
            Layout.fillWidth: true
        }
    }
    Label {
        text: qsTr("As head of sales you may skip stages or move a deal back.")
        color: Theme.muted
        font.pixelSize: 13
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }
}
