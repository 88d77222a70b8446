// SPDX-License-Identifier: MIT
// A client's contact persons, each with "Send document" (SPEC §3.10), and
// the client's mailing requests with their status.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Backend
import Fieldbook.Ui

Flickable {
    id: root
    required property ClientCard card
    signal addContactRequested()
    signal sendRequested(string contactId, string name, string email, string fax)

    contentHeight: column.implicitHeight + 24
    clip: true
    boundsBehavior: Flickable.StopAtBounds
    ScrollBar.vertical: ScrollBar {}

    ColumnLayout {
        id: column
        x: 4
        y: 0
        width: root.width - 8
        spacing: 8

        SectionHeader {
            text: qsTr("Contact persons (%1)").arg(root.card.contacts.count)
            actionText: qsTr("Add contact")
            actionName: "addContactButton"
            actionVisible: AppSession.can.edit_contact
            onAction: root.addContactRequested()
        }
        Label {
            visible: root.card.contacts.count === 0
            text: qsTr("No contact persons yet.")
            color: Theme.muted
        }
        Repeater {
            model: root.card.contacts
            delegate: InfoPanel {
                id: contact
                required property int index
                required property string contactId
                required property string name
                required property string email
                required property string fax
                required property string detailText
                required property bool decisionMaker
                required property bool pending
                objectName: "contactRow_" + index
                Layout.fillWidth: true
                RowLayout {
                    anchors.fill: parent
                    spacing: 8
                    ColumnLayout {
                        spacing: 2
                        Layout.fillWidth: true
                        RowLayout {
                            spacing: 6
                            Layout.fillWidth: true
                            Label {
                                text: contact.name
                                font.bold: true
                                elide: Label.ElideRight
                                Layout.fillWidth: true
                            }
                            Badge {
                                visible: contact.decisionMaker
                                text: qsTr("decides")
                                back: Theme.wonBack
                            }
                            Label {
                                visible: contact.pending
                                text: qsTr("not synced yet")
                                font.pixelSize: 12
                                color: Theme.warning
                            }
                        }
                        Label {
                            text: contact.detailText
                            visible: text.length > 0
                            color: Theme.muted
                            font.pixelSize: 13
                            wrapMode: Text.Wrap
                            Layout.fillWidth: true
                        }
                    }
                    Button {
                        objectName: "sendDocumentButton_" + contact.index
                        visible: AppSession.can.queue_mailing
                        text: qsTr("Send document")
                        onClicked: root.sendRequested(contact.contactId, contact.name,
                                                      contact.email, contact.fax)
                    }
                }
            }
        }

        SectionHeader {
            text: qsTr("Mailings (%1)").arg(root.card.mailings.count)
        }
        Label {
            visible: root.card.mailings.count === 0
            text: qsTr("No document sent yet.")
            color: Theme.muted
        }
        Repeater {
            model: root.card.mailings
            delegate: InfoPanel {
                id: mailing
                required property int index
                required property string contactName
                required property string templateName
                required property string channelLabel
                required property string address
                required property string status
                required property string statusLabel
                required property string requestedText
                required property string sentText
                required property string error
                objectName: "mailingRow_" + index
                Layout.fillWidth: true
                ColumnLayout {
                    anchors.fill: parent
                    spacing: 2
                    RowLayout {
                        spacing: 6
                        Layout.fillWidth: true
                        Label {
                            text: qsTr("%1 \u2192 %2").arg(mailing.templateName).arg(mailing.contactName)
                            font.bold: true
                            elide: Label.ElideRight
                            Layout.fillWidth: true
                        }
                        Badge {
                            objectName: "mailingStatus_" + mailing.index
                            text: mailing.statusLabel
                            back: mailing.status === "sent" ? Theme.wonBack
                                : mailing.status === "failed" ? Theme.lostBack : Theme.openBack
                        }
                    }
                    Label {
                        text: [mailing.channelLabel, mailing.address,
                               mailing.sentText.length > 0 ? qsTr("sent %1").arg(mailing.sentText)
                                                           : qsTr("asked %1").arg(mailing.requestedText)]
                              .filter(s => s.length > 0).join(" \u00B7 ")
                        font.pixelSize: 13
                        color: Theme.muted
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    Label {
                        visible: mailing.error.length > 0
                        text: mailing.error
                        font.pixelSize: 13
                        color: Theme.danger
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                }
            }
        }
    }
}
