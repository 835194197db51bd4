#include "shop/worker_priority.h"

#include <QThread>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace chippy::shop {

namespace {

// Niceness of a worker thread: a tenth of the window's share of a busy core. Raising it needs
// no privilege, and threads the worker starts inherit it.
constexpr int kWorkerNiceness = 10;

} // namespace

void runBelowTheWindow(QThread *thread)
{
#ifdef Q_OS_LINUX
    // Runs on the new thread, before its event loop: niceness is per thread on Linux.
    QObject::connect(
        thread, &QThread::started, thread,
        [] {
            const auto self = static_cast<id_t>(syscall(SYS_gettid));
            setpriority(PRIO_PROCESS, self, kWorkerNiceness);
        },
        Qt::DirectConnection);
#else
    QObject::connect(
        thread, &QThread::started, thread,
        [] { QThread::currentThread()->setPriority(QThread::LowPriority); }, Qt::DirectConnection);
#endif
}

} // namespace chippy::shop
