import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Chippy

// The window: the scene on top, the shop in the middle, the group, the charts and the record
// inspector below, the controls on the right (tucked away in presenter mode).
ApplicationWindow {
    id: window

    width: 1600
    height: 1000
    minimumWidth: 960
    minimumHeight: 600
    visible: true
    // The system adds the application's name: "Cod and chips — Chippy".
    title: Controller.sceneTitle
    color: Theme.background
    font.family: Theme.fontFamily
    font.pixelSize: Theme.bodySize

    palette.window: Theme.background
    palette.windowText: Theme.text
    palette.base: Theme.surface
    palette.alternateBase: Theme.surfaceRaised
    palette.text: Theme.text
    palette.button: Theme.surfaceRaised
    palette.buttonText: Theme.text
    palette.highlight: Theme.accent
    palette.highlightedText: Theme.accentText
    palette.light: Theme.surfaceRaised
    palette.midlight: Theme.border
    palette.mid: Theme.border
    palette.dark: Theme.textDim
    palette.placeholderText: Theme.textDim
    palette.toolTipBase: Theme.surface
    palette.toolTipText: Theme.text

    // Presenter sizes follow the window.
    Component.onCompleted: Theme.windowSize = Qt.binding(() => Qt.size(window.width, window.height))

    function toggleFullScreen() {
        window.visibility = window.visibility === Window.FullScreen ? Window.Windowed : Window.FullScreen
    }

    // The scene's keys. Controls take focus only from Tab (a click leaves it here), and what a
    // focused control does not use comes up to this; Space and Ctrl+Q are shortcuts, so Space
    // never presses the button that has the focus.
    function sceneKey(event) {
        switch (event.key) {
        case Qt.Key_Right:
        case Qt.Key_PageDown:
            Controller.nextScene()
            break
        case Qt.Key_Left:
        case Qt.Key_PageUp:
            Controller.previousScene()
            break
        case Qt.Key_R:
            Controller.reset()
            break
        case Qt.Key_F:
            window.toggleFullScreen()
            break
        case Qt.Key_P:
            ViewSettings.presenter = !ViewSettings.presenter
            break
        case Qt.Key_D:
            ViewSettings.dark = !ViewSettings.dark
            break
        case Qt.Key_C:
            if (Theme.presenter)
                controlsDrawer.visible ? controlsDrawer.close() : controlsDrawer.open()
            else
                docked.visible = !docked.visible
            break
        case Qt.Key_Plus:
        case Qt.Key_Equal:
            ViewSettings.zoomIn()
            break
        case Qt.Key_Minus:
            ViewSettings.zoomOut()
            break
        case Qt.Key_Question:
        case Qt.Key_Slash:
            ViewSettings.keysShown = true
            break
        case Qt.Key_Escape:
            if (ViewSettings.keysShown)
                ViewSettings.keysShown = false
            else if (window.visibility === Window.FullScreen)
                window.toggleFullScreen()
            else
                Controller.closeInspector()
            sceneKeys.forceActiveFocus()
            break
        default:
            if (event.key >= Qt.Key_1 && event.key <= Qt.Key_9 && event.modifiers === Qt.NoModifier) {
                Controller.goToScene(event.key - Qt.Key_1)
                break
            }
            return
        }
        event.accepted = true
    }

    Shortcut {
        sequence: "Space"
        context: Qt.ApplicationShortcut
        onActivated: Controller.togglePause()
    }
    Shortcut {
        sequence: "Ctrl+Q"
        context: Qt.ApplicationShortcut
        onActivated: Qt.quit()
    }

    FocusScope {
        id: root

        anchors.fill: parent
        focus: true

        Keys.onPressed: event => window.sceneKey(event)

        // Holds the focus when no control does; a focus scope given the focus would hand it
        // straight back to the control that had it last.
        Item {
            id: sceneKeys

            focus: true
        }

        ColumnLayout {
            anchors.fill: parent
            anchors.margins: Theme.padding * (Theme.presenter ? 2 : 1)
            spacing: Theme.gap

            SceneHeader {
                Layout.fillWidth: true
            }

            RowLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                spacing: Theme.padding

                ColumnLayout {
                    id: column

                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    spacing: Theme.gap

                    Item {
                        id: stage

                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        clip: true

                        ShopDiagram {
                            id: diagram

                            objectName: "shopDiagram"
                            // The smallest text of the diagram as drawn, in pixels.
                            readonly property real smallestText: Theme.smallSize * scale
                            // The most the diagram is enlarged to fit.
                            readonly property real maxScale: 1.4
                            readonly property real fit: Math.min(stage.width / implicitWidth, stage.height / implicitHeight, maxScale)

                            width: implicitWidth
                            height: implicitHeight
                            transformOrigin: Item.TopLeft
                            scale: fit * ViewSettings.zoom
                            x: Math.max(0, (stage.width - width * scale) / 2)
                            // A projector shows the shop in the middle of the room it leaves
                            // under the caption, not at the top of it.
                            y: Theme.presenter ? Math.max(0, (stage.height - height * scale) / 2) : 0
                            selectedTopic: Controller.records.topic
                            selectedPartition: Controller.records.partition
                            onPartitionActivated: (topic, partition) => Controller.inspectPartition(topic, partition)
                        }

                        NoticeBanner {
                            objectName: "noticeBanner"
                            anchors.right: parent.right
                            anchors.bottom: parent.bottom
                            width: Math.min(parent.width * 0.5, Theme.presenter ? 900 : 560)
                        }
                    }

                    // The shop's own charts; once the statistician joined, the charts its store
                    // answers instead. Outside presenter mode they take the room the diagram
                    // leaves when the column's width bounds it.
                    RowLayout {
                        id: bottom

                        readonly property bool analytics: Controller.analytics.active
                        readonly property bool backOffice: Controller.analytics.active || Controller.analytics.books
                        readonly property real least: Math.min(Theme.panelHeight, window.height * 0.27)
                        readonly property real most: window.height * 0.45
                        // The diagram's height at the scale the column's width gives it; from the
                        // width only, as the stage's height follows this row's.
                        readonly property real diagramHeight: diagram.implicitHeight * ViewSettings.zoom
                            * Math.min(column.width / Math.max(1, diagram.implicitWidth), diagram.maxScale)
                        readonly property real spare: column.height - column.spacing - diagramHeight

                        objectName: "chartsRow"
                        Layout.fillWidth: true
                        Layout.preferredHeight: Theme.presenter ? least : Math.max(least, Math.min(most, spare))
                        Layout.maximumHeight: Layout.preferredHeight
                        spacing: Theme.padding

                        RecordInspector {
                            Layout.fillWidth: true
                            Layout.fillHeight: true
                            Layout.preferredWidth: 3
                            visible: Controller.records.partition >= 0
                        }
                        RebalancePanel {
                            Layout.fillWidth: true
                            Layout.fillHeight: true
                            Layout.preferredWidth: 3
                            visible: Controller.records.partition < 0 && !bottom.backOffice
                        }
                        BackOfficeSummary {
                            objectName: "backOfficeSummary"
                            Layout.fillWidth: true
                            Layout.fillHeight: true
                            Layout.preferredWidth: 3
                            visible: Controller.records.partition < 0 && bottom.backOffice
                        }
                        RateChart {
                            Layout.fillWidth: true
                            Layout.fillHeight: true
                            Layout.preferredWidth: 2
                            visible: !bottom.analytics
                        }
                        LagChart {
                            Layout.fillWidth: true
                            Layout.fillHeight: true
                            Layout.preferredWidth: 2
                            visible: !bottom.analytics
                        }
                        ItemsChart {
                            Layout.fillWidth: true
                            Layout.fillHeight: true
                            Layout.preferredWidth: Theme.presenter ? 3 : 2
                            visible: bottom.analytics
                        }
                        PrepChart {
                            Layout.fillWidth: true
                            Layout.fillHeight: true
                            Layout.preferredWidth: 2
                            visible: bottom.analytics
                        }
                        StoreRateChart {
                            Layout.fillWidth: true
                            Layout.fillHeight: true
                            Layout.preferredWidth: 2
                            visible: bottom.analytics
                        }
                    }
                }

                Rectangle {
                    id: docked

                    Layout.preferredWidth: Math.min(Theme.drawerWidth, window.width * 0.24)
                    Layout.fillHeight: true
                    visible: !Theme.presenter
                    radius: Theme.radius
                    color: Theme.surface
                    border.color: Theme.border

                    ControlPanel {
                        anchors.fill: parent
                        anchors.margins: Theme.padding
                        onConnectionRequested: connection.open()
                    }
                }
            }

            StatusLine {
                Layout.fillWidth: true
            }
        }
    }

    Drawer {
        id: controlsDrawer

        edge: Qt.RightEdge
        width: Theme.drawerWidth + 2 * Theme.padding
        height: window.height
        // The keys go to the controls while they are out, so that C puts them away again.
        focus: true
        onClosed: sceneKeys.forceActiveFocus()

        background: Rectangle {
            color: Theme.surface
            border.color: Theme.border
        }

        ControlPanel {
            anchors.fill: parent
            anchors.margins: Theme.padding
            focus: true
            onConnectionRequested: connection.open()
            Keys.onPressed: event => window.sceneKey(event)
        }
    }

    ConnectionDialog {
        id: connection

        anchors.centerIn: Overlay.overlay
        onClosed: sceneKeys.forceActiveFocus()
    }

    KeysOverlay {
        onClosed: {
            ViewSettings.keysShown = false
            sceneKeys.forceActiveFocus()
        }
    }
}
