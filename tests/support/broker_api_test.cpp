#include "broker_api_test.h"

#include <QTest>

namespace chippy::test {

void BrokerApiTest::start(bool persistent, broker::BrokerConfig config)
{
    m_broker = std::make_unique<BrokerFixture>(persistent, std::move(config));
    m_client = std::make_unique<WireClient>();
    QVERIFY(m_client->connectTo(m_broker->broker().port()));
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
