// Ingest documents/s and chart query (figures()) latency of the analytics store, SQLite beside
// OpenSearch, with the same generated documents in each. Starts its own OpenSearch node with
// tests/servers/opensearch-server.sh unless given a URL. Prints a table and one JSON line.
//
//   bench_analytics [--documents 1000000] [--queries 40] [--url http://127.0.0.1:9200]

#include "analytics_test_data.h"
#include "opensearch_node_process.h"

#include "analytics/analytics_store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace chippy::analytics;
using namespace chippy::analytics::test;

namespace {

static constexpr int kGenerateChunk = 50000;
static constexpr int kWriteBatch = 5000;
static constexpr qint64 kRecentMs = 60000;

struct Result
{
    QString store;
    double ingestPerSecond = 0;
    double allP50Ms = 0;
    double allP95Ms = 0;
    double recentP50Ms = 0;
    double recentP95Ms = 0;
    qint64 documents = 0;
};

[[noreturn]] void die(const QString &message)
{
    std::fprintf(stderr, "bench_analytics: %s\n", qPrintable(message));
    std::exit(1);
}

// The generated day again and again, each chunk on fresh offsets so that every id is new.
QList<EventDocument> chunk(int index, int count)
{
    auto documents = generatedDay(count, 1000 + index);
    for (auto &document : documents) {
        document.offset += qint64(index) * kGenerateChunk;
    }
    return documents;
}

double percentile(QList<double> samples, int percent)
{
    std::sort(samples.begin(), samples.end());
    const auto rank = std::max<qsizetype>(1, (percent * samples.size() + 99) / 100);
    return samples.at(rank - 1);
}

void timeQueries(AnalyticsStore &store, int queries, qint64 sinceMs, double &p50, double &p95)
{
    QList<double> samples;
    for (int i = 0; i < queries; ++i) {
        FigureQuery query;
        query.sinceMs = sinceMs;
        query.bucketMs = 1000;
        QString error;
        QElapsedTimer clock;
        clock.start();
        if (!store.figures(query, &error)) {
            die(error);
        }
        samples.append(clock.nsecsElapsed() / 1e6);
    }
    p50 = percentile(samples, 50);
    p95 = percentile(samples, 95);
}

Result run(const QString &name, const AnalyticsSettings &settings, int documents, int queries)
{
    Result result;
    result.store = name;
    const auto store = openAnalyticsStore(settings);
    QString error;
    if (!store->prepare(&error)) {
        die(error);
    }
    qint64 writeNs = 0;
    for (int written = 0, index = 0; written < documents; ++index) {
        const auto generated = chunk(index, std::min(kGenerateChunk, documents - written));
        QElapsedTimer clock;
        clock.start();
        for (qsizetype from = 0; from < generated.size(); from += kWriteBatch) {
            if (!store->write(generated.mid(from, kWriteBatch), &error)) {
                die(error);
            }
        }
        writeNs += clock.nsecsElapsed();
        written += generated.size();
        std::fprintf(stderr, "\r%s: %d documents", qPrintable(name), written);
    }
    QElapsedTimer clock;
    clock.start();
    if (!store->sync(&error)) {
        die(error);
    }
    writeNs += clock.nsecsElapsed();
    std::fprintf(stderr, "\n");
    result.ingestPerSecond = documents / (writeNs / 1e9);
    result.documents = store->documentCount(&error).value_or(-1);
    timeQueries(*store, queries, 0, result.allP50Ms, result.allP95Ms);
    timeQueries(
        *store, queries, kDayStartMs + 300'000 - kRecentMs, result.recentP50Ms, result.recentP95Ms);
    return result;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption documentsOption(QStringLiteral("documents"),
        QStringLiteral("Documents in each store."), QStringLiteral("n"), QStringLiteral("1000000"));
    const QCommandLineOption queriesOption(QStringLiteral("queries"),
        QStringLiteral("Timed figures() calls per query."), QStringLiteral("n"),
        QStringLiteral("40"));
    const QCommandLineOption urlOption(QStringLiteral("url"),
        QStringLiteral("An OpenSearch node to use instead of starting one."),
        QStringLiteral("url"));
    parser.addOptions({documentsOption, queriesOption, urlOption});
    parser.process(app);
    const int documents = parser.value(documentsOption).toInt();
    const int queries = parser.value(queriesOption).toInt();

    QTemporaryDir dir;
    AnalyticsSettings sqlite;
    sqlite.index = uniqueIndexName();
    sqlite.sqlitePath = dir.filePath(QStringLiteral("bench.sqlite"));

    AnalyticsSettings search;
    search.index = uniqueIndexName();
    search.requestTimeoutMs = 120000;
    std::unique_ptr<OpenSearchNodeProcess> node;
    if (parser.isSet(urlOption)) {
        search.url = parser.value(urlOption);
    } else {
        node = std::make_unique<OpenSearchNodeProcess>(
            QStringLiteral(CHIPPY_SERVERS_DIR), dir.filePath(QStringLiteral("opensearch")));
        const auto problem = node->start();
        if (!problem.isEmpty()) {
            die(problem);
        }
        search.url = node->url();
    }

    const QList<Result> results {run(QStringLiteral("sqlite"), sqlite, documents, queries),
        run(QStringLiteral("opensearch"), search, documents, queries)};

    std::printf("%-11s %10s %12s %13s %13s %13s %13s\n", "store", "documents", "ingest doc/s",
        "all p50 ms", "all p95 ms", "last-min p50", "last-min p95");
    QJsonObject json {{QStringLiteral("bench"), QStringLiteral("analytics")},
        {QStringLiteral("queries"), queries}};
    for (const auto &r : results) {
        std::printf("%-11s %10lld %12.0f %13.1f %13.1f %13.1f %13.1f\n", qPrintable(r.store),
            r.documents, r.ingestPerSecond, r.allP50Ms, r.allP95Ms, r.recentP50Ms, r.recentP95Ms);
        json.insert(r.store,
            QJsonObject {{QStringLiteral("documents"), r.documents},
                {QStringLiteral("ingest_docs_per_s"), r.ingestPerSecond},
                {QStringLiteral("figures_all_p50_ms"), r.allP50Ms},
                {QStringLiteral("figures_all_p95_ms"), r.allP95Ms},
                {QStringLiteral("figures_last_minute_p50_ms"), r.recentP50Ms},
                {QStringLiteral("figures_last_minute_p95_ms"), r.recentP95Ms}});
    }
    std::printf("%s\n", QJsonDocument(json).toJson(QJsonDocument::Compact).constData());
    return 0;
}
