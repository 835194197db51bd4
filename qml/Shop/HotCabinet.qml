import QtQuick
import Chippy

// Model 6's hot cabinet: where it is, a tray per item with its portions, the orders that found
// a tray short and went to the cook, the waste counted at closing time, and in words when the
// cabinet cannot be reached.
Card {
    id: cabinet

    // A tray per item: item, portions, batch, taken, cooked, change, changeSerial.
    property var trays: null
    property string where: ""
    property bool reachable: true
    property string problem: ""
    property string recovered: ""
    property int shortOrders: 0
    property int lastShortOrder: -1
    property bool closed: false
    property string wasteText: ""
    readonly property bool inRedis: where.startsWith("Redis")
    // The cabinet's return is told for a while, then the orders sent short again.
    property bool showRecovered: false

    function whereLine(): string {
        return inRedis ? qsTr("in %1").arg(where) : qsTr("in-process")
    }

    function shortLine(): string {
        if (shortOrders === 0)
            return qsTr("short → COOK: none yet")
        return qsTr("order %1 short → COOK · %2 so far").arg(lastShortOrder).arg(shortOrders)
    }

    function statusLine(): string {
        if (!reachable)
            return problem
        return showRecovered && recovered !== "" ? recovered : shortLine()
    }

    function wasteLine(): string {
        return qsTr("Closed for the day: %1 wasted").arg(wasteText)
    }

    implicitHeight: column.implicitHeight + 2 * Theme.padding
    fill: Theme.cookFill
    outline: reachable ? Theme.cook : Theme.bad
    dashed: !reachable
    Accessible.role: Accessible.Grouping
    Accessible.name: qsTr("Hot cabinet %1: %2").arg(whereLine()).arg(statusLine())
    onRecoveredChanged: {
        showRecovered = recovered !== ""
        recoveredTimer.restart()
    }

    Timer {
        id: recoveredTimer

        interval: 8000
        onTriggered: cabinet.showRecovered = false
    }

    Column {
        id: column

        width: parent.width
        spacing: Theme.gap / 2

        Item {
            width: parent.width
            height: titleText.height

            ShopText {
                id: titleText

                width: Math.min(implicitWidth, parent.width * 0.5)
                text: qsTr("HOT CABINET")
                color: Theme.cook
                strong: true
                font.pixelSize: Theme.cardTitleSize
            }
            ShopText {
                objectName: "cabinetWhere"
                anchors.right: parent.right
                anchors.baseline: titleText.baseline
                width: Math.min(implicitWidth, parent.width - titleText.width - Theme.gap)
                horizontalAlignment: Text.AlignRight
                text: cabinet.whereLine()
                dim: true
                font.pixelSize: Theme.smallSize
            }
        }
        Row {
            width: parent.width
            spacing: Theme.gap

            Repeater {
                model: cabinet.trays

                CabinetTray {
                    width: (column.width - Theme.gap * (Math.max(1, cabinet.trays.count) - 1)) / Math.max(1, cabinet.trays.count)
                    opacity: cabinet.reachable ? 1 : 0.5
                }
            }
        }
        ShopText {
            objectName: "cabinetStatus"
            width: parent.width
            text: cabinet.statusLine()
            color: !cabinet.reachable ? Theme.bad : (cabinet.showRecovered && cabinet.recovered !== "" ? Theme.good : Theme.cook)
            wrapMode: Text.Wrap
            maximumLineCount: 2
            font.pixelSize: Theme.smallSize
        }
        ShopText {
            objectName: "cabinetWaste"
            width: parent.width
            visible: cabinet.closed
            text: cabinet.wasteLine()
            color: Theme.warning
            strong: true
            wrapMode: Text.Wrap
            maximumLineCount: 2
            font.pixelSize: Theme.smallSize
        }
    }
}
