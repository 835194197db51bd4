import QtQuick
import Chippy

// One order on its way from one place to the next, in its queue's colour; the order whose
// journey is being followed is drawn larger, ringed and above the others.
Rectangle {
    id: token

    required property int order
    required property int queue
    required property string from
    required property string to
    property point start
    property point end
    property real progress: 0
    readonly property bool followed: order >= 0 && order === Controller.journey.order

    x: start.x + (end.x - start.x) * progress - width / 2
    y: start.y + (end.y - start.y) * progress - height / 2
    z: followed ? 1 : 0
    width: Theme.tokenSize * (followed ? 1.8 : 1)
    height: width
    radius: width / 2
    color: Theme.queueColour(queue)
    border.width: followed ? Math.max(3, width / 6) : 2
    border.color: followed ? Theme.selection : Theme.background
    Accessible.ignored: true

    NumberAnimation on progress {
        from: 0
        to: 1
        duration: Controller.tokens.flightMs
        easing.type: Easing.InOutQuad
    }
}
