#pragma once

#include "shop/events/shop_event.h"

#include <QAbstractListModel>
#include <QList>
#include <QtQml/qqmlregistration.h>

namespace chippy::gui {

// Orders in flight between two places of the diagram, one token per hop, while the rate is
// low enough to follow them by eye. Never more than kMaxTokens at once, so the number of live
// items in the view is bounded whatever the rate. Places are named "till:3", "member:cook-1"
// or "<topic>:<partition>".
class TokenModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The token model belongs to the shop controller")

    Q_PROPERTY(bool enabled READ enabled NOTIFY enabledChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int flightMs READ flightMs CONSTANT)

public:
    static constexpr int kMaxTokens = 48;
    static constexpr int kFlightMs = 700;

    enum Role {
        SerialRole = Qt::UserRole + 1,
        OrderRole,
        QueueRole,
        FromRole,
        ToRole,
    };
    Q_ENUM(Role)

    explicit TokenModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    bool enabled() const { return m_enabled; }
    // Off above the rate where single orders can be followed; tokens in flight still land.
    void setEnabled(bool enabled);
    int count() const { return static_cast<int>(m_rows.size()); }
    int flightMs() const { return kFlightMs; }
    qint64 dropped() const { return m_dropped; }

    void applyEvents(const QVector<shop::ShopEvent> &events, qint64 nowMs);
    // Removes the tokens that have landed.
    void expire(qint64 nowMs);
    void clear();

signals:
    void enabledChanged();
    void countChanged();

private:
    struct Row
    {
        quint64 serial = 0;
        qint64 order = -1;
        int queue = -1;
        QString from;
        QString to;
        qint64 bornMs = 0;
    };

    QList<Row> m_rows;
    quint64 m_nextSerial = 1;
    qint64 m_dropped = 0;
    bool m_enabled = true;
};

} // namespace chippy::gui
