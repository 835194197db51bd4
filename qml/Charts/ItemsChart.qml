import QtQml
import QtQuick
import QtCharts
import Chippy

// Orders that named each item of the menu, as the analytics store counts them.
Panel {
    id: panel

    title: Theme.presenter ? qsTr("SOLD · %1% COOKED").arg(Math.round(Controller.analytics.shareCooked * 100))
                           : qsTr("ITEMS SOLD · %1% sent to the cook").arg(Math.round(Controller.analytics.shareCooked * 100))

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

        BarCategoryAxis {
            id: axisX

            categories: Controller.analytics.itemNames
            labelsColor: Theme.text
            labelsFont.pixelSize: Theme.smallSize
            gridVisible: false
            lineVisible: false
        }
        ValueAxis {
            id: axisY

            min: 0
            max: Math.max(2, Controller.analytics.maxItemOrders * 1.2)
            labelFormat: "%.0f"
            labelsColor: Theme.textDim
            labelsFont.pixelSize: Theme.smallSize
            gridLineColor: Theme.border
            lineVisible: false
            tickCount: chart.plotArea.height >= 4 * Theme.smallSize ? 3 : 2
        }
        BarSeries {
            axisX: axisX
            axisY: axisY
            barWidth: 0.6

            BarSet {
                label: qsTr("orders")
                values: Controller.analytics.itemOrders
                color: Theme.topic
                borderColor: Theme.topic
            }
        }
    }

    StoreProblem {}
}
