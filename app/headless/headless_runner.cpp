#include "headless_runner.h"

#include "cluster_profile.h"
#include "embedded_cluster.h"
#include "scenario_player.h"
#include "shop.h"

#include <QJsonDocument>

namespace chippy::app {

HeadlessRunner::HeadlessRunner(HeadlessOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_out(stdout)
    , m_err(stderr)
{
    connect(&m_progress, &QTimer::timeout, this, &HeadlessRunner::printProgress);
    connect(&m_drain, &QTimer::timeout, this, &HeadlessRunner::checkDrain);
}

HeadlessRunner::~HeadlessRunner() = default;

void HeadlessRunner::start()
{
    QString error;
    if (!open(&error)) {
        finish(error);
        return;
    }
    m_clock.start();
    connect(m_player.get(), &shop::ScenarioPlayer::stepStarted, this,
        [this](int index, const QString &title, const QString &caption) {
            m_out << QStringLiteral("step %1/%2: %3\n  %4\n")
                         .arg(index + 1)
                         .arg(m_player->scenario().steps.size())
                         .arg(title, caption);
            m_out.flush();
        });
    connect(m_player.get(), &shop::ScenarioPlayer::finished, this, &HeadlessRunner::beginDrain);
    m_player->start(m_options.durationS);
    m_progress.start(kProgressIntervalMs);
}

bool HeadlessRunner::open(QString *error)
{
    std::optional<shop::Scenario> scenario = shop::Scenario::load(m_options.scenario, error);
    if (!scenario) {
        return false;
    }
    if (m_options.ordersPerSecond) {
        // A rate given on the command line wins over every step's.
        for (shop::ScenarioStep &step : scenario->steps) {
            step.ordersPerSecond = *m_options.ordersPerSecond;
        }
    }
    m_report.scenario = scenario->name;

    kafka::ClusterProfile profile;
    if (!m_options.profilePath.isEmpty()) {
        profile = kafka::ClusterProfile::fromFile(m_options.profilePath, error);
        if (!error->isEmpty()) {
            return false;
        }
    } else if (!m_options.bootstrap.isEmpty()) {
        profile = kafka::ClusterProfile::forBootstrap(m_options.bootstrap);
    } else {
        m_cluster = std::make_unique<shop::EmbeddedCluster>(m_options.dataDir);
        if (!m_cluster->start(error)) {
            return false;
        }
        profile = kafka::ClusterProfile::forBootstrap(m_cluster->bootstrapServers());
    }
    m_report.cluster = m_cluster
        ? QStringLiteral("embedded broker at %1").arg(profile.bootstrapServers)
        : profile.describe();

    shop::ShopConfig base;
    base.cluster = profile.clientConfig();
    base.topics.prefix = m_options.topicPrefix;
    base.seed = m_options.seed;
    const shop::ShopConfig config = scenario->initialConfig(base);
    m_shop = std::make_unique<shop::Shop>(config);
    m_shop->setEmbeddedCluster(m_cluster.get());
    m_out << QStringLiteral("opening the shop (%1) on %2\n").arg(scenario->title, m_report.cluster);
    m_out.flush();
    const shop::CommandResult opened = m_shop->start();
    if (!opened.ok) {
        *error = opened.text;
        return false;
    }
    m_player = std::make_unique<shop::ScenarioPlayer>(*scenario, m_shop.get());
    return true;
}

void HeadlessRunner::printProgress()
{
    printEvents();
    const shop::ShopCounts c = m_shop->stats().counts();
    const shop::LatencySummary l = m_shop->stats().latency();
    const double seconds = m_clock.elapsed() / 1000.0;
    m_rates.sample(c, m_clock.elapsed());
    m_out << QStringLiteral("%1s  placed %2  served %3  dead-lettered %4  waiting %5  %6/s  "
                            "p95 %7 ms  rebalances %8  errors %9%10\n")
                 .arg(seconds, 6, 'f', 1)
                 .arg(c.placed)
                 .arg(c.served)
                 .arg(c.deadLettered)
                 .arg(std::max<qint64>(0, c.outstanding()))
                 .arg(m_rates.servedPerSecond(), 0, 'f', 1)
                 .arg(l.p95, 0, 'f', 0)
                 .arg(c.rebalances)
                 .arg(c.errors)
                 .arg(m_drainClock.isValid() ? QStringLiteral("  (draining)") : QString());
    m_out.flush();
}

void HeadlessRunner::printEvents()
{
    // Nobody draws the shop here: keep the commands and errors, drop the per-order events.
    for (const shop::ShopEvent &e : m_shop->events().drain()) {
        if (e.kind == shop::ShopEvent::Kind::Command) {
            m_out << QStringLiteral("  > %1\n").arg(e.text);
        } else if (e.kind == shop::ShopEvent::Kind::Error) {
            m_err << QStringLiteral("  ! %1: %2\n").arg(e.participant, e.text);
        }
    }
    m_err.flush();
}

void HeadlessRunner::beginDrain()
{
    m_shop->stopTills();
    m_drainClock.start();
    m_drain.start(kDrainCheckMs);
}

void HeadlessRunner::checkDrain()
{
    const bool empty = m_shop->stats().counts().outstanding() <= 0;
    if (empty || m_drainClock.elapsed() >= m_options.drainTimeoutS * 1000) {
        m_drained = empty;
        m_drain.stop();
        finish();
    }
}

void HeadlessRunner::finish(const QString &error)
{
    m_progress.stop();
    if (m_shop && m_clock.isValid()) {
        m_report.durationS = m_clock.elapsed() / 1000.0;
        printProgress();
        m_shop->stop();
        printEvents();
        m_report.counts = m_shop->stats().counts();
        m_report.latency = m_shop->stats().latency();
        m_report.lostOrders = m_shop->stats().unserved(shop::RunReport::kListedLostOrders);
    }
    if (m_player) {
        m_report.actions = m_player->actions();
    }
    m_report.drained = m_drained;
    m_report.error = error;
    if (!error.isEmpty()) {
        m_err << QStringLiteral("chippy: %1\n").arg(error);
        m_err.flush();
    }

    int status = m_report.clean() ? kClean : kLostOrDuplicated;
    if (!error.isEmpty()) {
        status = kCouldNotRun;
    }
    QString writeError;
    if (m_options.reportPath.isEmpty()) {
        m_out << QJsonDocument(m_report.toJson()).toJson(QJsonDocument::Indented);
    } else if (!m_report.write(m_options.reportPath, &writeError)) {
        m_err << QStringLiteral("chippy: %1\n").arg(writeError);
        status = kCouldNotRun;
    }
    if (error.isEmpty()) {
        m_out << QStringLiteral(
            "placed %1, served %2, dead-lettered %3, lost %4, served twice %5\n")
                     .arg(m_report.counts.placed)
                     .arg(m_report.counts.served)
                     .arg(m_report.counts.deadLettered)
                     .arg(m_report.lost())
                     .arg(m_report.counts.servedTwice);
    }
    m_out.flush();
    m_err.flush();
    m_player.reset();
    m_shop.reset();
    m_cluster.reset();
    emit done(status);
}

} // namespace chippy::app
