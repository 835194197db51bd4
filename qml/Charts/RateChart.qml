import QtQml
import QtQuick
import QtCharts
import Chippy

// Orders placed per second over the last minute.
Panel {
    id: panel

    title: Theme.presenter ? qsTr("ORDERS PER SECOND") : qsTr("ORDERS PER SECOND · %1 now").arg(Controller.charts.lastRate.toFixed(1))

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
            max: Math.max(2, Controller.charts.maxRate * 1.25)
            labelFormat: "%.0f"
            labelsColor: Theme.textDim
            labelsFont.pixelSize: Theme.smallSize
            gridLineColor: Theme.border
            lineVisible: false
            // Qt Charts elides labels that do not fit between their ticks.
            tickCount: chart.plotArea.height >= 4 * Theme.smallSize ? 3 : 2
        }
        LineSeries {
            id: series

            axisX: axisX
            axisY: axisY
            color: Theme.text
            width: Theme.arrowWidth
        }
    }

    Connections {
        target: Controller.charts

        function onUpdated() {
            Controller.charts.fillRate(series)
        }
    }
}
