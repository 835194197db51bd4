import QtQuick
import Chippy

// A topic: its name and partition count, and a lane per partition.
Item {
    id: box

    required property PartitionModel partitions
    property string title: partitions.topic
    property string subtitle: ""
    property int cells: Theme.orderCells
    property bool compact: false
    property bool labels: !compact
    // Only the totals, no lanes: for the small topics of the cook loop on a projector.
    property bool summaryOnly: false
    // The lanes side by side rather than one under another: for a short box on a projector.
    property bool lanesInRow: false
    property string legend: ""
    property string summaryNote: ""
    property bool showRates: false
    // Whether the lanes draw the late readers replaying them.
    property bool showReplays: false
    property color outline: Theme.topic
    property string selectedTopic: ""
    property int selectedPartition: -1
    readonly property real laneWidth: Math.max(cells * (Theme.cellSize + Theme.cellGap) - Theme.cellGap + 2 * Theme.padding,
                                               summaryOnly || compact ? Theme.summaryWidth : 0)
    readonly property alias lanes: laneRepeater

    signal activated(string topic, int partition)

    // The top-left corner of a partition's lane, in the box's coordinates.
    function laneItem(partition: int): Item {
        return laneRepeater.itemAt(partition)
    }

    implicitWidth: (lanesInRow ? Math.max(1, partitions.count) * (laneWidth + Theme.gap) - Theme.gap : laneWidth)
                   + 2 * Theme.padding
    implicitHeight: header.height + (summaryOnly ? summary.height : column.height)
                    + (legend !== "" ? legendText.height + Theme.gap : 0) + 3 * Theme.padding

    Accessible.role: Accessible.Grouping
    Accessible.name: qsTr("%1 topic, %2 partitions").arg(partitions.topic).arg(partitions.count)

    Rectangle {
        anchors.fill: parent
        radius: Theme.radius
        color: Theme.topicFill
        border.width: Theme.borderWidth
        border.color: box.outline
    }

    ShopText {
        id: header

        x: Theme.padding
        y: Theme.padding
        width: parent.width - 2 * Theme.padding
        text: box.subtitle === "" ? box.title : box.title + " · " + box.subtitle
        wrapMode: Text.Wrap
        maximumLineCount: 2
        color: box.outline
        strong: true
        font.pixelSize: Theme.cardTitleSize
    }

    ShopText {
        id: summary

        x: Theme.padding
        y: header.y + header.height + Theme.gap
        width: parent.width - 2 * Theme.padding
        visible: box.summaryOnly
        text: Theme.partitionsText(box.partitions.count) + box.summaryNote
        wrapMode: Text.Wrap
        maximumLineCount: 2
        dim: true
        font.pixelSize: Theme.smallSize
    }

    Grid {
        id: column

        x: Theme.padding
        y: header.y + header.height + Theme.padding
        columns: box.lanesInRow ? Math.max(1, box.partitions.count) : 1
        spacing: Theme.gap
        visible: !box.summaryOnly

        Repeater {
            id: laneRepeater

            model: box.partitions

            PartitionLane {
                required property var readers

                topic: box.partitions.topic
                replays: box.showReplays ? readers : []
                width: box.laneWidth
                cells: box.cells
                compact: box.compact
                labels: box.labels
                showRates: box.showRates
                selected: box.selectedTopic === topic && box.selectedPartition === partition
                onActivated: (topic, partition) => box.activated(topic, partition)
            }
        }
    }

    ShopText {
        id: legendText

        x: Theme.padding
        anchors.bottom: parent.bottom
        anchors.bottomMargin: Theme.padding
        width: parent.width - 2 * Theme.padding
        visible: box.legend !== ""
        text: box.legend
        wrapMode: Text.Wrap
        maximumLineCount: 2
        dim: true
        font.pixelSize: Theme.smallSize
    }
}
