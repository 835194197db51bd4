// The window under load, as people see it: the app's own window and shop on the embedded
// broker. Measures launch to first frame (broker up), frames per second and frame times at a
// steady order rate, the worst frame and GUI-thread stall while the broker restarts flat out,
// then runs the shop flat out to a million orders and reads the resident memory. Prints a table
// and JSON. Needs a display: run it under Xvfb, e.g.
//
//   xvfb-run -s "-screen 0 1920x1080x24" bench_gui [--rate 1000] [--seconds 20]
//                                                  [--orders 1000000] [--json FILE]
#include "broker_log.h"
#include "gui_thread_watch.h"
#include "run_gui.h"
#include "shop_controller.h"
#include "view_settings.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace chippy;

namespace {

constexpr int kWarmUpMs = 3000;
constexpr int kFlatOutBeforeRestartMs = 3000;
constexpr int kRestartLimitMs = 120000;
constexpr int kAfterRestartMs = 2000;
constexpr int kMillionOrdersLimitMs = 15 * 60 * 1000;
constexpr QSize kWindowSize {1920, 1080};

// Times of the frames the window put on screen, recorded on the render thread.
class FrameClock
{
public:
    explicit FrameClock(const QElapsedTimer &since)
        : m_since(since)
    { }

    void frameShown()
    {
        QMutexLocker lock(&m_mutex);
        m_framesNs.append(m_since.nsecsElapsed());
    }
    // Nanoseconds since launch of every frame shown from now on (and of none before).
    QVector<qint64> take()
    {
        QMutexLocker lock(&m_mutex);
        return std::exchange(m_framesNs, {});
    }
    bool anyShown()
    {
        QMutexLocker lock(&m_mutex);
        return !m_framesNs.isEmpty();
    }
    qint64 first()
    {
        QMutexLocker lock(&m_mutex);
        return m_framesNs.isEmpty() ? -1 : m_framesNs.constFirst();
    }

private:
    const QElapsedTimer &m_since;
    QMutex m_mutex;
    QVector<qint64> m_framesNs;
};

struct FrameStats
{
    double fps = 0;
    double p50Ms = 0;
    double p95Ms = 0;
    double maxMs = 0;
    int frames = 0;
};

FrameStats statsOf(const QVector<qint64> &framesNs, double seconds)
{
    FrameStats s;
    s.frames = static_cast<int>(framesNs.size());
    s.fps = s.frames / seconds;
    QVector<double> gapsMs;
    for (qsizetype i = 1; i < framesNs.size(); ++i) {
        gapsMs.append((framesNs[i] - framesNs[i - 1]) / 1e6);
    }
    if (gapsMs.isEmpty()) {
        return s;
    }
    std::sort(gapsMs.begin(), gapsMs.end());
    const auto at = [&](double q) {
        return gapsMs[std::min(gapsMs.size() - 1, static_cast<qsizetype>(q * gapsMs.size()))];
    };
    s.p50Ms = at(0.50);
    s.p95Ms = at(0.95);
    s.maxMs = gapsMs.constLast();
    return s;
}

// A line of /proc/self/status, in MiB.
double procStatusMiB(const char *key)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return 0;
    }
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(key)) {
            return line.mid(qstrlen(key)).trimmed().split(' ').constFirst().toDouble() / 1024.0;
        }
    }
    return 0;
}

// Runs the event loop until the condition holds or the deadline passes.
bool waitFor(const std::function<bool()> &condition, int limitMs)
{
    QDeadlineTimer deadline(limitMs);
    while (!condition()) {
        if (deadline.hasExpired()) {
            return false;
        }
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    return true;
}

void runFor(int ms)
{
    QElapsedTimer t;
    t.start();
    waitFor([&] { return t.elapsed() >= ms; }, ms + 1000);
}

} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer sinceLaunch;
    sinceLaunch.start();
    const std::unique_ptr<QCoreApplication> application = gui::makeApplication(argc, argv);
    auto &app = static_cast<QApplication &>(*application);

    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({"rate", "Steady orders per second while frames are timed.", "n", "1000"});
    parser.addOption({"seconds", "How long frames are timed, in seconds.", "s", "20"});
    parser.addOption({"orders", "Orders to run flat out before memory is read.", "n", "1000000"});
    parser.addOption({"json", "Also write the JSON to this file.", "file"});
    parser.process(app);
    const double rate = parser.value("rate").toDouble();
    const int seconds = std::max(1, parser.value("seconds").toInt());
    const qint64 orders = parser.value("orders").toLongLong();

    QTextStream out(stdout);
    QTextStream err(stderr);
    // The window shows what the embedded broker does; its log only needs to say what goes wrong.
    broker::brokerLog().set_level(spdlog::level::warn);
    gui::ViewSettings view(nullptr);
    gui::ShopController controller(gui::windowShopConfig(), nullptr);
    QString error;
    if (!controller.start(QStringLiteral("stress"), 0, &error)) {
        err << "bench_gui: " << error << '\n';
        return 1;
    }

    QQmlApplicationEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
    engine.load(QUrl(QStringLiteral("qrc:/qt/qml/Chippy/Main.qml")));
    auto *window = engine.rootObjects().isEmpty()
        ? nullptr
        : qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
    if (!window) {
        err << "bench_gui: the window could not be loaded\n";
        return 1;
    }
    FrameClock frames(sinceLaunch);
    QObject::connect(
        window, &QQuickWindow::frameSwapped, window, [&frames] { frames.frameShown(); },
        Qt::DirectConnection);
    window->resize(kWindowSize);
    window->show();

    const auto running = [&] { return controller.status() == QLatin1String("running"); };
    if (!waitFor([&] { return frames.anyShown() && running(); }, 30000)) {
        err << "bench_gui: no frame or the shop did not start: " << controller.statusText() << '\n';
        return 1;
    }
    const double firstFrameMs = frames.first() / 1e6;
    const double launchMs = sinceLaunch.nsecsElapsed() / 1e6;
    // The scene opens flat out; the steady rate is set once the shop runs.
    controller.setOrderRate(rate);

    runFor(kWarmUpMs);
    frames.take();
    const qint64 placedBefore = controller.placed();
    QElapsedTimer steady;
    steady.start();
    runFor(seconds * 1000);
    const double steadyS = steady.nsecsElapsed() / 1e9;
    const FrameStats atRate = statsOf(frames.take(), steadyS);
    const double achievedRate = (controller.placed() - placedBefore) / steadyS;

    // A broker restart, flat out: frames and the GUI thread from the click until every
    // participant is back.
    controller.setOrderRate(0);
    runFor(kFlatOutBeforeRestartMs);
    frames.take();
    GuiThreadWatch watch;
    watch.start();
    QElapsedTimer restart;
    restart.start();
    controller.restartBroker();
    const bool wentDown = waitFor([&] { return !running(); }, kRestartLimitMs);
    const bool cameBack = wentDown && waitFor(running, kRestartLimitMs);
    const double restartS = restart.nsecsElapsed() / 1e9;
    runFor(kAfterRestartMs);
    const FrameStats restarting = statsOf(frames.take(), restart.nsecsElapsed() / 1e9);
    watch.stop();

    QElapsedTimer flatOut;
    flatOut.start();
    frames.take();
    const qint64 placedAtFlatOut = controller.placed();
    const bool reached
        = waitFor([&] { return controller.placed() >= orders; }, kMillionOrdersLimitMs);
    const double flatOutS = flatOut.nsecsElapsed() / 1e9;
    const FrameStats flat = statsOf(frames.take(), flatOutS);
    const double rssMiB = procStatusMiB("VmRSS:");
    const double peakMiB = procStatusMiB("VmHWM:");
    const qint64 placed = controller.placed();
    const qint64 served = controller.served();
    const QString backend
        = window->rendererInterface()->graphicsApi() == QSGRendererInterface::Software
        ? QStringLiteral("software")
        : QStringLiteral("opengl");

    out << "window " << kWindowSize.width() << 'x' << kWindowSize.height() << ", "
        << QGuiApplication::platformName() << ", " << backend << " renderer\n";
    out << QStringLiteral("launch to first frame (broker up)   %1 ms (first frame at %2 ms)\n")
               .arg(launchMs, 0, 'f', 0)
               .arg(firstFrameMs, 0, 'f', 0);
    out << QStringLiteral("at %1 orders/s (achieved %2/s)    %3 fps, frame p50 %4 ms, p95 %5 "
                          "ms, max %6 ms\n")
               .arg(rate)
               .arg(achievedRate, 0, 'f', 0)
               .arg(atRate.fps, 0, 'f', 1)
               .arg(atRate.p50Ms, 0, 'f', 1)
               .arg(atRate.p95Ms, 0, 'f', 1)
               .arg(atRate.maxMs, 0, 'f', 1);
    out << QStringLiteral("broker restart, flat out            back in %1 s, worst frame %2 ms, "
                          "worst GUI-thread stall %3 ms (%7 ms without waiting for a CPU), "
                          "frame p95 %4 ms, peak RSS %5 MiB%6\n")
               .arg(restartS, 0, 'f', 1)
               .arg(restarting.maxMs, 0, 'f', 1)
               .arg(watch.worstStallMs(), 0, 'f', 1)
               .arg(restarting.p95Ms, 0, 'f', 1)
               .arg(watch.peakRssMiB(), 0, 'f', 0)
               .arg(cameBack ? QString() : QStringLiteral(" (not back within the limit)"))
               .arg(watch.worstOwnStallMs(), 0, 'f', 1);
    out << QStringLiteral("flat out to %1 orders               %2 s (%3/s), %4 fps, p95 %5 ms%6\n")
               .arg(placed)
               .arg(flatOutS, 0, 'f', 0)
               .arg((placed - placedAtFlatOut) / flatOutS, 0, 'f', 0)
               .arg(flat.fps, 0, 'f', 1)
               .arg(flat.p95Ms, 0, 'f', 1)
               .arg(reached ? QString() : QStringLiteral(" (limit reached first)"));
    out << QStringLiteral("resident memory after that          %1 MiB (peak %2 MiB), %3 served\n")
               .arg(rssMiB, 0, 'f', 0)
               .arg(peakMiB, 0, 'f', 0)
               .arg(served);

    const QJsonObject json {{"benchmark", "gui"}, {"platform", QGuiApplication::platformName()},
        {"renderer", backend}, {"launch_to_first_frame_ms", launchMs},
        {"steady",
            QJsonObject {{"rate", rate}, {"achieved_rate", achievedRate}, {"fps", atRate.fps},
                {"frame_p50_ms", atRate.p50Ms}, {"frame_p95_ms", atRate.p95Ms},
                {"frame_max_ms", atRate.maxMs}}},
        {"restart",
            QJsonObject {{"back_after_s", restartS}, {"back", cameBack},
                {"frame_max_ms", restarting.maxMs}, {"frame_p95_ms", restarting.p95Ms},
                {"gui_stall_max_ms", watch.worstStallMs()},
                {"gui_own_stall_max_ms", watch.worstOwnStallMs()},
                {"peak_rss_mib", watch.peakRssMiB()}}},
        {"flat_out",
            QJsonObject {{"orders", placed}, {"served", served}, {"seconds", flatOutS},
                {"fps", flat.fps}, {"frame_p95_ms", flat.p95Ms}, {"reached", reached}}},
        {"rss_mib", rssMiB}, {"peak_rss_mib", peakMiB}};
    const QByteArray compact = QJsonDocument(json).toJson(QJsonDocument::Compact);
    out << compact << '\n';
    out.flush();
    if (parser.isSet("json")) {
        QFile file(parser.value("json"));
        if (file.open(QIODevice::WriteOnly)) {
            file.write(compact + '\n');
        }
    }
    window->close();
    return reached && cameBack ? 0 : 1;
}
