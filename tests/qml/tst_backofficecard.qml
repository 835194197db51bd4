import QtQuick
import QtTest
import Chippy

TestCase {
    id: testCase

    name: "BackOfficeCard"
    width: 700
    height: 200
    visible: true
    when: windowShown

    Component {
        id: cardComponent

        BackOfficeCard {
            width: 420
            height: 110
            role: "stockist"
            title: "STOCKIST"
            group: "stockist"
            topics: "ORDER · COOK"
            lag: 42
            recorded: 10
            state: "replaying"
            status: "replaying from offset 0"
        }
    }

    function test_a_replaying_reader_shows_its_lag_and_where_it_started() {
        const card = createTemporaryObject(cardComponent, testCase)
        compare(card.lagLine(), "lag 42 · replaying from offset 0")
        verify(!card.failing)
        compare(card.outline, Theme.topic)
        verify(card.Accessible.name.indexOf("group stockist") > 0)
    }

    function test_a_reader_that_caught_up_is_outlined_as_good() {
        const card = createTemporaryObject(cardComponent, testCase, { lag: 0, state: "caught-up", status: "caught up" })
        compare(card.lagLine(), "lag 0 · caught up")
        compare(card.outline, Theme.good)
    }

    function test_a_reader_whose_store_is_down_says_so_in_words() {
        const words = "stockist cannot write to the ledger: disk full; holding 10 records and trying again"
        const card = createTemporaryObject(cardComponent, testCase, { state: "error", status: words })
        verify(card.failing)
        compare(card.lagLine(), "lag 42")
        compare(card.outline, Theme.bad)
    }

    function test_before_the_ledger_answers_it_counts_what_it_recorded() {
        const card = createTemporaryObject(cardComponent, testCase)
        compare(card.books(), "10 records booked")
    }
}
