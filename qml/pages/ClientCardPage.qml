// SPDX-License-Identifier: MIT
// A client card (SPEC §2, §3.2): the summary with the main actions, and tabs
// for details, contacts (with mailings), history, deals and plans. Wide
// windows put the summary beside the tabs.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Backend
import Fieldbook.Ui

Page {
    id: page
    objectName: "clientCard"
    title: cardData.exists ? cardData.name : qsTr("Client")

    required property string clientId
    /// Another card named on this one (parent, probable duplicate) was tapped.
    signal clientActivated(string clientId)
    readonly property bool wide: width >= 900

    ClientCard {
        id: cardData
        objectName: "clientCardData"
        session: AppSession
        clientId: page.clientId
    }

    function push(component, properties) {
        page.StackView.view.push(component, properties)
    }

    Component {
        id: logMeetingPage
        LogMeetingPage {
            onDone: StackView.view.pop()
        }
    }
    Component {
        id: planVisitPage
        PlanVisitPage {
            onDone: StackView.view.pop()
        }
    }
    Component {
        id: editClientPage
        EditClientPage {
            onDone: StackView.view.pop()
        }
    }
    Component {
        id: dealPage
        DealPage {}
    }

    AddContactDialog {
        id: contactDialog
        card: cardData
    }
    SendDocumentDialog {
        id: sendDialog
        card: cardData
    }
    CorrectHistoryDialog {
        id: correctDialog
        card: cardData
    }
    OpenDealDialog {
        id: openDealDialog
        card: cardData
        onDealOpened: dealId => page.push(dealPage, { dealId: dealId })
    }
    ReassignDialog {
        id: reassignDialog
        currentId: cardData.curatorId
        currentName: cardData.curatorName
        onChosen: userId => {
            if (cardData.reassignCurator(userId))
                close()
            else
                error = cardData.error
        }
    }
    ActivityDialog {
        id: activityDialog
        onOpenClient: clientId => tabs.currentIndex = 0
    }

    EmptyState {
        anchors.fill: parent
        visible: !cardData.exists
        text: qsTr("This client is not on your device any more.")
    }

    GridLayout {
        id: grid
        visible: cardData.exists
        anchors.fill: parent
        anchors.margins: page.wide ? 24 : 12
        anchors.bottomMargin: 0
        columns: page.wide ? 2 : 1
        columnSpacing: 24
        rowSpacing: 8

        ColumnLayout {
            Layout.row: 0
            Layout.column: 0
            Layout.fillWidth: !page.wide
            Layout.preferredWidth: page.wide ? Math.min(grid.width * 0.34, 400) : -1
            Layout.fillHeight: page.wide
            Layout.alignment: Qt.AlignTop
            spacing: 8

            ClientSummary {
                card: cardData
                compact: !page.wide
                Layout.fillWidth: true
            }
            RowLayout {
                Layout.fillWidth: true
                Layout.topMargin: 4
                spacing: 8
                Button {
                    objectName: "logMeetingButton"
                    visible: AppSession.can.log_history
                    text: qsTr("Log contact")
                    highlighted: true
                    Layout.fillWidth: true
                    onClicked: page.push(logMeetingPage, { clientId: page.clientId, card: cardData })
                }
                Button {
                    objectName: "planVisitButton"
                    visible: AppSession.can.plan_own_work || AppSession.can.plan_for_others
                    text: qsTr("Plan visit")
                    Layout.fillWidth: true
                    onClicked: page.push(planVisitPage, { clientId: page.clientId })
                }
            }
            Item {
                visible: page.wide
                Layout.fillHeight: true
            }
        }

        ColumnLayout {
            Layout.row: page.wide ? 0 : 1
            Layout.column: page.wide ? 1 : 0
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 4

            TabBar {
                id: tabs
                objectName: "clientCardTabs"
                currentIndex: 2
                Layout.fillWidth: true
                background: Rectangle {
                    color: Theme.surface
                    Rectangle {
                        width: parent.width
                        height: 1
                        anchors.bottom: parent.bottom
                        color: Theme.divider
                    }
                }
                FlatTab {
                    objectName: "detailsTabButton"
                    text: qsTr("Details")
                }
                FlatTab {
                    objectName: "contactsTabButton"
                    text: page.wide ? qsTr("Contacts (%1)").arg(cardData.contacts.count)
                                    : qsTr("Contacts")
                }
                FlatTab {
                    objectName: "historyTabButton"
                    text: page.wide ? qsTr("History (%1)").arg(cardData.history.count)
                                    : qsTr("History")
                }
                FlatTab {
                    objectName: "dealsTabButton"
                    text: page.wide ? qsTr("Deals (%1)").arg(cardData.deals.count)
                                    : qsTr("Deals")
                }
                FlatTab {
                    objectName: "plansTabButton"
                    text: page.wide ? qsTr("Plans (%1)").arg(cardData.plans.count)
                                    : qsTr("Plans")
                }
            }

            StackLayout {
                currentIndex: tabs.currentIndex
                Layout.fillWidth: true
                Layout.fillHeight: true

                ClientDetailsTab {
                    objectName: "detailsTab"
                    card: cardData
                    onEditRequested: page.push(editClientPage, { card: cardData })
                    onReassignRequested: reassignDialog.open()
                    onClientActivated: clientId => page.clientActivated(clientId)
                }
                ClientContactsTab {
                    objectName: "contactsTab"
                    card: cardData
                    onAddContactRequested: contactDialog.open()
                    onSendRequested: (contactId, name, email, fax) =>
                                     sendDialog.show(contactId, name, email, fax)
                }
                HistoryTimeline {
                    objectName: "historyList"
                    model: cardData.history
                    onCorrectRequested: (entryId, summary) => correctDialog.show(entryId, summary)
                }
                ColumnLayout {
                    spacing: 4
                    SectionHeader {
                        text: qsTr("Deals (%1)").arg(cardData.deals.count)
                        actionText: qsTr("Open deal")
                        actionName: "openDealButton"
                        actionVisible: AppSession.can.open_deal
                        onAction: openDealDialog.open()
                        Layout.leftMargin: 4
                        Layout.rightMargin: 4
                    }
                    DealList {
                        objectName: "dealList"
                        model: cardData.deals
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        onDealActivated: dealId => page.push(dealPage, { dealId: dealId })
                    }
                }
                ClientPlansTab {
                    objectName: "plansTab"
                    card: cardData
                    onPlanRequested: page.push(planVisitPage, { clientId: page.clientId })
                    onActivityActivated: activityId => activityDialog.show(activityId)
                }
            }
        }
    }
}
