#include "cabinet_cases.h"

#include "take_race.h"

#include <QTest>

using namespace chippy::cabinet;

namespace {

constexpr int kRacingPreparers = 8;
constexpr int kRaceTakes = 100000;

const auto kCod = QStringLiteral("cod");
const auto kChips = QStringLiteral("chips");
const auto kPlaice = QStringLiteral("plaice");

} // namespace

void CabinetCases::init()
{
    QString error;
    m_cabinet = openEmptyCabinet(&error);
    QVERIFY2(m_cabinet, qPrintable(error));
}

void CabinetCases::cleanup()
{
    if (m_cabinet) {
        m_cabinet->empty(nullptr);
    }
    m_cabinet.reset();
}

void CabinetCases::aNewCabinetHasNoTrays()
{
    QString error;
    const auto contents = m_cabinet->contents(&error);
    QVERIFY2(contents, qPrintable(error));
    QCOMPARE(*contents, Portions());
}

void CabinetCases::takeTakesEveryPortionWanted()
{
    QString error;
    QVERIFY2(m_cabinet->put({{kCod, 2}, {kChips, 3}}, &error), qPrintable(error));

    const auto took = m_cabinet->take({{kCod, 1}, {kChips, 2}}, &error);
    QVERIFY2(took, qPrintable(error));
    QVERIFY(took->taken);
    QCOMPARE(took->missing, Portions());
    QCOMPARE(*m_cabinet->contents(&error), (Portions {{kCod, 1}, {kChips, 1}}));
}

void CabinetCases::takeTakesNothingWhenOneTrayIsShort()
{
    QString error;
    QVERIFY2(m_cabinet->put({{kCod, 1}, {kChips, 1}}, &error), qPrintable(error));

    const auto took = m_cabinet->take({{kCod, 1}, {kChips, 2}}, &error);
    QVERIFY2(took, qPrintable(error));
    QVERIFY(!took->taken);
    QCOMPARE(*m_cabinet->contents(&error), (Portions {{kCod, 1}, {kChips, 1}}));
}

void CabinetCases::takeReportsExactlyWhatIsMissing()
{
    QString error;
    QVERIFY2(m_cabinet->put({{kCod, 1}, {kChips, 5}}, &error), qPrintable(error));

    const auto took = m_cabinet->take(
        {{kCod, 3}, {kChips, 5}, {kPlaice, 2}, {QStringLiteral("peas"), 0}}, &error);
    QVERIFY2(took, qPrintable(error));
    QVERIFY(!took->taken);
    QCOMPARE(took->missing, (Portions {{kCod, 2}, {kPlaice, 2}}));
    QCOMPARE(*m_cabinet->contents(&error), (Portions {{kCod, 1}, {kChips, 5}}));
}

void CabinetCases::takeOfNothingSucceeds()
{
    QString error;
    const auto took = m_cabinet->take({{kCod, 0}}, &error);
    QVERIFY2(took, qPrintable(error));
    QVERIFY(took->taken);
    QCOMPARE(*m_cabinet->contents(&error), Portions());
}

void CabinetCases::putAddsToTheTraysAndReturnsTheirCounts()
{
    QString error;
    const auto first = m_cabinet->put({{kCod, 2}}, &error);
    QVERIFY2(first, qPrintable(error));
    QCOMPARE(*first, (Portions {{kCod, 2}}));

    const auto second = m_cabinet->put({{kCod, 1}, {kChips, 4}}, &error);
    QVERIFY2(second, qPrintable(error));
    QCOMPARE(*second, (Portions {{kCod, 3}, {kChips, 4}}));
    QCOMPARE(*m_cabinet->contents(&error), *second);
}

void CabinetCases::topUpRoundsUpToWholeBatches()
{
    QString error;
    QVERIFY2(m_cabinet->put({{kChips, 3}}, &error), qPrintable(error));

    // chips: 3 + 2 batches of 4 reaches 10; cod: none + 1 batch of 6 reaches 5; plaice has no
    // batch size, so it is cooked one at a time.
    const auto added = m_cabinet->topUp(
        {{kChips, 10}, {kCod, 5}, {kPlaice, 2}}, {{kChips, 4}, {kCod, 6}}, &error);
    QVERIFY2(added, qPrintable(error));
    QCOMPARE(*added, (Portions {{kChips, 8}, {kCod, 6}, {kPlaice, 2}}));
    QCOMPARE(*m_cabinet->contents(&error), (Portions {{kChips, 11}, {kCod, 6}, {kPlaice, 2}}));
}

void CabinetCases::topUpAddsNothingWhenATrayHoldsEnough()
{
    QString error;
    QVERIFY2(m_cabinet->put({{kCod, 7}, {kChips, 5}}, &error), qPrintable(error));

    const auto added = m_cabinet->topUp({{kCod, 5}, {kChips, 5}}, {{kCod, 4}, {kChips, 8}}, &error);
    QVERIFY2(added, qPrintable(error));
    QCOMPARE(*added, (Portions {{kCod, 0}, {kChips, 0}}));
    QCOMPARE(*m_cabinet->contents(&error), (Portions {{kCod, 7}, {kChips, 5}}));
}

void CabinetCases::emptyReturnsTheWasteAndLeavesNothing()
{
    QString error;
    QVERIFY2(m_cabinet->put({{kCod, 2}, {kChips, 5}}, &error), qPrintable(error));
    QVERIFY2(m_cabinet->take({{kChips, 1}}, &error), qPrintable(error));

    const auto waste = m_cabinet->empty(&error);
    QVERIFY2(waste, qPrintable(error));
    QCOMPARE(*waste, (Portions {{kCod, 2}, {kChips, 4}}));
    QCOMPARE(*m_cabinet->contents(&error), Portions());
    const auto took = m_cabinet->take({{kCod, 1}}, &error);
    QVERIFY2(took, qPrintable(error));
    QCOMPARE(took->missing, (Portions {{kCod, 1}}));
    QCOMPARE(*m_cabinet->empty(&error), Portions());
}

void CabinetCases::negativeCountsAndBatchesAreRefusedInWords()
{
    QString error;
    QVERIFY(!m_cabinet->take({{kCod, -1}}, &error));
    QCOMPARE(error, QStringLiteral("cannot take -1 portions of cod"));
    QVERIFY(!m_cabinet->put({{kChips, -3}}, &error));
    QCOMPARE(error, QStringLiteral("cannot put -3 portions of chips"));
    QVERIFY(!m_cabinet->topUp({{kCod, 4}}, {{kCod, 0}}, &error));
    QCOMPARE(error, QStringLiteral("the batch size of cod must be 1 or more, not 0"));
    QCOMPARE(*m_cabinet->contents(&error), Portions());
}

void CabinetCases::racingPreparersNeverTakeMoreThanWasPut()
{
    const auto race = runTakeRace(*m_cabinet, kRacingPreparers, kRaceTakes);

    QVERIFY2(race.problems.isEmpty(), qPrintable(race.problems.join(QLatin1Char('\n'))));
    QCOMPARE(race.takes + race.misses, static_cast<long long>(kRaceTakes));
    // Both outcomes happened, so preparers really raced for short trays.
    QVERIFY(race.takes > 0);
    QVERIFY(race.misses > 0);
    QCOMPARE(race.lowestCountSeen, 0);
    for (auto it = race.put.cbegin(); it != race.put.cend(); ++it) {
        const auto item = it.key();
        QVERIFY2(race.left.value(item) >= 0, qPrintable(item));
        QVERIFY2(race.taken.value(item) <= it.value(), qPrintable(item));
        QCOMPARE(race.taken.value(item) + race.left.value(item), it.value());
    }
    QCOMPARE(race.left.keys(), race.put.keys());
}
