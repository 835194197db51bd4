#include "cabinet/portion_counts.h"

namespace chippy::cabinet {

bool countsAreNotNegative(const Portions &portions, const char *action, QString *error)
{
    for (auto it = portions.cbegin(); it != portions.cend(); ++it) {
        if (it.value() < 0) {
            setError(error,
                QStringLiteral("cannot %1 %2 portions of %3")
                    .arg(QLatin1String(action))
                    .arg(it.value())
                    .arg(it.key()));
            return false;
        }
    }
    return true;
}

std::optional<int> batchFor(const Portions &batchSize, const QString &item, QString *error)
{
    const int batch = batchSize.value(item, 1);
    if (batch <= 0) {
        setError(error,
            QStringLiteral("the batch size of %1 must be 1 or more, not %2").arg(item).arg(batch));
        return std::nullopt;
    }
    return batch;
}

void setError(QString *error, const QString &message)
{
    if (error) {
        *error = message;
    }
}

} // namespace chippy::cabinet
