import QtQuick
import Chippy

// An order that found a tray short (or the cabinet unreachable), on its way from the hot cabinet
// to the cook: a mark in its queue's colour that travels once and fades.
Rectangle {
    id: mark

    property point start
    property point end
    property int queue: -1
    property real progress: 0
    // With the order's number and where it goes in words; else the dot alone.
    property bool labelled: true

    // wasShort: the cabinet answered that a tray was short; otherwise it could not be asked and the
    // order is fried to order.
    function send(order: int, queue: int, wasShort: bool) {
        label.text = wasShort ? qsTr("%1 short → COOK").arg(order) : qsTr("%1 to order → COOK").arg(order)
        mark.queue = queue
        travel.restart()
    }

    x: start.x + (end.x - start.x) * progress - width / 2
    y: start.y + (end.y - start.y) * progress - height / 2
    width: labelled ? label.implicitWidth + Theme.tokenSize + Theme.gap * 2 : Theme.tokenSize + Theme.gap
    height: labelled ? Math.max(label.implicitHeight, Theme.tokenSize) + Theme.gap / 2 : width
    radius: height / 2
    color: Theme.cookFill
    border.width: Theme.borderWidth
    border.color: Theme.cook
    opacity: 0
    Accessible.ignored: true

    Rectangle {
        x: mark.labelled ? Theme.gap / 2 : (mark.width - width) / 2
        anchors.verticalCenter: parent.verticalCenter
        width: Theme.tokenSize
        height: Theme.tokenSize
        radius: width / 2
        color: Theme.queueColour(mark.queue)
    }
    ShopText {
        id: label

        objectName: "shortMarkText"
        visible: mark.labelled
        x: Theme.tokenSize + Theme.gap
        anchors.verticalCenter: parent.verticalCenter
        color: Theme.cook
        strong: true
        font.pixelSize: Theme.smallSize
    }

    SequentialAnimation {
        id: travel

        PropertyAction { target: mark; property: "opacity"; value: 1 }
        NumberAnimation { target: mark; property: "progress"; from: 0; to: 1; duration: 900; easing.type: Easing.InOutQuad }
        NumberAnimation { target: mark; property: "opacity"; to: 0; duration: 500 }
    }
}
