import QtQuick
import QtQuick.Layouts
import Chippy

// The bottom line: the keys, where the Kafka is, and how many of everyone there are.
RowLayout {
    spacing: Theme.padding

    ShopText {
        Layout.fillWidth: true
        text: Theme.presenter ? qsTr("→ next  ← back  Space pause  ? keys")
                              : qsTr("→ next  ← back  Space pause  R reset  P presenter  C controls  ? keys")
        dim: true
        font.pixelSize: Theme.smallSize
    }
    Rectangle {
        width: Theme.smallSize * 0.8
        height: width
        radius: width / 2
        color: Controller.status === "running" ? Theme.good
             : (Controller.status === "failed" || Controller.status === "down" ? Theme.bad : Theme.warning)
    }
    ShopText {
        text: Controller.statusText + (Controller.paused ? qsTr(" · paused") : "")
        dim: true
        font.pixelSize: Theme.smallSize
    }
    ShopText {
        Layout.fillWidth: true
        visible: !Theme.presenter
        horizontalAlignment: Text.AlignRight
        text: qsTr("queues %1 · partitions %2 · preparers %3 · counters %4 · cooks %5")
            .arg(Controller.tillCount).arg(Controller.orderPartitions.count)
            .arg(Controller.preparers.count).arg(Controller.counters.count).arg(Controller.cooks.count)
        dim: true
        font.pixelSize: Theme.smallSize
    }
}
