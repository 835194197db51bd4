#pragma once

#include "kafka/producer.h"
#include "shop/events/shop_event.h"
#include "shop/shop_context.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QString>
#include <QTimer>

#include <atomic>
#include <memory>

namespace chippy::kafka {
class Client;
}

namespace chippy::shop {

// One person in the shop: a Kafka client on its own thread, driven by a loop timer. The Shop
// moves it to its thread and calls start() with a queued call; stop() and vanish() are
// called the same way (blocking) before the thread is ended.
class Participant : public QObject
{
    Q_OBJECT

public:
    Participant(const QString &name, const QString &group, std::shared_ptr<ShopContext> context);
    ~Participant() override;

    QString name() const { return m_name; }
    QString group() const { return m_group; }
    // Set once the participant can do its job (a group member: once it has been given its
    // share). Readable from any thread.
    bool isReady() const { return m_ready; }

public slots:
    void start();
    // Finishes what is in hand, commits and leaves.
    void stop();
    // Disappears as a crashed process would: no flush, no commit, no goodbye.
    void vanish();

protected:
    // Creates the clients; false with a reason in words when it cannot.
    virtual bool open(QString *error) = 0;
    // One turn of the loop. May block briefly in a poll.
    virtual void turn() = 0;
    virtual void close() = 0;
    virtual void abandon() = 0;
    virtual int loopIntervalMs() const { return 0; }

    ShopContext &context() { return *m_context; }
    const ShopConfig &config() const { return m_context->config; }
    // An event with this participant's name, group and the current time filled in.
    ShopEvent event(ShopEvent::Kind kind) const;
    // An event about a record this participant wrote: where it landed, and when it was made
    // (its timestamp), which is earlier than the acknowledgement that reports it.
    ShopEvent wrote(ShopEvent::Kind kind, const kafka::Delivery &delivery) const;
    void post(ShopEvent e);
    void postError(const QString &words);
    // Posts the client's errors; true when one was fatal and the client must be recreated.
    bool reportErrors(kafka::Client &client);
    // Replaces the clients after a fatal error, keeping the participant in the shop.
    void reopen(const QString &why);
    bool running() const { return m_running; }
    void setReady() { m_ready = true; }

private:
    static constexpr qint64 kRepeatedErrorQuietMs = 5000;

    void lowerPriority() const;

    const QString m_name;
    const QString m_group;
    std::shared_ptr<ShopContext> m_context;
    QTimer *m_loop = nullptr;
    bool m_running = false;
    std::atomic<bool> m_ready {false};
    QElapsedTimer m_clock;
    QHash<QString, qint64> m_lastErrorAt; // words -> m_clock time, to quiet reconnect loops
};

} // namespace chippy::shop
