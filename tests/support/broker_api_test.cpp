#include "broker_api_test.h"

#include <QTest>

namespace chippy::test {

void BrokerApiTest::start(bool persistent, broker::BrokerConfig config)
{
    m_broker = std::make_unique<BrokerFixture>(persistent, std::move(config));
    m_client = std::make_unique<WireClient>();
    QVERIFY(m_client->connectTo(m_broker->broker().port()));
}

std::vector<std::uint8_t> BrokerApiTest::call(
    broker::ApiKey key, std::int16_t version, broker::Writer body)
{
    const auto reply = m_client->call(key, version, std::move(body));
    if (!reply) {
        QTest::qFail("the broker did not answer", __FILE__, __LINE__);
        return {};
    }
    return *reply;
}

void BrokerApiTest::init()
{
    start();
}

void BrokerApiTest::cleanup()
{
    m_client.reset();
    m_broker.reset();
}

} // namespace chippy::test
