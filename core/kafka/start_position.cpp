#include "kafka/start_position.h"

namespace chippy::kafka {

QString StartPosition::toString() const
{
    switch (kind) {
    case Kind::Committed:
        return QStringLiteral("committed");
    case Kind::Earliest:
        return QStringLiteral("earliest");
    case Kind::Latest:
        return QStringLiteral("latest");
    case Kind::Offset:
        return QStringLiteral("offset:%1").arg(value);
    case Kind::Time:
        return QStringLiteral("time:%1").arg(value);
    }
    return {};
}

StartPosition StartPosition::fromString(const QString &text, bool *ok)
{
    *ok = true;
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("committed")) {
        return committed();
    }
    if (t == QLatin1String("earliest")) {
        return earliest();
    }
    if (t == QLatin1String("latest")) {
        return latest();
    }
    const qsizetype colon = t.indexOf(QLatin1Char(':'));
    if (colon > 0) {
        bool numberOk = false;
        const qint64 number = t.mid(colon + 1).toLongLong(&numberOk);
        const QString head = t.left(colon);
        if (numberOk && number >= 0 && head == QLatin1String("offset")) {
            return atOffset(number);
        }
        if (numberOk && number >= 0 && head == QLatin1String("time")) {
            return atTime(number);
        }
    }
    *ok = false;
    return {};
}

} // namespace chippy::kafka
