import QtQuick
import QtTest
import Chippy

TestCase {
    name: "Theme"

    function cleanup() {
        ViewSettings.presenter = false
        ViewSettings.dark = false
        Theme.windowSize = Qt.size(1920, 1080)
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

    function test_presenter_sizes_follow_the_projector() {
        ViewSettings.presenter = true
        Theme.windowSize = Qt.size(1920, 1080)
        const fullHd = Theme.bodySize
        const fullHdCard = Theme.cardWidth
        Theme.windowSize = Qt.size(1280, 720)
        compare(Theme.bodySize, Math.round(fullHd * 2 / 3))
        compare(Theme.cardWidth, Math.round(fullHdCard * 2 / 3))
        Theme.windowSize = Qt.size(3840, 2160)
        compare(Theme.bodySize, fullHd * 2)
        ViewSettings.presenter = false
        compare(Theme.bodySize, 15)
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
