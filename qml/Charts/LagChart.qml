import QtQml
import QtQuick
import QtCharts
import Chippy

// Lag per ORDER partition over the last minute, each line in the colour of the queue that
// writes to the partition.
Panel {
    id: panel

    property var lines: []

    function colourOf(partition: int): color {
        const row = Controller.orderPartitions.get(partition)
        const queues = row.queues || []
        return queues.length > 0 ? Theme.queueColour(queues[0]) : Theme.textDim
    }

    function refresh() {
        while (lines.length < Controller.charts.partitions) {
            const line = chart.createSeries(ChartView.SeriesTypeLine, "P" + lines.length, axisX, axisY)
            line.width = Theme.arrowWidth
            lines.push(line)
        }
        for (let p = 0; p < lines.length; ++p) {
            lines[p].color = colourOf(p)
            Controller.charts.fillLag(lines[p], p)
        }
    }

    title: Theme.presenter ? qsTr("LAG PER PARTITION") : qsTr("LAG PER PARTITION · %1 waiting").arg(Controller.orderPartitions.totalLag)

    ChartView {
        id: chart

        anchors.fill: parent
        anchors.margins: -Theme.padding
        antialiasing: true
        backgroundColor: "transparent"
        legend.visible: false
        margins.top: 0
        margins.bottom: 0
        margins.left: 0
        margins.right: 0
        Accessible.name: panel.title

        ValueAxis {
            id: axisX

            min: Controller.charts.firstSecond
            max: Math.max(Controller.charts.lastSecond, Controller.charts.firstSecond + 10)
            labelsVisible: false
            gridVisible: false
            lineVisible: false
        }
        ValueAxis {
            id: axisY

            min: 0
            max: Math.max(4, Controller.charts.maxLag * 1.25)
            labelFormat: "%.0f"
            labelsColor: Theme.textDim
            labelsFont.pixelSize: Theme.smallSize
            gridLineColor: Theme.border
            lineVisible: false
            // Qt Charts elides labels that do not fit between their ticks.
            tickCount: chart.plotArea.height >= 4 * Theme.smallSize ? 3 : 2
        }
    }

    Connections {
        target: Controller.charts

        function onUpdated() {
            if (Controller.charts.samples === 0) {
                chart.removeAllSeries()
                panel.lines = []
            }
            panel.refresh()
        }
    }
}
