#include "shop/shop.h"

#include "analytics/analytics_store.h"
#include "shop/shop_log.h"

#include <QDateTime>

// Model 6's hot cabinet: opening it and closing time.
namespace chippy::shop {

namespace {

// Where the Waste document sits in the store: not a record of any topic, so its id is made of
// this name and the time the shop closed.
const QString kClosingTopic = QStringLiteral("CLOSING");

QString inWords(const cabinet::Portions &portions)
{
    QStringList words;
    for (auto it = portions.cbegin(); it != portions.cend(); ++it) {
        if (it.value() > 0) {
            words << QStringLiteral("%1 %2").arg(it.value()).arg(it.key());
        }
    }
    return words.isEmpty() ? QStringLiteral("nothing") : words.join(QStringLiteral(", "));
}

} // namespace

void Shop::openCabinet()
{
    if (m_context->hotCabinet.isOpen()) {
        return;
    }
    if (m_context->hotCabinet.open()) {
        qCInfo(lcShop).noquote() << "the hot cabinet is" << m_context->hotCabinet.describe();
    }
}

CommandResult Shop::closeForTheDay()
{
    const QString command = QStringLiteral("close-for-the-day");
    const qint64 closedAtMs = QDateTime::currentMSecsSinceEpoch();
    const std::optional<cabinet::Portions> waste
        = m_context->hotCabinet.empty(QStringLiteral("shop"));
    if (!waste) {
        return done(command,
            {false,
                QStringLiteral("the hot cabinet (%1) cannot be reached to be emptied")
                    .arg(m_context->hotCabinet.describe())});
    }
    m_context->stats.cabinet().wasted(*waste);
    for (auto it = waste->cbegin(); it != waste->cend(); ++it) {
        if (it.value() > 0) {
            ShopEvent e;
            e.kind = ShopEvent::Kind::PortionsWasted;
            e.timeMs = closedAtMs;
            e.participant = QStringLiteral("shop");
            e.text = it.key();
            e.value = it.value();
            m_context->events.push(e);
        }
    }
    if (backOffice().contains(QLatin1String("statistician"))) {
        writeWasteDocument(*waste, closedAtMs);
    }
    return done(command,
        {true,
            QStringLiteral("closing time: %1 left in the hot cabinet go to waste")
                .arg(inWords(*waste))});
}

void Shop::writeWasteDocument(const cabinet::Portions &waste, qint64 closedAtMs)
{
    analytics::EventDocument doc;
    doc.stage = analytics::EventDocument::Stage::Waste;
    doc.topic = config().topics.prefix + kClosingTopic;
    doc.partition = 0;
    doc.offset = closedAtMs;
    doc.timestampMs = closedAtMs;
    for (auto it = waste.cbegin(); it != waste.cend(); ++it) {
        for (int i = 0; i < it.value(); ++i) {
            doc.items << it.key();
        }
    }
    QString error;
    const std::unique_ptr<analytics::AnalyticsStore> store
        = analytics::openAnalyticsStore(config().analytics);
    if (!store->prepare(&error) || !store->write({doc}, &error)) {
        m_context->stats.error();
        ShopEvent e;
        e.kind = ShopEvent::Kind::Error;
        e.timeMs = QDateTime::currentMSecsSinceEpoch();
        e.participant = QStringLiteral("shop");
        e.text = QStringLiteral("the waste could not be written to the analytics store: %1")
                     .arg(error);
        m_context->events.push(e);
    }
}

} // namespace chippy::shop
