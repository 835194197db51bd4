import QtQml
import QtQuick
import QtCharts
import Chippy

// Orders per second over the last minute, as the analytics store counts them by the records'
// own timestamps: the same curve as the shop's, replayed by the statistician.
Panel {
    id: panel

    title: Theme.presenter ? qsTr("ORDERS / S · STORE") : qsTr("ORDERS PER SECOND · from the store")

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

            min: -60
            max: 0
            labelsVisible: false
            gridVisible: false
            lineVisible: false
        }
        ValueAxis {
            id: axisY

            min: 0
            max: Math.max(2, Controller.analytics.maxRate * 1.25)
            labelFormat: "%.0f"
            labelsColor: Theme.textDim
            labelsFont.pixelSize: Theme.smallSize
            gridLineColor: Theme.border
            lineVisible: false
            tickCount: chart.plotArea.height >= 4 * Theme.smallSize ? 3 : 2
        }
        LineSeries {
            id: series

            axisX: axisX
            axisY: axisY
            color: Theme.topic
            width: Theme.arrowWidth
        }
    }

    StoreProblem {}

    Connections {
        target: Controller.analytics

        function onUpdated() {
            Controller.analytics.fillRate(series)
        }
    }
}
