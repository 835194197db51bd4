// How much one frame of the window costs as the order rate grows: a batch of shop events (as
// the drain hands them over once a frame) is applied to every model, and the time per frame,
// per event and the number of live tokens are printed as a table and as JSON.
//
//   bench_gui [--frames N]
#include "shop_controller.h"
#include "token_model.h"
#include "view_settings.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <algorithm>

using namespace chippy;

namespace {

constexpr int kDefaultFrames = 300;
constexpr int kTills = 4;
constexpr int kPartitions = 3;
constexpr int kFrameBudgetUs = 16667;

// Orders per frame, each making the four hops of model 3: placed, taken, ready, served.
QVector<shop::ShopEvent> frameOf(int orders, qint64 *nextOrder, QVector<qint64> *offsets)
{
    using K = shop::ShopEvent::Kind;
    QVector<shop::ShopEvent> events;
    events.reserve(orders * 4);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (int i = 0; i < orders; ++i) {
        const qint64 order = (*nextOrder)++;
        const int queue = 1 + static_cast<int>(order % kTills);
        const int partition = queue % kPartitions;
        const qint64 offset = (*offsets)[partition]++;
        const auto hop
            = [&](K kind, const QString &who, const QString &group, const QString &topic, int p) {
                  shop::ShopEvent e;
                  e.kind = kind;
                  e.timeMs = now;
                  e.participant = who;
                  e.group = group;
                  e.topic = topic;
                  e.partition = p;
                  e.offset = offset;
                  e.order = order;
                  e.queue = queue;
                  events.append(e);
              };
        const QString preparer = QStringLiteral("preparer-%1").arg(partition + 1);
        hop(K::OrderPlaced, QStringLiteral("till-%1").arg(queue), {}, QStringLiteral("ORDER"),
            partition);
        hop(K::OrderTaken, preparer, QStringLiteral("preparers"), QStringLiteral("ORDER"),
            partition);
        hop(K::OrderReady, preparer, QStringLiteral("preparers"), QStringLiteral("READY"),
            static_cast<int>(order % 2));
        hop(K::OrderServed, QStringLiteral("counter-1"), QStringLiteral("counters"),
            QStringLiteral("READY"), static_cast<int>(order % 2));
    }
    return events;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    int frames = kDefaultFrames;
    const QStringList args = app.arguments();
    const qsizetype at = args.indexOf(QStringLiteral("--frames"));
    if (at >= 0 && at + 1 < args.size()) {
        frames = std::max(1, args.at(at + 1).toInt());
    }

    gui::ViewSettings view(nullptr);
    gui::ShopController controller(shop::ShopConfig {}, nullptr);
    QTextStream out(stdout);
    out << "orders/frame  orders/s(60fps)  us/frame  ns/event  max tokens  frame budget used\n";
    QJsonArray rows;
    for (const int perFrame : {1, 10, 100, 1000, 5000}) {
        qint64 nextOrder = 1;
        QVector<qint64> offsets(kPartitions, 0);
        QVector<QVector<shop::ShopEvent>> batches;
        for (int f = 0; f < frames; ++f) {
            batches.append(frameOf(perFrame, &nextOrder, &offsets));
        }
        int maxTokens = 0;
        QElapsedTimer clock;
        clock.start();
        for (const auto &batch : std::as_const(batches)) {
            controller.applyBatch(batch);
            controller.tokens()->expire(QDateTime::currentMSecsSinceEpoch());
            maxTokens = std::max(maxTokens, controller.tokens()->rowCount());
        }
        const double us = clock.nsecsElapsed() / 1000.0 / frames;
        const double nsPerEvent = us * 1000.0 / (perFrame * 4);
        out << QStringLiteral("%1  %2  %3  %4  %5  %6%\n")
                   .arg(perFrame, 12)
                   .arg(perFrame * 60, 15)
                   .arg(us, 8, 'f', 1)
                   .arg(nsPerEvent, 8, 'f', 0)
                   .arg(maxTokens, 10)
                   .arg(us * 100 / kFrameBudgetUs, 16, 'f', 1);
        rows.append(QJsonObject {{"orders_per_frame", perFrame}, {"us_per_frame", us},
            {"ns_per_event", nsPerEvent}, {"max_tokens", maxTokens}});
    }
    out << QJsonDocument(
        QJsonObject {{"benchmark", "gui_frame"}, {"frames", frames}, {"rows", rows}})
               .toJson(QJsonDocument::Compact)
        << '\n';
    return 0;
}
