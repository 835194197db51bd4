#pragma once

#include "cabinet/cabinet.h"

#include <QObject>

// The cases every cabinet passes, in-process or in Redis: a test program derives from this
// class and says how to open an empty cabinet of its kind.
class CabinetCases : public QObject
{
    Q_OBJECT

protected:
    // A cabinet with no trays, of its own (no other test function sees its trays).
    virtual std::unique_ptr<chippy::cabinet::Cabinet> openEmptyCabinet(QString *error) = 0;

private slots:
    void init();
    void cleanup();

    void aNewCabinetHasNoTrays();
    void takeTakesEveryPortionWanted();
    void takeTakesNothingWhenOneTrayIsShort();
    void takeReportsExactlyWhatIsMissing();
    void takeOfNothingSucceeds();
    void putAddsToTheTraysAndReturnsTheirCounts();
    void topUpRoundsUpToWholeBatches();
    void topUpAddsNothingWhenATrayHoldsEnough();
    void emptyReturnsTheWasteAndLeavesNothing();
    void negativeCountsAndBatchesAreRefusedInWords();
    void racingPreparersNeverTakeMoreThanWasPut();

private:
    std::unique_ptr<chippy::cabinet::Cabinet> m_cabinet;
};
