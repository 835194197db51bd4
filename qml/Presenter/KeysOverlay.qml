import QtQml
import QtQuick
import QtQuick.Controls
import Chippy

// The keyboard, for whoever is presenting: shown with ?, gone with any key or click.
Popup {
    id: overlay

    readonly property var keys: [
        ["→  PageDown", qsTr("next step")], ["←  PageUp", qsTr("previous step (starts it afresh)")],
        ["Space", qsTr("pause or carry on")], ["R", qsTr("reset the scene")],
        ["F", qsTr("full screen")], ["Esc", qsTr("leave full screen, back to the scene")],
        ["P", qsTr("presenter mode")], ["D", qsTr("dark theme")],
        ["C", qsTr("controls")], ["+ / −", qsTr("zoom")], ["1 … 9", qsTr("go to a scene")],
        ["Tab", qsTr("reach a control; its arrows then move it")],
        ["?", qsTr("these keys")], ["Ctrl+Q", qsTr("quit")]]

    anchors.centerIn: Overlay.overlay
    modal: true
    focus: true
    padding: Theme.padding * 2

    Connections {
        target: ViewSettings

        function onKeysShownChanged() {
            if (ViewSettings.keysShown)
                overlay.open()
            else
                overlay.close()
        }
    }

    background: Rectangle {
        radius: Theme.radius
        color: Theme.surface
        border.color: Theme.border
        border.width: Theme.borderWidth
    }

    Grid {
        columns: 2
        columnSpacing: Theme.padding * 2
        rowSpacing: Theme.gap

        Repeater {
            model: overlay.keys.length * 2

            ShopText {
                required property int index

                text: overlay.keys[Math.floor(index / 2)][index % 2]
                strong: index % 2 === 0
                font.pixelSize: Theme.captionSize
            }
        }
    }
}
