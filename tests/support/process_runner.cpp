#include "process_runner.h"

#include <QProcess>
#include <QProcessEnvironment>

namespace chippy::test {

ProcessResult runProcess(
    const QString &program, const QStringList &args, const QByteArray &input, int timeoutMs)
{
    ProcessResult result;
    QProcess p;
    p.start(program, args);
    if (!p.waitForStarted(10000)) {
        result.err = "could not start " + program.toUtf8() + ": " + p.errorString().toUtf8();
        return result;
    }
    if (!input.isEmpty()) {
        p.write(input);
    }
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        result.timedOut = true;
        p.kill();
        p.waitForFinished(5000);
    }
    result.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    result.out = p.readAllStandardOutput();
    result.err = p.readAllStandardError();
    return result;
}

QString testDataDir()
{
    return QProcessEnvironment::systemEnvironment().value(QStringLiteral("CHIPPY_TEST_DATA_DIR"));
}

} // namespace chippy::test
