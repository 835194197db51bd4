#include "cabinet_cases.h"

#include <QTest>

// The cabinet's cases on the in-process cabinet.
class TestInProcessCabinet : public CabinetCases
{
    Q_OBJECT

protected:
    std::unique_ptr<chippy::cabinet::Cabinet> openEmptyCabinet(QString *error) override
    {
        auto cabinet = chippy::cabinet::openCabinet({}, error);
        if (cabinet && cabinet->describe() != QLatin1String("in-process")) {
            *error = QStringLiteral("an empty URL opened %1").arg(cabinet->describe());
            return nullptr;
        }
        return cabinet;
    }
};

QTEST_GUILESS_MAIN(TestInProcessCabinet)
#include "tst_cabinet_inprocess.moc"
