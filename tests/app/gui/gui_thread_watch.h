#pragma once

#include <QAbstractEventDispatcher>
#include <QElapsedTimer>
#include <QFile>
#include <QObject>
#include <QTimer>

#include <unistd.h>

#include <algorithm>
#include <functional>

// Watches the GUI thread from the GUI thread: a fast timer whose late ticks are the time the
// event loop was kept from turning, the resident memory at each tick, and a check run at every
// turn of the loop. A late tick is also measured without the time the thread spent ready to
// run but waiting for a CPU (the kernel's run-queue delay): on a machine shared with other
// work that time is the machine's, not the window's.
class GuiThreadWatch : public QObject
{
public:
    static constexpr int kTickMs = 2;

    // eachTurn runs at every turn of the event loop while the watch runs.
    explicit GuiThreadWatch(std::function<void()> eachTurn = {}, QObject *parent = nullptr)
        : QObject(parent)
        , m_eachTurn(std::move(eachTurn))
    {
        m_tick.setInterval(kTickMs);
        m_tick.setTimerType(Qt::PreciseTimer);
        connect(&m_tick, &QTimer::timeout, this, [this] { tick(); });
    }

    void start()
    {
        m_worstStallMs = 0;
        m_worstOwnStallMs = 0;
        m_waitedNs = runQueueWaitNs();
        m_peakRssMiB = residentMiB();
        m_since.start();
        m_tick.start();
        if (m_eachTurn) {
            m_turns = connect(QAbstractEventDispatcher::instance(),
                &QAbstractEventDispatcher::awake, this, [this] { m_eachTurn(); });
        }
    }

    void stop()
    {
        m_tick.stop();
        disconnect(m_turns);
    }

    // The longest the loop went without turning, beyond the timer's own interval.
    double worstStallMs() const { return m_worstStallMs; }
    // The same, less the time the thread waited for a CPU during it: what the window's own
    // work or waiting kept the loop from turning. Equal to worstStallMs() where the kernel
    // does not say (no schedstat).
    double worstOwnStallMs() const { return m_worstOwnStallMs; }
    double peakRssMiB() const { return m_peakRssMiB; }

    static double residentMiB()
    {
        QFile statm(QStringLiteral("/proc/self/statm"));
        if (!statm.open(QIODevice::ReadOnly)) {
            return 0;
        }
        const QList<QByteArray> fields = statm.readAll().split(' ');
        const double pages = fields.size() > 1 ? fields.at(1).toDouble() : 0;
        return pages * static_cast<double>(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
    }

    // This thread's time spent waiting on a run queue, in ns; 0 where the kernel does not say.
    static qint64 runQueueWaitNs()
    {
        QFile schedstat(QStringLiteral("/proc/thread-self/schedstat"));
        if (!schedstat.open(QIODevice::ReadOnly)) {
            return 0;
        }
        const QList<QByteArray> fields = schedstat.readAll().split(' ');
        return fields.size() > 1 ? fields.at(1).toLongLong() : 0;
    }

private:
    void tick()
    {
        const double gapMs = m_since.nsecsElapsed() / 1e6;
        m_since.start();
        const qint64 waitedNs = runQueueWaitNs();
        const double waitedMs = static_cast<double>(waitedNs - m_waitedNs) / 1e6;
        m_waitedNs = waitedNs;
        m_worstStallMs = std::max(m_worstStallMs, gapMs - kTickMs);
        m_worstOwnStallMs = std::max(m_worstOwnStallMs, gapMs - waitedMs - kTickMs);
        m_peakRssMiB = std::max(m_peakRssMiB, residentMiB());
    }

    std::function<void()> m_eachTurn;
    QTimer m_tick;
    QElapsedTimer m_since;
    QMetaObject::Connection m_turns;
    double m_worstStallMs = 0;
    double m_worstOwnStallMs = 0;
    qint64 m_waitedNs = 0;
    double m_peakRssMiB = 0;
};
