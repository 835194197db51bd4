#pragma once

#include "list_model.h"
#include "order_index.h"

#include <QtQml/qqmlregistration.h>

namespace chippy::gui {

// The journey of one order: at each hop, what happened, on which topic, partition and offset,
// when, and how long after it was placed.
class JourneyModel : public ListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The journey model belongs to the shop controller")

    Q_PROPERTY(qint64 order READ order NOTIFY orderChanged)
    Q_PROPERTY(QString summary READ summary NOTIFY summaryChanged)
    Q_PROPERTY(int count READ count NOTIFY summaryChanged)

public:
    enum Role {
        StepRole = Qt::UserRole + 1, // "preparer-3 took it"
        PlaceRole, // "ORDER/P2@1728"
        TopicRole,
        PartitionRole,
        OffsetRole,
        TimeRole, // "10:42:31.531"
        ElapsedRole, // ms since it was placed
    };
    Q_ENUM(Role)

    explicit JourneyModel(const OrderIndex *index, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    qint64 order() const { return m_order; }
    QString summary() const;
    int count() const { return static_cast<int>(m_hops.size()); }

    // Follows an order (-1: none).
    void follow(qint64 order);
    // Reads the followed order's hops again from the index.
    void refresh();

signals:
    void orderChanged();
    void summaryChanged();

private:
    static QString stepInWords(const OrderIndex::Hop &hop);
    static QString placeOf(const OrderIndex::Hop &hop);

    const OrderIndex *m_index;
    qint64 m_order = -1;
    QList<OrderIndex::Hop> m_hops;
};

} // namespace chippy::gui
