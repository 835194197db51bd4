#include "json_file.h"
#include "process_runner.h"
#include "real_servers.h"

#include <QFile>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace chippy::test;

// `chippy --headless --scenario model-6`: every order served, and the report's cabinet totals
// add up: every portion cooked into the cabinet was taken or thrown away at closing time.
// CHIPPY_CABINET_STORE=redis keeps the cabinet in the redis fixture's Redis, its password in
// the environment only.
class TestHotCabinetRun : public QObject
{
    Q_OBJECT

private:
    static constexpr int kRunTimeoutMs = 120000;
    // A database of the fixture's Redis that no other test uses, so its trays start empty.
    static constexpr int kRedisDb = 7;

    static bool onRedis()
    {
        return qEnvironmentVariable("CHIPPY_CABINET_STORE") == QLatin1String("redis");
    }

    QTemporaryDir m_dir;

private slots:
    void everyPortionCookedIsTakenOrWasted()
    {
        QVERIFY(m_dir.isValid());
        const QString report = m_dir.filePath(QStringLiteral("model-6.json"));
        QStringList args {QStringLiteral("--headless"), QStringLiteral("--scenario"),
            QStringLiteral("model-6"), QStringLiteral("--duration"), QStringLiteral("8"),
            QStringLiteral("--report"), report};
        QString secret;
        QString store = QStringLiteral("in-process");
        if (onRedis()) {
            const RealRedis redis = realRedis();
            QVERIFY2(redis.running(), qPrintable(redis.error));
            args << QStringLiteral("--cabinet")
                 << QStringLiteral("%1/%2").arg(redis.url).arg(kRedisDb);
            qputenv("CHIPPY_CABINET_PASSWORD", redis.password.toUtf8());
            secret = redis.password;
            store
                = QStringLiteral("Redis at %1:%2/%3").arg(redis.host).arg(redis.port).arg(kRedisDb);
        }
        const ProcessResult r = runProcess(QStringLiteral(CHIPPY_BIN), args, {}, kRunTimeoutMs);
        QVERIFY2(r.exitCode == 0, r.err.constData());

        const QJsonObject json = readJsonObject(report);
        const QJsonObject orders = json.value(QStringLiteral("orders")).toObject();
        QVERIFY(orders.value(QStringLiteral("placed")).toInteger() > 10);
        QCOMPARE(orders.value(QStringLiteral("lost")).toInteger(), 0);
        QCOMPARE(orders.value(QStringLiteral("served_twice")).toInteger(), 0);

        const QJsonObject cabinet = json.value(QStringLiteral("cabinet")).toObject();
        QCOMPARE(cabinet.value(QStringLiteral("store")).toString(), store);
        const QJsonObject taken = cabinet.value(QStringLiteral("portions_taken")).toObject();
        const QJsonObject cooked = cabinet.value(QStringLiteral("portions_cooked")).toObject();
        const QJsonObject wasted = cabinet.value(QStringLiteral("portions_wasted")).toObject();
        for (const QString &item : {QStringLiteral("cod"), QStringLiteral("chips")}) {
            const qint64 in = cooked.value(item).toInteger();
            QVERIFY2(in > 0, qPrintable(item));
            QCOMPARE(in, taken.value(item).toInteger() + wasted.value(item).toInteger());
        }
        QVERIFY(!cooked.contains(QStringLiteral("plaice")));

        if (!secret.isEmpty()) {
            QFile written(report);
            QVERIFY(written.open(QIODevice::ReadOnly));
            const QByteArray everything = r.out + r.err + written.readAll();
            QVERIFY2(!everything.contains(secret.toUtf8()), "the cabinet's password was shown");
        }
    }

    void refusesAPasswordOnTheCommandLine()
    {
        const ProcessResult r = runProcess(QStringLiteral(CHIPPY_BIN),
            {QStringLiteral("--headless"), QStringLiteral("--scenario"), QStringLiteral("model-6"),
                QStringLiteral("--cabinet"), QStringLiteral("redis://:hunter2@127.0.0.1:6379")},
            {}, kRunTimeoutMs);
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("CHIPPY_CABINET_PASSWORD"), r.err.constData());
        QVERIFY2(!(r.out + r.err).contains("hunter2"), "the password was shown");
    }
};

QTEST_GUILESS_MAIN(TestHotCabinetRun)
#include "tst_hotcabinetrun.moc"
