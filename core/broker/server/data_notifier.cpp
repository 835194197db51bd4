#include "data_notifier.h"

#include <asio/post.hpp>

#include <vector>

namespace chippy::broker {

void DataNotifier::notifyDataArrived()
{
    if (m_scheduled || m_waiters.empty()) {
        return;
    }
    m_scheduled = true;
    asio::post(m_io, [this] {
        m_scheduled = false;
        // A waiter usually removes itself when called; walk a copy of the handles.
        std::vector<Handle> handles;
        for (auto it = m_waiters.begin(); it != m_waiters.end(); ++it) {
            handles.push_back(it);
        }
        for (auto h : handles) {
            Waiter w = *h; // the call may erase the element
            w();
        }
    });
}

} // namespace chippy::broker
