import QtQuick
import QtTest
import Chippy

TestCase {
    id: testCase

    name: "TillCard"
    width: 600
    height: 200
    visible: true
    when: windowShown

    Component {
        id: tillComponent

        TillCard {
            queue: 3
            key: "3"
            waiting: 2
            open: true
            partition: 1
        }
    }

    function dots(till) {
        let count = 0
        for (let i = 0; i < till.children.length; ++i) {
            const row = till.children[i]
            if (!(row instanceof Row))
                continue
            for (let j = 0; j < row.children.length; ++j) {
                if (row.children[j] instanceof Rectangle && row.children[j].visible)
                    ++count
            }
        }
        return count
    }

    function test_each_waiting_customer_is_a_dot_up_to_a_limit() {
        const till = createTemporaryObject(tillComponent, testCase)
        tryCompare(till, "waiting", 2)
        compare(dots(till), 2)
        const busy = createTemporaryObject(tillComponent, testCase, { waiting: 50 })
        compare(dots(busy), Theme.maxDots)
    }

    function test_it_names_its_key_and_partition() {
        const till = createTemporaryObject(tillComponent, testCase)
        const name = till.Accessible.name
        verify(name.indexOf("key 3") >= 0, name)
        verify(name.indexOf("partition 1") >= 0, name)
    }

    function test_a_closed_till_is_dimmed() {
        const till = createTemporaryObject(tillComponent, testCase, { open: false })
        verify(till.opacity < 1)
    }
}
