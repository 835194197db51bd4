import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Chippy

// The shop's controls: how many of everyone, how fast, what-if buttons, the back office, where
// a late reader starts, and the notices.
ScrollView {
    id: panel

    // A button of the panel, only as tall as its text: WHAT IF, BACK OFFICE and the late
    // consumer's button fit on the panel's first screen at 1080p.
    component ActionButton: Button {
        focusPolicy: Qt.TabFocus
        Layout.fillWidth: true
        implicitHeight: implicitContentHeight + topPadding + bottomPadding
    }

    signal connectionRequested()

    contentWidth: availableWidth
    clip: true
    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("Shop controls")

    ColumnLayout {
        width: panel.availableWidth
        spacing: Theme.gap

        ShopText {
            text: qsTr("SHOP")
            dim: true
            strong: true
            font.pixelSize: Theme.labelSize
        }
        // Closer together than the rest: a slider's label keeps it apart from the one above.
        ColumnLayout {
            Layout.fillWidth: true
            spacing: Theme.gap / 2

            CountSlider {
                Layout.fillWidth: true
                label: qsTr("Queues (tills)")
                value: Controller.tillCount
                from: 1
                to: 8
                onMoved: value => Controller.setTills(value)
            }
            CountSlider {
                objectName: "partitionsControl"
                Layout.fillWidth: true
                label: qsTr("%1 partitions").arg(Controller.orderTopic)
                value: Controller.partitionCount
                from: 1
                to: 8
                note: qsTr("Partitions can only be added; keys may move to new ones.")
                onMoved: value => Controller.setPartitions(value)
            }
            CountSlider {
                Layout.fillWidth: true
                label: qsTr("Preparers")
                value: Controller.preparerCount
                from: 0
                to: 8
                onMoved: value => Controller.setPreparers(value)
            }
            CountSlider {
                Layout.fillWidth: true
                label: qsTr("Cooks")
                value: Controller.cookCount
                from: 0
                to: 4
                onMoved: value => Controller.setCooks(value)
            }
            CountSlider {
                Layout.fillWidth: true
                label: qsTr("Counters")
                value: Controller.counterCount
                from: 0
                to: 6
                onMoved: value => Controller.setCounters(value)
            }
            CountSlider {
                Layout.fillWidth: true
                label: qsTr("Order rate")
                unit: qsTr(" / s")
                value: Controller.orderRate
                from: 0
                to: 100
                note: Controller.orderRate === 0 ? qsTr("0: as fast as the shop can serve") : ""
                onMoved: value => Controller.setOrderRate(value)
            }
            CountSlider {
                Layout.fillWidth: true
                label: qsTr("Cook time")
                unit: qsTr(" s")
                value: Controller.cookTimeMs / 1000
                from: 0
                to: 10
                stepSize: 0.5
                decimals: 1
                onMoved: value => Controller.setCookTime(value * 1000)
            }
            CountSlider {
                Layout.fillWidth: true
                label: qsTr("Plaice share")
                unit: "%"
                value: Math.round(Controller.plaiceShare * 100)
                from: 0
                to: 100
                stepSize: 5
                onMoved: value => Controller.setPlaiceShare(value / 100)
            }
            CountSlider {
                Layout.fillWidth: true
                label: qsTr("%1 retention").arg(Controller.orderTopic)
                inWords: seconds => seconds === 0 ? qsTr("keep a week") : qsTr("keep %1 s").arg(seconds)
                value: Controller.retentionS
                from: 0
                to: 120
                stepSize: 5
                note: Controller.retentionS === 0 ? qsTr("The broker's default. Shorter, and retention deletes old records: watch the log start move.")
                                                 : qsTr("Older records are deleted a segment at a time.")
                onMoved: value => Controller.setRetention(value)
            }
        }

        ShopText {
            Layout.topMargin: Theme.gap
            text: qsTr("WHAT IF")
            dim: true
            strong: true
            font.pixelSize: Theme.labelSize
        }
        GridLayout {
            Layout.fillWidth: true
            columns: 2
            columnSpacing: Theme.gap
            rowSpacing: Theme.gap

            ActionButton {
                text: qsTr("Kill a preparer")
                enabled: Controller.preparers.count > 0
                onClicked: Controller.killPreparer()
                Accessible.description: qsTr("The newest preparer vanishes without leaving the group")
            }
            ActionButton {
                text: qsTr("Unreadable order")
                onClicked: Controller.placeBadOrder()
                Accessible.description: qsTr("A till sends an order nobody can read; it goes to the dead-letter topic")
            }
            ActionButton {
                text: qsTr("Restart the broker")
                enabled: Controller.embedded
                onClicked: Controller.restartBroker()
            }
            ActionButton {
                text: Controller.paused ? qsTr("Resume") : qsTr("Pause")
                onClicked: Controller.togglePause()
            }
            ActionButton {
                text: qsTr("Step")
                enabled: Controller.paused
                onClicked: Controller.step()
                Accessible.description: qsTr("Runs the paused shop for half a second")
            }
            ActionButton {
                text: qsTr("Reset scene")
                onClicked: Controller.reset()
            }
            ActionButton {
                objectName: "closeForTheDay"
                visible: Controller.hasCabinet
                text: qsTr("Close for the day")
                onClicked: Controller.closeForTheDay()
                Accessible.description: qsTr("Empties the hot cabinet and counts what was left in it as waste")
            }
        }

        ShopText {
            Layout.topMargin: Theme.gap
            text: qsTr("BACK OFFICE · joins late, replays the log")
            dim: true
            strong: true
            font.pixelSize: Theme.labelSize
        }
        GridLayout {
            Layout.fillWidth: true
            columns: 2
            columnSpacing: Theme.gap
            rowSpacing: Theme.gap

            Repeater {
                model: [["accountant", qsTr("Add accountant"), qsTr("Books the money taken from ORDER")],
                        ["statistician", qsTr("Add statistician"), qsTr("Writes every topic into the analytics store the charts ask")],
                        ["stockist", qsTr("Add stockist"), qsTr("Counts the portions used from ORDER and COOK")]]

                ActionButton {
                    required property var modelData

                    objectName: "add-" + modelData[0]
                    text: modelData[1]
                    enabled: Controller.backOfficeJoined.indexOf(modelData[0]) < 0
                    // The style draws a disabled button as an enabled one.
                    opacity: enabled ? 1 : 0.4
                    onClicked: Controller.addBackOffice(modelData[0])
                    Accessible.description: modelData[2]
                }
            }
        }

        ShopText {
            Layout.topMargin: Theme.gap
            text: qsTr("LATE CONSUMER STARTS AT")
            dim: true
            strong: true
            font.pixelSize: Theme.labelSize
        }
        ButtonGroup {
            id: startGroup
        }
        Flow {
            Layout.fillWidth: true
            spacing: Theme.gap / 2

            Repeater {
                model: [["earliest", qsTr("earliest")], ["latest", qsTr("latest")],
                        ["offset", qsTr("offset")], ["time", qsTr("seconds ago")]]

                RadioButton {
                    focusPolicy: Qt.TabFocus
                    required property var modelData
                    required property int index

                    readonly property string kind: modelData[0]

                    text: modelData[1]
                    checked: index === 0
                    ButtonGroup.group: startGroup
                    topPadding: 2
                    bottomPadding: 2
                    font.pixelSize: Theme.smallSize + 2
                }
            }
        }
        RowLayout {
            Layout.fillWidth: true

            SpinBox {
                id: startValue

                Layout.fillWidth: true
                visible: startGroup.checkedButton && (startGroup.checkedButton.kind === "offset" || startGroup.checkedButton.kind === "time")
                from: 0
                to: 1000000
                value: 10
                editable: true
                Accessible.name: startGroup.checkedButton && startGroup.checkedButton.kind === "time"
                    ? qsTr("Seconds ago") : qsTr("Offset")
            }
            ActionButton {
                text: qsTr("Add late consumer")
                highlighted: true
                onClicked: {
                    const kind = startGroup.checkedButton ? startGroup.checkedButton.kind : "earliest"
                    const value = kind === "time" ? -startValue.value : startValue.value
                    const refusal = Controller.addLateConsumer(kind, value)
                    if (refusal !== "")
                        Controller.notices.post("refused", refusal)
                }
            }
        }

        ShopText {
            Layout.topMargin: Theme.gap
            text: qsTr("NOTICES")
            dim: true
            strong: true
            font.pixelSize: Theme.labelSize
        }
        Repeater {
            model: Controller.notices

            NoticeLine {
                Layout.fillWidth: true
                visible: index < 8
            }
        }
        Button {
            focusPolicy: Qt.TabFocus
            Layout.fillWidth: true
            Layout.topMargin: Theme.gap
            text: qsTr("Connection: %1…").arg(Controller.cluster.describe)
            onClicked: panel.connectionRequested()
        }
    }
}
