import QtQuick
import QtTest
import Chippy

TestCase {
    id: testCase

    name: "Arrow"
    width: 400
    height: 300
    visible: true
    when: windowShown

    Component {
        id: arrowComponent

        Arrow {
        }
    }

    function test_the_head_points_along_a_horizontal_arrow() {
        const arrow = createTemporaryObject(arrowComponent, testCase, { x1: 0, y1: 50, x2: 200, y2: 50 })
        fuzzyCompare(arrow.dx, 1, 0.001)
        fuzzyCompare(arrow.dy, 0, 0.001)
        fuzzyCompare(arrow.baseX, 200 - arrow.headSize, 0.001)
    }

    function test_a_vertical_arrow_points_down() {
        const arrow = createTemporaryObject(arrowComponent, testCase,
                                           { x1: 100, y1: 0, x2: 100, y2: 200, vertical: true })
        fuzzyCompare(arrow.dx, 0, 0.001)
        fuzzyCompare(arrow.dy, 1, 0.001)
    }

    function test_a_loop_back_arrives_from_below() {
        const arrow = createTemporaryObject(arrowComponent, testCase,
                                           { x1: 300, y1: 200, x2: 50, y2: 100, sag: 40 })
        verify(arrow.c2y > 200)
        fuzzyCompare(arrow.dx, 0, 0.001)
        verify(arrow.dy < 0)
    }
}
