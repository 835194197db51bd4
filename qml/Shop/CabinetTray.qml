import QtQuick
import Chippy

// One tray of the hot cabinet: its item, the portions in it as a number and as pips, and a
// flash with the change whenever portions are cooked into it or taken out.
Rectangle {
    id: tray

    required property string item
    required property int portions
    required property int batch
    required property int taken
    required property int cooked
    required property int change
    required property int changeSerial
    readonly property int pips: Theme.presenter ? 10 : 12
    readonly property real pipSize: Math.max(4, Math.min(Theme.cellSize * 0.6, (width - 2 * Theme.padding) / pips - Theme.cellGap))
    readonly property color changeColour: change > 0 ? Theme.cook : Theme.topic

    // In presenter mode the trays are narrow: the sign and the colour say which it was.
    function changeText(): string {
        if (Theme.presenter)
            return change > 0 ? "+" + change : "−" + (-change)
        return change > 0 ? qsTr("+%1 cooked").arg(change) : qsTr("−%1 taken").arg(-change)
    }

    implicitHeight: column.implicitHeight + 2 * Theme.padding
    radius: Theme.radius
    color: Theme.surface
    border.width: 1
    border.color: Theme.border
    Accessible.role: Accessible.StaticText
    Accessible.name: qsTr("%1 tray: %2 portions").arg(item).arg(portions)

    onChangeSerialChanged: flash.restart()

    Rectangle {
        id: glow

        anchors.fill: parent
        radius: parent.radius
        color: tray.changeColour
        opacity: 0
    }

    Column {
        id: column

        x: Theme.padding
        y: Theme.padding
        width: parent.width - 2 * Theme.padding
        spacing: Theme.gap / 2

        Item {
            width: parent.width
            height: countText.height

            Row {
                anchors.verticalCenter: countText.verticalCenter
                width: parent.width - countText.width - changeText.implicitWidth - 2 * Theme.gap
                spacing: Theme.gap

                ShopText {
                    id: itemText

                    width: Math.min(implicitWidth, parent.width)
                    text: tray.item.toUpperCase()
                    strong: true
                    font.pixelSize: Theme.cardTitleSize
                }
                // In presenter mode the batch goes beside the item, to keep the tray short.
                ShopText {
                    anchors.baseline: itemText.baseline
                    width: Math.max(0, parent.width - itemText.width - Theme.gap)
                    visible: Theme.presenter
                    text: qsTr("batch of %1").arg(tray.batch)
                    dim: true
                    font.pixelSize: Theme.smallSize
                }
            }
            // The last change, beside the count, fading away
            ShopText {
                id: changeText

                objectName: "trayChange"
                anchors.right: countText.left
                anchors.rightMargin: Theme.gap
                anchors.baseline: countText.baseline
                text: tray.changeText()
                color: tray.changeColour
                strong: true
                font.pixelSize: Theme.smallSize
                opacity: 0
            }
            ShopText {
                id: countText

                objectName: "trayCount"
                anchors.right: parent.right
                text: tray.portions
                strong: true
                font.pixelSize: Theme.cardTitleSize * 1.3
                transformOrigin: Item.Right
            }
        }
        Flow {
            width: parent.width
            spacing: Theme.cellGap

            Repeater {
                model: tray.pips

                Rectangle {
                    required property int index

                    width: tray.pipSize
                    height: tray.pipSize
                    radius: width / 4
                    color: index < tray.portions ? Theme.cook : "transparent"
                    border.width: 1
                    border.color: index < tray.portions ? Theme.cook : Theme.border
                }
            }
        }
        ShopText {
            width: parent.width
            visible: !Theme.presenter
            text: qsTr("batch of %1 · taken %2 · cooked %3").arg(tray.batch).arg(tray.taken).arg(tray.cooked)
            dim: true
            font.pixelSize: Theme.smallSize
        }
    }

    SequentialAnimation {
        id: flash

        ParallelAnimation {
            NumberAnimation { target: glow; property: "opacity"; from: 0.35; to: 0; duration: 600 }
            NumberAnimation { target: changeText; property: "opacity"; from: 1; to: 0; duration: 1200; easing.type: Easing.InQuad }
            SequentialAnimation {
                NumberAnimation { target: countText; property: "scale"; to: 1.3; duration: 120 }
                NumberAnimation { target: countText; property: "scale"; to: 1; duration: 240 }
            }
        }
    }
}
