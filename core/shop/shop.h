#pragma once

#include "shop/shop_config.h"
#include "shop/shop_context.h"

#include <QList>
#include <QObject>
#include <QString>

#include <memory>

class QThread;

namespace chippy::kafka {
class Admin;
}

namespace chippy::shop {

class LocalCluster;
class Participant;
class Till;

// The result of a live command, in words for the audience.
struct CommandResult
{
    bool ok = true;
    QString text;
};

// The fish-and-chip shop: creates its topics, runs every participant on its own thread and
// takes live commands while it runs. Commands may block for a cluster round trip, so a GUI
// keeps the Shop on a thread of its own and calls it with queued calls; each command also
// posts a Command event and emits commandDone.
class Shop : public QObject
{
    Q_OBJECT

public:
    static constexpr int kProbeTimeoutMs = 8000;
    // Short enough that a command to a cluster that is gone is answered within ten seconds.
    static constexpr int kAdminTimeoutMs = 8000;
    // How long opening waits for a topic it created to show in the cluster's metadata.
    static constexpr int kTopicVisibleMs = 5000;
    static constexpr int kTopicVisibleCheckMs = 100;
    // How long opening waits for the groups to settle before the first customer comes in.
    static constexpr int kJoinTimeoutMs = 15000;

    explicit Shop(ShopConfig config, QObject *parent = nullptr);
    ~Shop() override;

    ShopEventQueue &events() { return m_context->events; }
    ShopStats &stats() { return m_context->stats; }
    LiveSettings &live() { return m_context->live; }
    const ShopConfig &config() const { return m_context->config; }
    // Lets restartBroker() restart the broker the app runs; without one it refuses.
    void setLocalCluster(LocalCluster *cluster) { m_cluster = cluster; }

    bool isRunning() const { return m_running; }
    int tills() const { return static_cast<int>(m_tills.size()); }
    int preparers() const { return static_cast<int>(m_preparers.size()); }
    int cooks() const { return static_cast<int>(m_cooks.size()); }
    int counters() const { return static_cast<int>(m_counters.size()); }
    // The back-office readers that joined, by role ("accountant", "statistician", ...).
    QStringList backOffice() const;
    static const QStringList &backOfficeRoles();
    int orderPartitions() const { return m_orderPartitions; }
    QStringList preparerNames() const;

public slots:
    // Checks the cluster answers, creates the topics and starts everyone.
    CommandResult start();
    // Everyone finishes what is in hand and leaves.
    void stop();
    // No new customers; what was ordered is still cooked and served.
    CommandResult stopTills();

    CommandResult setTills(int count);
    CommandResult setOrderPartitions(int count);
    CommandResult setPreparers(int count);
    CommandResult setCooks(int count);
    CommandResult setCounters(int count);
    // The newest preparer disappears without leaving the group.
    CommandResult killPreparer();
    CommandResult pause();
    CommandResult resume();
    // Orders per second across all tills; 0 runs as fast as the shop can.
    CommandResult setOrderRate(double perSecond);
    CommandResult setCookTime(int ms);
    CommandResult setPlaiceShare(double share);
    CommandResult setModel(int model);
    CommandResult restartBroker();
    // One till sends a record nobody can read, to show the dead-letter queue at work.
    CommandResult placeBadOrder();
    // A late joiner of the back office, reading from the start of the log in a group of its
    // own: "accountant", "statistician" or "stockist". Each joins once.
    CommandResult addBackOffice(const QString &role);
    // Closing time for the hot cabinet: what is left in it is thrown away, counted as waste
    // and, once the statistician has joined, written to the analytics store as one Waste
    // document. Closing the shop does it too when the cabinet was used.
    CommandResult closeForTheDay();

signals:
    void commandDone(const QString &command, bool ok, const QString &text);

private:
    struct Worker
    {
        QThread *thread = nullptr;
        Participant *participant = nullptr;
    };

    CommandResult done(const QString &command, CommandResult result);
    CommandResult resize(QList<Worker> &workers, int count, int *nextIndex,
        const std::function<Participant *(int index)> &make, const QString &what);
    void launch(QList<Worker> &workers, Participant *participant);
    void retire(Worker worker, bool abruptly);
    void retireAll(QList<Worker> &workers);
    bool ensureTopics(QString *error);
    void updatePreparerTopics();
    // Waits until every group member has been given its share, or the time is up.
    bool waitUntilReady(int timeoutMs) const;
    // From model 6: opens the hot cabinet, or says the kitchen cooks everything to order.
    void openCabinet();
    void writeWasteDocument(const cabinet::Portions &waste, qint64 closedAtMs);

    std::shared_ptr<ShopContext> m_context;
    std::unique_ptr<kafka::Admin> m_admin;
    LocalCluster *m_cluster = nullptr;
    bool m_running = false;
    int m_orderPartitions = 0;

    QList<Worker> m_tills;
    QList<Worker> m_preparers;
    QList<Worker> m_cooks;
    QList<Worker> m_counters;
    QList<Worker> m_backOffice;
    int m_nextPreparer = 1;
    int m_nextCook = 1;
    int m_nextCounter = 1;
};

} // namespace chippy::shop

Q_DECLARE_METATYPE(chippy::shop::CommandResult)
