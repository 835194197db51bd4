#pragma once

#include "shop/order.h"
#include "shop/participants/participant.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>

#include <memory>
#include <random>

namespace chippy::kafka {
class Producer;
}

namespace chippy::shop {

// TILL: takes customers' orders at one queue and writes them to ORDER keyed by the queue
// number. Customers arrive at random (a seeded Poisson process) at the shop's rate shared
// between the tills. An order is placed when the broker acknowledges it; one that fails is
// offered again, since the customer is still waiting.
class Till : public Participant
{
    Q_OBJECT

public:
    Till(int queue, std::shared_ptr<ShopContext> context);
    ~Till() override;

    int queue() const { return m_queue; }

public slots:
    // Sends one unreadable record, as a broken till would, to show the dead-letter queue.
    void placeBadOrder();

protected:
    bool open(QString *error) override;
    void turn() override;
    void close() override;
    void abandon() override;
    int loopIntervalMs() const override { return kTickMs; }

private:
    static constexpr int kTickMs = 5;
    // How many orders may wait for acknowledgement or another try (at any rate, so that a
    // broker that is away does not pile up customers), and how many one turn adds.
    static constexpr int kMaxInFlight = 2000;
    static constexpr int kMaxBurst = 500;
    // At full speed, customers only come in while fewer than this many orders are waiting
    // in the whole shop: "as fast as the shop can" serve, not as fast as tills can type.
    static constexpr qint64 kMaxWaitingAtFullSpeed = 4000;
    static constexpr qint64 kRetryDelayMs = 500;
    static constexpr int kFlushOnCloseMs = 10000;
    // After a pause or a stall, customers do not all arrive at once.
    static constexpr double kMaxCatchUpMs = 1000;

    struct Pending
    {
        qint64 order = -1; // -1 for a deliberately unreadable record
        QByteArray value;
    };

    void arrivals();
    void place(const Pending &pending);
    void handleDeliveries();
    // Keeps the order for another try; the failures of a turn are told in one event.
    void failed(const Pending &pending, const QString &why);
    void postFailures();
    void retryFailed();
    // Orders of this till not yet acknowledged: in flight or waiting to be tried again.
    qint64 waitingHere() const { return m_inFlight.size() + m_retry.size(); }
    Order makeOrder();
    double nextGapMs(double perSecond);

    const int m_queue;
    std::unique_ptr<kafka::Producer> m_producer;
    std::mt19937 m_rng;
    QElapsedTimer m_clock;
    double m_nextArrivalMs = 0;
    quint64 m_nextToken = 1;
    QHash<quint64, Pending> m_inFlight;
    QList<Pending> m_retry;
    qint64 m_retryAtMs = 0;
    int m_failures = 0;
    QString m_lastFailure;
    qint64 m_lastFailedOrder = -1;
};

} // namespace chippy::shop
