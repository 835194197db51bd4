#pragma once

#include "list_model.h"
#include "shop/events/shop_event.h"

#include <QList>
#include <QtQml/qqmlregistration.h>

namespace chippy::gui {

// The tills, one per queue: the key its orders carry, the ORDER partition that key maps to,
// and how many of its customers are still waiting (placed, not yet served).
class TillModel : public ListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The till model belongs to the shop controller")

    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role {
        QueueRole = Qt::UserRole + 1,
        KeyRole,
        PartitionRole,
        WaitingRole,
        PlacedRole,
        ServedRole,
        OpenRole, // false once the till has closed; its customers may still be waiting
    };
    Q_ENUM(Role)

    explicit TillModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const { return static_cast<int>(m_rows.size()); }

    // Open tills 1..count; closed ones stay while their customers wait.
    void setTills(int count);
    void setPartitions(int partitions);
    void applyEvents(const QVector<shop::ShopEvent> &events);
    void clear();

signals:
    void countChanged();

private:
    struct Row
    {
        qint64 placed = 0;
        qint64 served = 0;
        bool open = true;
    };

    void ensureRows(int count);

    QList<Row> m_rows;
    int m_open = 0;
    int m_partitions = 1;
};

} // namespace chippy::gui
