import QtQuick
import Chippy

// Over a chart whose store does not answer: why, in words, until it answers again.
Rectangle {
    anchors.fill: parent
    visible: Controller.analytics.problem !== ""
    color: Theme.surface
    opacity: 0.92

    ShopText {
        objectName: "storeProblem"
        anchors.fill: parent
        text: Controller.analytics.problem
        color: Theme.bad
        wrapMode: Text.Wrap
        elide: Text.ElideRight
        verticalAlignment: Text.AlignVCenter
        font.pixelSize: Theme.smallSize
    }
}
