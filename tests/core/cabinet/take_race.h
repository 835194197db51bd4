#pragma once

#include "cabinet/cabinet.h"

#include <QStringList>

// Preparers on many threads take orders from a small cabinet while a cook tops it up from
// another, as hard as they can: what was put, taken and left, and anything that went wrong.
struct TakeRaceResult
{
    chippy::cabinet::Portions put;
    chippy::cabinet::Portions taken;
    chippy::cabinet::Portions left;
    long long takes = 0;
    long long misses = 0;
    int lowestCountSeen = 0;
    QStringList problems;
};

TakeRaceResult runTakeRace(chippy::cabinet::Cabinet &cabinet, int threads, int totalTakes);
