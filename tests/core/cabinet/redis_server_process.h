#pragma once

#include <QProcess>
#include <QString>

namespace chippy::test {

// A redis-server of the test's own, on a loopback port with a password, that the test can kill
// and start again on the same port. With appendonly it writes every change to disk before
// answering, so that the trays outlive a kill.
class RedisServerProcess
{
public:
    RedisServerProcess(QString dataDir, bool appendOnly);
    ~RedisServerProcess();
    RedisServerProcess(const RedisServerProcess &) = delete;
    RedisServerProcess &operator=(const RedisServerProcess &) = delete;

    // Starts on a free port, or on port() again after kill(), and waits until it accepts
    // connections.
    bool start(QString *error);
    // SIGKILL: no shutdown, no save.
    void kill();

    int port() const { return m_port; }
    QString password() const { return m_password; }
    QString url() const; // without the password

private:
    bool startOn(int port, QString *error);

    QString m_dataDir;
    bool m_appendOnly;
    QString m_password;
    int m_port = 0;
    QProcess m_process;
};

// A loopback port that nothing listens on (at the moment of asking).
int unusedPort();

} // namespace chippy::test
