#pragma once

#include "kafka/admin.h"
#include "kafka/consumer.h"
#include "shop/order.h"
#include "shop/participants/participant.h"
#include "shop/shop_context.h"
#include "shop_fixture.h"

#include <QDeadlineTimer>
#include <QMap>
#include <QThread>

#include <memory>

namespace chippy::test {

// A back-office reader run on a thread of its own, as the Shop runs it, so a test can stop
// it, make it vanish like a crashed process, and start another in its place.
template<typename Reader> class ReaderThread
{
public:
    explicit ReaderThread(std::shared_ptr<shop::ShopContext> context)
        : m_context(std::move(context))
        , m_reader(new Reader(m_context))
    {
        m_reader->moveToThread(&m_thread);
        QObject::connect(&m_thread, &QThread::finished, m_reader, &QObject::deleteLater);
        m_thread.start();
        QMetaObject::invokeMethod(m_reader, &shop::Participant::start, Qt::QueuedConnection);
    }
    ~ReaderThread() { end(&shop::Participant::stop); }

    void stop() { end(&shop::Participant::stop); }
    void vanish() { end(&shop::Participant::vanish); }
    shop::ShopContext &context() { return *m_context; }

private:
    void end(void (shop::Participant::*how)())
    {
        if (!m_thread.isRunning()) {
            return;
        }
        QMetaObject::invokeMethod(m_reader, how, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }

    std::shared_ptr<shop::ShopContext> m_context;
    Reader *m_reader;
    QThread m_thread;
};

// What the shop's topics hold, counted by reading them from the start: what the back office
// must arrive at.
struct LogTotals
{
    qint64 orders = 0; // readable records on ORDER
    qint64 moneyPence = 0;
    qint64 cookRecords = 0;
    qint64 hotFoodRecords = 0;
    qint64 readyRecords = 0;
    QMap<QString, qint64> portionsOrdered;
    QMap<QString, qint64> portionsCooked; // fried to order, from COOK

    qint64 documents() const { return orders + cookRecords + hotFoodRecords + readyRecords; }

    static LogTotals read(const QString &bootstrap, const shop::ShopConfig &config)
    {
        LogTotals totals;
        const shop::TopicNames &t = config.topics;
        for (const QString &topic : {t.order(), t.cook(), t.hotFood(), t.ready()}) {
            for (const kafka::Message &m : readAll(bootstrap, topic)) {
                QString reason;
                const auto order = shop::Order::fromJson(m.value, &reason);
                if (!order) {
                    continue;
                }
                if (topic == t.order()) {
                    ++totals.orders;
                    totals.moneyPence += order->pricePence(config.menu);
                    countPortions(*order, config.menu, false, totals.portionsOrdered);
                } else if (topic == t.cook()) {
                    ++totals.cookRecords;
                    countPortions(*order, config.menu, true, totals.portionsCooked);
                } else if (topic == t.hotFood()) {
                    ++totals.hotFoodRecords;
                } else {
                    ++totals.readyRecords;
                }
            }
        }
        return totals;
    }

private:
    static void countPortions(const shop::Order &order, const shop::Menu &menu,
        bool friedToOrderOnly, QMap<QString, qint64> &into)
    {
        for (const QStringList &part : order.parts) {
            for (const QString &item : part) {
                if (!friedToOrderOnly || menu.item(item)->cookedToOrder) {
                    ++into[item];
                }
            }
        }
    }

    // Every record of a topic, every partition, up to the log end as it is now.
    static QList<kafka::Message> readAll(const QString &bootstrap, const QString &topic)
    {
        const kafka::ClientConfig cluster {{"bootstrap.servers", bootstrap.toUtf8()}};
        QString error;
        QList<kafka::Message> records;
        auto admin = kafka::Admin::create(cluster, &error);
        const auto ends = admin ? admin->logOffsets({topic}, 10000, &error) : std::nullopt;
        if (!ends) {
            qWarning() << "cannot read the log ends of" << topic << error;
            return records;
        }
        QMap<kafka::TopicPartition, qint64> remaining;
        QList<kafka::TopicPartition> partitions;
        for (const kafka::PartitionOffsets &o : *ends) {
            partitions.append(o.partition);
            if (o.latest > o.earliest) {
                remaining.insert(o.partition, o.latest);
            }
        }
        kafka::ClientConfig config = cluster;
        config.set("group.id", "log-totals");
        auto consumer = kafka::Consumer::create(config, &error);
        consumer->setStartPosition(kafka::StartPosition::earliest());
        if (!consumer->assign(partitions, &error)) {
            qWarning() << "cannot read" << topic << error;
            return records;
        }
        QDeadlineTimer deadline(30000);
        while (!remaining.isEmpty() && !deadline.hasExpired()) {
            for (const kafka::Message &m : consumer->poll(100, 1000)) {
                records.append(m);
                const kafka::TopicPartition where {m.topic, m.partition};
                if (m.offset + 1 >= remaining.value(where, 0)) {
                    remaining.remove(where);
                }
            }
        }
        consumer->vanish();
        return records;
    }
};

// Runs the model-4 shop (tills, preparers, a cook, counters) on its own embedded broker.
inline shop::ShopConfig backOfficeShopConfig()
{
    shop::ShopConfig config;
    config.model = 4;
    config.tills = 3;
    config.orderPartitions = 2;
    config.preparers = 2;
    config.cooks = 1;
    config.counters = 1;
    config.ordersPerSecond = 25;
    config.cookTimeMs = 100;
    config.plaiceShare = 0.4;
    return config;
}

} // namespace chippy::test
