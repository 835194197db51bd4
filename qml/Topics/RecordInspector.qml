import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Chippy

// The newest records of the partition that was clicked: offset, key, timestamp, headers and
// value. Clicking a record follows its order through the shop.
Panel {
    id: inspector

    readonly property var partitionRow: {
        const records = Controller.records
        if (records.partition < 0)
            return ({})
        const models = [Controller.orderPartitions, Controller.readyPartitions,
                        Controller.cookPartitions, Controller.hotFoodPartitions]
        for (const m of models) {
            if (m.topic !== records.topic)
                continue
            // Read so that the header follows the log end and the committed offset.
            void m.records
            void m.totalLag
            return m.count > records.partition ? m.get(records.partition) : ({})
        }
        return ({})
    }
    readonly property int offsetWidth: Theme.smallSize * 5
    readonly property int keyWidth: Theme.smallSize * 3
    readonly property int timeWidth: Theme.smallSize * 8
    readonly property int headerWidth: Theme.smallSize * 6

    title: Controller.records.partition < 0 ? qsTr("RECORDS")
        : qsTr("PARTITION %1 / P%2 · log start %3 · end %4 · committed %5")
            .arg(Controller.records.topic).arg(Controller.records.partition)
            .arg(partitionRow.logStart ?? 0).arg(partitionRow.logEnd ?? 0)
            .arg((partitionRow.committed ?? -1) < 0 ? qsTr("nothing yet") : partitionRow.committed)

    ToolButton {
        focusPolicy: Qt.TabFocus
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: -Theme.gap
        anchors.topMargin: -Theme.padding - Theme.labelSize
        text: "✕"
        font.pixelSize: Theme.bodySize
        onClicked: Controller.closeInspector()
        Accessible.name: qsTr("Close the record inspector")
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.gap / 2

        Row {
            spacing: Theme.gap

            Repeater {
                model: [[qsTr("offset"), inspector.offsetWidth], [qsTr("key"), inspector.keyWidth],
                        [qsTr("timestamp"), inspector.timeWidth], [qsTr("headers"), inspector.headerWidth],
                        [qsTr("value"), 0]]

                ShopText {
                    required property var modelData

                    width: modelData[1] > 0 ? modelData[1] : implicitWidth
                    text: modelData[0]
                    dim: true
                    strong: true
                    font.pixelSize: Theme.smallSize
                }
            }
        }

        ListView {
            id: list

            objectName: "recordList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: Controller.records
            boundsBehavior: Flickable.StopAtBounds
            keyNavigationEnabled: true
            activeFocusOnTab: true
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Records of the partition")

            HoverHandler {
                onHoveredChanged: Controller.records.held = hovered
            }

            delegate: Rectangle {
                id: record

                required property int index
                required property int offset
                required property string key
                required property string value
                required property string headers
                required property string timestamp
                required property int order
                required property int queue

                width: list.width
                height: line.implicitHeight + Theme.gap / 2
                color: order >= 0 && order === Controller.journey.order ? Qt.rgba(Theme.selection.r, Theme.selection.g, Theme.selection.b, 0.25)
                     : (ListView.isCurrentItem && list.activeFocus ? Theme.surfaceRaised : "transparent")
                radius: Theme.radius / 2
                Accessible.role: Accessible.ListItem
                Accessible.name: qsTr("offset %1, key %2, at %3, %4").arg(offset).arg(key).arg(timestamp).arg(value)

                Row {
                    id: line

                    anchors.verticalCenter: parent.verticalCenter
                    spacing: Theme.gap

                    ShopText {
                        width: inspector.offsetWidth
                        text: record.offset
                        font.family: Theme.monoFamily
                        font.pixelSize: Theme.smallSize
                    }
                    ShopText {
                        width: inspector.keyWidth
                        text: "\"" + record.key + "\""
                        color: Theme.queueColour(record.queue)
                        font.family: Theme.monoFamily
                        font.pixelSize: Theme.smallSize
                    }
                    ShopText {
                        width: inspector.timeWidth
                        text: record.timestamp
                        font.family: Theme.monoFamily
                        font.pixelSize: Theme.smallSize
                    }
                    ShopText {
                        width: inspector.headerWidth
                        text: record.headers
                        dim: true
                        font.family: Theme.monoFamily
                        font.pixelSize: Theme.smallSize
                    }
                    ShopText {
                        width: record.width - x
                        text: record.value
                        font.family: Theme.monoFamily
                        font.pixelSize: Theme.smallSize
                    }
                }

                MouseArea {
                    anchors.fill: parent
                    onClicked: {
                        list.currentIndex = record.index
                        Controller.followOrder(record.order)
                    }
                }
            }

            Keys.onReturnPressed: {
                if (currentItem)
                    Controller.followOrder(currentItem.order)
            }

            ShopText {
                anchors.centerIn: parent
                visible: list.count === 0
                text: Controller.records.loading ? qsTr("reading the partition…")
                    : (Controller.records.error !== "" ? Controller.records.error : qsTr("click a partition to see its records"))
                dim: true
                font.pixelSize: Theme.smallSize
            }
        }

        ShopText {
            Layout.fillWidth: true
            text: Controller.journey.order < 0 ? qsTr("Click a record to follow its order through the shop.")
                                               : Controller.journey.summary
            color: Theme.topic
            wrapMode: Text.Wrap
            maximumLineCount: 3
            font.pixelSize: Theme.smallSize
        }
    }
}
