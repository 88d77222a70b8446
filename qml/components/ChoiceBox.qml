// SPDX-License-Identifier: MIT
// A ComboBox over a ChoiceListModel (`source`, see choice_list_model.h).
// `value` is the chosen value ("" for none); set it to preselect.
import QtQuick
import QtQuick.Controls
import Fieldbook.Backend

ComboBox {
    id: box
    property alias source: choices.source
    property alias noneText: choices.noneText
    property string value: ""
    readonly property alias choiceCount: choices.count
    readonly property string valueText: choices.textOf(value)
    function detailOf(v) { return choices.detailAt(choices.indexOf(v)) }

    model: ChoiceListModel {
        id: choices
        session: AppSession
    }
    textRole: "text"
    valueRole: "value"
    currentIndex: choices.indexOf(box.value)
    displayText: currentIndex < 0 ? qsTr("Choose\u2026") : currentText
    onActivated: index => box.value = choices.valueAt(index)
    // A list that arrives with a sync after the form opened: keep the value.
    Connections {
        target: choices
        function onModelReset() { box.currentIndex = Qt.binding(() => choices.indexOf(box.value)) }
    }
}
