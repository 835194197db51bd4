import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Chippy

// A labelled slider for one of the shop's numbers; changes apply when it is let go (or at
// once from the keyboard), so a drag does not send a command for every step. It shows what
// the shop has: when the session reports its state the slider goes there, so a refused
// change snaps back.
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
        from: control.from
        to: control.to
        stepSize: control.stepSize
        snapMode: Slider.SnapAlways
        value: control.value
        live: true
        Accessible.name: control.label
        onPressedChanged: {
            if (!pressed && value !== control.value)
                control.moved(value)
        }
        Keys.onReleased: event => {
            if (value !== control.value)
                control.moved(value)
        }
    }
    ShopText {
        Layout.fillWidth: true
        visible: control.note !== ""
        text: control.note
        dim: true
        wrapMode: Text.Wrap
        font.pixelSize: Theme.smallSize
    }
}
