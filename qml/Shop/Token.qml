import QtQuick
import Chippy

// One order on its way from one place to the next, in its queue's colour.
Rectangle {
    id: token

    required property int queue
    required property string from
    required property string to
    property point start
    property point end
    property real progress: 0

    x: start.x + (end.x - start.x) * progress - width / 2
    y: start.y + (end.y - start.y) * progress - height / 2
    width: Theme.tokenSize
    height: Theme.tokenSize
    radius: width / 2
    color: Theme.queueColour(queue)
    border.width: 2
    border.color: Theme.background
    Accessible.ignored: true

    NumberAnimation on progress {
        from: 0
        to: 1
        duration: Controller.tokens.flightMs
        easing.type: Easing.InOutQuad
    }
}
