// Kafka's connection limits over real sockets: connections.max.idle.ms, max.connections and
// max.connections.per.ip, each refusal said in the broker's log.
#include "broker_fixture.h"
#include "broker_log.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QTcpSocket>
#include <QTest>
#include <QtEndian>

#include <spdlog/sinks/ostream_sink.h>

#include <limits>
#include <memory>
#include <sstream>

using namespace chippy::test;

namespace {

constexpr int kTimeoutMs = 10000;

// An ApiVersions v0 request, size prefix included.
QByteArray apiVersionsRequest()
{
    QByteArray frame = QByteArray::fromHex("0000000a" // size
                                           "0012"
                                           "0000"
                                           "00000001" // key 18, v0, correlation 1
                                           "0000"); // empty client id
    return frame;
}

// A client connection, from a chosen loopback address.
class Client
{
public:
    explicit Client(std::uint16_t port, const QString &from = QStringLiteral("127.0.0.1"))
    {
        m_socket.bind(QHostAddress(from));
        m_socket.connectToHost(QStringLiteral("127.0.0.1"), port);
        m_socket.waitForConnected(kTimeoutMs);
    }

    // True when the broker answers an ApiVersions request on this connection.
    bool isServed()
    {
        if (m_socket.state() != QAbstractSocket::ConnectedState) {
            return false;
        }
        m_socket.write(apiVersionsRequest());
        QByteArray in;
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < kTimeoutMs && m_socket.state() == QAbstractSocket::ConnectedState) {
            m_socket.waitForReadyRead(50);
            in += m_socket.readAll();
            if (in.size() >= 4 && in.size() >= 4 + qFromBigEndian<qint32>(in.constData())) {
                return true;
            }
        }
        return false;
    }

    // True once the broker has closed the connection, within timeoutMs.
    bool closedWithin(int timeoutMs)
    {
        QElapsedTimer t;
        t.start();
        while (m_socket.state() == QAbstractSocket::ConnectedState && t.elapsed() < timeoutMs) {
            m_socket.waitForReadyRead(20);
            m_socket.readAll();
        }
        return m_socket.state() != QAbstractSocket::ConnectedState;
    }

    void close()
    {
        m_socket.disconnectFromHost();
        if (m_socket.state() != QAbstractSocket::UnconnectedState) {
            m_socket.waitForDisconnected(kTimeoutMs);
        }
    }

private:
    QTcpSocket m_socket;
};

} // namespace

class TestConnectionLimits : public QObject
{
    Q_OBJECT

private:
    std::ostringstream m_logged;
    std::shared_ptr<spdlog::sinks::ostream_sink_mt> m_sink;

    std::string logged()
    {
        m_sink->flush();
        return m_logged.str();
    }

private slots:
    void initTestCase()
    {
        m_sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(m_logged);
        chippy::broker::brokerLog().sinks().push_back(m_sink);
    }

    void cleanupTestCase() { std::erase(chippy::broker::brokerLog().sinks(), m_sink); }

    void init() { m_logged.str({}); }

    void theDefaultsAreKafkas()
    {
        const chippy::broker::BrokerConfig config;
        QCOMPARE(config.connectionsMaxIdleMs, std::int64_t {600000});
        QCOMPARE(config.maxConnections, std::numeric_limits<std::int32_t>::max());
        QCOMPARE(config.maxConnectionsPerIp, std::numeric_limits<std::int32_t>::max());
    }

    void anIdleConnectionIsClosedAfterTheIdleTimeout()
    {
        chippy::broker::BrokerConfig config;
        config.connectionsMaxIdleMs = 300;
        BrokerFixture broker(false, config);
        Client client(broker.broker().port());
        QVERIFY(client.isServed());
        QElapsedTimer t;
        t.start();
        QVERIFY(client.closedWithin(kTimeoutMs));
        QVERIFY2(t.elapsed() >= 250, QByteArray::number(t.elapsed()).constData());
        QTRY_VERIFY_WITH_TIMEOUT(
            logged().find("connections.max.idle.ms") != std::string::npos, kTimeoutMs);
    }

    void aConnectionInUseIsNotIdle()
    {
        chippy::broker::BrokerConfig config;
        config.connectionsMaxIdleMs = 300;
        BrokerFixture broker(false, config);
        Client client(broker.broker().port());
        for (int i = 0; i < 10; ++i) {
            QVERIFY(client.isServed());
            QTest::qWait(100);
        }
    }

    void connectionsBeyondTheBrokersMaximumAreRefusedAndLogged()
    {
        chippy::broker::BrokerConfig config;
        config.maxConnections = 2;
        BrokerFixture broker(false, config);
        Client first(broker.broker().port());
        Client second(broker.broker().port());
        QVERIFY(first.isServed());
        QVERIFY(second.isServed());
        Client third(broker.broker().port());
        QVERIFY(third.closedWithin(kTimeoutMs));
        QTRY_VERIFY_WITH_TIMEOUT(
            logged().find("refused a connection from 127.0.0.1: the broker has the maximum of 2 "
                          "connections open (max.connections)")
                != std::string::npos,
            kTimeoutMs);

        // A place freed is a place taken again.
        first.close();
        QTRY_VERIFY_WITH_TIMEOUT(Client(broker.broker().port()).isServed(), kTimeoutMs);
        QVERIFY(second.isServed());
    }

    void connectionsBeyondTheMaximumPerAddressAreRefusedForThatAddressOnly()
    {
        chippy::broker::BrokerConfig config;
        config.maxConnectionsPerIp = 1;
        BrokerFixture broker(false, config);
        Client first(broker.broker().port());
        QVERIFY(first.isServed());
        Client again(broker.broker().port());
        QVERIFY(again.closedWithin(kTimeoutMs));
        Client elsewhere(broker.broker().port(), QStringLiteral("127.0.0.2"));
        QVERIFY(elsewhere.isServed());
        QTRY_VERIFY_WITH_TIMEOUT(
            logged().find("max.connections.per.ip") != std::string::npos, kTimeoutMs);
    }
};

QTEST_GUILESS_MAIN(TestConnectionLimits)
#include "tst_connectionlimits.moc"
