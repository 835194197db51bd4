#include "broker_api_test.h"
#include "protocol/reader.h"
#include "wire_client.h"

#include <QTest>

#include <memory>
#include <optional>

using namespace chippy::test;
using chippy::broker::ApiKey;
using chippy::broker::Reader;
using chippy::broker::Writer;

namespace {

constexpr std::int16_t kUnsupportedSaslMechanism = 33;
constexpr std::int16_t kIllegalSaslState = 34;
constexpr std::int16_t kSaslAuthenticationFailed = 58;
constexpr std::int16_t kFirstFlexibleAuthenticate = 2;

struct Handshake
{
    std::int16_t error = -1;
    std::vector<std::string> mechanisms;
};

struct Authenticated
{
    std::int16_t error = -1;
    std::optional<std::string> message;
    std::size_t authBytes = 99;
    std::int64_t sessionLifetimeMs = -1;
};

std::vector<std::uint8_t> plainToken(const std::string &user, const std::string &password)
{
    const std::string message = std::string(1, '\0') + user + '\0' + password;
    return {message.begin(), message.end()};
}

} // namespace

// SASL/PLAIN on a listener with users: the handshake, SaslAuthenticate (v1 handshake) or a
// bare token (v0 handshake, KIP-152), and what happens to clients that skip or fail it.
class TestSaslPlain : public BrokerApiTest
{
    Q_OBJECT

private:
    void startBroker(std::map<std::string, std::string> users)
    {
        chippy::broker::BrokerConfig config;
        config.saslPlainUsers = std::move(users);
        start(false, config);
    }

    Handshake handshake(std::int16_t version, const std::string &mechanism)
    {
        Writer w;
        w.string(mechanism);
        Handshake h;
        const auto reply = m_client->call(ApiKey::SaslHandshake, version, std::move(w));
        if (!reply) {
            return h;
        }
        Reader r(*reply);
        h.error = r.i16();
        r.forEach([&] { h.mechanisms.push_back(r.string()); });
        return h;
    }

    Authenticated authenticate(std::int16_t version, const std::vector<std::uint8_t> &token)
    {
        const bool flexible = version >= kFirstFlexibleAuthenticate;
        Writer w(flexible);
        w.bytes(token);
        w.tags();
        Authenticated a;
        const auto reply = m_client->call(ApiKey::SaslAuthenticate, version, std::move(w));
        if (!reply) {
            return a;
        }
        Reader r(*reply, flexible);
        a.error = r.i16();
        a.message = r.nullableString();
        a.authBytes = r.bytes().size();
        if (version >= 1) {
            a.sessionLifetimeMs = r.i64();
        }
        r.skipTags();
        return a;
    }

    bool metadataAnswers()
    {
        Writer w;
        w.arrayLength(0);
        return m_client->call(ApiKey::Metadata, 1, std::move(w)).has_value();
    }

    bool apiVersionsAnswers()
    {
        return m_client->call(ApiKey::ApiVersions, 0, Writer()).has_value();
    }

private slots:
    // Each test starts a broker with the users it needs.
    void init() { }

    void aV1HandshakeIsFollowedBySaslAuthenticate_data()
    {
        QTest::addColumn<int>("version");
        QTest::newRow("v0") << 0;
        QTest::newRow("v1") << 1;
        QTest::newRow("v2 flexible") << 2;
    }

    void aV1HandshakeIsFollowedBySaslAuthenticate()
    {
        QFETCH(int, version);
        startBroker({{"alice", "secret"}, {"bob", "hunter2"}});
        QVERIFY(apiVersionsAnswers());
        const auto h = handshake(1, "PLAIN");
        QCOMPARE(h.error, std::int16_t(0));
        QCOMPARE(h.mechanisms, std::vector<std::string> {"PLAIN"});

        const auto a = authenticate(std::int16_t(version), plainToken("bob", "hunter2"));
        QCOMPARE(a.error, std::int16_t(0));
        QVERIFY(!a.message);
        QCOMPARE(a.authBytes, std::size_t(0));
        if (version >= 1) {
            QCOMPARE(a.sessionLifetimeMs, std::int64_t(0));
        }
        QVERIFY(metadataAnswers());
        // Authenticated once is enough: a second handshake is answered, not obeyed.
        QCOMPARE(handshake(1, "PLAIN").error, kIllegalSaslState);
        QVERIFY(metadataAnswers());
    }

    void aWrongPasswordIsAnsweredThenTheConnectionCloses()
    {
        startBroker({{"alice", "secret"}});
        QCOMPARE(handshake(1, "PLAIN").error, std::int16_t(0));
        const auto a = authenticate(2, plainToken("alice", "guess"));
        QCOMPARE(a.error, kSaslAuthenticationFailed);
        QCOMPARE(a.message, std::optional<std::string>("authentication failed for user alice"));
        QVERIFY(m_client->waitForClose());
    }

    void anUnknownUserFailsLikeAWrongPassword()
    {
        startBroker({{"alice", "secret"}});
        QCOMPARE(handshake(1, "PLAIN").error, std::int16_t(0));
        const auto a = authenticate(1, plainToken("mallory", "secret"));
        QCOMPARE(a.error, kSaslAuthenticationFailed);
        QCOMPARE(a.message, std::optional<std::string>("authentication failed for user mallory"));
        QVERIFY(m_client->waitForClose());
    }

    void aMalformedTokenFails()
    {
        startBroker({{"alice", "secret"}});
        QCOMPARE(handshake(1, "PLAIN").error, std::int16_t(0));
        const std::string noSeparators = "alicesecret";
        QCOMPARE(authenticate(2, {noSeparators.begin(), noSeparators.end()}).error,
            kSaslAuthenticationFailed);
        QVERIFY(m_client->waitForClose());
    }

    void aV0HandshakeIsFollowedByABareToken()
    {
        startBroker({{"alice", "secret"}});
        QCOMPARE(handshake(0, "PLAIN").error, std::int16_t(0));
        QVERIFY(m_client->sendBareFrame(plainToken("alice", "secret")));
        const auto answer = m_client->receiveBareFrame();
        QVERIFY(answer);
        QVERIFY(answer->empty());
        QVERIFY(metadataAnswers());
    }

    void aBareTokenWithAWrongPasswordOnlyCloses()
    {
        startBroker({{"alice", "secret"}});
        QCOMPARE(handshake(0, "PLAIN").error, std::int16_t(0));
        QVERIFY(m_client->sendBareFrame(plainToken("alice", "nope")));
        QVERIFY(!m_client->receiveBareFrame());
        QVERIFY(m_client->waitForClose());
    }

    void anUnsupportedMechanismNamesPlainThenCloses()
    {
        startBroker({{"alice", "secret"}});
        const auto h = handshake(1, "SCRAM-SHA-256");
        QCOMPARE(h.error, kUnsupportedSaslMechanism);
        QCOMPARE(h.mechanisms, std::vector<std::string> {"PLAIN"});
        QVERIFY(m_client->waitForClose());
    }

    void otherRequestsBeforeAuthenticationCloseTheConnection()
    {
        startBroker({{"alice", "secret"}});
        QVERIFY(!metadataAnswers());
        QVERIFY(m_client->waitForClose());

        m_client = std::make_unique<WireClient>();
        QVERIFY(m_client->connectTo(m_broker->broker().port()));
        QCOMPARE(handshake(1, "PLAIN").error, std::int16_t(0));
        QVERIFY(!metadataAnswers());
        QVERIFY(m_client->waitForClose());
    }

    void saslAuthenticateWithoutAHandshakeCloses()
    {
        startBroker({{"alice", "secret"}});
        QCOMPARE(authenticate(1, plainToken("alice", "secret")).error, kIllegalSaslState);
        QVERIFY(m_client->waitForClose());
    }

    void withoutUsersNobodyAuthenticates()
    {
        startBroker({});
        QVERIFY(metadataAnswers());
        const auto h = handshake(1, "PLAIN");
        QCOMPARE(h.error, kIllegalSaslState);
        QVERIFY(h.mechanisms.empty());
        QCOMPARE(authenticate(2, plainToken("alice", "secret")).error, kIllegalSaslState);
        QVERIFY(metadataAnswers());
    }
};

QTEST_GUILESS_MAIN(TestSaslPlain)
#include "tst_saslplain.moc"
