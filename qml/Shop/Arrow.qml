import QtQuick
import QtQuick.Shapes
import Chippy

// A curved arrow from one point to another, drawn in its parent's coordinates.
Shape {
    id: arrow

    property real x1: 0
    property real y1: 0
    property real x2: 100
    property real y2: 0
    property color colour: Theme.arrow
    property bool dashed: false
    property bool head: true
    // When set, the curve drops below both ends by this much (a loop back), instead of
    // bending out horizontally.
    property real sag: 0
    // Bends out vertically: for arrows that go down a column.
    property bool vertical: false
    // Bends out horizontally, as a flow diagram reads left to right.
    readonly property real bend: Math.max(24, Math.abs(x2 - x1) * 0.5)
    readonly property real headSize: Theme.arrowWidth * 5

    anchors.fill: parent
    Accessible.ignored: true

    // Where the curve bends towards, just before its end: the head points from there.
    readonly property real c1x: sag > 0 ? x1 : (vertical ? x1 : x1 + bend)
    readonly property real c1y: sag > 0 ? Math.max(y1, y2) + sag : (vertical ? y1 + bendY : y1)
    readonly property real c2x: sag > 0 ? x2 : (vertical ? x2 : x2 - bend)
    readonly property real c2y: sag > 0 ? Math.max(y1, y2) + sag : (vertical ? y2 - bendY : y2)
    readonly property real bendY: Math.max(16, Math.abs(y2 - y1) * 0.5)
    readonly property real dirLength: Math.max(0.001, Math.hypot(x2 - c2x, y2 - c2y))
    readonly property real dx: (x2 - c2x) / dirLength
    readonly property real dy: (y2 - c2y) / dirLength
    readonly property real baseX: x2 - dx * headSize
    readonly property real baseY: y2 - dy * headSize

    ShapePath {
        strokeColor: arrow.colour
        strokeWidth: Theme.arrowWidth
        fillColor: "transparent"
        strokeStyle: arrow.dashed ? ShapePath.DashLine : ShapePath.SolidLine
        dashPattern: [4, 3]
        startX: arrow.x1
        startY: arrow.y1

        PathCubic {
            x: arrow.head ? arrow.baseX : arrow.x2
            y: arrow.head ? arrow.baseY : arrow.y2
            control1X: arrow.c1x
            control1Y: arrow.c1y
            control2X: arrow.c2x
            control2Y: arrow.c2y
        }
    }

    ShapePath {
        strokeColor: "transparent"
        fillColor: arrow.head ? arrow.colour : "transparent"
        startX: arrow.x2
        startY: arrow.y2

        PathLine {
            x: arrow.baseX - arrow.dy * arrow.headSize * 0.6
            y: arrow.baseY + arrow.dx * arrow.headSize * 0.6
        }
        PathLine {
            x: arrow.baseX + arrow.dy * arrow.headSize * 0.6
            y: arrow.baseY - arrow.dx * arrow.headSize * 0.6
        }
        PathLine {
            x: arrow.x2
            y: arrow.y2
        }
    }
}
