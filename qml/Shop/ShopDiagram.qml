import QtQuick
import Chippy

// The shop, left to right as in the talk: customers at the tills, the ORDER topic with a lane
// per partition, the preparers of the group, READY and the counters, and for plaice the loop
// through COOK, the cook and HOT-FOOD. Laid out at its natural size; the view scales it.
Item {
    id: diagram

    property string selectedTopic: ""
    property int selectedPartition: -1
    readonly property bool showRates: !Controller.tokens.enabled
    readonly property real labelHeight: Theme.labelSize + Theme.gap
    readonly property real topY: labelHeight + Theme.gap
    readonly property real tillsWidth: Theme.maxDots * (Theme.dotSize + Theme.gap / 2) + Theme.gap + Theme.tillWidth
    readonly property real xOrder: tillsWidth + Theme.columnGap
    readonly property real xPreparers: xOrder + orderBox.width + Theme.columnGap
    readonly property real xReady: xPreparers + Theme.cardWidth + Theme.columnGap
    readonly property real xCounters: xReady + readyBox.width + Theme.columnGap
    readonly property real cardPitch: Theme.cardHeight + Theme.gap * (Theme.presenter ? 1 : 2)
    readonly property real tillSpan: Math.max(orderBox.height, Controller.tills.count * (Theme.tillHeight + Theme.gap))
    readonly property real tillPitch: Controller.tills.count > 0 ? tillSpan / Controller.tills.count : 0
    readonly property real preparersBottom: topY + Math.max(1, Controller.preparers.count) * cardPitch
    readonly property real lateTop: preparersBottom + labelHeight + Theme.gap
    readonly property real countersBottom: topY + Controller.counters.count * cardPitch
    // The cook loop sits under READY and the counters, flush with the right edge, and below
    // whatever of the preparers' column it would cover.
    readonly property real rightEdge: xCounters + Theme.counterWidth
    readonly property real xHotFood: rightEdge - hotFoodBox.width
    // On a projector the loop's boxes sit closer, so that it fits beside ORDER.
    readonly property real cookGap: Theme.presenter ? Theme.gap * 2 : Theme.columnGap
    readonly property real xCooks: xHotFood - cookGap - Theme.cookWidth
    readonly property real xCook: Math.min(xReady, xCooks - cookGap - cookBox.width)
    readonly property real cookTop: Math.max(readyBox.y + readyBox.height, countersBottom,
                                             xCook < xPreparers + Theme.cardWidth ? preparersBottom : 0,
                                             xCook < xOrder + orderBox.width + Theme.gap ? orderBox.y + orderBox.height : 0)
                                    + (Theme.presenter ? Theme.gap * 2 : labelHeight + Theme.gap * 2)

    // The hot cabinet (from model 6) under the tills and ORDER, as wide as both, beside the
    // cook loop; in presenter mode, where the diagram is short for the window, under the cook
    // loop, as wide as it.
    readonly property bool cabinetUnderCook: Theme.presenter
    readonly property real cookBottom: cookTop + Math.max(cookBox.height, Controller.cooks.count * cardPitch, hotFoodBox.height)
    readonly property real xCabinet: cabinetUnderCook ? xCook : 0
    readonly property real cabinetTop: cabinetUnderCook ? cookBottom + Theme.gap * 3 : topY + tillSpan + Theme.gap * 3
    readonly property real cabinetWidth: cabinetUnderCook ? rightEdge - xCook : Math.min(xOrder + orderBox.width, xCook - Theme.columnGap)
    readonly property real cabinetBottom: Controller.hasCabinet ? cabinetTop + hotCabinet.height : 0

    // The dead-letter topic, once an order went there, under ORDER (and under the cabinet
    // when that is there too).
    readonly property real deadLetterTop: (Controller.hasCabinet && !cabinetUnderCook ? cabinetBottom : topY + tillSpan)
                                          + Theme.gap * 3
    readonly property real deadLetterBottom: deadLetterBox.visible ? deadLetterTop + deadLetterBox.height : 0

    readonly property real shopBottom: Math.max(topY + tillSpan, lateTop + Controller.lateReaders.count * cardPitch,
                                                Controller.hasCook ? cookBottom + (Theme.presenter ? 0 : Theme.gap * 2) : countersBottom,
                                                readyBox.y + readyBox.height + Theme.gap,
                                                cabinetBottom + Theme.gap * 2, deadLetterBottom + Theme.gap * 2)
    // The back office: one card per reader, as its readers read every topic. In a row under
    // the whole shop; in presenter mode, where the window is short for the diagram and wide,
    // in a column beside it, so that the diagram keeps its size.
    readonly property bool hasBackOffice: Controller.backOffice.count > 0
    readonly property bool backOfficeBeside: Theme.presenter
    readonly property real xBackOffice: backOfficeBeside ? rightEdge + Theme.columnGap : 0
    readonly property real backOfficeTop: backOfficeBeside ? topY : shopBottom + labelHeight + Theme.gap
    // A title and three lines of small text.
    readonly property real backOfficeHeight: 2 * Theme.padding + (Theme.cardTitleSize + 3 * Theme.smallSize) * 1.25
    readonly property real backOfficeWidth: backOfficeBeside ? Theme.cardWidth * 1.7 : (rightEdge - 2 * Theme.gap * 2) / 3

    function backOfficeX(index: int): real {
        return xBackOffice + (backOfficeBeside ? 0 : index * (backOfficeWidth + Theme.gap * 2))
    }

    function backOfficeY(index: int): real {
        return backOfficeTop + (backOfficeBeside ? index * (backOfficeHeight + Theme.gap) : 0)
    }

    signal partitionActivated(string topic, int partition)

    function tillY(index: int): real {
        return topY + index * tillPitch + (tillPitch - Theme.tillHeight) / 2
    }

    function laneCentre(box: TopicBox, partition: int, leaving: bool): point {
        const count = box.lanes.count // re-evaluates when lanes come and go
        const lane = partition < count && !box.summaryOnly ? box.laneItem(partition) : null
        // Lanes side by side are left from the box's edge, not across the next lane.
        if (!lane || (box.lanesInRow && leaving))
            return Qt.point(box.x + (leaving ? box.width : 0), box.y + box.height / 2)
        // Added up from the positions rather than mapped, so that a wire follows its lane when
        // the lane's column or the box moves (a resize, presenter mode, the theme).
        const column = lane.parent
        return Qt.point(box.x + column.x + lane.x + (leaving ? lane.width : 0),
                        box.y + column.y + lane.y + lane.height / 2)
    }

    function memberItem(name: string): Item {
        for (const [model, repeater] of [[Controller.preparers, preparerCards],
                                         [Controller.cooks, cookCards],
                                         [Controller.counters, counterCards],
                                         [Controller.lateReaders, lateCards]]) {
            const row = model.rowOf(name)
            if (row >= 0)
                return repeater.itemAt(row)
        }
        return null
    }

    function boxOf(topic: string): TopicBox {
        if (topic === Controller.orderTopic)
            return orderBox
        if (topic === Controller.readyTopic)
            return readyBox
        if (topic === Controller.cookTopic)
            return cookBox
        if (topic === Controller.hotFoodTopic)
            return hotFoodBox
        return null
    }

    // Where a token leaves from or lands at: "till:3", "member:preparer-2" or "ORDER:1".
    function placeOf(place: string, leaving: bool): point {
        const colon = place.lastIndexOf(":")
        const kind = place.substring(0, colon)
        const what = place.substring(colon + 1)
        if (kind === "till") {
            const till = tillCards.itemAt(parseInt(what) - 1)
            return till ? Qt.point(till.x + till.width, till.y + till.height / 2) : Qt.point(0, topY)
        }
        if (kind === "member") {
            const card = memberItem(what)
            return card ? Qt.point(card.x + (leaving ? card.width : 0), card.y + card.height / 2)
                        : Qt.point(xPreparers, topY)
        }
        const box = boxOf(kind)
        return box ? laneCentre(box, parseInt(what), leaving) : Qt.point(0, 0)
    }

    implicitWidth: hasBackOffice && backOfficeBeside ? xBackOffice + backOfficeWidth : rightEdge
    implicitHeight: Math.max(shopBottom, hasBackOffice ? backOfficeY(Controller.backOffice.count - 1) + backOfficeHeight : 0) + Theme.gap

    // Arrows under everything else
    Repeater {
        model: Controller.tills

        Arrow {
            required property int index
            required property int partition
            required property int queue
            readonly property point to: diagram.laneCentre(orderBox, partition, false)

            x1: diagram.tillsWidth
            y1: diagram.tillY(index) + Theme.tillHeight / 2
            x2: to.x
            y2: to.y
            colour: Theme.queueColour(queue)
            opacity: 0.75
        }
    }
    Repeater {
        model: Controller.orderPartitions

        Arrow {
            required property int partition
            required property string owner
            readonly property point from: diagram.laneCentre(orderBox, partition, true)
            readonly property int row: Controller.preparers.count >= 0 ? Controller.preparers.rowOf(owner) : -1

            visible: row >= 0
            x1: from.x
            y1: from.y
            x2: diagram.xPreparers
            y2: diagram.topY + row * diagram.cardPitch + Theme.cardHeight / 2
        }
    }
    Repeater {
        model: Controller.preparers

        Arrow {
            required property int index
            required property string state

            visible: state === "working"
            x1: diagram.xPreparers + Theme.cardWidth
            y1: diagram.topY + index * diagram.cardPitch + Theme.cardHeight / 2
            x2: diagram.xReady
            y2: readyBox.y + Math.min(readyBox.height / 2, Theme.cardHeight)
        }
    }
    Repeater {
        model: Controller.readyPartitions

        Arrow {
            required property int partition
            required property string owner
            readonly property point from: diagram.laneCentre(readyBox, partition, true)
            readonly property int row: Controller.counters.count >= 0 ? Controller.counters.rowOf(owner) : -1

            visible: row >= 0
            x1: from.x
            y1: from.y
            x2: diagram.xCounters
            y2: diagram.topY + row * diagram.cardPitch + Theme.cardHeight / 2
        }
    }
    Arrow {
        readonly property real cookCentre: cookBox.x + cookBox.width / 2

        visible: Controller.hasCook && Controller.preparers.count > 0
        vertical: true
        x1: Math.max(diagram.xPreparers + Theme.cardWidth * 0.5, Math.min(cookCentre, diagram.xPreparers + Theme.cardWidth - Theme.gap))
        y1: diagram.topY + (Controller.preparers.count - 1) * diagram.cardPitch + Theme.cardHeight
        x2: cookCentre
        y2: cookBox.y
        colour: Theme.cook
        dashed: true
    }
    Repeater {
        model: Controller.hasCook ? Controller.cookPartitions : null

        Arrow {
            required property int partition
            required property string owner
            readonly property point from: diagram.laneCentre(cookBox, partition, true)
            readonly property int row: Controller.cooks.count >= 0 ? Controller.cooks.rowOf(owner) : -1

            visible: row >= 0
            x1: from.x
            y1: from.y
            x2: diagram.xCooks
            y2: diagram.cookTop + row * diagram.cardPitch + Theme.cardHeight / 2
            colour: Theme.cook
        }
    }
    Repeater {
        model: Controller.hasCook ? Controller.cooks : null

        Arrow {
            required property int index

            x1: diagram.xCooks + Theme.cookWidth
            y1: diagram.cookTop + index * diagram.cardPitch + Theme.cardHeight / 2
            x2: hotFoodBox.x
            y2: hotFoodBox.y + hotFoodBox.height / 2
            colour: Theme.cook
        }
    }
    Arrow {
        visible: Controller.hasCook && Controller.preparers.count > 0
        x1: hotFoodBox.x + hotFoodBox.width / 2
        y1: hotFoodBox.y + hotFoodBox.height
        x2: diagram.xPreparers + Theme.cardWidth * 0.2
        y2: diagram.topY + (Controller.preparers.count - 1) * diagram.cardPitch + Theme.cardHeight
        sag: Theme.gap * 2
        colour: Theme.cook
        dashed: true
    }

    // The preparers take from the cabinet; the cook tops it up.
    Arrow {
        visible: Controller.hasCabinet && !diagram.cabinetUnderCook && Controller.preparers.count > 0
        vertical: true
        x1: diagram.xPreparers + Theme.cardWidth * 0.1
        y1: diagram.topY + (Controller.preparers.count - 1) * diagram.cardPitch + Theme.cardHeight
        x2: diagram.cabinetWidth
        y2: diagram.cabinetTop + Theme.padding
        colour: Theme.cook
        head: false
    }
    Repeater {
        model: Controller.hasCabinet ? Controller.cooks : null

        Arrow {
            required property int index
            readonly property real cookCentre: diagram.xCooks + Theme.cookWidth / 2
            readonly property real cookBottom: diagram.cookTop + index * diagram.cardPitch + Theme.cardHeight

            vertical: diagram.cabinetUnderCook
            x1: cookCentre
            y1: cookBottom
            x2: diagram.cabinetUnderCook ? cookCentre : diagram.cabinetWidth
            y2: diagram.cabinetUnderCook ? diagram.cabinetTop : diagram.cabinetTop + hotCabinet.height - Theme.padding * 2
            sag: diagram.cabinetUnderCook ? 0 : Theme.gap * 3
            colour: Theme.cook
        }
    }

    // Orders in flight, at most TokenModel.kMaxTokens of them, on the wires and under the
    // cards and topics, so that none passes over a label.
    Item {
        objectName: "tokenLayer"
        width: diagram.width
        height: diagram.height

        Repeater {
            model: Controller.tokens

            Token {
                start: diagram.placeOf(from, true)
                end: diagram.placeOf(to, false)
            }
        }
    }

    // Column headings, over the orders in flight
    ShopText {
        x: 0
        text: qsTr("CUSTOMERS · TILLS")
        dim: true
        strong: true
        font.pixelSize: Theme.labelSize
    }
    ShopText {
        x: diagram.xPreparers
        width: diagram.xCounters - diagram.xPreparers - Theme.gap
        text: qsTr("GROUP %1 · gen %2").arg(Controller.preparers.group).arg(Controller.preparers.generation)
        dim: true
        strong: true
        font.pixelSize: Theme.labelSize
    }
    ShopText {
        x: diagram.xCounters
        text: qsTr("COUNTERS")
        dim: true
        strong: true
        font.pixelSize: Theme.labelSize
    }
    ShopText {
        x: diagram.xPreparers
        y: diagram.preparersBottom + Theme.gap
        visible: Controller.lateReaders.count > 0
        text: qsTr("LATE READERS · a group each")
        dim: true
        strong: true
        font.pixelSize: Theme.labelSize
    }
    ShopText {
        x: diagram.xBackOffice
        // Beside the shop, level with the other columns' headings.
        y: diagram.backOfficeBeside ? 0 : diagram.backOfficeTop - diagram.labelHeight
        width: diagram.backOfficeBeside ? diagram.backOfficeWidth : diagram.rightEdge
        visible: diagram.hasBackOffice
        text: diagram.backOfficeBeside ? qsTr("BACK OFFICE · a group each")
                                       : qsTr("BACK OFFICE · each in a group of its own, replaying the log from the start")
        dim: true
        strong: true
        font.pixelSize: Theme.labelSize
    }
    ShopText {
        // Right of the dashed wire from the preparers down to COOK, not across it.
        x: cookBox.x + cookBox.width / 2 + Theme.gap
        y: diagram.cookTop - diagram.labelHeight
        visible: Controller.hasCook && !Theme.presenter
        text: qsTr("PLAICE IS COOKED TO ORDER")
        color: Theme.cook
        strong: true
        font.pixelSize: Theme.labelSize
    }

    // Tills
    Repeater {
        id: tillCards

        model: Controller.tills

        TillCard {
            required property int index

            x: 0
            y: diagram.tillY(index)
            width: diagram.tillsWidth
        }
    }

    TopicBox {
        id: orderBox

        x: diagram.xOrder
        y: diagram.topY
        partitions: Controller.orderPartitions
        title: qsTr("%1 topic").arg(Controller.orderTopic)
        subtitle: Theme.partitionsText(partitions.count)
        cells: Theme.orderCells
        labels: !Theme.presenter
        legend: Theme.presenter ? qsTr("▏ committed offset; numbers: log start–end") : ""
        showRates: diagram.showRates
        showReplays: true
        selectedTopic: diagram.selectedTopic
        selectedPartition: diagram.selectedPartition
        onActivated: (topic, partition) => diagram.partitionActivated(topic, partition)
    }

    DeadLetterTopic {
        id: deadLetterBox

        objectName: "deadLetterTopic"
        x: diagram.xOrder
        y: diagram.deadLetterTop
        width: orderBox.width
        height: implicitHeight
    }

    // Who sent the newest unreadable order there.
    Arrow {
        readonly property Item sender: deadLetterBox.visible ? diagram.memberItem(deadLetterBox.newest.participant ?? "") : null

        visible: sender !== null
        x1: sender ? sender.x : 0
        y1: sender ? sender.y + sender.height / 2 : 0
        x2: deadLetterBox.x + deadLetterBox.width
        y2: deadLetterBox.y + deadLetterBox.height / 2
        colour: Theme.bad
        dashed: true
    }

    Repeater {
        id: preparerCards

        model: Controller.preparers

        MemberCard {
            required property int index

            x: diagram.xPreparers
            y: diagram.topY + index * diagram.cardPitch
            width: Theme.cardWidth
            height: Theme.cardHeight
        }
    }

    Repeater {
        id: lateCards

        model: Controller.lateReaders

        MemberCard {
            required property int index

            x: diagram.xPreparers
            y: diagram.lateTop + index * diagram.cardPitch
            width: Theme.cardWidth
            height: Theme.cardHeight
            handledWord: qsTr("read")
        }
    }

    TopicBox {
        id: readyBox

        x: diagram.xReady
        y: diagram.topY
        partitions: Controller.readyPartitions
        title: Controller.readyTopic
        subtitle: Theme.partitionsText(partitions.count)
        cells: Theme.readyCells
        compact: Theme.presenter
        showRates: diagram.showRates
        selectedTopic: diagram.selectedTopic
        selectedPartition: diagram.selectedPartition
        onActivated: (topic, partition) => diagram.partitionActivated(topic, partition)
    }

    Repeater {
        id: counterCards

        model: Controller.counters

        MemberCard {
            required property int index

            x: diagram.xCounters
            y: diagram.topY + index * diagram.cardPitch
            width: Theme.counterWidth
            height: Theme.cardHeight
            handledWord: qsTr("served")
        }
    }

    TopicBox {
        id: cookBox

        x: diagram.xCook
        y: diagram.cookTop
        visible: Controller.hasCook
        partitions: Controller.cookPartitions
        title: Controller.cookTopic
        cells: Theme.smallCells
        compact: true
        lanesInRow: Theme.presenter
        selectedTopic: diagram.selectedTopic
        selectedPartition: diagram.selectedPartition
        onActivated: (topic, partition) => diagram.partitionActivated(topic, partition)
    }

    Repeater {
        id: cookCards

        model: Controller.hasCook ? Controller.cooks : null

        MemberCard {
            required property int index

            x: diagram.xCooks
            y: diagram.cookTop + index * diagram.cardPitch
            width: Theme.cookWidth
            height: Theme.cardHeight
            fill: Theme.cookFill
            outline: Theme.cook
            titleColour: Theme.cook
            verb: qsTr("fries")
        }
    }

    TopicBox {
        id: hotFoodBox

        x: diagram.xHotFood
        y: diagram.cookTop
        visible: Controller.hasCook
        partitions: Controller.hotFoodPartitions
        title: Controller.hotFoodTopic
        // The wire back to the preparers says it on a projector, where the line would wrap.
        subtitle: Theme.presenter ? "" : qsTr("→ any preparer")
        cells: Theme.smallCells
        compact: true
        selectedTopic: diagram.selectedTopic
        selectedPartition: diagram.selectedPartition
        onActivated: (topic, partition) => diagram.partitionActivated(topic, partition)
    }

    Repeater {
        id: backOfficeCards

        objectName: "backOfficeCards"
        model: Controller.backOffice

        BackOfficeCard {
            required property int index

            x: diagram.backOfficeX(index)
            y: diagram.backOfficeY(index)
            width: diagram.backOfficeWidth
            height: diagram.backOfficeHeight
        }
    }

    HotCabinet {
        id: hotCabinet

        objectName: "hotCabinet"
        x: diagram.xCabinet
        y: diagram.cabinetTop
        width: diagram.cabinetWidth
        height: implicitHeight
        visible: Controller.hasCabinet
        trays: Controller.cabinet
        where: Controller.cabinet.where
        reachable: Controller.cabinet.reachable
        problem: Controller.cabinet.problem
        recovered: Controller.cabinet.recovered
        shortOrders: Controller.cabinet.shortOrders
        lastShortOrder: Controller.cabinet.lastShortOrder
        closed: Controller.cabinet.closed
        wasteText: Controller.cabinet.wasteText
    }

    ShortMark {
        id: shortMark

        objectName: "shortMark"
        readonly property real cookMiddle: cookBox.y + cookBox.height / 2

        // On a projector, from above the cabinet up to under COOK, labelled; in the window,
        // where the gap between the cabinet and COOK is narrow, a dot across it (the cabinet's
        // last line says which order went short). Never over a tray or COOK's lanes.
        labelled: diagram.cabinetUnderCook
        start: diagram.cabinetUnderCook ? Qt.point(cookBox.x + cookBox.width / 2, hotCabinet.y - height / 2)
                                        : Qt.point(hotCabinet.x + hotCabinet.width + width / 2, cookMiddle)
        end: diagram.cabinetUnderCook ? Qt.point(cookBox.x + cookBox.width / 2, cookBox.y + cookBox.height + height / 2 + Theme.gap)
                                      : Qt.point(cookBox.x - width / 2, cookMiddle)
        visible: Controller.hasCabinet
    }

    Connections {
        target: Controller.cabinet

        function onShortChanged() {
            if (Controller.cabinet.shortOrders > 0 && !diagram.showRates)
                shortMark.send(Controller.cabinet.lastShortOrder, Controller.cabinet.lastShortQueue, Controller.cabinet.reachable)
        }
    }
}
