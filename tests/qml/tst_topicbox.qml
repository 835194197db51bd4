import QtQuick
import QtTest
import Chippy

TestCase {
    id: testCase

    name: "TopicBox"
    width: 800
    height: 400
    visible: true
    when: windowShown

    Component {
        id: boxComponent

        TopicBox {
            partitions: Controller.orderPartitions
        }
    }

    function test_a_topic_without_partitions_is_an_empty_box_with_its_name() {
        const box = createTemporaryObject(boxComponent, testCase)
        compare(box.title, Controller.orderTopic)
        compare(box.lanes.count, 0)
        compare(box.laneItem(0), null)
        verify(box.implicitHeight > 0)
    }

    function test_a_summary_box_keeps_a_minimum_width() {
        const box = createTemporaryObject(boxComponent, testCase, { summaryOnly: true, cells: 1 })
        verify(box.laneWidth >= Theme.summaryWidth)
    }

    function test_a_legend_makes_the_box_taller() {
        const plain = createTemporaryObject(boxComponent, testCase)
        const legend = createTemporaryObject(boxComponent, testCase, { legend: "▏ committed" })
        verify(legend.implicitHeight > plain.implicitHeight)
    }
}
