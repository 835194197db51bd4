import QtQuick
import Chippy

// A member of a consumer group: what it owns and its lag; drawn dashed and dim when it has
// nothing to read, and crossed out when it vanished without leaving.
Card {
    id: member

    required property string name
    required property string title
    required property string state
    required property var partitions
    required property string other
    required property int lag
    required property int handled
    property string verb: qsTr("owns")
    // Counters say how many they served instead of their lag; late readers how many they read.
    property string handledWord: ""
    property color titleColour: Theme.text
    readonly property bool working: state === "working"

    function partitionsInWords(): string {
        return partitions.map(p => "P" + p).join(" ")
    }

    function line(): string {
        if (state === "gone")
            return qsTr("gone — no heartbeat")
        if (state === "joining")
            return qsTr("joining the group…")
        if (state === "idle")
            return qsTr("idle — no partition left")
        if (handledWord !== "")
            return qsTr("%1 · %2 %3").arg(partitionsInWords()).arg(handledWord).arg(handled)
        return qsTr("%1 %2 · lag %3").arg(verb).arg(partitionsInWords()).arg(lag)
    }

    dashed: !working
    fill: working ? Theme.surface : "transparent"
    opacity: state === "gone" ? 0.6 : (working ? 1 : 0.8)

    Accessible.role: Accessible.StaticText
    Accessible.name: title + ": " + line() + (other !== "" ? ", also " + other : "")

    Column {
        anchors.verticalCenter: parent.verticalCenter
        width: parent.width
        spacing: 2

        ShopText {
            width: parent.width
            text: member.title
            strong: true
            color: member.working ? member.titleColour : Theme.textDim
            font.pixelSize: Theme.cardTitleSize
            font.strikeout: member.state === "gone"
            fontSizeMode: Text.HorizontalFit
            minimumPixelSize: Math.round(Theme.cardTitleSize * 0.75)
        }
        ShopText {
            width: parent.width
            text: member.line()
            dim: !member.working
            font.pixelSize: Theme.smallSize
            // A long line ("owns P0 P1 P2 · lag 1,204") is set a little smaller rather than cut.
            fontSizeMode: Text.HorizontalFit
            minimumPixelSize: Math.round(Theme.smallSize * 0.75)
        }
        ShopText {
            width: parent.width
            visible: member.other !== "" && !Theme.presenter
            text: "+ " + member.other
            dim: true
            font.pixelSize: Theme.smallSize
        }
    }
}
