#include "window_fixture.h"

#include <QSet>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(ChippyPlugin)

using namespace chippy;
using namespace chippy::gui;
using test::WindowFixture;

// Readers that join late replay the log where the audience can see it: each one's mark runs
// along ORDER's lanes from where it began, and goes once it has caught up.
class TestGuiReplay : public QObject
{
    Q_OBJECT

private:
    static constexpr int kShopMs = 60000;
    // Enough of a log that a replay has a way to run.
    static constexpr qint64 kHistory = 60;
    // A mark that jumps is seen at its start and end, and where the reader's batches ended.
    static constexpr int kPlaces = 10;

    qint64 ordersInTheLog() const
    {
        return m_shop.controller->orderPartitions()->property("records").toLongLong();
    }

    // The marks drawn on ORDER's lanes for this reader.
    QList<QQuickItem *> marksOf(const QString &reader) const
    {
        QList<QQuickItem *> found;
        WindowFixture::collect(
            m_shop.window->contentItem(),
            [&reader](QQuickItem *item) {
                return item->objectName() == QLatin1String("replayMark")
                    && item->property("reader").toMap().value(QStringLiteral("name")).toString()
                    == reader;
            },
            &found);
        return found;
    }

    static qreal furthest(const QList<QQuickItem *> &marks)
    {
        qreal x = -1;
        for (QQuickItem *mark : marks) {
            x = std::max(x, mark->x());
        }
        return x;
    }

    // Joins a reader to a shop with a history and follows its marks until they are gone.
    void watchTheReplayOf(const QString &reader, const std::function<void()> &join)
    {
        QTRY_VERIFY_WITH_TIMEOUT(ordersInTheLog() >= kHistory, kShopMs);
        join();
        QTRY_VERIFY_WITH_TIMEOUT(!marksOf(reader).isEmpty(), kShopMs);
        const qreal began = furthest(marksOf(reader));
        QVERIFY2(began < 1.0, qPrintable(QStringLiteral("began at x %1").arg(began)));
        // It runs along the lane rather than jumps: it is seen at many places on the way.
        QSet<int> places;
        qreal last = began;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const QList<QQuickItem *> marks = marksOf(reader);
                if (marks.isEmpty()) {
                    return true;
                }
                last = std::max(last, furthest(marks));
                places.insert(qRound(furthest(marks)));
                return false;
            }(),
            kShopMs);
        QVERIFY2(places.size() >= kPlaces,
            qPrintable(QStringLiteral("seen at %1 places only").arg(places.size())));
        QVERIFY2(last > began + 20, qPrintable(QStringLiteral("got to x %1 only").arg(last)));
    }

private slots:
    void init()
    {
        QVERIFY(m_shop.open(QStringLiteral("model-4"), 0));
        QTRY_COMPARE_WITH_TIMEOUT(m_shop.controller->status(), QStringLiteral("running"), kShopMs);
        m_shop.controller->setOrderRate(30);
    }

    void cleanup() { m_shop.close(); }

    void aLateConsumerFromTheStartRunsAlongTheLog()
    {
        watchTheReplayOf(QStringLiteral("late-1"), [this] {
            QCOMPARE(m_shop.controller->addLateConsumer(QStringLiteral("earliest")), QString());
        });
    }

    void theAccountantRunsAlongTheLog()
    {
        watchTheReplayOf(QStringLiteral("accountant"),
            [this] { m_shop.controller->addBackOffice(QStringLiteral("accountant")); });
    }

private:
    WindowFixture m_shop;
};

QTEST_MAIN(TestGuiReplay)
#include "tst_guireplay.moc"
