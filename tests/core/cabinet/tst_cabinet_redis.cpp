#include "cabinet_cases.h"
#include "real_servers.h"

#include <QRandomGenerator>
#include <QTest>

// The cabinet's cases on the Redis cabinet, against the redis fixture's server; every test
// function has a hash of its own.
class TestRedisCabinet : public CabinetCases
{
    Q_OBJECT

protected:
    std::unique_ptr<chippy::cabinet::Cabinet> openEmptyCabinet(QString *error) override
    {
        const auto redis = chippy::test::realRedis();
        if (!redis.running()) {
            *error = redis.error;
            return nullptr;
        }
        chippy::cabinet::CabinetSettings settings;
        settings.url = redis.url;
        settings.password = redis.password;
        settings.key = QStringLiteral("chippy:test:cabinet:%1")
                           .arg(QRandomGenerator::global()->generate64(), 0, 16);
        return chippy::cabinet::openCabinet(settings, error);
    }
};

QTEST_GUILESS_MAIN(TestRedisCabinet)
#include "tst_cabinet_redis.moc"
