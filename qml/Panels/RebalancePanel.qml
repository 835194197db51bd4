import QtQuick
import QtQuick.Controls
import Chippy

// The consumer groups' rebalance timeline: generation, who joined or left, who owns what.
Panel {
    id: panel

    title: Theme.presenter ? qsTr("REBALANCES") : qsTr("REBALANCES · group %1 · %2 · generation %3")
        .arg(Controller.preparers.group).arg(Controller.preparers.state || qsTr("forming"))
        .arg(Controller.preparers.generation)

    ListView {
        id: list

        anchors.fill: parent
        clip: true
        model: Controller.rebalances
        spacing: Theme.gap / 2
        boundsBehavior: Flickable.StopAtBounds
        Accessible.role: Accessible.List
        Accessible.name: qsTr("Rebalance timeline")

        delegate: Row {
            id: entry

            required property string time
            required property string group
            required property int generation
            required property string change
            required property string ownership

            width: list.width
            spacing: Theme.gap
            Accessible.role: Accessible.ListItem
            Accessible.name: qsTr("%1 generation %2: %3; %4").arg(group).arg(generation).arg(change).arg(ownership)

            Rectangle {
                anchors.verticalCenter: parent.verticalCenter
                width: Theme.labelSize * 0.6
                height: width
                radius: width / 2
                color: Theme.topic
            }
            ShopText {
                text: qsTr("%1 gen %2").arg(entry.group).arg(entry.generation)
                strong: true
                font.pixelSize: Theme.smallSize
            }
            ShopText {
                id: detail

                width: entry.width - x
                text: entry.change + ": " + entry.ownership
                // Wrapped rather than cut: the ownership is the point of the entry.
                wrapMode: Text.Wrap
                font.pixelSize: Theme.smallSize
            }
        }

        ShopText {
            anchors.centerIn: parent
            visible: list.count === 0
            text: qsTr("no rebalance yet: the groups are forming")
            dim: true
            font.pixelSize: Theme.smallSize
        }
    }
}
