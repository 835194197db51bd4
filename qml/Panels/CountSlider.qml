import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Chippy

// A labelled slider for one of the shop's numbers; changes apply when it is let go (or at
// once from the keyboard), so a drag does not send a command for every step. It shows what
// the shop has: when the session reports its state the slider goes there, so a refused
// change snaps back. Its note shows while the pointer is over it, it is held or it has the
// keyboard's focus, so that the panel's actions stay on its first screen.
ColumnLayout {
    id: control

    property string label
    property string unit: ""
    property string note: ""
    property real value
    property real from: 0
    property real to: 10
    property real stepSize: 1
    property int decimals: 0
    // Says the value in words instead of a number and a unit, when set.
    property var inWords: null
    // Goes up each time the session reports the shop's state.
    readonly property int revision: Controller.settingsRevision

    signal moved(real value)

    function snapBack() {
        if (!slider.pressed)
            slider.value = control.value
    }

    spacing: 0
    onValueChanged: snapBack()
    onRevisionChanged: snapBack()

    RowLayout {
        Layout.fillWidth: true

        ShopText {
            Layout.fillWidth: true
            text: control.label
            // The label gives way to the value, which is never cut.
            wrapMode: Text.Wrap
            font.pixelSize: Theme.smallSize + 2
        }
        ShopText {
            Layout.minimumWidth: implicitWidth
            text: control.inWords ? control.inWords(slider.value)
                                  : slider.value.toFixed(control.decimals) + control.unit
            strong: true
            font.pixelSize: Theme.smallSize + 2
        }
    }
    Slider {
        id: slider

        focusPolicy: Qt.TabFocus
        objectName: "slider"
        Layout.fillWidth: true
        // Only the handle's height: the label above keeps the rows apart.
        topPadding: 0
        bottomPadding: 0
        from: control.from
        to: control.to
        stepSize: control.stepSize
        snapMode: Slider.SnapAlways
        value: control.value
        live: true
        Accessible.name: control.label
        Accessible.description: control.note
        onPressedChanged: {
            if (!pressed && value !== control.value)
                control.moved(value)
        }
        Keys.onReleased: event => {
            if (value !== control.value)
                control.moved(value)
        }

        ToolTip {
            id: tip

            // How long the pointer rests on the slider before the note shows, in ms; a pointer
            // passing over does not show it.
            readonly property int restMs: 600

            // Over the slider and no wider, the note wrapped in it.
            x: (slider.width - width) / 2
            width: Math.min(noteWidth.advanceWidth + leftPadding + rightPadding, slider.width)
            visible: control.note !== "" && (hover.hovered || slider.pressed || slider.visualFocus)
            delay: slider.pressed || slider.visualFocus ? 0 : restMs
            text: control.note
            font.pixelSize: Theme.smallSize + 2
            // It follows the slider, so nothing closes it but that.
            closePolicy: Popup.NoAutoClose

            TextMetrics {
                id: noteWidth

                font: tip.font
                text: control.note
            }
        }
    }

    HoverHandler {
        id: hover
    }
}
