#include "real_servers.h"
#include "shop_controller.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace chippy;
using namespace chippy::gui;
using namespace chippy::test;

// The window's models on Apache Kafka (the real-kafka fixture) and on the embedded broker:
// model 3 run on each, the partition and member models read back at three moments (the
// shop at rest, a preparer added, a partition added) must hold the same picture. What the
// models show of the cluster comes from the cluster observer, so it must not depend on which
// Kafka it is.
class TestGuiOnKafka : public QObject
{
    Q_OBJECT

private:
    static constexpr int kOpenMs = 30000;
    static constexpr int kShopMs = 40000;
    static constexpr qint64 kOrders = 8;

    // What the models hold, in terms both clusters must agree on. Which preparer gets which
    // partition is up to each cluster's assignor, so the picture counts owners rather than
    // naming them, and checks that both models agree on who owns what.
    struct Picture
    {
        int partitions = 0;
        int ownedPartitions = 0;
        QStringList members;
        int working = 0;
        int idle = 0;
        qint64 totalLag = -1;
        // Every partition with records has its committed offset at its log end.
        bool committedAtLogEnd = false;
        // Each partition's owner in the partition model lists it in the member model.
        bool modelsAgree = false;
        // The records in ORDER are the orders the tills placed.
        bool recordsArePlacedOrders = false;

        bool operator==(const Picture &) const = default;
    };

    static Picture pictureOf(const ShopController &c)
    {
        Picture p;
        const PartitionModel *order = c.orderPartitions();
        const MemberModel *preparers = c.preparers();
        p.partitions = order->rowCount();
        p.totalLag = order->totalLag();
        p.committedAtLogEnd = true;
        p.modelsAgree = true;
        qint64 records = 0;
        for (int row = 0; row < order->rowCount(); ++row) {
            const QVariantMap r = order->get(row);
            const qint64 logEnd = r.value("logEnd").toLongLong();
            records += logEnd;
            if (logEnd > 0 && r.value("committed").toLongLong() != logEnd) {
                p.committedAtLogEnd = false;
            }
            const QString owner = r.value("owner").toString();
            if (owner.isEmpty()) {
                continue;
            }
            ++p.ownedPartitions;
            const int member = preparers->rowOf(owner);
            if (member < 0 || !preparers->get(member).value("partitions").toList().contains(row)) {
                p.modelsAgree = false;
            }
        }
        for (int row = 0; row < preparers->rowCount(); ++row) {
            const QVariantMap m = preparers->get(row);
            p.members << m.value("name").toString();
            p.working += m.value("state") == QLatin1String("working");
            p.idle += m.value("state") == QLatin1String("idle");
        }
        p.recordsArePlacedOrders = records == c.placed();
        return p;
    }

    static QString describe(const Picture &p)
    {
        return QStringLiteral("%1 partitions (%2 owned), members %3, %4 working, %5 idle, lag %6, "
                              "committed at log end %7, models agree %8, records are orders %9")
            .arg(p.partitions)
            .arg(p.ownedPartitions)
            .arg(p.members.join(QLatin1Char(',')))
            .arg(p.working)
            .arg(p.idle)
            .arg(p.totalLag)
            .arg(p.committedAtLogEnd)
            .arg(p.modelsAgree)
            .arg(p.recordsArePlacedOrders);
    }

    // Waits until the picture is settled (nothing left to read, both models agreeing) and has
    // this many partitions, members and working preparers.
    static bool settle(const ShopController &c, int partitions, int members, int working)
    {
        return QTest::qWaitFor(
            [&] {
                const Picture p = pictureOf(c);
                return p.partitions == partitions && p.members.size() == members
                    && p.working == working && p.idle == members - working
                    && p.ownedPartitions == partitions && p.totalLag == 0 && p.committedAtLogEnd
                    && p.modelsAgree && p.recordsArePlacedOrders && c.served() == c.placed();
            },
            kShopMs);
    }

    // Model 3 as shipped, without its timed action, so that the test adds the partition.
    QString modelThree()
    {
        QFile file(QStringLiteral(":/chippy/scenarios/model-3.json"));
        if (!file.open(QIODevice::ReadOnly)) {
            return {};
        }
        QJsonObject scenario = QJsonDocument::fromJson(file.readAll()).object();
        QJsonArray steps = scenario.value("steps").toArray();
        QJsonObject first = steps.first().toObject();
        first.remove(QStringLiteral("actions"));
        steps[0] = first;
        scenario.insert(QStringLiteral("steps"), steps);
        const QString path = m_dir.filePath(QStringLiteral("model-3.json"));
        QFile out(path);
        if (!out.open(QIODevice::WriteOnly)) {
            return {};
        }
        out.write(QJsonDocument(scenario).toJson());
        return path;
    }

    // Runs model 3 on one cluster and returns the three pictures.
    QList<Picture> run(bool onKafka)
    {
        QList<Picture> pictures;
        shop::ShopConfig base;
        base.topics.prefix
            = QStringLiteral("gui-%1-").arg(QRandomGenerator::global()->generate(), 0, 36);
        base.metadataRefreshMs = 1000;
        ShopController controller(base, nullptr);
        if (onKafka) {
            controller.cluster()->setEmbedded(false);
            controller.cluster()->setBootstrap(m_kafka.bootstrap);
        }
        QString error;
        const QString scenario = modelThree();
        if (scenario.isEmpty() || !controller.start(scenario, 0, &error)) {
            qWarning("cannot start model 3: %s", qPrintable(error));
            return pictures;
        }
        if (!QTest::qWaitFor(
                [&] { return controller.status() == QLatin1String("running"); }, kOpenMs)) {
            qWarning("the shop did not open: %s", qPrintable(controller.statusText()));
            return pictures;
        }
        if (!QTest::qWaitFor([&] { return controller.placed() >= kOrders; }, kShopMs)) {
            qWarning("only %lld orders placed", controller.placed());
        }
        // No more customers: the preparers read what is there and commit it.
        controller.setTills(0);
        const auto take = [&](int partitions, int members, int working) {
            if (!settle(controller, partitions, members, working)) {
                qWarning().noquote() << (onKafka ? "on Kafka" : "embedded")
                                     << "did not settle:" << describe(pictureOf(controller));
            }
            pictures.append(pictureOf(controller));
        };
        take(2, 3, 2);
        controller.setPreparers(4);
        take(2, 4, 2);
        controller.setPartitions(3);
        take(3, 4, 3);
        return pictures;
    }

    QTemporaryDir m_dir;
    RealKafka m_kafka;

private slots:
    void initTestCase()
    {
        m_kafka = realKafka();
        QVERIFY2(m_kafka.running(), qPrintable(m_kafka.error));
    }

    void modelThreeLooksTheSameOnKafkaAsOnTheEmbeddedBroker()
    {
        const QList<Picture> embedded = run(false);
        const QList<Picture> kafka = run(true);
        QCOMPARE(embedded.size(), 3);
        QCOMPARE(kafka.size(), 3);
        for (int i = 0; i < 3; ++i) {
            qInfo().noquote() << "embedded:" << describe(embedded[i]);
            qInfo().noquote() << "on Kafka:" << describe(kafka[i]);
            QVERIFY2(embedded[i] == kafka[i], qPrintable(describe(kafka[i])));
            // And the picture is the one the talk promises.
            QVERIFY(kafka[i].committedAtLogEnd && kafka[i].modelsAgree
                && kafka[i].recordsArePlacedOrders);
            QCOMPARE(kafka[i].totalLag, 0);
        }
        QCOMPARE(kafka[0].idle, 1);
        QCOMPARE(kafka[1].idle, 2);
        QCOMPARE(kafka[2].working, 3);
    }
};

QTEST_MAIN(TestGuiOnKafka)
#include "tst_guionkafka.moc"
