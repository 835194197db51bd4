import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Chippy

// The scene's step and title, what to tell the audience, and how the shop is doing.
ColumnLayout {
    id: header

    spacing: Theme.gap / 2

    RowLayout {
        Layout.fillWidth: true
        spacing: Theme.gap

        ShopText {
            visible: !Theme.presenter
            text: "Chippy"
            color: Theme.topic
            strong: true
            font.pixelSize: Theme.titleSize
        }

        ShopText {
            Layout.fillWidth: Theme.presenter
            visible: Theme.presenter
            text: qsTr("%1 / %2 · %3").arg(Controller.scene + 1).arg(Controller.scenes.count).arg(Controller.sceneTitle)
            strong: true
            font.pixelSize: Theme.titleSize
        }

        TabBar {
            id: tabs

            Layout.fillWidth: true
            visible: !Theme.presenter
            // More scenes than fit scroll, the current one kept in view, rather than run
            // under the shop's figures.
            clip: true
            currentIndex: Controller.scene
            spacing: Theme.gap
            background: null
            Accessible.name: qsTr("Scenes")

            Repeater {
                model: Controller.scenes

                TabButton {
                    id: tab

                    focusPolicy: Qt.TabFocus
                    required property int index
                    required property string title
                    required property int number

                    text: number + " " + title
                    width: implicitWidth
                    font.pixelSize: Theme.smallSize + 1
                    onClicked: Controller.goToScene(index)

                    background: Rectangle {
                        implicitHeight: Theme.bodySize * 2
                        radius: height / 2
                        color: tab.checked ? Theme.topicFill : Theme.surface
                        border.width: tab.visualFocus ? 2 : 1
                        border.color: tab.checked || tab.visualFocus ? Theme.topic : Theme.border
                    }
                    contentItem: Text {
                        text: tab.text
                        font: tab.font
                        color: tab.checked ? Theme.topic : Theme.textDim
                        horizontalAlignment: Text.AlignHCenter
                        verticalAlignment: Text.AlignVCenter
                        leftPadding: Theme.gap
                        rightPadding: Theme.gap
                    }
                }
            }
        }

        ShopText {
            text: qsTr("%1 orders/s · %2 served · %3 waiting")
                .arg(Controller.ordersPerSecond.toLocaleString(Qt.locale(), "f", Controller.ordersPerSecond < 10 ? 1 : 0))
                .arg(Controller.served.toLocaleString(Qt.locale(), "f", 0))
                .arg(Controller.waiting.toLocaleString(Qt.locale(), "f", 0))
            strong: true
            font.pixelSize: Theme.presenter ? Theme.captionSize : Theme.bodySize
        }
    }

    ShopText {
        Layout.fillWidth: true
        text: Theme.presenter ? Controller.caption
                              : Controller.sceneTitle + " — " + Controller.caption
        dim: true
        wrapMode: Text.Wrap
        maximumLineCount: 3
        font.pixelSize: Theme.captionSize
    }
    ShopText {
        objectName: "changedByHand"
        Layout.fillWidth: true
        visible: Controller.changedByHand
        text: qsTr("✎ Changed by you since the scene began; R puts it back.")
        color: Theme.selection
        wrapMode: Text.Wrap
        font.pixelSize: Theme.captionSize
    }
    ShopText {
        Layout.fillWidth: true
        visible: Controller.actionCaption !== ""
        text: "▶ " + Controller.actionCaption
        color: Theme.cook
        wrapMode: Text.Wrap
        maximumLineCount: 2
        font.pixelSize: Theme.captionSize
    }
}
