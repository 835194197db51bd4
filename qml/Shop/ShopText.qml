import QtQuick
import Chippy

// Text in the theme's font; dim for secondary lines.
Text {
    property bool dim: false
    property bool strong: false

    color: dim ? Theme.textDim : Theme.text
    font.family: Theme.fontFamily
    font.pixelSize: Theme.bodySize
    font.bold: strong
    elide: Text.ElideRight
    textFormat: Text.PlainText
}
