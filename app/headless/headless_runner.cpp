#include "headless_runner.h"

#include "embedded_kafka.h"
#include "shop/hot_cabinet.h"
#include "shop/session/shop_session.h"

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
    connect(&m_backOfficeCheck, &QTimer::timeout, this, &HeadlessRunner::checkBackOffice);
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
    m_session->play(m_options.durationS);
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
            step.settings.ordersPerSecond = *m_options.ordersPerSecond;
        }
    }
    m_report.scenario = scenario->name;
    m_steps = static_cast<int>(scenario->steps.size());

    shop::SessionSetup setup;
    if (!m_options.profilePath.isEmpty()) {
        const auto fromFile = shop::SessionSetup::fromProfileFile(m_options.profilePath, error);
        if (!fromFile) {
            return false;
        }
        setup = *fromFile;
    } else if (!m_options.bootstrap.isEmpty()) {
        setup = shop::SessionSetup::forBootstrap(m_options.bootstrap);
    } else {
        setup = shop::SessionSetup::forLocal(std::make_shared<EmbeddedKafka>(m_options.dataDir));
    }
    setup.base.topics.prefix = m_options.topicPrefix;
    setup.base.analytics = m_options.analytics;
    setup.base.ledger = m_options.ledger;
    setup.base.cabinet = m_options.cabinet;
    setup.base.seed = m_options.seed;
    m_session = std::make_unique<shop::ShopSession>(setup);
    connect(m_session.get(), &shop::ShopSession::stepStarted, this,
        [this](int index, const QString &title, const QString &caption) {
            m_out << QStringLiteral("step %1/%2: %3\n  %4\n")
                         .arg(index + 1)
                         .arg(m_steps)
                         .arg(title, caption);
            m_out.flush();
        });
    connect(m_session.get(), &shop::ShopSession::finished, this, &HeadlessRunner::beginDrain);

    const bool local = setup.local != nullptr;
    m_out << QStringLiteral("opening the shop (%1) on %2\n")
                 .arg(scenario->title,
                     local ? QStringLiteral("the embedded broker") : m_session->clusterName());
    m_out.flush();
    const shop::CommandResult opened = m_session->open(*scenario);
    m_report.cluster = m_session->clusterName();
    if (!opened.ok) {
        *error = opened.text;
        return false;
    }
    return true;
}

void HeadlessRunner::printProgress()
{
    printEvents();
    const shop::ShopCounts c = m_session->stats()->counts();
    const shop::LatencySummary l = m_session->stats()->latency();
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
    QVector<shop::ShopEvent> events = m_session->events()->drain();
    events += m_session->sessionEvents()->drain();
    for (const shop::ShopEvent &e : std::as_const(events)) {
        if (e.kind == shop::ShopEvent::Kind::Command
            || e.kind == shop::ShopEvent::Kind::CabinetAnswers) {
            m_out << QStringLiteral("  > %1\n").arg(e.text);
        } else if (e.kind == shop::ShopEvent::Kind::Error) {
            m_err << QStringLiteral("  ! %1: %2\n").arg(e.participant, e.text);
        }
    }
    m_err.flush();
}

void HeadlessRunner::beginDrain()
{
    m_session->stopTills();
    m_drainClock.start();
    m_drain.start(kDrainCheckMs);
}

void HeadlessRunner::checkDrain()
{
    const bool empty = m_session->stats()->counts().outstanding() <= 0;
    if (empty || m_drainClock.elapsed() >= m_options.drainTimeoutS * 1000) {
        m_drained = empty;
        m_drain.stop();
        if (m_session->state().backOffice.isEmpty()) {
            finish();
        } else {
            m_backOfficeCheck.start(kBackOfficeCheckMs);
        }
    }
}

void HeadlessRunner::checkBackOffice()
{
    const QStringList joined = m_session->state().backOffice;
    const auto totals
        = shop::BackOfficeTotals::read(m_session->analyticsSettings(), m_session->ledgerSettings());
    const qint64 readable
        = m_session->stats()->counts().placed - m_session->stats()->counts().deadLettered;
    const bool statisticianDone = !joined.contains(QLatin1String("statistician"))
        || (totals.figures && totals.figures->ordersCounted >= readable);
    const bool booksDone = !joined.contains(QLatin1String("accountant"))
        || (totals.books && totals.books->orders >= readable);
    if ((statisticianDone && booksDone)
        || m_drainClock.elapsed() >= 2 * m_options.drainTimeoutS * 1000) {
        m_backOfficeCheck.stop();
        finish();
    }
}

void HeadlessRunner::finish(const QString &error)
{
    m_progress.stop();
    if (m_session && m_session->stats() && m_clock.isValid()) {
        m_report.durationS = m_clock.elapsed() / 1000.0;
        printProgress();
        // The counts once everyone has left, with what they said on the way out.
        shop::ShopStats *stats = m_session->stats();
        m_report.actions = m_session->actions();
        m_report.backOffice = m_session->state().backOffice;
        const bool usedCabinet = m_session->state().settings.model.value_or(0)
            >= shop::ShopConfig::kFirstModelWithCabinet;
        // Closing the shop is closing time: the cabinet is emptied and its waste counted.
        m_session->close();
        if (usedCabinet) {
            m_report.cabinetStore = shop::describeCabinet(m_options.cabinet);
            m_report.cabinet = stats->cabinet().totals();
        }
        if (!m_report.backOffice.isEmpty()) {
            m_report.backOfficeTotals = shop::BackOfficeTotals::read(
                m_session->analyticsSettings(), m_session->ledgerSettings());
        }
        printEvents();
        m_report.counts = stats->counts();
        m_report.latency = stats->latency();
        m_report.lostOrders = stats->unserved(shop::RunReport::kListedLostOrders);
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
    m_session.reset();
    emit done(status);
}

} // namespace chippy::app
