import QtQuick
import QtTest
import Chippy

TestCase {
    name: "Theme"

    function cleanup() {
        ViewSettings.presenter = false
        ViewSettings.dark = false
    }

    function test_presenter_mode_is_one_switch_to_large_text() {
        compare(Theme.presenter, false)
        verify(Theme.bodySize < 28)
        ViewSettings.presenter = true
        compare(Theme.presenter, true)
        compare(Theme.dark, true)
        verify(Theme.bodySize >= 28)
        verify(Theme.smallSize >= 28)
        verify(Theme.captionSize >= 28)
    }

    function test_dark_theme_changes_the_background() {
        const light = Theme.background.toString()
        ViewSettings.dark = true
        verify(Theme.background.toString() !== light)
    }

    function test_each_queue_has_its_own_colour() {
        const seen = {}
        for (let q = 1; q <= 8; ++q)
            seen[Theme.queueColour(q).toString()] = true
        compare(Object.keys(seen).length, 8)
        verify(Qt.colorEqual(Theme.queueColour(9), Theme.queueColour(1)))
        verify(Qt.colorEqual(Theme.queueColour(-1), Theme.unknownCell))
    }

    function test_partitions_are_counted_in_words() {
        compare(Theme.partitionsText(1), "1 partition")
        compare(Theme.partitionsText(3), "3 partitions")
    }

    function test_zoom_is_bounded() {
        for (let i = 0; i < 30; ++i)
            ViewSettings.zoomIn()
        compare(ViewSettings.zoom, 2)
        for (let i = 0; i < 30; ++i)
            ViewSettings.zoomOut()
        compare(ViewSettings.zoom, 0.5)
        ViewSettings.zoom = 1
    }
}
