#include "batch_builder.h"
#include "log/topic_registry.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <memory>
#include <stdexcept>

using namespace chippy::broker;
using chippy::test::buildBatch;

namespace {

void appendRecords(PartitionLog &log, int count)
{
    for (int i = 0; i < count; ++i) {
        auto batch = buildBatch({{"queue-1", "cod and chips " + std::to_string(i), 1000 + i}});
        log.append(batch);
    }
}

} // namespace

class TestTopicRegistry : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    BrokerConfig m_config;

    std::unique_ptr<TopicRegistry> open() { return std::make_unique<TopicRegistry>(m_config); }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_config = {};
        m_config.dataDir = m_dir->path().toStdString();
    }
    void cleanup() { m_dir.reset(); }

    void topicsPartitionsAndConfigOverridesSurviveReopening()
    {
        TopicId id {};
        {
            auto registry = open();
            QCOMPARE(
                registry->create("ORDER", 3, {{"retention.ms", "60000"}}).error, ErrorCode::None);
            QCOMPARE(registry->create("READY", 1, {}).error, ErrorCode::None);
            QCOMPARE(registry->addPartitions("ORDER", 5).error, ErrorCode::None);
            QCOMPARE(
                registry
                    ->alterConfigs("ORDER", {{"retention.ms", "90000"}, {"segment.bytes", "2048"}})
                    .error,
                ErrorCode::None);
            Topic *order = registry->find("ORDER");
            id = order->id;
            appendRecords(*order->partition(4), 7);
            appendRecords(*order->partition(0), 2);
        }
        auto registry = open();
        QCOMPARE(registry->all().size(), std::size_t(2));
        Topic *order = registry->find("ORDER");
        QVERIFY(order);
        QCOMPARE(order->partitions.size(), std::size_t(5));
        QVERIFY(order->id == id);
        const std::map<std::string, std::string> expected {
            {"retention.ms", "90000"}, {"segment.bytes", "2048"}};
        QVERIFY(order->config.overrides == expected);
        QCOMPARE(order->partition(4)->logEndOffset(), 7);
        QCOMPARE(order->partition(0)->logEndOffset(), 2);
        QCOMPARE(order->partition(2)->logEndOffset(), 0);
        QVERIFY(registry->find("READY"));
        QCOMPARE(registry->find("READY")->partitions.size(), std::size_t(1));
    }

    void topicIdsDifferAndStayPut()
    {
        TopicId a {};
        TopicId b {};
        {
            auto registry = open();
            registry->create("COOK", 1, {});
            registry->create("HOT-FOOD", 1, {});
            a = registry->find("COOK")->id;
            b = registry->find("HOT-FOOD")->id;
        }
        QVERIFY(a != b);
        auto registry = open();
        QVERIFY(registry->find("COOK")->id == a);
        QVERIFY(registry->find("HOT-FOOD")->id == b);
    }

    void configValuesWithLineBreaksRoundTrip()
    {
        // Kafka trims values and splits lists at commas with whitespace around them, so line
        // breaks are valid there.
        const std::string awkward = "\n0:1 ,\r\n1:1\n\n";
        const std::string key = "leader.replication.throttled.replicas";
        {
            auto registry = open();
            QCOMPARE(
                registry->create("fish.and_chips-1", 1, {{key, awkward}}).error, ErrorCode::None);
        }
        auto registry = open();
        QCOMPARE(registry->all().size(), std::size_t(1));
        const Topic *topic = registry->find("fish.and_chips-1");
        QVERIFY(topic);
        QCOMPARE(topic->config.overrides.at(key), awkward);
    }

    void aDeletedTopicStaysDeletedAndComesBackEmpty()
    {
        {
            auto registry = open();
            registry->create("ORDER", 2, {});
            appendRecords(*registry->find("ORDER")->partition(1), 5);
            QVERIFY(std::filesystem::exists(m_config.dataDir / "ORDER-1"));
            QCOMPARE(registry->remove("ORDER").error, ErrorCode::None);
            QVERIFY(!std::filesystem::exists(m_config.dataDir / "ORDER-0"));
            QVERIFY(!std::filesystem::exists(m_config.dataDir / "ORDER-1"));
        }
        auto registry = open();
        QVERIFY(!registry->find("ORDER"));
        registry->create("ORDER", 2, {});
        QCOMPARE(registry->find("ORDER")->partition(1)->logEndOffset(), 0);
    }

    void aNewTopicIgnoresPartitionFilesLeftByAnInterruptedDelete()
    {
        {
            auto registry = open();
            registry->create("ORDER", 1, {});
            appendRecords(*registry->find("ORDER")->partition(0), 5);
        }
        // As if the broker died after forgetting the topic but before deleting its log.
        std::filesystem::remove(m_config.dataDir / "topics" / "ORDER");
        auto registry = open();
        QVERIFY(!registry->find("ORDER"));
        QCOMPARE(registry->create("ORDER", 1, {}).error, ErrorCode::None);
        QCOMPARE(registry->find("ORDER")->partition(0)->logEndOffset(), 0);
        QCOMPARE(registry->find("ORDER")->partition(0)->sizeBytes(), std::int64_t(0));
    }

    void anUnreadableTopicDescriptionIsSkipped()
    {
        {
            auto registry = open();
            registry->create("READY", 1, {});
        }
        QFile bad(QString::fromStdString((m_config.dataDir / "topics" / "bad").string()));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("this is not a topic\n");
        bad.close();
        auto registry = open();
        QCOMPARE(registry->all().size(), std::size_t(1));
        QVERIFY(registry->find("READY"));
    }

    void aTopicWithTheLongestAllowedNameIsKept()
    {
        const std::string name(249, 'c');
        {
            auto registry = open();
            const auto created = registry->create(name, 11, {});
            QVERIFY2(created.error == ErrorCode::None, created.message.c_str());
            appendRecords(*registry->find(name)->partition(10), 3);
            QCOMPARE(
                registry->alterConfigs(name, {{"retention.ms", "1000"}}).error, ErrorCode::None);
        }
        auto registry = open();
        QVERIFY(registry->find(name));
        QCOMPARE(registry->find(name)->partition(10)->logEndOffset(), 3);
        QCOMPARE(registry->find(name)->config.overrides.at("retention.ms"), std::string("1000"));
    }

    void anInterruptedMetadataWriteLeavesTheOldDescription()
    {
        {
            auto registry = open();
            registry->create("ORDER", 2, {});
        }
        QFile torn(QString::fromStdString((m_config.dataDir / "topics" / "ORDER~").string()));
        QVERIFY(torn.open(QIODevice::WriteOnly));
        torn.write("name=ORDER\npart");
        torn.close();
        auto registry = open();
        QCOMPARE(registry->all().size(), std::size_t(1));
        QCOMPARE(registry->find("ORDER")->partitions.size(), std::size_t(2));
        QVERIFY(!torn.exists());
    }

    void retentionFollowsTopicOverridesAndItsLogStartPersists()
    {
        {
            auto registry = open();
            registry->create("ORDER", 1, {{"retention.bytes", "1024"}, {"segment.bytes", "1024"}});
            appendRecords(*registry->find("ORDER")->partition(0), 100);
            registry->create("READY", 1, {});
            appendRecords(*registry->find("READY")->partition(0), 100);
            QVERIFY(registry->enforceRetention(1000) > 0);
            QVERIFY(registry->find("ORDER")->partition(0)->logStartOffset() > 0);
            QCOMPARE(registry->find("READY")->partition(0)->logStartOffset(), 0);
        }
        auto registry = open();
        const PartitionLog &order = *registry->find("ORDER")->partition(0);
        QVERIFY(order.logStartOffset() > 0);
        QCOMPARE(order.logEndOffset(), 100);
        QVERIFY(order.sizeBytes() < 2048);
    }

    void withoutADataDirectoryNothingIsWritten()
    {
        m_config.dataDir.clear();
        auto registry = open();
        registry->create("ORDER", 2, {});
        appendRecords(*registry->find("ORDER")->partition(0), 3);
        QCOMPARE(registry->find("ORDER")->partition(0)->logEndOffset(), 3);
        QVERIFY(std::filesystem::is_empty(m_dir->path().toStdString()));
    }

    void aDataDirectoryThatCannotBeMadeIsReportedByName()
    {
        QFile file(m_dir->filePath("a-file"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        m_config.dataDir = m_dir->filePath("a-file/data").toStdString();
        try {
            open();
            QFAIL("opening a data directory inside a file succeeded");
        } catch (const std::runtime_error &e) {
            QVERIFY2(std::string(e.what()).find(m_config.dataDir.string()) != std::string::npos,
                e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestTopicRegistry)
#include "tst_topicregistry.moc"
