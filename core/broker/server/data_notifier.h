#pragma once

#include <asio/io_context.hpp>

#include <functional>
#include <list>
#include <memory>

namespace chippy::broker {

// Wakes fetches that are waiting for data. Waiters are re-checked once per event-loop turn
// after an append, not once per appended batch, so a busy producer costs each waiter little.
class DataNotifier
{
public:
    using Waiter = std::function<void()>;
    using Handle = std::list<Waiter>::iterator;

    explicit DataNotifier(asio::io_context &io)
        : m_io(io)
    { }

    Handle add(Waiter waiter) { return m_waiters.insert(m_waiters.end(), std::move(waiter)); }
    void remove(Handle h) { m_waiters.erase(h); }

    void notifyDataArrived();

private:
    asio::io_context &m_io;
    std::list<Waiter> m_waiters;
    bool m_scheduled = false;
};

} // namespace chippy::broker
