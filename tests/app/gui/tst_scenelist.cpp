#include "scene_list.h"
#include "shop/scenario/scenario.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace chippy;
using namespace chippy::gui;

class TestSceneList : public QObject
{
    Q_OBJECT

    static int stepsOf(const QString &scenario)
    {
        QString error;
        const auto s = shop::Scenario::load(scenario, &error);
        return s ? static_cast<int>(s->steps.size()) : -1;
    }

private slots:
    void aModelOpensAmongTheTalksModels()
    {
        SceneList scenes;
        QAbstractItemModelTester tester(
            &scenes, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QString error;
        QCOMPARE(scenes.load(QStringLiteral("model-3"), &error), 2);
        // Every step of every model, in the talk's order: models 1 to 4 are a step each,
        // model 5 (the back office) four.
        int steps = 0;
        for (const QString &name : shop::Scenario::builtIn()) {
            steps += name.startsWith(QLatin1String("model-")) ? stepsOf(name) : 0;
        }
        QCOMPARE(scenes.count(), steps);
        QCOMPARE(scenes.scenarioOf(0), QStringLiteral("model-1"));
        QCOMPARE(scenes.step(3).settings.model.value(), 4);
        QCOMPARE(scenes.scenarioOf(4), QStringLiteral("model-5"));
        QCOMPARE(scenes.scenarioOf(7), QStringLiteral("model-5"));
        QVERIFY(!scenes.data(scenes.index(1), SceneList::CaptionRole).toString().isEmpty());
    }

    void aTalksStepCarriesTheCountsOfTheStepsBefore()
    {
        SceneList scenes;
        QString error;
        QCOMPARE(scenes.load(QStringLiteral("talk"), &error), 0);
        QCOMPARE(scenes.count(), stepsOf(QStringLiteral("talk")));
        QVERIFY(scenes.count() >= 5);
        // Step 3 only names the preparers and counters; tills and partitions come from step 2.
        const shop::ScenarioStep third = scenes.settled(2);
        QCOMPARE(third.settings.tills.value(), 4);
        QCOMPARE(third.settings.orderPartitions.value(), 2);
        QCOMPARE(third.settings.preparers.value(), 3);
        QCOMPARE(third.settings.model.value(), 3);
    }

    void anUnknownScenarioIsRefusedInWords()
    {
        SceneList scenes;
        QString error;
        QCOMPARE(scenes.load(QStringLiteral("no-such-scene"), &error), -1);
        QVERIFY(!error.isEmpty());
        QCOMPARE(scenes.count(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSceneList)
#include "tst_scenelist.moc"
