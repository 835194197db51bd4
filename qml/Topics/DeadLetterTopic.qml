import QtQuick
import Chippy

// The dead-letter topic, drawn once an order has gone there: a cell per unreadable record,
// the newest marked, and what was wrong with it in words.
Item {
    id: box

    readonly property DeadLetterModel letters: Controller.deadLetters
    readonly property var newest: letters.total > 0 ? letters.get(0) : ({})

    implicitHeight: content.height + 2 * Theme.padding
    visible: letters.total > 0
    Accessible.role: Accessible.Grouping
    Accessible.name: qsTr("%1 topic, %2 unreadable orders").arg(letters.topic).arg(letters.total)

    Rectangle {
        anchors.fill: parent
        radius: Theme.radius
        color: Theme.topicFill
        border.width: Theme.borderWidth
        border.color: Theme.bad
    }

    Column {
        id: content

        x: Theme.padding
        y: Theme.padding
        width: parent.width - 2 * Theme.padding
        spacing: Theme.gap

        ShopText {
            width: parent.width
            text: qsTr("%1 · %2 unreadable").arg(box.letters.topic).arg(box.letters.total)
            color: Theme.bad
            strong: true
            wrapMode: Text.Wrap
            font.pixelSize: Theme.cardTitleSize
        }
        Row {
            spacing: Theme.cellGap

            Repeater {
                // Oldest on the left, as a log reads.
                model: box.letters.shown

                Rectangle {
                    required property int index
                    readonly property bool newestCell: index === box.letters.shown - 1

                    width: Theme.cellSize
                    height: Theme.cellSize
                    radius: Theme.radius / 2
                    color: newestCell ? Theme.bad : Qt.rgba(Theme.bad.r, Theme.bad.g, Theme.bad.b, 0.35)
                    border.width: newestCell ? Theme.borderWidth : 0
                    border.color: Theme.text

                    ShopText {
                        anchors.centerIn: parent
                        text: "✕"
                        color: Theme.background
                        strong: true
                        font.pixelSize: Theme.smallSize
                    }
                }
            }
        }
        ShopText {
            objectName: "deadLetterNewest"
            width: parent.width
            text: box.letters.total === 0 ? ""
                : qsTr("P%1 @%2 from %3: %4").arg(box.newest.partition).arg(box.newest.offset)
                      .arg(box.newest.participant).arg(box.newest.reason)
            wrapMode: Text.Wrap
            font.pixelSize: Theme.smallSize
        }
    }
}
