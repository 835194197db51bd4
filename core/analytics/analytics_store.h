#pragma once

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace chippy::analytics {

// One record the statistician read, as the store keeps it. The id is derived from where the
// record is in the log ("ORDER-2-117"), so writing it again after a replay replaces it.
struct EventDocument
{
    enum class Stage { Placed, ToCook, Cooked, Ready, Waste };

    Stage stage = Stage::Placed;
    QString topic;
    int partition = 0;
    qint64 offset = 0;
    qint64 timestampMs = 0; // the record's timestamp
    qint64 order = -1;
    int queue = -1;
    QStringList items; // one entry per portion: ["cod", "chips", "chips"]
    int pricePence = 0; // Placed: what the order costs
    qint64 prepMs = -1; // Ready: from placed to ready

    QString id() const;
    // Portions per item: ["cod", "chips", "chips"] -> {chips: 2, cod: 1}.
    QMap<QString, int> portionsPerItem() const;
    static QString stageName(Stage stage);
    static std::optional<Stage> stageFromName(const QString &name);
};

// What the charts ask: everything, or only records from a time on.
struct FigureQuery
{
    qint64 sinceMs = 0; // record timestamps at or after this
    qint64 bucketMs = 1000; // width of one ordersPerBucket bucket
};

// How far OpenSearch's percentiles may be from the SQLite store's, relative to the value: both
// take the nearest rank, ceil(p * n / 100); OpenSearch reads it from an HDR histogram that keeps
// five significant digits.
inline constexpr double kPercentileTolerance = 1e-4;

// The figures the charts draw, computed by the store from what it holds. prepMs and queue are left
// out of the percentiles and the means where a document has none (-1).
struct Figures
{
    qint64 ordersCounted = 0; // Placed documents
    qint64 moneyTakenPence = 0; // sum over Placed
    QMap<QString, qint64> ordersPerItem; // Placed documents naming the item
    qint64 ordersCooked = 0; // ToCook documents
    double shareCooked = 0; // ordersCooked / ordersCounted, 0 when nothing was placed
    qint64 ordersReady = 0;
    double prepP50Ms = 0; // over Ready documents' prepMs, nearest rank
    double prepP95Ms = 0;
    // bucket start ms (a multiple of bucketMs) -> Placed documents, ascending; empty buckets left
    // out
    QList<QPair<qint64, qint64>> ordersPerBucket;
    QMap<int, double> meanWaitPerQueueMs; // Ready documents: queue -> mean prepMs
    QMap<QString, qint64> portionsWasted; // Waste documents: item -> portions
};

// Where the statistician's documents go and where the charts' figures come from. One object
// is used by one thread (a QtSql connection and a QNetworkAccessManager belong to the thread
// that made them), so the statistician and the chart worker each open their own from the same
// settings.
class AnalyticsStore
{
public:
    virtual ~AnalyticsStore() = default;

    // "OpenSearch at https://host:9200 (index chippy-events)" or "embedded SQLite (path)":
    // what the window says answers the charts. Never contains a password.
    virtual QString describe() const = 0;
    // Creates the index template / tables when missing. Safe to call again.
    virtual bool prepare(QString *error) = 0;
    // Writes the documents; true once the store has acknowledged every one of them (only then
    // may the statistician commit its offsets). Writing a document again replaces it.
    virtual bool write(const QList<EventDocument> &documents, QString *error) = 0;
    // Makes everything written so far visible to figures() (an OpenSearch refresh).
    virtual bool sync(QString *error) = 0;
    virtual std::optional<Figures> figures(const FigureQuery &query, QString *error) = 0;
    // Documents held, for tests and the report.
    virtual std::optional<qint64> documentCount(QString *error) = 0;
};

// Where the analytics go. An empty url means the embedded SQLite store at sqlitePath.
struct AnalyticsSettings
{
    QString url; // http(s)://host:port of OpenSearch
    QString user; // basic auth, both empty for none
    QString password; // never logged, never in describe()
    QString caFile; // PEM; empty: the system's CAs
    QString index = QStringLiteral("chippy-events"); // OpenSearch index / SQLite table
    QString sqlitePath; // the embedded store's file
    int requestTimeoutMs = 10000;
    // How long write() keeps retrying OpenSearch (unreachable, 429, 5xx) before it gives up.
    int retryBudgetMs = 30000;

    bool usesOpenSearch() const { return !url.isEmpty(); }
};

// A store for the calling thread.
std::unique_ptr<AnalyticsStore> openAnalyticsStore(const AnalyticsSettings &settings);

} // namespace chippy::analytics
