#include "broker_fixture.h"
#include "process_runner.h"

#include <QElapsedTimer>
#include <QTcpSocket>
#include <QTest>
#include <QtEndian>

using namespace chippy::test;

namespace {

constexpr int kTimeoutMs = 10000;

QByteArray sizePrefixed(const QByteArray &body)
{
    QByteArray size(4, 0);
    qToBigEndian<qint32>(static_cast<qint32>(body.size()), size.data());
    return size + body;
}

// A request header: key, version, correlation id, client id.
QByteArray header(qint16 key, qint16 version, const QByteArray &clientId = "hostile")
{
    QByteArray h(8, 0);
    qToBigEndian<qint16>(key, h.data());
    qToBigEndian<qint16>(version, h.data() + 2);
    qToBigEndian<qint32>(7, h.data() + 4);
    QByteArray id(2, 0);
    qToBigEndian<qint16>(static_cast<qint16>(clientId.size()), id.data());
    return h + id + clientId;
}

} // namespace

// Malformed, truncated, oversized and unknown requests close their own connection only.
class TestHostileInput : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<BrokerFixture> m_broker;

    // Sends bytes on a fresh connection and reports whether the broker then closed it.
    bool brokerClosesAfter(const QByteArray &bytes)
    {
        QTcpSocket s;
        s.connectToHost(QStringLiteral("127.0.0.1"), m_broker->broker().port());
        if (!s.waitForConnected(kTimeoutMs)) {
            return false;
        }
        s.write(bytes);
        s.flush();
        QElapsedTimer t;
        t.start();
        while (s.state() == QAbstractSocket::ConnectedState && t.elapsed() < kTimeoutMs) {
            s.waitForReadyRead(100);
            s.readAll();
        }
        return s.state() != QAbstractSocket::ConnectedState;
    }

    void verifyStillServing()
    {
        const auto r = runProcess(
            QStringLiteral("kcat"), {"-b", m_broker->bootstrap(), "-L", "-m", "10"}, {}, 30000);
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("(controller)"));
    }

private slots:
    void init() { m_broker = std::make_unique<BrokerFixture>(); }
    void cleanup() { m_broker.reset(); }

    void anUnknownApiKeyClosesTheConnection()
    {
        QVERIFY(brokerClosesAfter(sizePrefixed(header(999, 0))));
        verifyStillServing();
    }

    void anUnsupportedVersionClosesTheConnection()
    {
        QVERIFY(brokerClosesAfter(sizePrefixed(header(3, 99) + QByteArray(4, 0))));
        verifyStillServing();
    }

    void aSizeOverTheLimitClosesBeforeReadingIt()
    {
        QByteArray size(4, 0);
        qToBigEndian<qint32>(0x7fffffff, size.data());
        QVERIFY(brokerClosesAfter(size));
        verifyStillServing();
    }

    void aNegativeSizeClosesTheConnection()
    {
        QVERIFY(brokerClosesAfter(QByteArray::fromHex("ffffffff")));
        verifyStillServing();
    }

    void aTruncatedMetadataBodyClosesTheConnection()
    {
        // Metadata v1 announcing 1000 topics and carrying none.
        QByteArray body = header(3, 1);
        body += QByteArray::fromHex("000003e8");
        QVERIFY(brokerClosesAfter(sizePrefixed(body)));
        verifyStillServing();
    }

    void aHugeStringLengthInsideARequestClosesTheConnection()
    {
        // Produce v3 whose transactional id claims 32767 bytes.
        QByteArray body = header(0, 3);
        body += QByteArray::fromHex("7fff") + "abc";
        QVERIFY(brokerClosesAfter(sizePrefixed(body)));
        verifyStillServing();
    }

    void randomGarbageNeverStopsTheBroker()
    {
        quint32 seed = 12345;
        for (int round = 0; round < 50; ++round) {
            QByteArray junk;
            const int n = 8 + static_cast<int>(seed % 200);
            for (int i = 0; i < n; ++i) {
                seed = seed * 1664525u + 1013904223u;
                junk += static_cast<char>(seed >> 24);
            }
            QTcpSocket s;
            s.connectToHost(QStringLiteral("127.0.0.1"), m_broker->broker().port());
            QVERIFY(s.waitForConnected(kTimeoutMs));
            s.write(sizePrefixed(junk));
            s.waitForBytesWritten(kTimeoutMs);
        }
        verifyStillServing();
    }

    void aClientThatStopsMidRequestDoesNotDisturbOthers()
    {
        QTcpSocket stalled;
        stalled.connectToHost(QStringLiteral("127.0.0.1"), m_broker->broker().port());
        QVERIFY(stalled.waitForConnected(kTimeoutMs));
        stalled.write(QByteArray::fromHex("00001000") + header(3, 1)); // 4 KiB promised, few sent
        stalled.waitForBytesWritten(kTimeoutMs);
        verifyStillServing();
    }
};

QTEST_GUILESS_MAIN(TestHostileInput)
#include "tst_hostileinput.moc"
