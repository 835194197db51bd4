#pragma once

#include <QProcess>
#include <QString>

#include <memory>

namespace chippy::analytics::test {

// An OpenSearch node of one's own, run by tests/servers/opensearch-server.sh in dir: started,
// killed with SIGKILL and started again on the same data and port, stopped when destroyed.
class OpenSearchNodeProcess
{
public:
    OpenSearchNodeProcess(const QString &serversDir, const QString &dir);
    ~OpenSearchNodeProcess();

    // Each returns empty on success, else what went wrong.
    QString start();
    QString kill();
    // Runs the script's restart without waiting; restartDone() tells when it is over.
    void beginRestart();
    bool restartDone() const;
    QString restartProblem() const;

    QString url() const { return m_url; }

private:
    QString runScript(const QString &command);
    QString readUrl();

    QString m_script;
    QString m_dir;
    QString m_url;
    std::unique_ptr<QProcess> m_restart;
};

// The servers' scripts directory: CHIPPY_SERVERS_DIR, which ctest sets.
QString serversDirFromEnvironment();

} // namespace chippy::analytics::test
