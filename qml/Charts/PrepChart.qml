import QtQml
import QtQuick
import QtCharts
import Chippy

// How long orders took from placed to ready, p50 and p95 over the last minute, in seconds:
// what the analytics store answers from the statistician's documents.
Panel {
    id: panel

    function duration(ms: real): string {
        return ms < 1000 ? qsTr("%1 ms").arg(Math.round(ms)) : qsTr("%1 s").arg((ms / 1000).toFixed(1))
    }

    title: Theme.presenter ? qsTr("PREP %1 / %2").arg(duration(Controller.analytics.prepP50Ms)).arg(duration(Controller.analytics.prepP95Ms))
                           : qsTr("PREP TIME · p50 %1 · p95 %2").arg(duration(Controller.analytics.prepP50Ms)).arg(duration(Controller.analytics.prepP95Ms))

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
            max: Math.max(1, Controller.analytics.maxPrepMs / 1000 * 1.25)
            labelFormat: "%.0f s"
            labelsColor: Theme.textDim
            labelsFont.pixelSize: Theme.smallSize
            gridLineColor: Theme.border
            lineVisible: false
            tickCount: chart.plotArea.height >= 4 * Theme.smallSize ? 3 : 2
        }
        LineSeries {
            id: p50

            axisX: axisX
            axisY: axisY
            color: Theme.text
            width: Theme.arrowWidth
        }
        LineSeries {
            id: p95

            axisX: axisX
            axisY: axisY
            color: Theme.cook
            width: Theme.arrowWidth
        }
    }

    StoreProblem {}

    Connections {
        target: Controller.analytics

        function onUpdated() {
            Controller.analytics.fillPrep(p50, 50)
            Controller.analytics.fillPrep(p95, 95)
        }
    }
}
