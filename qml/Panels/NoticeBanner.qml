import QtQml
import QtQuick
import Chippy

// The newest notice that needs reading (an error, a dead-lettered order, a refusal) shown
// over the shop for a few seconds.
Rectangle {
    id: banner

    readonly property bool wanted: Controller.notices.latestKind === "error"
        || Controller.notices.latestKind === "dead-letter"
        || Controller.notices.latestKind === "refused"
    property bool showing: false

    visible: showing && wanted
    height: text.implicitHeight + 2 * Theme.padding
    radius: Theme.radius
    color: Theme.surface
    border.width: Theme.borderWidth
    border.color: Controller.notices.latestKind === "refused" ? Theme.warning : Theme.bad
    Accessible.role: Accessible.AlertMessage
    Accessible.name: Controller.notices.latest

    Connections {
        target: Controller.notices

        function onLatestChanged() {
            banner.showing = true
            hide.restart()
        }
    }

    Timer {
        id: hide

        interval: 6000
        onTriggered: banner.showing = false
    }

    ShopText {
        id: text

        anchors.fill: parent
        anchors.margins: Theme.padding
        text: Controller.notices.latest
        color: banner.border.color
        wrapMode: Text.Wrap
        maximumLineCount: 3
        font.pixelSize: Theme.smallSize + 2
    }
}
