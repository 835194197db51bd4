import QtQuick
import Chippy

// A back-office reader: its group, the topics it replays, its lag falling to zero, and what
// its store holds; in words when its store cannot be written.
Card {
    id: reader

    required property string role
    required property string title
    required property string group
    required property string topics
    required property int lag
    required property int recorded
    required property string state
    required property string status
    readonly property bool failing: state === "error"

    function lagLine(): string {
        const lagText = lag < 0 ? qsTr("lag …") : qsTr("lag %1").arg(lag)
        return failing ? lagText : qsTr("%1 · %2").arg(lagText).arg(status)
    }

    // What the reader has written, as its store has it.
    function books(): string {
        const feed = Controller.analytics
        if (role === "statistician")
            return feed.hasFigures ? qsTr("%1 orders counted · %2").arg(feed.ordersCounted).arg(feed.moneyTaken)
                                   : qsTr("%1 records written").arg(recorded)
        if (!feed.hasBooks)
            return qsTr("%1 records booked").arg(recorded)
        if (role === "accountant")
            return qsTr("%1 orders booked · %2").arg(feed.ordersBooked).arg(feed.moneyBooked)
        return feed.portions
    }

    fill: Theme.surface
    outline: failing ? Theme.bad : (state === "caught-up" ? Theme.good : Theme.topic)

    Accessible.role: Accessible.StaticText
    Accessible.name: title + ", group " + group + ", reads " + topics + ": " + lagLine()

    Column {
        anchors.verticalCenter: parent.verticalCenter
        width: parent.width
        spacing: 2

        Item {
            width: parent.width
            height: titleText.height

            ShopText {
                id: titleText

                width: Math.min(implicitWidth, parent.width * 0.5)
                text: reader.title
                strong: true
                font.pixelSize: Theme.cardTitleSize
            }
            ShopText {
                anchors.right: parent.right
                anchors.baseline: titleText.baseline
                width: Math.min(implicitWidth, parent.width - titleText.width - Theme.gap)
                horizontalAlignment: Text.AlignRight
                text: qsTr("group %1").arg(reader.group)
                dim: true
                font.pixelSize: Theme.smallSize
            }
        }
        ShopText {
            width: parent.width
            visible: !reader.failing
            // The statistician's four topics only fit in presenter mode without the verb.
            text: Theme.presenter ? "← " + reader.topics : qsTr("reads %1").arg(reader.topics)
            dim: true
            font.pixelSize: Theme.smallSize
        }
        ShopText {
            objectName: "backOfficeLag"
            width: parent.width
            text: reader.lagLine()
            color: reader.failing ? Theme.bad : (reader.state === "caught-up" ? Theme.text : Theme.warning)
            font.pixelSize: Theme.smallSize
        }
        ShopText {
            width: parent.width
            visible: reader.failing
            text: reader.status
            color: Theme.bad
            wrapMode: Text.Wrap
            maximumLineCount: 2
            font.pixelSize: Theme.smallSize
        }
        ShopText {
            width: parent.width
            visible: !reader.failing
            text: reader.books()
            font.pixelSize: Theme.smallSize
        }
    }
}
