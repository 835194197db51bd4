#include "quit_on_signals.h"

#include <QCoreApplication>

#ifdef Q_OS_UNIX
#include <QSocketNotifier>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>
#endif

namespace chippy::app {

#ifdef Q_OS_UNIX

namespace {

int s_wake[2] = {-1, -1};
volatile std::sig_atomic_t s_caught = 0;

// Only what a signal handler may do: note it, and wake the event loop through a socket.
void onSignal(int signal)
{
    if (s_caught++ > 0) {
        std::signal(signal, SIG_DFL);
        std::raise(signal);
        return;
    }
    const unsigned char number = static_cast<unsigned char>(signal);
    [[maybe_unused]] const ssize_t written = ::write(s_wake[1], &number, 1);
}

} // namespace

void quitOnSignals(QCoreApplication &app)
{
    if (s_wake[0] >= 0 || ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, s_wake) != 0) {
        return;
    }
    auto *notifier = new QSocketNotifier(s_wake[0], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, [notifier] {
        notifier->setEnabled(false);
        unsigned char number = 0;
        [[maybe_unused]] const ssize_t got = ::read(s_wake[0], &number, 1);
        QCoreApplication::exit(128 + number);
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (const int signal : {SIGINT, SIGTERM, SIGHUP}) {
        sigaction(signal, &action, nullptr);
    }
}

#else

void quitOnSignals(QCoreApplication &) { }

#endif

} // namespace chippy::app
