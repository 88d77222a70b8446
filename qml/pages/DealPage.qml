// SPDX-License-Identifier: MIT
// One deal (SPEC §2 "Deal", §3.8): the header, the stage timeline with each
// stage's days against its norm, product lines, payments and deliveries;
// move it to the next stage (the head: to any stage) and close it as won or
// lost. Narrow windows show one column, wide ones two.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fieldbook.Backend
import Fieldbook.Ui

Page {
    id: page
    objectName: "dealPage"
    title: deal.exists ? deal.title : qsTr("Deal")

    required property string dealId
    readonly property bool wide: width >= 900
    readonly property bool canRecord: deal.exists && deal.outcome !== "lost"

    DealView {
        id: deal
        objectName: "dealView"
        session: AppSession
        dealId: page.dealId
    }

    AddLineDialog { id: lineDialog; deal: deal }
    AddPaymentDialog { id: paymentDialog; deal: deal }
    AddDeliveryDialog { id: deliveryDialog; deal: deal }
    CloseDealDialog { id: closeDialog; deal: deal }
    Component {
        id: editDealPage
        EditDealPage {
            onDone: StackView.view.pop()
        }
    }
    MoveStageDialog { id: moveDialog; deal: deal }

    EmptyState {
        anchors.fill: parent
        visible: !deal.exists
        text: qsTr("This deal is not on your device any more.")
    }

    Flickable {
        id: flick
        visible: deal.exists
        anchors.fill: parent
        contentHeight: grid.implicitHeight + 32
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar {}

        GridLayout {
            id: grid
            x: (flick.width - width) / 2
            y: 16
            width: Math.min(flick.width - 24, 1200)
            columns: page.wide ? 2 : 1
            columnSpacing: 24
            rowSpacing: 12

            ColumnLayout {
                spacing: 12
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                Layout.alignment: Qt.AlignTop

                InfoPanel {
                    Layout.fillWidth: true
                    ColumnLayout {
                        anchors.fill: parent
                        spacing: 6
                        Label {
                            objectName: "dealTitleLabel"
                            text: deal.title
                            font.pixelSize: 20
                            font.bold: true
                            wrapMode: Text.Wrap
                            Layout.fillWidth: true
                        }
                        Label {
                            text: deal.clientName
                            color: Theme.muted
                            elide: Label.ElideRight
                            Layout.fillWidth: true
                        }
                        RowLayout {
                            spacing: 8
                            Layout.fillWidth: true
                            Badge {
                                objectName: "dealOutcomeBadge"
                                text: deal.outcomeLabel
                                back: deal.outcome === "won" ? Theme.wonBack
                                    : deal.outcome === "lost" ? Theme.lostBack : Theme.openBack
                            }
                            Label {
                                objectName: "dealStageLabel"
                                text: deal.stageLabel
                                font.bold: true
                                elide: Label.ElideRight
                                Layout.fillWidth: true
                            }
                        }
                        GridLayout {
                            columns: 2
                            columnSpacing: 12
                            rowSpacing: 2
                            Layout.fillWidth: true
                            Layout.topMargin: 4

                            Label { text: qsTr("Manager"); color: Theme.muted }
                            Label { text: deal.managerName; elide: Label.ElideRight; Layout.fillWidth: true }
                            Label { text: qsTr("Amount"); color: Theme.muted }
                            Label {
                                objectName: "dealAmountLabel"
                                text: deal.amountText.length > 0 ? deal.amountText : qsTr("not set")
                                Layout.fillWidth: true
                            }
                            Label { text: qsTr("Paid"); color: Theme.muted }
                            Label {
                                objectName: "dealPaidLabel"
                                text: deal.paidText
                                Layout.fillWidth: true
                            }
                            Label { text: qsTr("Opened"); color: Theme.muted }
                            Label { text: deal.openedText; Layout.fillWidth: true }
                            Label { text: qsTr("Closed"); color: Theme.muted; visible: deal.closedText.length > 0 }
                            Label { text: deal.closedText; visible: text.length > 0; Layout.fillWidth: true }
                            Label { text: qsTr("Payment terms"); color: Theme.muted; visible: deal.paymentTerms.length > 0 }
                            Label {
                                text: deal.paymentTerms
                                visible: text.length > 0
                                wrapMode: Text.Wrap
                                Layout.fillWidth: true
                            }
                            Label { text: qsTr("Contract"); color: Theme.muted; visible: deal.contractNo.length > 0 }
                            Label { objectName: "dealContractLabel"; text: deal.contractNo; visible: text.length > 0; Layout.fillWidth: true }
                            Label { text: qsTr("Invoice"); color: Theme.muted; visible: deal.invoiceNo.length > 0 }
                            Label { text: deal.invoiceNo; visible: text.length > 0; Layout.fillWidth: true }
                            Label { text: qsTr("Notes"); color: Theme.muted; visible: deal.notes.length > 0 }
                            Label {
                                objectName: "dealNotesLabel"
                                text: deal.notes
                                visible: text.length > 0
                                wrapMode: Text.Wrap
                                Layout.fillWidth: true
                            }
                            Label { text: qsTr("Refusal reason"); color: Theme.muted; visible: deal.outcome === "lost" }
                            Label {
                                objectName: "dealRefusalLabel"
                                visible: deal.outcome === "lost"
                                text: deal.refusalComment.length > 0
                                      ? qsTr("%1: %2").arg(deal.refusalReasonLabel).arg(deal.refusalComment)
                                      : deal.refusalReasonLabel
                                wrapMode: Text.Wrap
                                Layout.fillWidth: true
                            }
                        }
                    }
                }

                Flow {
                    visible: deal.isOpen || AppSession.can.edit_deal
                    spacing: 8
                    Layout.fillWidth: true
                    Button {
                        objectName: "dealEditButton"
                        visible: AppSession.can.edit_deal
                        text: qsTr("Edit deal")
                        onClicked: page.StackView.view.push(editDealPage, { deal: deal })
                    }
                    Button {
                        objectName: "dealNextStageButton"
                        visible: deal.isOpen && AppSession.can.move_stage && deal.nextStage.length > 0
                        text: qsTr("Next stage: %1").arg(deal.nextStageLabel)
                        highlighted: true
                        onClicked: deal.moveToNextStage()
                    }
                    Button {
                        objectName: "dealMoveStageButton"
                        visible: deal.isOpen && AppSession.can.override_stage_order
                        text: qsTr("Other stage\u2026")
                        onClicked: moveDialog.open()
                    }
                    Button {
                        objectName: "dealCloseButton"
                        visible: deal.isOpen && AppSession.can.close_deal
                        text: qsTr("Close deal\u2026")
                        onClicked: closeDialog.open()
                    }
                }
                FormError {
                    objectName: "dealError"
                    // errors of the actions on this page; a dialog shows its own
                    text: lineDialog.visible || paymentDialog.visible || deliveryDialog.visible
                          || closeDialog.visible || moveDialog.visible ? "" : deal.error
                    Layout.fillWidth: true
                }

                SectionHeader {
                    text: qsTr("Stages")
                }
                StageTimeline {
                    objectName: "stageTimeline"
                    model: deal.stages
                    Layout.fillWidth: true
                }
            }

            ColumnLayout {
                spacing: 8
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                Layout.alignment: Qt.AlignTop

                SectionHeader {
                    text: qsTr("Products")
                    actionText: qsTr("Add")
                    actionName: "dealAddLineButton"
                    actionVisible: deal.isOpen && AppSession.can.edit_deal
                    onAction: lineDialog.open()
                }
                InfoPanel {
                    Layout.fillWidth: true
                    ColumnLayout {
                        anchors.fill: parent
                        spacing: 6
                        Label {
                            visible: linesRepeater.count === 0
                            text: qsTr("No product lines yet.")
                            color: Theme.muted
                        }
                        Repeater {
                            id: linesRepeater
                            objectName: "dealLines"
                            model: deal.lines
                            delegate: RowLayout {
                                required property string productName
                                required property int quantity
                                required property string priceText
                                required property string totalText
                                Layout.fillWidth: true
                                spacing: 8
                                ColumnLayout {
                                    spacing: 0
                                    Layout.fillWidth: true
                                    Label {
                                        text: productName
                                        elide: Label.ElideRight
                                        Layout.fillWidth: true
                                    }
                                    Label {
                                        text: qsTr("%1 \u00D7 %2").arg(quantity).arg(priceText)
                                        font.pixelSize: 13
                                        color: Theme.muted
                                    }
                                }
                                Label { text: totalText; font.bold: true }
                            }
                        }
                    }
                }

                SectionHeader {
                    text: qsTr("Payments")
                    actionText: qsTr("Add")
                    actionName: "dealAddPaymentButton"
                    actionVisible: page.canRecord && AppSession.can.record_payment
                    onAction: paymentDialog.open()
                }
                InfoPanel {
                    Layout.fillWidth: true
                    ColumnLayout {
                        anchors.fill: parent
                        spacing: 6
                        Label {
                            visible: paymentsRepeater.count === 0
                            text: qsTr("No payment yet.")
                            color: Theme.muted
                        }
                        Repeater {
                            id: paymentsRepeater
                            objectName: "dealPayments"
                            model: deal.payments
                            delegate: RowLayout {
                                required property string amountText
                                required property string dateText
                                required property string documentNo
                                Layout.fillWidth: true
                                spacing: 8
                                Label { text: dateText; color: Theme.muted }
                                Label {
                                    text: documentNo.length > 0 ? qsTr("doc. %1").arg(documentNo) : ""
                                    elide: Label.ElideRight
                                    Layout.fillWidth: true
                                }
                                Label { text: amountText; font.bold: true }
                            }
                        }
                    }
                }

                SectionHeader {
                    text: qsTr("Deliveries")
                    actionText: qsTr("Add")
                    actionName: "dealAddDeliveryButton"
                    actionVisible: page.canRecord && AppSession.can.record_delivery
                    onAction: deliveryDialog.open()
                }
                InfoPanel {
                    Layout.fillWidth: true
                    ColumnLayout {
                        anchors.fill: parent
                        spacing: 6
                        Label {
                            visible: deliveriesRepeater.count === 0
                            text: qsTr("No delivery yet.")
                            color: Theme.muted
                        }
                        Repeater {
                            id: deliveriesRepeater
                            objectName: "dealDeliveries"
                            model: deal.deliveries
                            delegate: RowLayout {
                                required property string dateText
                                required property string waybillNo
                                Layout.fillWidth: true
                                spacing: 8
                                Label { text: dateText; color: Theme.muted }
                                Label {
                                    text: waybillNo.length > 0 ? qsTr("waybill %1").arg(waybillNo) : ""
                                    elide: Label.ElideRight
                                    Layout.fillWidth: true
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
