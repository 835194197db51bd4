#include "broker_api_test.h"
#include "protocol/reader.h"
#include "wire_client.h"

#include <QTest>

#include <memory>
#include <optional>
#include <string>

using namespace chippy::test;
using chippy::broker::ApiKey;
using chippy::broker::Reader;
using chippy::broker::Writer;

namespace {

constexpr std::int16_t kFirstFlexibleVersion = 2;
constexpr std::int16_t kSecurityDisabled = 54;
// ACL filter values that match anything: resource type, pattern type, operation and
// permission type ANY.
constexpr std::int8_t kAny = 1;

struct AclsReply
{
    bool decoded = false;
    std::int16_t error = -1;
    std::optional<std::string> message;
    std::int32_t resources = -1;
};

} // namespace

// DescribeAcls on a broker without an authorizer, as kafka-acls.sh --list and the Kafka GUIs
// ask it.
class TestDescribeAcls : public BrokerApiTest
{
    Q_OBJECT

private:
    AclsReply describe(std::int16_t version)
    {
        const bool flexible = version >= kFirstFlexibleVersion;
        Writer w(flexible);
        w.i8(kAny); // resource type
        w.nullString(); // resource name
        if (version >= 1) {
            w.i8(kAny); // pattern type
        }
        w.string("User:alice");
        w.nullString(); // host
        w.i8(kAny); // operation
        w.i8(kAny); // permission type
        w.tags();
        AclsReply reply;
        const auto body = m_client->call(ApiKey::DescribeAcls, version, std::move(w));
        if (!body) {
            return reply;
        }
        Reader r(*body, flexible);
        r.i32(); // throttle time
        reply.error = r.i16();
        reply.message = r.nullableString();
        reply.resources = r.arrayLength();
        r.skipTags();
        reply.decoded = r.atEnd();
        return reply;
    }

private slots:
    void securityIsDisabledWithoutAnAuthorizer_data()
    {
        QTest::addColumn<int>("version");
        for (int v = 0; v <= 3; ++v) {
            QTest::newRow(qPrintable(QStringLiteral("v%1").arg(v))) << v;
        }
    }

    void securityIsDisabledWithoutAnAuthorizer()
    {
        QFETCH(int, version);
        const auto reply = describe(std::int16_t(version));
        QVERIFY(reply.decoded);
        QCOMPARE(reply.error, kSecurityDisabled);
        QCOMPARE(reply.message,
            std::optional<std::string>("no authorizer is configured on this broker"));
        QCOMPARE(reply.resources, 0);
    }

    void theConnectionStaysUsable()
    {
        QCOMPARE(describe(3).error, kSecurityDisabled);
        QCOMPARE(describe(0).error, kSecurityDisabled);
    }
};

QTEST_GUILESS_MAIN(TestDescribeAcls)
#include "tst_describeacls.moc"
