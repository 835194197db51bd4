#pragma once

#include "list_model.h"
#include "shop/events/shop_event.h"
#include "shop/session/cluster_view.h"
#include "shop/topic_names.h"

#include <QHash>
#include <QList>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

namespace chippy::gui {

// The back-office readers that joined (accountant, statistician, stockist): the group each
// reads in, the topics it replays, its lag as the cluster has it, and whether it is still
// replaying, caught up, or cannot write to its store.
class BackOfficeModel : public ListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The back-office model belongs to the shop controller")

    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role {
        RoleRole = Qt::UserRole + 1, // "accountant"
        TitleRole, // "ACCOUNTANT"
        GroupRole,
        TopicsRole, // "ORDER · COOK"
        LagRole, // -1 until the cluster has been read
        RecordedRole, // records its store took
        StateRole, // "joining", "replaying", "caught-up", "error"
        StatusRole, // the state in words
    };
    Q_ENUM(Role)

    explicit BackOfficeModel(shop::TopicNames topics, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const { return static_cast<int>(m_rows.size()); }
    Q_INVOKABLE int rowOf(const QString &role) const;

    // The roles the session reports as joined, in the order they joined.
    void setJoined(const QStringList &roles);
    void applyEvents(const QVector<shop::ShopEvent> &events);
    // Lag per reader: for each partition of the topics it reads, the log end less its committed
    // offset (the log start before it committed anything). A reader has caught up once it
    // committed past everything the log held when it was first seen joined, or its lag was 0:
    // while the shop keeps taking orders its lag rarely stays at 0.
    void applyView(const shop::ClusterView &view);
    void clear();

signals:
    void countChanged();

private:
    struct Row
    {
        QString role;
        QStringList topics;
        qint64 lag = -1;
        qint64 recorded = 0;
        qint64 replayFrom = -1;
        // Where the log ended, per "topic:partition", when the reader was first seen joined.
        QHash<QString, qint64> replayTo;
        bool caughtUp = false;
        QString error;
    };

    QStringList topicsOf(const QString &role) const;
    QString stateOf(const Row &row) const;
    QString statusOf(const Row &row) const;
    int rowOfParticipant(const QString &participant) const;
    void changed(int row);

    const shop::TopicNames m_topics;
    QList<Row> m_rows;
};

} // namespace chippy::gui
