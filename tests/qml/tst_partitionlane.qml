import QtQuick
import QtTest
import Chippy

TestCase {
    id: testCase

    name: "PartitionLane"
    width: 800
    height: 300
    visible: true
    when: windowShown

    Component {
        id: laneComponent

        PartitionLane {
            topic: "ORDER"
            partition: 2
            recent: [1, 3, 3, 1, -1, 3]
            recentFirst: 94
            logStart: 40
            logEnd: 100
            committed: 97
            lag: 3
            queues: [1, 3]
            rate: 2.5
            cells: 10
        }
    }

    SignalSpy {
        id: activated

        signalName: "activated"
    }

    function createLane(properties) {
        const lane = createTemporaryObject(laneComponent, testCase, properties || {})
        verify(lane)
        activated.target = lane
        activated.clear()
        return lane
    }

    function test_the_committed_marker_sits_between_read_and_unread_cells() {
        const lane = createLane()
        // Cells hold offsets 94..99; committed 97 falls after the third.
        compare(lane.markerIndex, 3)
        const past = createLane({ committed: 5 })
        compare(past.markerIndex, 0)
        const ahead = createLane({ committed: 1000 })
        compare(ahead.markerIndex, 6)
    }

    function test_only_the_newest_cells_are_shown() {
        const lane = createLane({ cells: 4 })
        compare(lane.shownFirst, 96)
        compare(lane.markerIndex, 1)
    }

    function test_queues_are_said_in_words() {
        const lane = createLane()
        compare(lane.queuesInWords(), "queues 1, 3")
        compare(createLane({ queues: [2] }).queuesInWords(), "queue 2")
        compare(createLane({ queues: [] }).queuesInWords(), "")
    }

    function test_a_click_or_the_keyboard_opens_the_partition() {
        const lane = createLane()
        verify(lane.width > 0 && lane.height > 0)
        waitForRendering(lane)
        mouseClick(lane, lane.width / 2, lane.height / 2)
        compare(activated.count, 1)
        compare(activated.signalArguments[0][0], "ORDER")
        compare(activated.signalArguments[0][1], 2)
        lane.forceActiveFocus()
        keyClick(Qt.Key_Return)
        compare(activated.count, 2)
    }

    function test_it_has_an_accessible_name_with_its_offsets() {
        const lane = createLane()
        const name = lane.Accessible.name
        verify(name.indexOf("partition 2") >= 0, name)
        verify(name.indexOf("log start 40") >= 0, name)
        verify(name.indexOf("end 100") >= 0, name)
        verify(name.indexOf("lag 3") >= 0, name)
    }

    function test_a_late_reader_runs_along_the_log_from_where_it_began() {
        const lane = createLane({ replays: [{ "name": "late-1", "from": 40, "at": 40 }] })
        const track = findChild(lane, "replayTrack")
        verify(track && track.visible)
        const plain = createLane()
        verify(lane.implicitHeight > plain.implicitHeight, "the track takes a line of its own")
        const mark = findChild(lane, "replayMark")
        verify(mark)
        waitForRendering(lane)
        compare(mark.x, 0)
        // It has read up to offset 97 of 40..100: the mark runs there, not jumps.
        lane.replays = [{ "name": "late-1", "from": 40, "at": 97 }]
        const end = track.width * 57 / 60 - mark.width / 2
        tryVerify(() => mark.x > 0 && mark.x < end - 1, 2000, "moving")
        tryVerify(() => Math.abs(mark.x - Math.min(end, track.width - mark.width)) < 1, 5000, "arrived")
        lane.replays = []
        verify(!track.visible)
        compare(lane.implicitHeight, plain.implicitHeight)
    }

    function test_readers_at_one_place_are_set_apart() {
        const names = ["accountant", "statistician", "stockist", "late-1"]
        const lane = createLane({ replays: names.map(name => ({ "name": name, "from": 100, "at": 100 })) })
        const track = findChild(lane, "replayTrack")
        waitForRendering(lane)
        const marks = []
        for (let i = 0; i < track.children.length; ++i) {
            if (track.children[i].objectName === "replayMark")
                marks.push(track.children[i])
        }
        compare(marks.length, names.length)
        tryVerify(() => marks.every(m => m.x >= 0 && m.x + m.width <= track.width + 0.5), 5000, "inside the track")
        for (let i = 0; i < marks.length; ++i) {
            for (let j = i + 1; j < marks.length; ++j) {
                const a = marks[i], b = marks[j]
                const apart = a.x + a.width <= b.x + 0.5 || b.x + b.width <= a.x + 0.5 || a.y + a.height <= b.y || b.y + b.height <= a.y
                verify(apart, a.reader.name + " over " + b.reader.name)
            }
        }
    }

    function test_its_size_follows_the_theme() {
        const lane = createLane()
        const normal = lane.implicitHeight
        ViewSettings.presenter = true
        verify(lane.implicitHeight > normal)
        ViewSettings.presenter = false
    }
}
