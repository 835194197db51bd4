#include "shop/events/rate_meter.h"

#include <QTest>

using namespace chippy::shop;

// Rates over a sliding window of count samples.
class TestRateMeter : public QObject
{
    Q_OBJECT

private:
    static ShopCounts served(qint64 n)
    {
        ShopCounts c;
        c.served = n;
        c.placed = 2 * n;
        return c;
    }

private slots:
    void saysNothingBeforeTwoSamples()
    {
        RateMeter m;
        QCOMPARE(m.servedPerSecond(), 0.0);
        m.sample(served(10), 1000);
        QCOMPARE(m.servedPerSecond(), 0.0);
    }

    void measuresTheRateBetweenSamples()
    {
        RateMeter m;
        m.sample(served(0), 0);
        m.sample(served(50), 1000);
        m.sample(served(100), 2000);
        QCOMPARE(m.servedPerSecond(), 50.0);
        QCOMPARE(m.placedPerSecond(), 100.0);
    }

    void forgetsWhatIsOlderThanTheWindow()
    {
        RateMeter m;
        m.sample(served(0), 0);
        m.sample(served(1000), 1000); // a burst long ago
        for (qint64 t = 2000; t <= 2000 + RateMeter::kWindowMs * 2; t += 1000) {
            m.sample(served(1000 + (t - 1000) / 100), t);
        }
        QCOMPARE(m.servedPerSecond(), 10.0);
    }
};

QTEST_GUILESS_MAIN(TestRateMeter)
#include "tst_ratemeter.moc"
