pragma Singleton

import QtQuick
import Chippy

// Every colour, font size and distance of the window, for the three looks: light, dark and
// presenter (high contrast, large text, for projectors). Presenter mode is ViewSettings.presenter.
QtObject {
    id: theme

    readonly property bool presenter: ViewSettings.presenter
    readonly property bool dark: ViewSettings.dark || presenter

    // Colours
    readonly property color background: presenter ? "#0b1220" : (dark ? "#111827" : "#f4f6fa")
    readonly property color surface: presenter ? "#16203a" : (dark ? "#1c2536" : "#ffffff")
    readonly property color surfaceRaised: presenter ? "#1d2a48" : (dark ? "#253044" : "#eef2f8")
    readonly property color border: presenter ? "#3a4a6b" : (dark ? "#3b475c" : "#c9d2e0")
    readonly property color text: presenter ? "#ffffff" : (dark ? "#e8edf5" : "#111827")
    readonly property color textDim: presenter ? "#a9b6cf" : (dark ? "#9aa6ba" : "#5b6577")
    readonly property color topic: presenter ? "#5aaef5" : (dark ? "#5aaef5" : "#1f6fb2")
    readonly property color topicFill: presenter ? "#122038" : (dark ? "#16243a" : "#eaf3fc")
    readonly property color cook: presenter ? "#ffb13b" : (dark ? "#f0a33a" : "#c46f00")
    readonly property color cookFill: presenter ? "#2c2212" : (dark ? "#2a2115" : "#fff4e3")
    readonly property color arrow: presenter ? "#8d9bb8" : (dark ? "#7c89a1" : "#8a94a8")
    readonly property color good: "#2ecc71"
    readonly property color bad: presenter ? "#ff6b6b" : (dark ? "#f87171" : "#c62828")
    readonly property color warning: presenter ? "#ffd166" : (dark ? "#fbbf24" : "#9a6700")
    readonly property color marker: presenter ? "#ffffff" : (dark ? "#ffffff" : "#111827")
    readonly property color unknownCell: presenter ? "#2b3856" : (dark ? "#2f3a4f" : "#d9dfe9")
    readonly property color selection: presenter ? "#ffd166" : (dark ? "#fbbf24" : "#e0a100")
    readonly property color accent: topic
    readonly property color accentText: presenter || dark ? "#0b1220" : "#ffffff"

    // One colour per queue, so that the key -> partition mapping can be seen.
    readonly property var queueColours: presenter || dark
        ? ["#f29e2e", "#2ec4b6", "#c17bf5", "#f5cf45", "#ef6f6c", "#59a5f5", "#8bd450", "#f78fb3"]
        : ["#e07b00", "#14978b", "#9b45d6", "#c9a400", "#d64541", "#2f7fd6", "#5d9e2f", "#d45d96"]

    function queueColour(queue: int): color {
        if (queue < 1)
            return unknownCell
        return queueColours[(queue - 1) % queueColours.length]
    }

    function partitionsText(count: int): string {
        return count === 1 ? qsTr("1 partition") : qsTr("%1 partitions").arg(count)
    }

    // Presenter sizes are made for a 1920x1080 projector and follow the window from there, so
    // that a 1280x720 projector shows the same picture and a 4K one a sharper one. Main.qml
    // keeps windowSize up to date.
    property size windowSize: Qt.size(1920, 1080)
    readonly property real presenterScale: Math.max(0.5, Math.min(2, windowSize.width / 1920, windowSize.height / 1080))

    function big(pixels: int): int {
        return Math.max(1, Math.round(pixels * presenterScale))
    }

    // Fonts (pixel sizes). Presenter body text stays at least 28 px on a 1920x1080 projector.
    readonly property string fontFamily: "DejaVu Sans"
    readonly property string monoFamily: "DejaVu Sans Mono"
    readonly property int bodySize: presenter ? big(30) : 15
    readonly property int smallSize: presenter ? big(28) : 12
    readonly property int labelSize: presenter ? big(28) : 12
    readonly property int titleSize: presenter ? big(48) : 22
    readonly property int captionSize: presenter ? big(30) : 16
    readonly property int cardTitleSize: presenter ? big(30) : 15

    // Distances
    readonly property int gap: presenter ? big(14) : 8
    readonly property int padding: presenter ? big(16) : 10
    readonly property int radius: presenter ? big(12) : 8
    readonly property int borderWidth: presenter ? big(3) : 2
    readonly property int arrowWidth: presenter ? big(3) : 2

    // The shop diagram
    readonly property int cellSize: presenter ? big(34) : 22
    readonly property int cellGap: presenter ? big(6) : 4
    readonly property int orderCells: presenter ? 8 : 10
    readonly property int readyCells: presenter ? 6 : 5
    readonly property int smallCells: presenter ? 3 : 4
    readonly property int dotSize: presenter ? big(24) : 14
    readonly property int maxDots: presenter ? 4 : 6
    readonly property int tillWidth: presenter ? big(150) : 96
    readonly property int tillHeight: presenter ? big(88) : 50
    readonly property int cardWidth: presenter ? big(350) : 210
    readonly property int cardHeight: presenter ? big(86) : 58
    readonly property int counterWidth: presenter ? big(300) : 150
    readonly property int columnGap: presenter ? big(48) : 36
    readonly property int summaryWidth: presenter ? big(215) : 130
    readonly property int cookWidth: presenter ? big(260) : 170
    readonly property int tokenSize: presenter ? big(26) : 14
    readonly property int panelHeight: presenter ? big(206) : 200
    readonly property int drawerWidth: presenter ? big(520) : 340
}
