import QtQuick
import Chippy

// What the back office's stores say: the money taken and orders counted by the statistician,
// the accountant's and stockist's books, and which store answers.
Panel {
    id: panel

    readonly property var feed: Controller.analytics

    title: Theme.presenter ? qsTr("BACK OFFICE") : qsTr("BACK OFFICE · what the stores say")

    Column {
        anchors.fill: parent
        spacing: Theme.presenter ? 0 : 2
        clip: true

        ShopText {
            objectName: "moneyTaken"
            width: parent.width
            visible: panel.feed.active
            text: panel.feed.hasFigures ? qsTr("%1 taken · %2 orders").arg(panel.feed.moneyTaken).arg(panel.feed.ordersCounted)
                                        : qsTr("asking the analytics store…")
            strong: true
        }
        ShopText {
            width: parent.width
            // The accountant's card says the same in presenter mode, where there is room for less.
            visible: Controller.backOfficeJoined.indexOf("accountant") >= 0 && (!Theme.presenter || !panel.feed.hasBooks)
            text: panel.feed.hasBooks ? qsTr("books: %1 orders · %2").arg(panel.feed.ordersBooked).arg(panel.feed.moneyBooked)
                                      : panel.feed.ledgerProblem
            color: panel.feed.hasBooks ? Theme.text : Theme.bad
            font.pixelSize: Theme.bodySize
        }
        ShopText {
            width: parent.width
            visible: Controller.backOfficeJoined.indexOf("stockist") >= 0 && panel.feed.portions !== ""
            text: Theme.presenter ? panel.feed.portions : qsTr("portions: %1").arg(panel.feed.portions)
            font.pixelSize: Theme.bodySize
        }
        ShopText {
            objectName: "storeLine"
            width: parent.width
            visible: panel.feed.active
            // In presenter mode the store without its file or index, which would not fit.
            text: panel.feed.problem !== "" ? panel.feed.problem
                                            : qsTr("charts from %1").arg(Theme.presenter ? panel.feed.store.split(" (")[0] : panel.feed.store)
            color: panel.feed.problem !== "" ? Theme.bad : Theme.textDim
            // A file's path has no spaces to break at.
            wrapMode: Text.WrapAtWordBoundaryOrAnywhere
            maximumLineCount: 2
            font.pixelSize: Theme.smallSize
        }
        ShopText {
            width: parent.width
            visible: panel.feed.books && panel.feed.ledgerStore !== "" && !Theme.presenter
            text: qsTr("books in %1").arg(panel.feed.ledgerStore)
            wrapMode: Text.WrapAtWordBoundaryOrAnywhere
            maximumLineCount: 2
            dim: true
            font.pixelSize: Theme.smallSize
        }
    }
}
