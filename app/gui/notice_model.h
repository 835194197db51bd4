#pragma once

#include "list_model.h"
#include "shop/events/shop_event.h"

#include <QList>
#include <QtQml/qqmlregistration.h>

namespace chippy::gui {

// What the audience should read about: errors, dead-lettered orders, commands carried out or
// refused, in words, newest first. A repeated message is counted and comes to the top, not
// listed again.
class NoticeModel : public ListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The notice model belongs to the shop controller")

    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(QString latest READ latest NOTIFY latestChanged)
    Q_PROPERTY(QString latestKind READ latestKind NOTIFY latestChanged)

public:
    static constexpr int kMaxRows = 100;

    enum Role {
        TimeRole = Qt::UserRole + 1,
        KindRole, // "error", "dead-letter", "done", "refused", "warning"
        TextRole,
        RepeatsRole,
    };
    Q_ENUM(Role)

    explicit NoticeModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const { return static_cast<int>(m_rows.size()); }
    QString latest() const { return m_rows.isEmpty() ? QString() : m_rows.first().text; }
    QString latestKind() const { return m_rows.isEmpty() ? QString() : m_rows.first().kind; }

    void applyEvents(const QVector<shop::ShopEvent> &events);
    // A notice from the window itself (connection errors, a record that could not be read).
    Q_INVOKABLE void post(const QString &kind, const QString &text);
    void clear();

signals:
    void countChanged();
    void latestChanged();

private:
    struct Row
    {
        qint64 timeMs = 0;
        QString kind;
        QString text;
        int repeats = 1;
        qint64 newest = 0; // when it was last said, in the order notices came
    };

    void add(qint64 timeMs, const QString &kind, const QString &text);
    void add(const Row &notice);

    QList<Row> m_rows;
    qint64 m_serial = 0;
};

} // namespace chippy::gui
