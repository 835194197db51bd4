// The accountant and the stockist taking turns to record batches of the simulated log
// until both reach its end, as tst_ledgercrash runs it: killed at any moment, started
// again, it carries on from the offsets in the ledger.
//   ledger_crash_writer DSN SEED [MAX_BATCHES]
// Prints "recorded" after every committed batch; exits 0 at the end of the log. After
// MAX_BATCHES batches it waits to be killed, so that a killer slowed down by a busy machine
// still finds it in the middle of the log.

#include "simulated_reader.h"

#include <QCoreApplication>

#include <cstdio>

using namespace chippy;

static constexpr int kNotKilled = 3;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 3 && args.size() != 4) {
        std::fprintf(stderr, "usage: ledger_crash_writer DSN SEED [MAX_BATCHES]\n");
        return 2;
    }
    const int maxBatches = args.size() == 4 ? args[3].toInt() : -1;
    int batches = 0;
    QString error;
    const auto ledger = ledger::Ledger::open({args[1]}, &error);
    if (!ledger) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    const quint32 seed = args[2].toUInt();
    test::SimulatedReader accountant(*ledger, test::kAccountant, seed);
    test::SimulatedReader stockist(*ledger, test::kStockist, seed + 1);
    if (!accountant.start(&error) || !stockist.start(&error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    while (!accountant.atEnd() || !stockist.atEnd()) {
        for (auto *reader : {&accountant, &stockist}) {
            if (reader->atEnd()) {
                continue;
            }
            if (!reader->recordNextBatch(&error)) {
                std::fprintf(stderr, "%s\n", qPrintable(error));
                return 1;
            }
            std::fputs("recorded\n", stdout);
            std::fflush(stdout);
            if (++batches == maxBatches) {
                // Standard input stays open and silent until the kill.
                std::getchar();
                return kNotKilled;
            }
        }
    }
    return 0;
}
