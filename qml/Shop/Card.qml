import QtQuick
import QtQuick.Shapes
import Chippy

// The box every participant is drawn in: solid while it works, dashed and dim when idle.
Item {
    id: card

    property color fill: Theme.surface
    property color outline: Theme.border
    property bool dashed: false
    property bool highlighted: false
    default property alias content: inner.data

    Rectangle {
        anchors.fill: parent
        radius: Theme.radius
        color: card.fill
        border.width: card.dashed ? 0 : Theme.borderWidth
        border.color: card.highlighted ? Theme.selection : card.outline
    }

    Shape {
        anchors.fill: parent
        visible: card.dashed

        ShapePath {
            strokeColor: card.outline
            strokeWidth: Theme.borderWidth
            strokeStyle: ShapePath.DashLine
            dashPattern: [3, 3]
            fillColor: "transparent"
            startX: Theme.radius
            startY: 1

            PathLine {
                x: card.width - Theme.radius
                y: 1
            }
            PathArc {
                x: card.width - 1
                y: Theme.radius
                radiusX: Theme.radius
                radiusY: Theme.radius
            }
            PathLine {
                x: card.width - 1
                y: card.height - Theme.radius
            }
            PathArc {
                x: card.width - Theme.radius
                y: card.height - 1
                radiusX: Theme.radius
                radiusY: Theme.radius
            }
            PathLine {
                x: Theme.radius
                y: card.height - 1
            }
            PathArc {
                x: 1
                y: card.height - Theme.radius
                radiusX: Theme.radius
                radiusY: Theme.radius
            }
            PathLine {
                x: 1
                y: Theme.radius
            }
            PathArc {
                x: Theme.radius
                y: 1
                radiusX: Theme.radius
                radiusY: Theme.radius
            }
        }
    }

    Item {
        id: inner

        anchors.fill: parent
        anchors.margins: Theme.padding
    }
}
