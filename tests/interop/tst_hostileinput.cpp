#include "broker_fixture.h"
#include "process_runner.h"
#include "protocol/crc32c.h"
#include "wire_client.h"

#include <QElapsedTimer>
#include <QTcpSocket>
#include <QTest>
#include <QtEndian>

#include <optional>
#include <span>

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

// Produce v0 (null client id, acks 1, topic "a", partition 0) carrying one bare batch
// header: base offset 0, last offset delta 0x7FFFFFFF, one record, magic 2, the given CRC.
QByteArray produceWithOverflowingDelta(quint32 crc)
{
    QByteArray batch = QByteArray::fromHex("0000000000000000" // base offset
                                           "00000031" // batch length: the header alone
                                           "ffffffff" // partition leader epoch
                                           "02"); // magic
    QByteArray afterCrc = QByteArray::fromHex("0000" // attributes
                                              "7fffffff" // last offset delta
                                              "0000018bcfe56800" // base timestamp
                                              "0000018bcfe56800" // max timestamp
                                              "ffffffffffffffff" // producer id
                                              "ffff" // producer epoch
                                              "ffffffff" // base sequence
                                              "00000001"); // record count
    QByteArray crcBytes(4, 0);
    qToBigEndian<quint32>(crc, crcBytes.data());
    batch += crcBytes + afterCrc;
    QByteArray body = QByteArray::fromHex("0000" // Produce
                                          "0000" // v0
                                          "00000007" // correlation id
                                          "ffff" // null client id
                                          "0001" // acks 1
                                          "000003e8" // timeout
                                          "00000001" // one topic
                                          "0001")
        + "a"
        + QByteArray::fromHex("00000001" // one partition
                              "00000000"); // partition 0
    QByteArray length(4, 0);
    qToBigEndian<qint32>(static_cast<qint32>(batch.size()), length.data());
    return body + length + batch;
}

// Sends one request on a fresh connection and returns the response body after its
// correlation id, or nothing when none arrives.
std::optional<QByteArray> answerTo(std::uint16_t port, const QByteArray &request)
{
    QTcpSocket s;
    s.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!s.waitForConnected(kTimeoutMs)) {
        return std::nullopt;
    }
    s.write(sizePrefixed(request));
    QByteArray in;
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < kTimeoutMs) {
        if (in.size() >= 4 && in.size() >= 4 + qFromBigEndian<qint32>(in.constData())) {
            return in.mid(8, qFromBigEndian<qint32>(in.constData()) - 4);
        }
        if (s.state() != QAbstractSocket::ConnectedState) {
            return std::nullopt;
        }
        s.waitForReadyRead(100);
        in += s.readAll();
    }
    return std::nullopt;
}

// The error code of the first partition of a Produce v0 response for topic "a".
qint16 firstPartitionError(const QByteArray &body)
{
    // topics array (4), name "a" (2 + 1), partitions array (4), partition index (4)
    constexpr int kErrorAt = 4 + 3 + 4 + 4;
    return body.size() >= kErrorAt + 2 ? qFromBigEndian<qint16>(body.constData() + kErrorAt) : -1;
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

    // Produce requests need their topic to exist, as in Kafka.
    void createTopic(const std::string &name)
    {
        WireClient client;
        QVERIFY(client.connectTo(m_broker->broker().port()));
        QVERIFY(client.createTopic(name));
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

    // A last offset delta of INT32_MAX once overflowed, before the CRC check, the 32-bit sum
    // that compares it with the record count: one 96-byte frame aborted a sanitizer build.
    void anOverflowingOffsetDeltaIsACorruptBatchAndTheBrokerServesOn()
    {
        createTopic("a");
        const auto frame = produceWithOverflowingDelta(0);
        QCOMPARE(frame.size(), 96);
        const auto body = answerTo(m_broker->broker().port(), frame);
        QVERIFY(body);
        QCOMPARE(firstPartitionError(*body), qint16(2)); // CORRUPT_MESSAGE
        verifyStillServing();
    }

    void anOverflowingOffsetDeltaWithAValidCrcIsAnInvalidRecord()
    {
        createTopic("a");
        auto frame = produceWithOverflowingDelta(0);
        const auto batchAt = frame.size() - 61;
        const auto covered = std::span(
            reinterpret_cast<const std::uint8_t *>(frame.constData()) + batchAt + 21, 61 - 21);
        frame = produceWithOverflowingDelta(chippy::broker::crc32c(covered));
        const auto body = answerTo(m_broker->broker().port(), frame);
        QVERIFY(body);
        QCOMPARE(firstPartitionError(*body), qint16(87)); // INVALID_RECORD
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
