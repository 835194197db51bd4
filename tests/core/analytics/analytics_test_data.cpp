#include "analytics_test_data.h"

#include <QRandomGenerator>

namespace chippy::analytics::test {

namespace {

using Stage = EventDocument::Stage;

EventDocument document(Stage stage, const char *topic, qint64 offset, qint64 atMs, qint64 order,
    int queue, QStringList items = {}, int pricePence = 0, qint64 prepMs = -1)
{
    EventDocument d;
    d.stage = stage;
    d.topic = QString::fromLatin1(topic);
    d.partition = queue < 0 ? 0 : queue % 2;
    d.offset = offset;
    d.timestampMs = kDayStartMs + atMs;
    d.order = order;
    d.queue = queue;
    d.items = std::move(items);
    d.pricePence = pricePence;
    d.prepMs = prepMs;
    return d;
}

} // namespace

QList<EventDocument> handCountedDay()
{
    const QString cod = QStringLiteral("cod");
    const QString chips = QStringLiteral("chips");
    const QString plaice = QStringLiteral("plaice");
    return {
        document(Stage::Placed, "ORDER", 0, 100, 1, 1, {cod, chips}, 750),
        document(Stage::Placed, "ORDER", 1, 900, 2, 2, {chips, chips}, 400),
        document(Stage::Placed, "ORDER", 2, 1500, 3, 1, {plaice, chips}, 850),
        document(Stage::Placed, "ORDER", 3, 2100, 4, 3, {cod, chips, chips}, 950),
        document(Stage::Placed, "ORDER", 4, 2999, 5, 2, {plaice}, 600),
        document(Stage::ToCook, "COOK", 0, 1600, 3, 1, {plaice}),
        document(Stage::ToCook, "COOK", 1, 3100, 5, 2, {plaice}),
        document(Stage::Cooked, "HOT-FOOD", 0, 2500, 3, 1, {plaice}),
        document(Stage::Ready, "READY", 0, 1300, 1, 1, {cod, chips}, 0, 1200),
        document(Stage::Ready, "READY", 1, 1700, 2, 2, {chips, chips}, 0, 800),
        document(Stage::Ready, "READY", 2, 4500, 3, 1, {plaice, chips}, 0, 3000),
        document(Stage::Ready, "READY", 3, 3600, 4, 3, {cod, chips, chips}, 0, 1500),
        document(Stage::Ready, "READY", 4, 5600, 5, 2, {plaice}, 0, 2600),
        // Ready without a known preparation time or queue: counted, not timed.
        document(Stage::Ready, "READY", 5, 5700, 6, -1, {chips}, 0, -1),
        document(Stage::Waste, "WASTE", 0, 6000, -1, -1, {cod, cod, chips}),
        document(Stage::Waste, "WASTE", 1, 6000, -1, -1, {cod}),
    };
}

Figures handCountedFigures()
{
    Figures f;
    f.ordersCounted = 5;
    f.moneyTakenPence = 750 + 400 + 850 + 950 + 600;
    f.ordersPerItem
        = {{QStringLiteral("cod"), 2}, {QStringLiteral("chips"), 4}, {QStringLiteral("plaice"), 2}};
    f.ordersCooked = 2;
    f.shareCooked = 0.4;
    f.ordersReady = 6;
    // prepMs sorted: 800 1200 1500 2600 3000; ranks ceil(2.5) = 3 and ceil(4.75) = 5.
    f.prepP50Ms = 1500;
    f.prepP95Ms = 3000;
    f.ordersPerBucket = {{kDayStartMs, 2}, {kDayStartMs + 1000, 1}, {kDayStartMs + 2000, 2}};
    f.meanWaitPerQueueMs = {{1, (1200 + 3000) / 2.0}, {2, (800 + 2600) / 2.0}, {3, 1500}};
    f.portionsWasted = {{QStringLiteral("cod"), 3}, {QStringLiteral("chips"), 1}};
    return f;
}

Figures handCountedFiguresFromSecondTwo()
{
    Figures f;
    f.ordersCounted = 2;
    f.moneyTakenPence = 950 + 600;
    f.ordersPerItem
        = {{QStringLiteral("cod"), 1}, {QStringLiteral("chips"), 1}, {QStringLiteral("plaice"), 1}};
    f.ordersCooked = 1;
    f.shareCooked = 0.5;
    f.ordersReady = 4;
    // prepMs sorted: 1500 2600 3000; ranks ceil(1.5) = 2 and ceil(2.85) = 3.
    f.prepP50Ms = 2600;
    f.prepP95Ms = 3000;
    f.ordersPerBucket = {{kDayStartMs + 2000, 2}};
    f.meanWaitPerQueueMs = {{1, 3000}, {2, 2600}, {3, 1500}};
    f.portionsWasted = {{QStringLiteral("cod"), 3}, {QStringLiteral("chips"), 1}};
    return f;
}

QList<EventDocument> generatedDay(int count, quint32 seed)
{
    static const QStringList kItems {QStringLiteral("cod"), QStringLiteral("chips"),
        QStringLiteral("plaice"), QStringLiteral("mushy peas"), QStringLiteral("sausage")};
    static const char *kTopics[] = {"ORDER", "COOK", "HOT-FOOD", "READY", "WASTE"};
    static constexpr int kQueues = 6;
    static constexpr qint64 kDayLengthMs = 300'000;
    QRandomGenerator random(seed);
    QList<EventDocument> documents;
    documents.reserve(count);
    for (int i = 0; i < count; ++i) {
        const int roll = random.bounded(100);
        const auto stage = roll < 40 ? Stage::Placed
            : roll < 55              ? Stage::ToCook
            : roll < 65              ? Stage::Cooked
            : roll < 95              ? Stage::Ready
                                     : Stage::Waste;
        QStringList items;
        const int portions = 1 + random.bounded(4);
        for (int p = 0; p < portions; ++p) {
            items.append(kItems.at(random.bounded(kItems.size())));
        }
        const int queue = random.bounded(10) == 0 ? -1 : random.bounded(kQueues);
        const qint64 prepMs = stage == Stage::Ready && random.bounded(20) != 0
            ? 200 + random.bounded(20000) + (random.bounded(50) == 0 ? 300000 : 0)
            : -1;
        documents.append(
            document(stage, kTopics[static_cast<int>(stage)], i, random.bounded(kDayLengthMs), i,
                queue, items, stage == Stage::Placed ? 300 + random.bounded(1500) : 0, prepMs));
    }
    return documents;
}

QList<EventDocument> placedOrders(const QString &topic, qint64 firstOffset, int count)
{
    QList<EventDocument> documents;
    documents.reserve(count);
    for (int i = 0; i < count; ++i) {
        auto d = document(Stage::Placed, "ORDER", firstOffset + i, (firstOffset + i) % 60000,
            firstOffset + i, int((firstOffset + i) % 4),
            {QStringLiteral("cod"), QStringLiteral("chips")}, 700);
        d.topic = topic;
        documents.append(d);
    }
    return documents;
}

QString uniqueIndexName()
{
    return QStringLiteral("chippy-test-%1-%2")
        .arg(QRandomGenerator::global()->generate(), 0, 36)
        .arg(QRandomGenerator::global()->generate(), 0, 36);
}

} // namespace chippy::analytics::test
