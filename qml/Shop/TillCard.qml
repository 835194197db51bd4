import QtQuick
import Chippy

// A till with its queue of waiting customers, in the queue's colour; the key its orders carry.
Item {
    id: till

    required property int queue
    required property string key
    required property int waiting
    required property bool open
    required property int partition

    implicitWidth: Theme.maxDots * (Theme.dotSize + Theme.gap / 2) + Theme.gap + Theme.tillWidth
    implicitHeight: Theme.tillHeight
    opacity: open ? 1 : 0.55

    Accessible.role: Accessible.StaticText
    Accessible.name: qsTr("Till %1: key %2, goes to partition %3, %4 customers waiting")
        .arg(queue).arg(key).arg(partition).arg(waiting)

    Row {
        id: dots

        anchors.right: box.left
        anchors.rightMargin: Theme.gap
        anchors.verticalCenter: parent.verticalCenter
        spacing: Theme.gap / 2
        layoutDirection: Qt.RightToLeft

        // A fixed row of dots shown or hidden, rather than dots made and destroyed each time
        // the queue changes.
        Repeater {
            model: Theme.maxDots

            Rectangle {
                required property int index

                visible: index < till.waiting
                width: Theme.dotSize
                height: Theme.dotSize
                radius: width / 2
                color: Theme.queueColour(till.queue)
                opacity: 1 - index * 0.08
            }
        }
    }

    ShopText {
        anchors.right: box.left
        anchors.rightMargin: Theme.gap
        anchors.top: dots.bottom
        visible: till.waiting > Theme.maxDots
        text: "+" + (till.waiting - Theme.maxDots)
        dim: true
        font.pixelSize: Theme.smallSize
    }

    Card {
        id: box

        anchors.right: parent.right
        width: Theme.tillWidth
        height: parent.height

        Column {
            anchors.verticalCenter: parent.verticalCenter

            ShopText {
                text: till.open ? qsTr("TILL %1").arg(till.queue) : qsTr("TILL %1 shut").arg(till.queue)
                strong: true
                font.pixelSize: Theme.cardTitleSize
            }
            ShopText {
                text: qsTr("key = %1").arg(till.key)
                color: Theme.queueColour(till.queue)
                font.pixelSize: Theme.smallSize
            }
        }
    }
}
