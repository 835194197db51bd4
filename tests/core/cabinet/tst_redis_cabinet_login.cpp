#include "cabinet/cabinet.h"
#include "real_servers.h"

#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QTest>

using namespace chippy::cabinet;

namespace {

QStringList g_logLines;

void captureLog(QtMsgType, const QMessageLogContext &context, const QString &message)
{
    g_logLines << QString::fromUtf8(context.category ? context.category : "") + QLatin1Char(' ')
            + message;
}

QString randomKey()
{
    return QStringLiteral("chippy:test:login:%1")
        .arg(QRandomGenerator::global()->generate64(), 0, 16);
}

} // namespace

// Finding and logging in to a Redis: addresses, passwords and databases, and messages that
// say what went wrong without ever showing the password.
class TestRedisCabinetLogin : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_redis = chippy::test::realRedis();
        QVERIFY2(m_redis.running(), qPrintable(m_redis.error));
        QLoggingCategory::setFilterRules(QStringLiteral("chippy.cabinet.debug=true"));
    }

    void init()
    {
        g_logLines.clear();
        m_previousHandler = qInstallMessageHandler(captureLog);
    }

    void cleanup()
    {
        qInstallMessageHandler(m_previousHandler);
        for (const auto &line : std::as_const(g_logLines)) {
            QVERIFY2(!line.contains(m_redis.password), "the password is in the log");
            QVERIFY2(!line.contains(QLatin1String(kWrongPassword)), "the password is in the log");
        }
    }

    void thePasswordInTheSettingsLogsIn()
    {
        QString error;
        const auto cabinet = openCabinet(settings(m_redis.url, m_redis.password), &error);
        QVERIFY2(cabinet, qPrintable(error));
        QCOMPARE(cabinet->describe(), QStringLiteral("Redis at %1").arg(where()));
        QVERIFY2(cabinet->put({{QStringLiteral("cod"), 1}}, &error), qPrintable(error));
        QVERIFY(cabinet->empty(&error));
    }

    void thePasswordInTheUrlLogsIn()
    {
        QString error;
        const auto url = QStringLiteral("redis://:%1@%2").arg(m_redis.password, where());
        const auto cabinet = openCabinet(settings(url, {}), &error);
        QVERIFY2(cabinet, qPrintable(error));
        QCOMPARE(cabinet->describe(), QStringLiteral("Redis at %1").arg(where()));
        QVERIFY2(cabinet->contents(&error), qPrintable(error));
    }

    void theSettingsPasswordOverridesTheUrls()
    {
        QString error;
        const auto url
            = QStringLiteral("redis://:%1@%2").arg(QLatin1String(kWrongPassword), where());
        const auto cabinet = openCabinet(settings(url, m_redis.password), &error);
        QVERIFY2(cabinet, qPrintable(error));
    }

    void aWrongPasswordIsReportedInWords()
    {
        QString error;
        const auto cabinet
            = openCabinet(settings(m_redis.url, QLatin1String(kWrongPassword)), &error);
        QVERIFY(!cabinet);
        QVERIFY2(error.startsWith(
                     QStringLiteral("Redis at %1 refused the login: WRONGPASS").arg(where())),
            qPrintable(error));
        QVERIFY(!error.contains(QLatin1String(kWrongPassword)));
    }

    void aWrongPasswordInTheUrlIsNotRepeated()
    {
        QString error;
        const auto url
            = QStringLiteral("redis://:%1@%2").arg(QLatin1String(kWrongPassword), where());
        QVERIFY(!openCabinet(settings(url, {}), &error));
        QVERIFY2(error.contains(QLatin1String("WRONGPASS")), qPrintable(error));
        QVERIFY(!error.contains(QLatin1String(kWrongPassword)));
    }

    void noPasswordIsReportedInWords()
    {
        QString error;
        QVERIFY(!openCabinet(settings(m_redis.url, {}), &error));
        QCOMPARE(error,
            QStringLiteral("Redis at %1 refused the login: NOAUTH Authentication required.")
                .arg(where()));
    }

    void theDatabaseInTheUrlIsSelected()
    {
        QString error;
        const auto key = randomKey();
        const auto inDb3 = openCabinet(
            settings(m_redis.url + QLatin1String("/3"), m_redis.password, key), &error);
        QVERIFY2(inDb3, qPrintable(error));
        QCOMPARE(inDb3->describe(), QStringLiteral("Redis at %1/3").arg(where()));
        const auto inDb0 = openCabinet(settings(m_redis.url, m_redis.password, key), &error);
        QVERIFY2(inDb0, qPrintable(error));

        QVERIFY2(inDb3->put({{QStringLiteral("cod"), 2}}, &error), qPrintable(error));
        QCOMPARE(*inDb0->contents(&error), Portions());
        QCOMPARE(*inDb3->empty(&error), (Portions {{QStringLiteral("cod"), 2}}));
    }

    void aDatabaseThatIsNotANumberIsRefused()
    {
        QString error;
        QVERIFY(
            !openCabinet(settings(m_redis.url + QLatin1String("/fish"), m_redis.password), &error));
        QCOMPARE(
            error, QStringLiteral("the Redis database must be a number, 0 or more, not \"fish\""));
    }

    void aTimeoutOfNoTimeIsRefused()
    {
        auto noTime = settings(m_redis.url, m_redis.password);
        noTime.timeoutMs = 0;
        QString error;
        QVERIFY(!openCabinet(noTime, &error));
        QCOMPARE(error, QStringLiteral("the Redis timeout must be 1 ms or more, not 0"));
    }

    void tlsIsRefusedWithTheReason()
    {
        QString error;
        const auto url = QStringLiteral("rediss://:%1@%2").arg(m_redis.password, where());
        QVERIFY(!openCabinet(settings(url, {}), &error));
        QVERIFY2(error.contains(QLatin1String("TLS")), qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("hiredis 1.0 or later")), qPrintable(error));
        QVERIFY(!error.contains(m_redis.password));
    }

    void anotherSchemeIsRefusedWithoutItsPassword()
    {
        QString error;
        QVERIFY(!openCabinet(
            settings(QStringLiteral("http://:%1@%2").arg(m_redis.password, where()), {}), &error));
        QCOMPARE(error,
            QStringLiteral("not a Redis URL: http://%1 (expected "
                           "redis://[:password@]host:port[/db])")
                .arg(where()));
    }

    void aKeyThatIsNotTraysIsReportedInWords()
    {
        QString error;
        const auto key = randomKey();
        const auto cabinet = openCabinet(settings(m_redis.url, m_redis.password, key), &error);
        QVERIFY2(cabinet, qPrintable(error));
        redisCli({QStringLiteral("SET"), key, QStringLiteral("fish")});

        QVERIFY(!cabinet->take({{QStringLiteral("cod"), 1}}, &error));
        QVERIFY2(error.startsWith(QStringLiteral("Redis at %1 refused: ").arg(where())),
            qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("WRONGTYPE")), qPrintable(error));
        QVERIFY(!cabinet->put({{QStringLiteral("cod"), 1}}, &error));
        QVERIFY2(error.contains(QLatin1String("WRONGTYPE")), qPrintable(error));
        QVERIFY(!cabinet->contents(&error));
        QVERIFY2(error.contains(QLatin1String("WRONGTYPE")), qPrintable(error));
        redisCli({QStringLiteral("DEL"), key});
    }

    void aTrayThatHoldsNoNumberIsReportedInWords()
    {
        QString error;
        const auto key = randomKey();
        const auto cabinet = openCabinet(settings(m_redis.url, m_redis.password, key), &error);
        QVERIFY2(cabinet, qPrintable(error));
        redisCli({QStringLiteral("HSET"), key, QStringLiteral("cod"), QStringLiteral("battered")});

        QVERIFY(!cabinet->contents(&error));
        QCOMPARE(error,
            QStringLiteral("a tray in Redis at %1 does not hold a count of portions").arg(where()));
        QVERIFY(!cabinet->take({{QStringLiteral("cod"), 1}}, &error));
        QVERIFY2(error.startsWith(QStringLiteral("Redis at %1 refused: ").arg(where())),
            qPrintable(error));
        // Closing time leaves such a cabinet as it was, for someone to look at.
        QVERIFY(!cabinet->empty(&error));
        QVERIFY2(error.contains(QLatin1String("the cod tray holds no count: battered")),
            qPrintable(error));
        QVERIFY(!cabinet->contents(&error));
        redisCli({QStringLiteral("DEL"), key});
    }

private:
    static constexpr auto kWrongPassword = "not-the-fryers-password";

    void redisCli(const QStringList &command) const
    {
        const auto result = chippy::test::runProcess(QStringLiteral("redis-cli"),
            QStringList {QStringLiteral("-h"), m_redis.host, QStringLiteral("-p"),
                QString::number(m_redis.port), QStringLiteral("--no-auth-warning"),
                QStringLiteral("-a"), m_redis.password}
                + command);
        QVERIFY2(
            result.exitCode == 0 && !result.out.startsWith("(error)"), result.out + result.err);
    }

    QString where() const { return QStringLiteral("%1:%2").arg(m_redis.host).arg(m_redis.port); }

    static CabinetSettings settings(
        const QString &url, const QString &password, const QString &key = randomKey())
    {
        CabinetSettings settings;
        settings.url = url;
        settings.password = password;
        settings.key = key;
        return settings;
    }

    chippy::test::RealRedis m_redis;
    QtMessageHandler m_previousHandler = nullptr;
};

QTEST_GUILESS_MAIN(TestRedisCabinetLogin)
#include "tst_redis_cabinet_login.moc"
