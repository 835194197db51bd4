import QtQuick
import QtTest
import Chippy

TestCase {
    id: testCase

    name: "HotCabinet"
    width: 700
    height: 300
    visible: true
    when: windowShown

    ListModel {
        id: trayModel

        ListElement { item: "cod"; portions: 4; batch: 6; taken: 20; cooked: 24; change: -2; changeSerial: 1 }
        ListElement { item: "chips"; portions: 7; batch: 10; taken: 33; cooked: 40; change: 10; changeSerial: 1 }
    }

    Component {
        id: cabinetComponent

        HotCabinet {
            width: 520
            trays: trayModel
            where: "in-process"
        }
    }

    function findAll(item, name, into) {
        if (item.objectName === name)
            into.push(item)
        for (let i = 0; i < item.children.length; ++i)
            findAll(item.children[i], name, into)
        return into
    }

    function test_each_tray_shows_its_portions() {
        const cabinet = createTemporaryObject(cabinetComponent, testCase)
        tryVerify(() => findAll(cabinet, "trayCount", []).length === 2)
        const counts = findAll(cabinet, "trayCount", []).map(t => t.text)
        compare(counts, ["4", "7"])
        const changes = findAll(cabinet, "trayChange", []).map(t => t.text)
        compare(changes, ["−2 taken", "+10 cooked"])
    }

    function test_it_says_which_cabinet_it_is() {
        compare(createTemporaryObject(cabinetComponent, testCase).whereLine(), "in-process")
        const redis = createTemporaryObject(cabinetComponent, testCase, { where: "Redis at 127.0.0.1:6390" })
        compare(redis.whereLine(), "in Redis at 127.0.0.1:6390")
    }

    function test_an_order_sent_short_to_the_cook_is_named() {
        const cabinet = createTemporaryObject(cabinetComponent, testCase)
        compare(cabinet.statusLine(), "short → COOK: none yet")
        cabinet.shortOrders = 3
        cabinet.lastShortOrder = 271
        compare(cabinet.statusLine(), "order 271 short → COOK · 3 so far")
    }

    function test_redis_down_is_said_in_words_and_outlined_as_bad() {
        const words = "Redis unreachable at 127.0.0.1:6390 (Connection refused); cooking everything to order"
        const cabinet = createTemporaryObject(cabinetComponent, testCase,
                                              { where: "Redis at 127.0.0.1:6390", reachable: false, problem: words })
        compare(cabinet.statusLine(), words)
        compare(cabinet.outline, Theme.bad)
        verify(cabinet.dashed)
        cabinet.reachable = true
        cabinet.recovered = "Redis at 127.0.0.1:6390 answers again; the cabinet is used again"
        compare(cabinet.statusLine(), cabinet.recovered)
        compare(cabinet.outline, Theme.cook)
        cabinet.showRecovered = false
        compare(cabinet.statusLine(), "short → COOK: none yet")
    }

    function test_the_waste_shows_only_after_closing() {
        const cabinet = createTemporaryObject(cabinetComponent, testCase)
        const waste = findAll(cabinet, "cabinetWaste", [])[0]
        verify(!waste.visible)
        cabinet.wasteText = "4 cod, 7 chips"
        cabinet.closed = true
        verify(waste.visible)
        compare(waste.text, "Closed for the day: 4 cod, 7 chips wasted")
    }
}
