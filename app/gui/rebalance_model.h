#pragma once

#include "list_model.h"
#include "shop/events/shop_event.h"

#include <QList>
#include <QMap>
#include <QtQml/qqmlregistration.h>

namespace chippy::gui {

// The rebalance timeline of the shop's groups: one row per group generation, newest first,
// saying who joined or left and who owns what afterwards.
class RebalanceModel : public ListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The rebalance model belongs to the shop controller")

    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    static constexpr int kMaxRows = 60;

    enum Role {
        TimeRole = Qt::UserRole + 1, // "10:42:31"
        GroupRole,
        GenerationRole,
        ChangeRole, // "preparer-3 joined"
        OwnershipRole, // "preparer-1 P0 · preparer-2 P1 · preparer-3 idle"
    };
    Q_ENUM(Role)

    // topics: the main topic of each group whose ownership the rows spell out.
    explicit RebalanceModel(QMap<QString, QString> topicOfGroup, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const { return static_cast<int>(m_rows.size()); }

    void setTopicOfGroup(const QString &group, const QString &topic);
    void applyEvents(const QVector<shop::ShopEvent> &events);
    void clear();

signals:
    void countChanged();

private:
    struct Row
    {
        qint64 timeMs = 0;
        QString group;
        int generation = -1;
        QMap<QString, QList<int>> owned; // member -> partitions of the main topic
        QString change;
    };

    int rowFor(const QString &group, int generation, qint64 timeMs);
    QString ownership(const Row &row) const;
    QString changeFrom(const Row &previous, const Row &now) const;

    QMap<QString, QString> m_topicOfGroup;
    QList<Row> m_rows; // newest first
};

} // namespace chippy::gui
