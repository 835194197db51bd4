#include "cabinet/in_process_cabinet.h"

#include "cabinet/portion_counts.h"

namespace chippy::cabinet {

QString InProcessCabinet::describe() const
{
    return QStringLiteral("in-process");
}

std::optional<TakeResult> InProcessCabinet::take(const Portions &wanted, QString *error)
{
    if (!countsAreNotNegative(wanted, "take", error)) {
        return std::nullopt;
    }
    const std::lock_guard lock(m_mutex);
    TakeResult result;
    for (auto it = wanted.cbegin(); it != wanted.cend(); ++it) {
        const int have = m_trays.value(it.key());
        if (have < it.value()) {
            result.missing.insert(it.key(), it.value() - have);
        }
    }
    if (!result.missing.isEmpty()) {
        return result;
    }
    for (auto it = wanted.cbegin(); it != wanted.cend(); ++it) {
        if (it.value() > 0) {
            m_trays[it.key()] -= it.value();
        }
    }
    result.taken = true;
    return result;
}

std::optional<Portions> InProcessCabinet::put(const Portions &cooked, QString *error)
{
    if (!countsAreNotNegative(cooked, "put", error)) {
        return std::nullopt;
    }
    const std::lock_guard lock(m_mutex);
    for (auto it = cooked.cbegin(); it != cooked.cend(); ++it) {
        m_trays[it.key()] += it.value();
    }
    return m_trays;
}

std::optional<Portions> InProcessCabinet::topUp(
    const Portions &atLeast, const Portions &batchSize, QString *error)
{
    if (!countsAreNotNegative(atLeast, "top up to", error)) {
        return std::nullopt;
    }
    Portions batches;
    for (auto it = atLeast.cbegin(); it != atLeast.cend(); ++it) {
        const auto batch = batchFor(batchSize, it.key(), error);
        if (!batch) {
            return std::nullopt;
        }
        batches.insert(it.key(), *batch);
    }
    const std::lock_guard lock(m_mutex);
    Portions added;
    for (auto it = atLeast.cbegin(); it != atLeast.cend(); ++it) {
        const int have = m_trays.value(it.key());
        const int batch = batches.value(it.key());
        const int add = have < it.value() ? (it.value() - have + batch - 1) / batch * batch : 0;
        if (add > 0) {
            m_trays[it.key()] = have + add;
        }
        added.insert(it.key(), add);
    }
    return added;
}

std::optional<Portions> InProcessCabinet::contents(QString *)
{
    const std::lock_guard lock(m_mutex);
    return m_trays;
}

std::optional<Portions> InProcessCabinet::empty(QString *)
{
    const std::lock_guard lock(m_mutex);
    return std::exchange(m_trays, {});
}

} // namespace chippy::cabinet
