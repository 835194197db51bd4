#pragma once

#include <csignal>

namespace chippy::cabinet {

// hiredis 0.14 writes with write(2): a Redis that went away would raise SIGPIPE and end the
// process. While a guard lives, SIGPIPE is blocked on this thread and one it raised is discarded,
// so the write fails with EPIPE instead, without changing the process's signal handling.
class SigpipeGuard
{
public:
    SigpipeGuard();
    ~SigpipeGuard();
    SigpipeGuard(const SigpipeGuard &) = delete;
    SigpipeGuard &operator=(const SigpipeGuard &) = delete;

private:
    sigset_t m_previousMask;
    bool m_wasPending = false;
};

} // namespace chippy::cabinet
