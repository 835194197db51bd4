#include "cabinet/sigpipe_guard.h"

#include <pthread.h>
#include <time.h>

namespace chippy::cabinet {

namespace {

sigset_t onlySigpipe()
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGPIPE);
    return set;
}

bool sigpipePending()
{
    sigset_t pending;
    sigpending(&pending);
    return sigismember(&pending, SIGPIPE) == 1;
}

} // namespace

SigpipeGuard::SigpipeGuard()
{
    const auto set = onlySigpipe();
    pthread_sigmask(SIG_BLOCK, &set, &m_previousMask);
    m_wasPending = sigpipePending();
}

SigpipeGuard::~SigpipeGuard()
{
    if (!m_wasPending && sigpipePending()) {
        const auto set = onlySigpipe();
        const timespec now {0, 0};
        sigtimedwait(&set, nullptr, &now);
    }
    pthread_sigmask(SIG_SETMASK, &m_previousMask, nullptr);
}

} // namespace chippy::cabinet
