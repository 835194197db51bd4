import QtQuick
import Chippy

// One partition as a lane of its newest records, each cell in the colour of the queue that
// wrote it, with the log start and end offsets and the reading group's committed offset.
// At high rates the lane says how fast it grows instead. Click it to see its records.
FocusScope {
    id: lane

    required property int partition
    required property var recent
    required property int recentFirst
    required property int logStart
    required property int logEnd
    required property int committed
    required property int lag
    required property var queues
    required property real rate
    property string topic
    property int cells: Theme.orderCells
    property bool compact: false
    // Without the row of labels under the cells (presenter mode says it once, in a legend).
    property bool labels: !compact
    property bool showRates: false
    property bool selected: false
    // Late readers replaying the log: maps of name, from (where it began) and at (where it got).
    property var replays: []
    readonly property real cellsWidth: cells * (Theme.cellSize + Theme.cellGap) - Theme.cellGap
    // Where in the row of cells the committed offset falls (0 .. shown cells).
    readonly property int shownFirst: recentFirst + Math.max(0, recent.length - cells)
    readonly property int markerIndex: Math.max(0, Math.min(Math.min(recent.length, cells), committed - shownFirst))
    // While the broker restarts nothing moves through the lane: a veil greys it.
    readonly property bool offline: Controller.status === "down" || Controller.status === "reconnecting"

    signal activated(string topic, int partition)

    function queuesInWords(): string {
        if (queues.length === 0)
            return ""
        if (queues.length === 1)
            return qsTr("queue %1").arg(queues[0])
        return qsTr("queues %1").arg(queues.join(", "))
    }

    objectName: "partitionLane"
    implicitWidth: cellsWidth + 2 * Theme.padding
    implicitHeight: Theme.cellSize + 2 * Theme.cellGap + Theme.padding + name.implicitHeight
                    + (queuesText.visible && queuesText.below ? queuesText.height : 0)
                    + (labels ? Theme.labelSize + 2 * Theme.cellGap : 0)
                    + replayTrack.height
    activeFocusOnTab: true

    Accessible.role: Accessible.Button
    Accessible.name: qsTr("%1 partition %2: log start %3, end %4, committed %5, lag %6")
        .arg(topic).arg(partition).arg(logStart).arg(logEnd).arg(committed).arg(lag)
    Accessible.onPressAction: activated(topic, partition)
    Keys.onReturnPressed: activated(topic, partition)
    Keys.onSpacePressed: activated(topic, partition)

    Rectangle {
        anchors.fill: parent
        radius: Theme.radius
        color: Theme.surface
        border.width: lane.selected || lane.activeFocus ? Theme.borderWidth + 1 : 1
        border.color: lane.selected || lane.activeFocus ? Theme.selection : Theme.border
    }

    ShopText {
        id: name

        x: Theme.padding
        y: Theme.cellGap
        text: "P" + lane.partition
        strong: true
        font.pixelSize: lane.compact ? Theme.labelSize : Theme.cardTitleSize
    }
    // Beside the name when there is room, else on a line of its own under it.
    ShopText {
        id: queuesText

        readonly property real besideX: name.x + name.width + Theme.gap
        readonly property bool below: implicitWidth > endLabel.x - Theme.gap - besideX

        x: below ? Theme.padding : besideX
        y: below ? name.y + name.height : name.y + name.baselineOffset - baselineOffset
        width: below ? lane.width - 2 * Theme.padding : endLabel.x - Theme.gap - besideX
        visible: !lane.compact
        text: lane.queuesInWords()
        wrapMode: below ? Text.Wrap : Text.NoWrap
        dim: true
        font.pixelSize: Theme.labelSize
    }
    ShopText {
        id: endLabel

        anchors.right: parent.right
        anchors.rightMargin: Theme.padding
        anchors.baseline: name.baseline
        // Never over the name: a narrow lane sets a long count a little smaller.
        width: Math.min(implicitWidth, lane.width - 2 * Theme.padding - name.width - Theme.gap)
        horizontalAlignment: Text.AlignRight
        fontSizeMode: Text.HorizontalFit
        minimumPixelSize: Math.round(Theme.labelSize * 0.75)
        text: lane.compact ? (lane.lag > 0 ? qsTr("waiting %1").arg(lane.lag) : qsTr("end %1").arg(lane.logEnd.toLocaleString(Qt.locale(), "f", 0)))
            : (lane.labels ? qsTr("end %1").arg(lane.logEnd.toLocaleString(Qt.locale(), "f", 0))
                           : qsTr("%1–%2").arg(lane.logStart.toLocaleString(Qt.locale(), "f", 0))
                                 .arg(lane.logEnd.toLocaleString(Qt.locale(), "f", 0)))
        dim: true
        font.pixelSize: Theme.labelSize
    }

    Item {
        id: row

        x: Theme.padding
        y: (queuesText.visible && queuesText.below ? queuesText.y + queuesText.height : name.y + name.height) + Theme.cellGap
        width: lane.cellsWidth
        height: Theme.cellSize

        Repeater {
            model: lane.cells

            Rectangle {
                required property int index
                readonly property int cell: lane.recent.length - Math.min(lane.recent.length, lane.cells) + index
                readonly property bool filled: index < Math.min(lane.recent.length, lane.cells)

                x: index * (Theme.cellSize + Theme.cellGap)
                width: Theme.cellSize
                height: Theme.cellSize
                radius: Theme.cellSize / 5
                color: filled ? Theme.queueColour(lane.recent[cell]) : "transparent"
                border.width: filled ? 0 : 1
                border.color: Theme.unknownCell
                opacity: filled && index < lane.markerIndex ? 0.55 : 1
            }
        }

        Rectangle {
            visible: lane.committed >= 0 && lane.recent.length > 0
            x: lane.markerIndex * (Theme.cellSize + Theme.cellGap) - Theme.cellGap / 2 - width / 2
            y: -Theme.cellGap
            width: Math.max(2, Theme.borderWidth)
            height: Theme.cellSize + 2 * Theme.cellGap
            color: Theme.marker
        }

        Rectangle {
            anchors.left: parent.left
            anchors.verticalCenter: parent.verticalCenter
            visible: lane.showRates
            width: Math.min(parent.width, rateText.implicitWidth + 2 * Theme.gap)
            height: parent.height
            radius: Theme.radius / 2
            color: Theme.surfaceRaised
            opacity: 0.94

            ShopText {
                id: rateText

                anchors.centerIn: parent
                width: Math.min(implicitWidth, parent.width - 2 * Theme.gap)
                // Wide lanes also say the lag; narrow ones have it in their header.
                text: (lane.rate >= 100 ? lane.rate.toFixed(0) : lane.rate.toFixed(1)) + qsTr("/s")
                      + (lane.cells >= 8 ? qsTr(" · lag %1").arg(lane.lag) : "")
                strong: true
                font.pixelSize: Theme.labelSize
            }
        }
    }

    // The whole log, start to end, and on it each late reader replaying it: its mark runs from
    // where it began to where it has read, whatever the cells above show. Marks that would
    // overlap are set apart, on a second line when one is not enough.
    Item {
        id: replayTrack

        // Readers whose marks have shown where they began and now follow where they read.
        property var running: ({})
        readonly property real pitch: Theme.labelSize + 2 * Theme.cellGap
        readonly property var marks: {
            const marks = lane.replays.map((reader, index) => ({
                index: index,
                width: markWidth(reader.name),
                centre: along(running[reader.name] ? reader.at : reader.from)
            }))
            marks.sort((a, b) => a.centre - b.centre || a.index - b.index)
            return marks
        }
        readonly property int rows: marks.reduce((sum, m) => sum + m.width + Theme.cellGap, 0) > width ? 2 : 1
        // Per reader (in the order of lane.replays): its line and left edge.
        readonly property var placed: {
            const placed = []
            for (let row = 0; row < rows; ++row) {
                const mine = marks.filter((m, k) => k % rows === row)
                let edge = 0
                for (const m of mine) {
                    placed[m.index] = { row: row, x: Math.max(edge, m.centre - m.width / 2) }
                    edge = placed[m.index].x + m.width + Theme.cellGap
                }
                let limit = width
                for (let k = mine.length - 1; k >= 0; --k) {
                    const m = mine[k]
                    placed[m.index].x = Math.max(0, Math.min(placed[m.index].x, limit - m.width))
                    limit = placed[m.index].x - Theme.cellGap
                }
            }
            return placed
        }

        function along(offset: real): real {
            const span = lane.logEnd - lane.logStart
            return span <= 0 ? width : Math.max(0, Math.min(1, (offset - lane.logStart) / span)) * width
        }

        function markWidth(name: string): real {
            return markFont.advanceWidth(name) + 2 * Theme.cellGap
        }

        function startRunning(name: string) {
            const now = Object.assign({}, running)
            now[name] = true
            running = now
        }

        objectName: "replayTrack"
        x: Theme.padding
        y: row.y + row.height + Theme.cellGap
        width: lane.cellsWidth
        height: visible ? rows * pitch : 0
        visible: lane.replays.length > 0
        // A reader of the same name later (after a reset) runs from where it begins again.
        onVisibleChanged: if (!visible) running = {}

        FontMetrics {
            id: markFont

            font.family: Theme.fontFamily
            font.pixelSize: Math.round(Theme.labelSize * 0.85)
            font.bold: true
        }

        Repeater {
            model: replayTrack.rows

            Rectangle {
                required property int index

                y: (index + 0.5) * replayTrack.pitch - height / 2
                width: replayTrack.width
                height: Math.max(1, Theme.borderWidth)
                color: Theme.good
                opacity: 0.6
            }
        }

        Repeater {
            model: lane.replays.length

            Rectangle {
                id: mark

                required property int index
                readonly property var reader: lane.replays[index] ?? {"name": "", "from": 0, "at": 0}
                readonly property var place: replayTrack.placed[index] ?? {"row": 0, "x": 0}

                objectName: "replayMark"
                x: place.x
                y: (place.row + 0.5) * replayTrack.pitch - height / 2
                width: replayTrack.markWidth(reader.name)
                height: Theme.labelSize + Theme.cellGap
                radius: height / 2
                color: Theme.good
                // Shown first where it began; from the next frame on, it runs to where it read.
                Component.onCompleted: Qt.callLater(() => replayTrack.startRunning(mark.reader.name))

                Behavior on x {
                    SmoothedAnimation {
                        velocity: Math.max(1, replayTrack.width / 2)
                    }
                }

                Text {
                    anchors.centerIn: parent
                    text: mark.reader.name
                    color: "#0b1220"
                    font: markFont.font
                }
            }
        }
    }

    ShopText {
        id: startLabel

        x: Theme.padding
        anchors.top: replayTrack.visible ? replayTrack.bottom : row.bottom
        anchors.topMargin: Theme.cellGap
        visible: lane.labels
        text: qsTr("start %1").arg(lane.logStart.toLocaleString(Qt.locale(), "f", 0))
        dim: true
        font.pixelSize: Theme.labelSize
    }
    ShopText {
        anchors.top: startLabel.top
        x: Math.max(startLabel.x + startLabel.width + Theme.gap,
                    Math.min(row.x + lane.markerIndex * (Theme.cellSize + Theme.cellGap) - width / 2,
                             lane.width - width - Theme.padding))
        visible: lane.labels && lane.committed >= 0 && lane.recent.length > 0
        text: qsTr("committed")
        font.pixelSize: Theme.labelSize
    }

    Rectangle {
        anchors.fill: parent
        visible: lane.offline
        radius: Theme.radius
        color: Theme.surface
        opacity: 0.65
    }

    MouseArea {
        anchors.fill: parent
        cursorShape: Qt.PointingHandCursor
        onClicked: {
            lane.forceActiveFocus()
            lane.activated(lane.topic, lane.partition)
        }
    }
}
