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
// turn of the loop.
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

private:
    void tick()
    {
        const double gapMs = m_since.nsecsElapsed() / 1e6;
        m_since.start();
        m_worstStallMs = std::max(m_worstStallMs, gapMs - kTickMs);
        m_peakRssMiB = std::max(m_peakRssMiB, residentMiB());
    }

    std::function<void()> m_eachTurn;
    QTimer m_tick;
    QElapsedTimer m_since;
    QMetaObject::Connection m_turns;
    double m_worstStallMs = 0;
    double m_peakRssMiB = 0;
};
