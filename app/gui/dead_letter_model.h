#pragma once

#include "list_model.h"
#include "shop/events/shop_event.h"

#include <QList>
#include <QtQml/qqmlregistration.h>

namespace chippy::gui {

// The orders nobody could read, as they landed on the dead-letter topic: where (partition and
// offset), who sent them there and why, newest first. The window draws the topic once it has
// been used.
class DeadLetterModel : public ListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The dead-letter model belongs to the shop controller")

    Q_PROPERTY(QString topic READ topic CONSTANT)
    Q_PROPERTY(int total READ total NOTIFY totalChanged)
    Q_PROPERTY(int shown READ shown NOTIFY totalChanged)

public:
    static constexpr int kShown = 6;

    enum Role {
        PartitionRole = Qt::UserRole + 1,
        OffsetRole,
        OrderRole, // -1 when not even the number could be read
        ParticipantRole, // who sent it there
        ReasonRole,
    };
    Q_ENUM(Role)

    explicit DeadLetterModel(QString topic, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    const QString &topic() const { return m_topic; }
    // Every record that went there since the scene opened, not only those shown.
    int total() const { return m_total; }
    // How many of them are rows, the newest ones.
    int shown() const { return static_cast<int>(m_letters.size()); }

    void applyEvents(const QVector<shop::ShopEvent> &events);
    void clear();

signals:
    void totalChanged();

private:
    struct Letter
    {
        int partition = -1;
        qint64 offset = -1;
        qint64 order = -1;
        QString participant;
        QString reason;
    };

    QString m_topic;
    QList<Letter> m_letters; // newest first, at most kShown
    int m_total = 0;
};

} // namespace chippy::gui
