#include "cabinet/sigpipe_guard.h"

#include <QTest>

#include <cerrno>
#include <sys/socket.h>
#include <unistd.h>

// Writing to a Redis that went away must fail with EPIPE, not end the process with SIGPIPE.
class TestSigpipeGuard : public QObject
{
    Q_OBJECT

private slots:
    void aWriteToAClosedSocketFailsInsteadOfEndingTheProcess()
    {
        int ends[2];
        QCOMPARE(socketpair(AF_UNIX, SOCK_STREAM, 0, ends), 0);
        close(ends[1]);
        {
            const chippy::cabinet::SigpipeGuard guard;
            const char byte = 'x';
            QCOMPARE(write(ends[0], &byte, 1), ssize_t(-1));
            QCOMPARE(errno, EPIPE);
        }
        close(ends[0]);

        // The signal the write raised was discarded, and SIGPIPE is no longer blocked.
        sigset_t pending;
        sigpending(&pending);
        QVERIFY(!sigismember(&pending, SIGPIPE));
        sigset_t blocked;
        pthread_sigmask(SIG_BLOCK, nullptr, &blocked);
        QVERIFY(!sigismember(&blocked, SIGPIPE));
    }
};

QTEST_GUILESS_MAIN(TestSigpipeGuard)
#include "tst_cabinet_sigpipeguard.moc"
