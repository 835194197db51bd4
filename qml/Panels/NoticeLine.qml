import QtQuick
import Chippy

// One notice in words, coloured by what it is: an error, a dead-lettered order, a refusal.
Row {
    id: notice

    required property int index
    required property string time
    required property string kind
    required property string text
    required property int repeats

    readonly property color colour: kind === "error" || kind === "dead-letter" ? Theme.bad
        : (kind === "refused" || kind === "warning" ? Theme.warning : Theme.textDim)

    spacing: Theme.gap / 2
    Accessible.role: Accessible.StaticText
    Accessible.name: kind + ": " + text

    ShopText {
        text: notice.time
        dim: true
        font.pixelSize: Theme.smallSize
    }
    ShopText {
        width: notice.width - x
        text: notice.text + (notice.repeats > 1 ? qsTr(" (×%1)").arg(notice.repeats) : "")
        color: notice.colour
        // All of it, however many lines: the panel scrolls, and the words are the notice.
        wrapMode: Text.Wrap
        font.pixelSize: Theme.smallSize
    }
}
