#include "process_runner.h"
#include "test_cluster.h"

#include <QDateTime>
#include <QTest>

using namespace chippy::test;

// kcat 1.7 (librdkafka 2.0.2) as a user would run it, against the embedded broker and
// (tst_kcat_on_kafka) against Apache Kafka.
class TestKcat : public QObject
{
    Q_OBJECT

private:
    ProcessResult kcat(const QStringList &args, const QByteArray &input = {})
    {
        return runProcess(QStringLiteral("kcat"), QStringList {"-b", m_cluster->bootstrap()} + args,
            input, 60000);
    }

    QString topic(const QString &name) const { return m_cluster->name(name); }

    std::unique_ptr<TestCluster> m_cluster;

private slots:
    void init()
    {
        m_cluster = std::make_unique<TestCluster>();
        QVERIFY2(m_cluster->error().isEmpty(), qPrintable(m_cluster->error()));
    }
    void cleanup() { m_cluster.reset(); }

    void listsTheBrokerAsController()
    {
        const auto r = kcat({"-L"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("broker 1 at " + m_cluster->bootstrap().toUtf8() + " (controller)"),
            r.out.constData());
    }

    void producesAndConsumesFromTheBeginning()
    {
        QByteArray input;
        for (int i = 0; i < 100; ++i) {
            input += "key" + QByteArray::number(i % 3) + ":value " + QByteArray::number(i) + "\n";
        }
        QCOMPARE(kcat({"-P", "-t", topic("fish"), "-K:"}, input).exitCode, 0);
        const auto r
            = kcat({"-C", "-t", topic("fish"), "-o", "beginning", "-e", "-f", "%k=%s@%o\\n"});
        QCOMPARE(r.exitCode, 0);
        const auto lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 100);
        QCOMPARE(lines.first(), QByteArray("key0=value 0@0"));
        QCOMPARE(lines.last(), QByteArray("key0=value 99@99"));
    }

    void consumesTheLastFiveWithANegativeOffset()
    {
        QByteArray input;
        for (int i = 0; i < 20; ++i) {
            input += "chips " + QByteArray::number(i) + "\n";
        }
        QCOMPARE(kcat({"-P", "-t", topic("tail")}, input).exitCode, 0);
        const auto r = kcat({"-C", "-t", topic("tail"), "-o", "-5", "-e"});
        QCOMPARE(r.exitCode, 0);
        const auto lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 5);
        QCOMPARE(lines.first(), QByteArray("chips 15"));
        QCOMPARE(lines.last(), QByteArray("chips 19"));
    }

    void startsAtATimestamp()
    {
        QCOMPARE(kcat({"-P", "-t", topic("timed")}, "early\n").exitCode, 0);
        // The records on either side of the cut need distinct creation times.
        const auto before = QDateTime::currentMSecsSinceEpoch();
        QTRY_VERIFY(QDateTime::currentMSecsSinceEpoch() > before);
        const auto cut = QDateTime::currentMSecsSinceEpoch();
        QCOMPARE(kcat({"-P", "-t", topic("timed")}, "late 1\nlate 2\n").exitCode, 0);
        const auto r = kcat({"-C", "-t", topic("timed"), "-o", "s@" + QString::number(cut), "-e"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.trimmed().split('\n'), (QList<QByteArray> {"late 1", "late 2"}));
    }
};

QTEST_GUILESS_MAIN(TestKcat)
#include "tst_kcat.moc"
