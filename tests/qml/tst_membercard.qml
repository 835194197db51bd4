import QtQuick
import QtTest
import Chippy

TestCase {
    id: testCase

    name: "MemberCard"
    width: 600
    height: 200
    visible: true
    when: windowShown

    Component {
        id: cardComponent

        MemberCard {
            width: 300
            height: 80
            name: "preparer-2"
            title: "FOOD-PREPARER 2"
            state: "working"
            partitions: [0, 2]
            other: ""
            lag: 4
            handled: 17
        }
    }

    function test_a_working_member_says_what_it_owns_and_its_lag() {
        const card = createTemporaryObject(cardComponent, testCase)
        compare(card.line(), "owns P0 P2 · lag 4")
        verify(!card.dashed)
        verify(card.Accessible.name.indexOf("FOOD-PREPARER 2") === 0)
    }

    function test_an_idle_member_is_drawn_dashed_and_says_so() {
        const card = createTemporaryObject(cardComponent, testCase, { state: "idle", partitions: [] })
        verify(card.dashed)
        verify(card.line().indexOf("idle") === 0)
    }

    function test_a_member_that_vanished_is_gone() {
        const card = createTemporaryObject(cardComponent, testCase, { state: "gone" })
        verify(card.line().indexOf("gone") === 0)
        verify(card.opacity < 1)
    }

    function test_a_counter_counts_what_it_served() {
        const card = createTemporaryObject(cardComponent, testCase, { handledWord: "served" })
        compare(card.line(), "P0 P2 · served 17")
    }
}
