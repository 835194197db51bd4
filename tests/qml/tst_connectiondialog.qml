import QtQuick
import QtQuick.Controls
import QtTest
import Chippy

TestCase {
    id: testCase

    name: "ConnectionDialog"
    width: 900
    height: 1000
    visible: true
    when: windowShown

    Component {
        id: dialogComponent

        ConnectionDialog { }
    }

    function find(item, test) {
        if (test(item))
            return item
        for (let i = 0; i < item.children.length; ++i) {
            const found = find(item.children[i], test)
            if (found)
                return found
        }
        return null
    }

    function field(dialog, name) {
        // Labels are named by their text too: a field is what takes typing.
        const found = find(dialog.contentItem,
                           item => item.Accessible.name === name && item.echoMode !== undefined)
        verify(found, "a field named " + name)
        return found
    }

    function openDialog() {
        const dialog = createTemporaryObject(dialogComponent, testCase)
        dialog.open()
        tryCompare(dialog, "opened", true)
        return dialog
    }

    function fillStores(dialog, openSearchUrl) {
        field(dialog, "OpenSearch URL").text = openSearchUrl
        field(dialog, "OpenSearch user name").text = "statistician"
        field(dialog, "OpenSearch password").text = "search-secret"
        field(dialog, "Ledger database").text = "postgresql://books@db.example.com:5432/shop"
        field(dialog, "Ledger password").text = "ledger-secret"
        field(dialog, "Redis address").text = "redis://cache.example.com:6379"
        field(dialog, "Redis password").text = ""
    }

    function clickConnect(dialog) {
        const button = find(dialog.contentItem, item => item.text === "Connect" && item.clicked !== undefined)
        verify(button)
        mouseClick(button)
    }

    function test_the_stores_page_sets_where_the_back_office_writes() {
        const dialog = openDialog()
        fillStores(dialog, "https://search.example.com:9200/")
        clickConnect(dialog)
        tryCompare(dialog, "opened", false)
        compare(dialog.problem, "")
        compare(Controller.stores.analyticsUrl, "https://search.example.com:9200/")
        compare(Controller.stores.analyticsPassword, "search-secret")
        compare(Controller.stores.ledgerDsn, "postgresql://books@db.example.com:5432/shop")
        compare(Controller.stores.describe,
                "statistician on OpenSearch at https://search.example.com:9200/ · "
                + "ledger in PostgreSQL at postgresql://db.example.com:5432/shop · "
                + "hot cabinet in Redis at redis://cache.example.com:6379")
    }

    function test_a_wrong_store_address_is_said_in_words_and_the_dialog_stays_open() {
        const dialog = openDialog()
        fillStores(dialog, "search.example.com:9200")
        clickConnect(dialog)
        compare(dialog.problem, "the statistician's store needs an http:// or https:// URL of OpenSearch")
        verify(dialog.opened)
        const shown = find(dialog.contentItem, item => item.text === dialog.problem && item.visible)
        verify(shown, "the problem is on screen")
    }
}
