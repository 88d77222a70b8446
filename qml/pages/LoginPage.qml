// SPDX-License-Identifier: MIT
// Sign-in: server address, login and password. The replica keeps the
// session, so this shows only on the first start or after signing out.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Backend
import Fieldbook.Ui

Page {
    id: page
    objectName: "loginPage"
    title: qsTr("Sign in")

    function submit() {
        if (!loginButton.enabled)
            return
        errorLabel.text = ""
        AppSession.login(urlField.text, userField.text, passwordField.text)
    }

    Connections {
        target: AppSession
        function onLoginFailed(message) {
            errorLabel.text = message
            passwordField.forceActiveFocus()
            passwordField.selectAll()
        }
    }

    Flickable {
        anchors.fill: parent
        contentHeight: Math.max(height, form.implicitHeight + 48)
        boundsBehavior: Flickable.StopAtBounds

        ColumnLayout {
            id: form
            width: Math.min(parent.width - 48, 380)
            anchors.horizontalCenter: parent.horizontalCenter
            y: Math.max(24, (parent.height - implicitHeight) / 3)
            spacing: 12

            Label {
                text: qsTr("Fieldbook")
                font.pixelSize: 32
                font.bold: true
                color: Theme.primary
                Layout.alignment: Qt.AlignHCenter
            }
            Label {
                text: qsTr("Your clients, plans and history, also without a network.")
                wrapMode: Text.Wrap
                horizontalAlignment: Text.AlignHCenter
                opacity: 0.7
                Layout.fillWidth: true
                Layout.bottomMargin: 12
            }
            Label { text: qsTr("Server address") }
            TextField {
                id: urlField
                objectName: "loginUrlField"
                text: AppSession.serverUrl
                placeholderText: qsTr("http://server:8787")
                inputMethodHints: Qt.ImhUrlCharactersOnly | Qt.ImhNoAutoUppercase
                selectByMouse: true
                Layout.fillWidth: true
                onAccepted: userField.forceActiveFocus()
            }
            Label { text: qsTr("Login") }
            TextField {
                id: userField
                objectName: "loginUserField"
                text: AppSession.suggestedLogin
                placeholderText: qsTr("e.g. darcel.schlecht")
                inputMethodHints: Qt.ImhNoAutoUppercase | Qt.ImhNoPredictiveText
                selectByMouse: true
                Layout.fillWidth: true
                onAccepted: passwordField.forceActiveFocus()
            }
            Label { text: qsTr("Password") }
            TextField {
                id: passwordField
                objectName: "loginPasswordField"
                echoMode: TextInput.Password
                selectByMouse: true
                Layout.fillWidth: true
                onAccepted: page.submit()
            }
            FormError {
                id: errorLabel
                objectName: "loginErrorLabel"
                text: AppSession.lastError // e.g. why the server refused the saved sign-in
                Layout.fillWidth: true
            }
            Button {
                id: loginButton
                objectName: "loginButton"
                text: AppSession.busy ? qsTr("Signing in\u2026") : qsTr("Sign in")
                highlighted: true
                enabled: !AppSession.busy && urlField.text.length > 0
                         && userField.text.length > 0 && passwordField.text.length > 0
                Layout.fillWidth: true
                Layout.topMargin: 8
                onClicked: page.submit()
            }
            BusyIndicator {
                running: AppSession.busy
                visible: running
                Layout.alignment: Qt.AlignHCenter
            }
        }
    }
}
