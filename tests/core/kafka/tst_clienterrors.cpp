#include "broker_fixture.h"
#include "kafka/admin.h"
#include "kafka/client_error.h"
#include "kafka/consumer.h"
#include "kafka/producer.h"

#include <QElapsedTimer>
#include <QTcpServer>
#include <QTest>

#include <librdkafka/rdkafka.h>

using namespace chippy;
using namespace chippy::kafka;

namespace {

// A loopback port nobody listens on: bound once to get a free number, then released.
quint16 closedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

} // namespace

// Errors reach the user in words, and quickly.
class TestClientErrors : public QObject
{
    Q_OBJECT

private slots:
    void aClosedPortFailsWithinTenSecondsInWords()
    {
        const QString address = QStringLiteral("127.0.0.1:%1").arg(closedPort());
        QString error;
        auto admin = Admin::create({{"bootstrap.servers", address.toUtf8()}}, &error);
        QVERIFY2(admin, qPrintable(error));
        QElapsedTimer clock;
        clock.start();
        QVERIFY(!admin->probe(10000, &error));
        QVERIFY2(clock.elapsed() < 10000, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(
            error, QStringLiteral("cannot reach a broker at %1 (connection refused)").arg(address));
    }

    void anUnknownHostIsNamedInTheError()
    {
        const QString words = errorInWords(RD_KAFKA_RESP_ERR__RESOLVE,
            QStringLiteral("Failed to resolve 'no-such-shop.invalid:9092': Name or service not "
                           "known (after 3ms in state CONNECT)"),
            {});
        QCOMPARE(words,
            QStringLiteral(
                "cannot reach a broker at no-such-shop.invalid:9092 (name or service not known)"));
    }

    void aRejectedLoginNamesTheUser()
    {
        const QString words = errorInWords(RD_KAFKA_RESP_ERR__AUTHENTICATION,
            QStringLiteral("SASL authentication error: Authentication failed during "
                           "authentication due to invalid credentials with SASL mechanism "
                           "SCRAM-SHA-256"),
            {QStringLiteral("h:9093"), QStringLiteral("fryer")});
        QVERIFY2(words.startsWith(QLatin1String("authentication failed for user fryer (")),
            qPrintable(words));
    }

    void readingAMissingTopicSaysAutoCreationIsOff()
    {
        broker::BrokerConfig config;
        config.autoCreateTopics = false;
        test::BrokerFixture broker(false, config);
        QString error;
        auto consumer = Consumer::create(
            {{"bootstrap.servers", broker.bootstrapStd().c_str()}, {"group.id", "lonely"}}, &error);
        QVERIFY2(consumer, qPrintable(error));
        QVERIFY(consumer->subscribe({QStringLiteral("ORDER")}, &error));
        QStringList words;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                consumer->poll(100, 10);
                for (const ClientError &e : consumer->takeErrors()) {
                    words << e.words;
                }
                return words.contains(
                    QStringLiteral("topic ORDER does not exist and auto-creation is off"));
            }(),
            15000);
    }

    void writingToAMissingTopicFailsTheDeliveryInWords()
    {
        broker::BrokerConfig config;
        config.autoCreateTopics = false;
        test::BrokerFixture broker(false, config);
        QString error;
        auto producer = Producer::create({{"bootstrap.servers", broker.bootstrapStd().c_str()},
                                             {"topic.metadata.propagation.max.ms", "500"}},
            &error);
        QVERIFY2(producer, qPrintable(error));
        QVERIFY(producer->produce(QStringLiteral("ORDER"), "1", "{}", {}, 7, &error));
        QList<Delivery> deliveries;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                producer->poll(100);
                deliveries += producer->takeDeliveries();
                return !deliveries.isEmpty();
            }(),
            15000);
        QCOMPARE(deliveries.first().token, quint64(7));
        QVERIFY(deliveries.first().error != 0);
        QCOMPARE(deliveries.first().errorWords,
            QStringLiteral("topic ORDER does not exist and auto-creation is off"));
    }
};

QTEST_GUILESS_MAIN(TestClientErrors)
#include "tst_clienterrors.moc"
