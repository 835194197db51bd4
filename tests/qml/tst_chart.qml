import QtQuick
import QtTest
import Chippy

TestCase {
    id: testCase

    name: "Charts"
    width: 800
    height: 300
    visible: true
    when: windowShown

    Component {
        id: rateComponent

        RateChart {
            width: 400
            height: 200
        }
    }

    Component {
        id: lagComponent

        LagChart {
            width: 400
            height: 200
        }
    }

    function test_the_charts_start_empty_with_their_titles() {
        const rate = createTemporaryObject(rateComponent, testCase)
        verify(rate.title.indexOf("ORDERS PER SECOND") === 0)
        const lag = createTemporaryObject(lagComponent, testCase)
        verify(lag.title.indexOf("LAG PER PARTITION") === 0)
        compare(lag.lines.length, 0)
        compare(Controller.charts.samples, 0)
    }
}
