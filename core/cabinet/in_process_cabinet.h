#pragma once

#include "cabinet/cabinet.h"

#include <mutex>

namespace chippy::cabinet {

// The cabinet in this process: trays in a map behind one mutex.
class InProcessCabinet final : public Cabinet
{
public:
    QString describe() const override;
    std::optional<TakeResult> take(const Portions &wanted, QString *error) override;
    std::optional<Portions> put(const Portions &cooked, QString *error) override;
    std::optional<Portions> topUp(
        const Portions &atLeast, const Portions &batchSize, QString *error) override;
    std::optional<Portions> contents(QString *error) override;
    std::optional<Portions> empty(QString *error) override;

private:
    std::mutex m_mutex;
    Portions m_trays;
};

} // namespace chippy::cabinet
