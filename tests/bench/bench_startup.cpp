// Startup benchmark: the app as someone who just installed it starts it, with an empty home
// (no settings, no keyring entries, no log of an earlier run), on the embedded broker. Each run
// is such a first run. Measures, from the moment the process is started, when the window has
// drawn its first frame (and which scene it shows), when the shop served its first order, and
// how long the app takes to quit on SIGTERM, leaving no temporary folder behind. Prints a table
// and JSON.
//
//   bench_startup [--runs N] [--json FILE] [--app PATH] [--window]
//
// Offscreen (QT_QPA_PLATFORM=offscreen) unless --window is given, which uses $DISPLAY.
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>

namespace {

constexpr int kDefaultRuns = 5;
constexpr int kLimitMs = 60000;
constexpr int kCheckMs = 5;

struct Run
{
    qint64 windowMs = -1;
    qint64 servedMs = -1;
    qint64 quitMs = -1;
    QString shows;
    int exitCode = -1;
    int leftBehind = -1; // entries left in the run's temporary folder
};

void spinUntil(const std::function<bool()> &done, int limitMs)
{
    const QDeadlineTimer deadline(limitMs);
    while (!done() && !deadline.hasExpired()) {
        QEventLoop loop;
        QTimer::singleShot(kCheckMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
}

Run runOnce(const QString &app, bool window)
{
    Run result;
    QTemporaryDir home;
    const QString tmp = home.filePath(QStringLiteral("tmp"));
    const QString runtime = home.filePath(QStringLiteral("run"));
    QDir().mkpath(tmp);
    QDir().mkpath(runtime);
    QFile::setPermissions(runtime, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral(".config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral(".local/share")));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral(".cache")));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime);
    env.insert(QStringLiteral("TMPDIR"), tmp);
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("chippy.startup.info=true"));
    if (!window) {
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    }

    QProcess process;
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::SeparateChannels);
    QElapsedTimer clock;
    QByteArray pending;
    QObject::connect(&process, &QProcess::readyReadStandardError, [&] {
        pending += process.readAllStandardError();
        qsizetype end;
        while ((end = pending.indexOf('\n')) >= 0) {
            const QString line = QString::fromUtf8(pending.left(end));
            pending.remove(0, end + 1);
            const qsizetype shows = line.indexOf(QLatin1String("the window shows "));
            if (shows >= 0 && result.windowMs < 0) {
                result.windowMs = clock.elapsed();
                result.shows = line.mid(shows + 17);
            } else if (line.contains(QLatin1String("served its first order"))
                && result.servedMs < 0) {
                result.servedMs = clock.elapsed();
            }
        }
    });
    clock.start();
    process.start(app, {});
    spinUntil(
        [&] {
            return (result.windowMs >= 0 && result.servedMs >= 0)
                || process.state() == QProcess::NotRunning;
        },
        kLimitMs);
    if (process.state() != QProcess::NotRunning) {
        QElapsedTimer quitting;
        quitting.start();
        process.terminate();
        spinUntil([&] { return process.state() == QProcess::NotRunning; }, kLimitMs);
        result.quitMs = quitting.elapsed();
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished();
        }
    }
    result.exitCode = process.exitCode();
    result.leftBehind = static_cast<int>(
        QDir(tmp).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).size());
    return result;
}

double median(QList<qint64> values)
{
    values.removeAll(-1);
    if (values.isEmpty()) {
        return -1;
    }
    std::sort(values.begin(), values.end());
    const qsizetype mid = values.size() / 2;
    return values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2.0;
}

qint64 worst(const QList<qint64> &values)
{
    return values.contains(-1) ? -1 : *std::max_element(values.begin(), values.end());
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("How fast a first run of chippy opens."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("runs"), QStringLiteral("Runs (each a first run)."),
        QStringLiteral("n"), QString::number(kDefaultRuns)});
    parser.addOption(
        {QStringLiteral("json"), QStringLiteral("Also write JSON here."), QStringLiteral("file")});
    parser.addOption({QStringLiteral("app"), QStringLiteral("The chippy binary."),
        QStringLiteral("path"), QStringLiteral(CHIPPY_APP_PATH)});
    parser.addOption({QStringLiteral("window"), QStringLiteral("Open a real window on $DISPLAY.")});
    parser.process(app);

    const int runs = std::max(1, parser.value(QStringLiteral("runs")).toInt());
    const QString path = parser.value(QStringLiteral("app"));
    const bool window = parser.isSet(QStringLiteral("window"));
    std::printf("chippy first runs (%s, empty home, embedded broker): ms from exec\n",
        window ? "window on $DISPLAY" : "offscreen");
    std::printf("%4s %10s %14s %9s %5s %5s  %s\n", "run", "1st frame", "1st served", "quit", "exit",
        "left", "shows");
    QList<qint64> frames, served, quits;
    QJsonArray rows;
    bool clean = true;
    for (int i = 1; i <= runs; ++i) {
        const Run r = runOnce(path, window);
        std::printf("%4d %10lld %14lld %9lld %5d %5d  %s\n", i, r.windowMs, r.servedMs, r.quitMs,
            r.exitCode, r.leftBehind, qPrintable(r.shows));
        std::fflush(stdout);
        frames << r.windowMs;
        served << r.servedMs;
        quits << r.quitMs;
        clean = clean && r.leftBehind == 0 && r.windowMs >= 0 && r.servedMs >= 0;
        rows.append(QJsonObject {{QStringLiteral("first_frame_ms"), r.windowMs},
            {QStringLiteral("first_served_ms"), r.servedMs}, {QStringLiteral("quit_ms"), r.quitMs},
            {QStringLiteral("exit_code"), r.exitCode},
            {QStringLiteral("left_behind"), r.leftBehind}, {QStringLiteral("shows"), r.shows}});
    }
    std::printf("median: 1st frame %.0f ms, 1st served %.0f ms, quit %.0f ms; worst: %lld, "
                "%lld, %lld ms\n",
        median(frames), median(served), median(quits), worst(frames), worst(served), worst(quits));
    const QJsonObject summary {{QStringLiteral("bench"), QStringLiteral("startup")},
        {QStringLiteral("window"), window}, {QStringLiteral("runs"), rows},
        {QStringLiteral("median_first_frame_ms"), median(frames)},
        {QStringLiteral("median_first_served_ms"), median(served)},
        {QStringLiteral("median_quit_ms"), median(quits)},
        {QStringLiteral("worst_first_frame_ms"), worst(frames)},
        {QStringLiteral("worst_first_served_ms"), worst(served)}};
    const QByteArray json = QJsonDocument(summary).toJson(QJsonDocument::Compact);
    std::printf("%s\n", json.constData());
    if (parser.isSet(QStringLiteral("json"))) {
        QFile out(parser.value(QStringLiteral("json")));
        if (out.open(QIODevice::WriteOnly)) {
            out.write(json + '\n');
        }
    }
    return clean ? 0 : 1;
}
