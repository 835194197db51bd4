#include "shop/session/cluster_observer.h"

#include <QDateTime>

namespace chippy::shop {

ClusterObserver::ClusterObserver(const QStringList &topics, const QStringList &groups)
    : m_topics(topics)
    , m_groups(groups)
{
    qRegisterMetaType<ClusterViewPtr>();
}

ClusterObserver::~ClusterObserver() = default;

void ClusterObserver::start()
{
    if (!m_timer) {
        m_timer = new QTimer(this);
        m_timer->setInterval(kIntervalMs);
        connect(m_timer, &QTimer::timeout, this, &ClusterObserver::tick);
    }
    m_timer->start();
    tick();
}

void ClusterObserver::stop()
{
    if (m_timer) {
        m_timer->stop();
    }
    release();
}

void ClusterObserver::addGroup(const QString &groupId)
{
    if (!m_groups.contains(groupId)) {
        m_groups.append(groupId);
    }
}

void ClusterObserver::tick()
{
    QString error;
    std::optional<ClusterView> view = observe(&error);
    if (!view) {
        if (error != m_lastError) {
            m_lastError = error;
            emit failed(error);
        }
        return;
    }
    m_lastError.clear();
    view->takenMs = QDateTime::currentMSecsSinceEpoch();
    view->computeLag();
    emit observed(std::make_shared<const ClusterView>(std::move(*view)));
}

} // namespace chippy::shop
