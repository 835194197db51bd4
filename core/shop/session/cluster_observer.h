#pragma once

#include "shop/session/cluster_view.h"

#include <QObject>
#include <QStringList>
#include <QTimer>

#include <optional>

namespace chippy::shop {

// Reads the state of the shop's topics and groups from the cluster a few times a second and
// publishes it as a ClusterView. It runs on a worker thread of its own (reading may wait for
// the cluster); the owner moves it there and calls start() with a queued call.
class ClusterObserver : public QObject
{
    Q_OBJECT

public:
    static constexpr int kIntervalMs = 250;

    ClusterObserver(const QStringList &topics, const QStringList &groups);
    ~ClusterObserver() override;

    QStringList topics() const { return m_topics; }
    QStringList groups() const { return m_groups; }

public slots:
    void start();
    void stop();
    // Follows one more group (a late reader's).
    void addGroup(const QString &groupId);

signals:
    void observed(const chippy::shop::ClusterViewPtr &view);
    // Reading failed; said once until it works again.
    void failed(const QString &words);

protected:
    // One reading; the view of the topics and groups named, or nothing with a reason.
    virtual std::optional<ClusterView> observe(QString *error) = 0;
    // Releases what observe() created, on the observer's thread.
    virtual void release() { }

private:
    void tick();

    QStringList m_topics;
    QStringList m_groups;
    QTimer *m_timer = nullptr;
    QString m_lastError;
};

} // namespace chippy::shop
