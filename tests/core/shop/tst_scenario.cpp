#include "shop/scenario/scenario.h"

#include <QTest>

using namespace chippy::shop;

// Scenario files: the shipped ones load, and mistakes are explained.
class TestScenario : public QObject
{
    Q_OBJECT

private slots:
    void shipsTheModelsOfTheTalkResilienceAndStress()
    {
        const QStringList names = Scenario::builtIn();
        for (const char *name :
            {"model-1", "model-2", "model-3", "model-4", "resilience", "stress", "talk"}) {
            QVERIFY2(names.contains(QLatin1String(name)), name);
            QString error;
            const std::optional<Scenario> s = Scenario::load(QLatin1String(name), &error);
            QVERIFY2(s, qPrintable(error));
            QCOMPARE(s->name, QLatin1String(name));
            QVERIFY(!s->steps.first().caption.isEmpty());
            QVERIFY(s->steps.first().settings.model.has_value());
        }
    }

    void modelsGrowStepByStep()
    {
        QString error;
        for (int model = 1; model <= 4; ++model) {
            const auto s = Scenario::load(QStringLiteral("model-%1").arg(model), &error);
            QCOMPARE(s->initialConfig({}).model, model);
        }
        const ShopConfig three
            = Scenario::load(QStringLiteral("model-3"), &error)->initialConfig({});
        QVERIFY2(three.preparers > three.orderPartitions, "model 3 has an idle preparer");
        QVERIFY(!Scenario::load(QStringLiteral("model-2"), &error)->initialConfig({}).hasCook());
        QVERIFY(Scenario::load(QStringLiteral("model-4"), &error)->initialConfig({}).hasCook());
    }

    void aStepOpenedPartWayHasWhatTheStepsBeforeItLeft()
    {
        QString error;
        const auto talk = Scenario::load(QStringLiteral("talk"), &error);
        QVERIFY2(talk, qPrintable(error));
        // Step 3 adds a partition as it runs; step 4 starts with it.
        QCOMPARE(talk->settledAt(2).orderPartitions, talk->settledAt(1).orderPartitions);
        QCOMPARE(talk->settledAt(3).orderPartitions.value(),
            talk->settledAt(2).orderPartitions.value() + 1);
        QCOMPARE(talk->joinedBefore(4), QStringList());
        QCOMPARE(talk->joinedBefore(5), (QStringList {"accountant", "statistician", "stockist"}));

        const auto s = Scenario::fromJson(R"({"name": "faults", "steps": [
            {"title": "One", "duration_s": 9, "tills": 2, "preparers": 3, "rate": 5, "actions": [
                {"at_s": 1, "do": "set-rate", "to": 20}, {"at_s": 2, "do": "kill-preparer"},
                {"at_s": 3, "do": "restart-broker"}, {"at_s": 4, "do": "set-tills", "to": 4},
                {"at_s": 5, "do": "remove-preparer"}]},
            {"title": "Two", "duration_s": 9}]})",
            &error);
        QVERIFY2(s, qPrintable(error));
        const ShopSettings two = s->settledAt(1);
        QCOMPARE(two.ordersPerSecond.value(), 20.0);
        QCOMPARE(two.tills.value(), 4);
        QCOMPARE(two.preparers.value(), 2);
    }

    void resilienceHasEveryFaultWithinFortySeconds()
    {
        QString error;
        const auto s = Scenario::load(QStringLiteral("resilience"), &error);
        QVERIFY2(s, qPrintable(error));
        QSet<QString> kinds;
        for (const ScenarioAction &a : s->steps.first().actions) {
            QVERIFY(a.atS <= 40);
            kinds.insert(a.kind);
        }
        for (const char *fault :
            {"add-partitions", "kill-preparer", "add-preparer", "remove-preparer", "restart-broker",
                "pause", "resume", "set-rate", "set-cook-time", "set-plaice-share", "set-tills",
                "set-cooks", "set-counters", "bad-order"}) {
            QVERIFY2(kinds.contains(QLatin1String(fault)), fault);
        }
        QVERIFY(s->totalDurationS() <= 40);
    }

    void stressRunsAsFastAsTheShopCan()
    {
        QString error;
        const auto s = Scenario::load(QStringLiteral("stress"), &error);
        QCOMPARE(s->initialConfig({}).ordersPerSecond, 0.0);
    }

    void readsActionsInTimeOrder()
    {
        QString error;
        const auto s = Scenario::fromJson(
            R"({"steps": [{"duration_s": 10, "actions": [{"at_s": 5, "do": "pause"}, {"at_s": 2, "do": "set-rate", "to": "max"}, {"at_s": 3, "do": "add-partitions"}]}]})",
            &error);
        QVERIFY2(s, qPrintable(error));
        const QList<ScenarioAction> &a = s->steps.first().actions;
        QCOMPARE(a.size(), 3);
        QCOMPARE(a[0].kind, QStringLiteral("set-rate"));
        QVERIFY(a[0].maxRate);
        QCOMPARE(a[1].value, 1.0);
        QCOMPARE(a[2].kind, QStringLiteral("pause"));
    }

    void explainsMistakes_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("reason");
        QTest::newRow("no steps") << QByteArray(R"({"steps": []})")
                                  << "a scenario needs at least one step";
        QTest::newRow("no duration")
            << QByteArray(R"({"steps": [{"model": 1}]})")
            << "step 1: \"duration_s\" must be a positive number of seconds";
        QTest::newRow("bad count") << QByteArray(R"({"steps": [{"duration_s": 1, "tills": 0}]})")
                                   << "step 1: \"tills\" must be a whole number from 1 to 32";
        QTest::newRow("bad rate")
            << QByteArray(R"({"steps": [{"duration_s": 1, "rate": "fast"}]})")
            << "step 1: \"rate\" must be a positive number of orders a second or \"max\"";
        QTest::newRow("bad share")
            << QByteArray(R"({"steps": [{"duration_s": 1, "plaice_share": 2}]})")
            << "step 1: \"plaice_share\" must be between 0 and 1";
        QTest::newRow("set without to") << QByteArray(
            R"({"steps": [{"duration_s": 1, "actions": [{"at_s": 1, "do": "set-tills"}]}]})")
                                        << "step 1: action set-tills needs \"to\"";
        QTest::newRow("no time")
            << QByteArray(R"({"steps": [{"duration_s": 1, "actions": [{"do": "pause"}]}]})")
            << "step 1: action pause needs \"at_s\", the seconds into its step";
    }

    void explainsMistakes()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, reason);
        QString error;
        QVERIFY(!Scenario::fromJson(json, &error));
        QCOMPARE(error, reason);
    }

    void namesTheKnownActionsWhenOneIsUnknown()
    {
        QString error;
        QVERIFY(!Scenario::fromJson(
            R"({"steps": [{"duration_s": 1, "actions": [{"at_s": 1, "do": "fry-the-cat"}]}]})",
            &error));
        QVERIFY2(error.startsWith(QLatin1String(
                     "step 1: unknown action \"fry-the-cat\"; known: add-partitions")),
            qPrintable(error));
    }

    void loadsAScenarioFromAFileOrSaysWhichAreBuiltIn()
    {
        QString error;
        QVERIFY(!Scenario::load(QStringLiteral("no-such-scene"), &error));
        QVERIFY2(error.startsWith(QLatin1String("no scenario no-such-scene; built in: ")),
            qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestScenario)
#include "tst_scenario.moc"
