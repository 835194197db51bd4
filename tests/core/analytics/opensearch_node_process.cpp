#include "opensearch_node_process.h"

#include <QFile>
#include <QProcessEnvironment>

#include <csignal>

namespace chippy::analytics::test {

namespace {

static constexpr int kScriptTimeoutMs = 240000;

QString outputOf(QProcess &process)
{
    return QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError());
}

} // namespace

QString serversDirFromEnvironment()
{
    return QProcessEnvironment::systemEnvironment().value(QStringLiteral("CHIPPY_SERVERS_DIR"));
}

OpenSearchNodeProcess::OpenSearchNodeProcess(const QString &serversDir, const QString &dir)
    : m_script(serversDir + QStringLiteral("/opensearch-server.sh"))
    , m_dir(dir)
{ }

OpenSearchNodeProcess::~OpenSearchNodeProcess()
{
    if (m_restart) {
        m_restart->waitForFinished(kScriptTimeoutMs);
    }
    runScript(QStringLiteral("stop"));
}

QString OpenSearchNodeProcess::runScript(const QString &command)
{
    QProcess process;
    process.start(QStringLiteral("bash"), {m_script, command, m_dir});
    if (!process.waitForFinished(kScriptTimeoutMs)) {
        process.kill();
        process.waitForFinished();
        return QStringLiteral("%1 %2 did not finish: %3").arg(m_script, command, outputOf(process));
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        return QStringLiteral("%1 %2 failed: %3").arg(m_script, command, outputOf(process));
    }
    return {};
}

QString OpenSearchNodeProcess::readUrl()
{
    QFile env(m_dir + QStringLiteral("/server.env"));
    if (!env.open(QIODevice::ReadOnly | QIODevice::Text)) {
        return QStringLiteral("no %1").arg(env.fileName());
    }
    while (!env.atEnd()) {
        const auto line = QString::fromUtf8(env.readLine()).trimmed();
        if (line.startsWith(QLatin1String("URL="))) {
            m_url = line.mid(4);
        }
    }
    return m_url.isEmpty() ? QStringLiteral("no URL in %1").arg(env.fileName()) : QString();
}

QString OpenSearchNodeProcess::start()
{
    const auto problem = runScript(QStringLiteral("start"));
    return problem.isEmpty() ? readUrl() : problem;
}

QString OpenSearchNodeProcess::kill()
{
    QFile pidFile(m_dir + QStringLiteral("/pid"));
    if (!pidFile.open(QIODevice::ReadOnly)) {
        return QStringLiteral("no %1").arg(pidFile.fileName());
    }
    const pid_t group = pidFile.readAll().trimmed().toInt();
    if (group <= 1 || ::kill(-group, SIGKILL) != 0) {
        return QStringLiteral("cannot kill process group %1").arg(group);
    }
    return {};
}

void OpenSearchNodeProcess::beginRestart()
{
    m_restart = std::make_unique<QProcess>();
    m_restart->setProcessChannelMode(QProcess::MergedChannels);
    m_restart->start(QStringLiteral("bash"), {m_script, QStringLiteral("restart"), m_dir});
}

bool OpenSearchNodeProcess::restartDone() const
{
    return m_restart && m_restart->state() == QProcess::NotRunning;
}

QString OpenSearchNodeProcess::restartProblem() const
{
    if (!restartDone()) {
        return QStringLiteral("the restart has not finished");
    }
    if (m_restart->exitStatus() != QProcess::NormalExit || m_restart->exitCode() != 0) {
        return QStringLiteral("restart failed: ") + QString::fromUtf8(m_restart->readAll());
    }
    return {};
}

} // namespace chippy::analytics::test
