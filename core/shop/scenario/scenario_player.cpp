#include "shop/scenario/scenario_player.h"

#include "shop/shop.h"

#include <cmath>

namespace chippy::shop {

namespace {

int msFromS(double s)
{
    return static_cast<int>(std::llround(s * 1000));
}

} // namespace

ScenarioPlayer::ScenarioPlayer(Scenario scenario, Shop *shop, QObject *parent)
    : QObject(parent)
    , m_scenario(std::move(scenario))
    , m_shop(shop)
{
    m_stepTimer.setSingleShot(true);
    m_endTimer.setSingleShot(true);
    connect(&m_stepTimer, &QTimer::timeout, this, [this] {
        if (m_step + 1 < m_scenario.steps.size()) {
            show(m_step + 1, true);
            timeStep();
        }
    });
    connect(&m_endTimer, &QTimer::timeout, this, [this] {
        stop();
        emit finished();
    });
}

void ScenarioPlayer::start(double totalS)
{
    if (m_step < 0) {
        show(0, false);
    }
    m_playing = true;
    double remainingS = 0;
    for (int i = m_step; i < m_scenario.steps.size(); ++i) {
        remainingS += m_scenario.steps.at(i).durationS;
    }
    m_endTimer.start(msFromS(totalS > 0 ? totalS : remainingS));
    timeStep();
}

void ScenarioPlayer::stop()
{
    m_playing = false;
    m_stepTimer.stop();
    m_endTimer.stop();
    qDeleteAll(m_actionTimers);
    m_actionTimers.clear();
}

double ScenarioPlayer::elapsedS() const
{
    return m_clock.isValid() ? m_clock.elapsed() / 1000.0 : 0;
}

void ScenarioPlayer::show(int index, bool applySettings)
{
    if (!m_clock.isValid()) {
        m_clock.start();
    }
    m_step = index;
    const ScenarioStep &step = m_scenario.steps.at(index);
    if (applySettings) {
        step.settings.applyTo(*m_shop,
            [this](const QString &kind, const CommandResult &r) { record(kind, r.ok, r.text); });
    }
    qDeleteAll(m_actionTimers);
    m_actionTimers.clear();
    for (const ScenarioAction &action : step.actions) {
        auto *timer = new QTimer(this);
        timer->setSingleShot(true);
        connect(timer, &QTimer::timeout, this, [this, action] { perform(action); });
        timer->start(msFromS(action.atS));
        m_actionTimers.append(timer);
    }
    emit stepStarted(index, step.title, step.caption);
}

void ScenarioPlayer::timeStep()
{
    if (m_playing && m_step + 1 < m_scenario.steps.size()) {
        m_stepTimer.start(msFromS(m_scenario.steps.at(m_step).durationS));
    }
}

void ScenarioPlayer::perform(const ScenarioAction &a)
{
    const int n = static_cast<int>(std::lround(a.value));
    CommandResult r;
    if (a.kind == QLatin1String("add-partitions")) {
        r = m_shop->setOrderPartitions(m_shop->orderPartitions() + n);
    } else if (a.kind == QLatin1String("set-partitions")) {
        r = m_shop->setOrderPartitions(n);
    } else if (a.kind == QLatin1String("add-preparer")) {
        r = m_shop->setPreparers(m_shop->preparers() + n);
    } else if (a.kind == QLatin1String("remove-preparer")) {
        r = m_shop->setPreparers(std::max(0, m_shop->preparers() - n));
    } else if (a.kind == QLatin1String("kill-preparer")) {
        for (int i = 0; i < std::max(1, n); ++i) {
            r = m_shop->killPreparer();
        }
    } else if (a.kind == QLatin1String("set-preparers")) {
        r = m_shop->setPreparers(n);
    } else if (a.kind == QLatin1String("set-tills")) {
        r = m_shop->setTills(n);
    } else if (a.kind == QLatin1String("set-cooks")) {
        r = m_shop->setCooks(n);
    } else if (a.kind == QLatin1String("set-counters")) {
        r = m_shop->setCounters(n);
    } else if (a.kind == QLatin1String("restart-broker")) {
        r = m_shop->restartBroker();
    } else if (a.kind == QLatin1String("pause")) {
        r = m_shop->pause();
    } else if (a.kind == QLatin1String("resume")) {
        r = m_shop->resume();
    } else if (a.kind == QLatin1String("set-rate")) {
        r = m_shop->setOrderRate(a.maxRate ? 0.0 : a.value);
    } else if (a.kind == QLatin1String("set-cook-time")) {
        r = m_shop->setCookTime(n);
    } else if (a.kind == QLatin1String("set-plaice-share")) {
        r = m_shop->setPlaiceShare(a.value);
    } else if (a.kind.startsWith(QLatin1String("add-"))
        && Shop::backOfficeRoles().contains(a.kind.mid(4))) {
        r = m_shop->addBackOffice(a.kind.mid(4));
    } else if (a.kind == QLatin1String("close-for-the-day")) {
        r = m_shop->closeForTheDay();
    } else if (a.kind == QLatin1String("bad-order")) {
        for (int i = 0; i < std::max(1, n); ++i) {
            r = m_shop->placeBadOrder();
        }
    }
    record(a.kind, r.ok, a.caption.isEmpty() ? r.text : a.caption + QStringLiteral(" — ") + r.text);
}

void ScenarioPlayer::record(const QString &kind, bool ok, const QString &detail)
{
    ActionRecord r {elapsedS(), kind, ok, detail};
    m_actions.append(r);
    emit actionDone(r);
}

} // namespace chippy::shop
