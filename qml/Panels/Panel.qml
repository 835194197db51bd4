import QtQuick
import Chippy

// A titled box for the panels under and beside the shop.
Rectangle {
    id: panel

    property string title
    default property alias content: body.data

    radius: Theme.radius
    color: Theme.surface
    border.width: 1
    border.color: Theme.border
    Accessible.role: Accessible.Grouping
    Accessible.name: title

    Text {
        id: heading

        x: Theme.padding
        y: Theme.padding
        width: parent.width - 2 * Theme.padding
        text: panel.title
        color: Theme.textDim
        font.family: Theme.fontFamily
        font.pixelSize: Theme.labelSize
        font.bold: true
        elide: Text.ElideRight
    }

    Item {
        id: body

        anchors.fill: parent
        anchors.margins: Theme.padding
        anchors.topMargin: heading.y + heading.height + Theme.gap
    }
}
