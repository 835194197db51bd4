#include "redis_server_process.h"

#include <QDeadlineTimer>
#include <QRandomGenerator>
#include <QTcpServer>

namespace chippy::test {

namespace {

constexpr int kReadyTimeoutMs = 15000;
constexpr int kStopTimeoutMs = 10000;
constexpr int kFreePortAttempts = 3;
const auto kReadyLine = QByteArrayLiteral("Ready to accept connections");

} // namespace

int unusedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort();
}

RedisServerProcess::RedisServerProcess(QString dataDir, bool appendOnly)
    : m_dataDir(std::move(dataDir))
    , m_appendOnly(appendOnly)
    , m_password(QStringLiteral("own-redis-%1").arg(QRandomGenerator::global()->generate()))
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
}

RedisServerProcess::~RedisServerProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(kStopTimeoutMs)) {
            kill();
        }
    }
}

QString RedisServerProcess::url() const
{
    return QStringLiteral("redis://127.0.0.1:%1").arg(m_port);
}

bool RedisServerProcess::start(QString *error)
{
    if (m_port != 0) {
        return startOn(m_port, error);
    }
    // A free port can be taken by another process before redis-server binds it: try others.
    for (int attempt = 0; attempt < kFreePortAttempts; ++attempt) {
        if (startOn(unusedPort(), error)) {
            return true;
        }
    }
    return false;
}

void RedisServerProcess::kill()
{
    m_process.kill();
    m_process.waitForFinished(kStopTimeoutMs);
}

bool RedisServerProcess::startOn(int port, QString *error)
{
    const QStringList args {QStringLiteral("--bind"), QStringLiteral("127.0.0.1"),
        QStringLiteral("--port"), QString::number(port), QStringLiteral("--requirepass"),
        m_password, QStringLiteral("--dir"), m_dataDir, QStringLiteral("--save"), QString(),
        QStringLiteral("--appendonly"), m_appendOnly ? QStringLiteral("yes") : QStringLiteral("no"),
        QStringLiteral("--appendfsync"), QStringLiteral("always"), QStringLiteral("--daemonize"),
        QStringLiteral("no")};
    m_process.start(QStringLiteral("redis-server"), args);
    if (!m_process.waitForStarted()) {
        *error = QStringLiteral("cannot run redis-server: %1").arg(m_process.errorString());
        return false;
    }
    QByteArray output;
    const QDeadlineTimer deadline(kReadyTimeoutMs);
    while (!output.contains(kReadyLine)) {
        if (m_process.state() == QProcess::NotRunning
            || !m_process.waitForReadyRead(static_cast<int>(deadline.remainingTime()))) {
            output += m_process.readAll();
            *error = QStringLiteral("redis-server on port %1 did not start:\n%2")
                         .arg(port)
                         .arg(QString::fromUtf8(output));
            kill();
            return false;
        }
        output += m_process.readAll();
    }
    m_port = port;
    return true;
}

} // namespace chippy::test
