#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace chippy::test {

struct ProcessResult
{
    int exitCode = -1;
    bool timedOut = false;
    QByteArray out;
    QByteArray err;
};

// Runs a program to completion (with optional standard input), killing it after timeoutMs.
ProcessResult runProcess(const QString &program, const QStringList &args,
    const QByteArray &input = {}, int timeoutMs = 60000);

// Debian's kafka-python loads only in the system interpreter.
inline QString systemPython()
{
    return QStringLiteral("/usr/bin/python3");
}

// The directory of checked-in test data (tests/data).
QString testDataDir();

} // namespace chippy::test
