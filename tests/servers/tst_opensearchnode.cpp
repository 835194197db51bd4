#include "real_servers.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTest>

using namespace chippy::test;

namespace {

constexpr int kRequestTimeoutMs = 30000;

struct Answer
{
    int status = 0;
    QJsonObject json;
    QString error;
};

} // namespace

// The OpenSearch node of the opensearch fixture does what the analytics store will ask of it:
// an index template with explicit mappings and no replicas, _bulk writes with our own ids, and
// the aggregations the charts need (terms, percentiles, date_histogram, sum).
class TestOpenSearchNode : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_net;
    RealOpenSearch m_search;
    QString m_index;

    Answer send(const QByteArray &verb, const QString &path, const QByteArray &body = {},
        const QByteArray &contentType = "application/json")
    {
        QNetworkRequest request(QUrl(m_search.url + path));
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        request.setTransferTimeout(kRequestTimeoutMs);
        QNetworkReply *reply = m_net.sendCustomRequest(request, verb, body);
        QEventLoop loop;
        connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        Answer a;
        a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        a.json = QJsonDocument::fromJson(reply->readAll()).object();
        if (reply->error() != QNetworkReply::NoError && a.status == 0) {
            a.error = reply->errorString();
        }
        reply->deleteLater();
        return a;
    }

    static QByteArray json(const QJsonObject &o)
    {
        return QJsonDocument(o).toJson(QJsonDocument::Compact);
    }

private slots:
    void initTestCase()
    {
        m_search = realOpenSearch();
        QVERIFY2(m_search.running(), qPrintable(m_search.error));
        m_index
            = QStringLiteral("chippy-events-%1").arg(QRandomGenerator::global()->generate(), 0, 36);
    }

    void answersAsAHealthySingleNodeCluster()
    {
        const auto a = send("GET", QStringLiteral("/_cluster/health"));
        QCOMPARE(a.status, 200);
        QCOMPARE(a.json.value("number_of_nodes").toInt(), 1);
        const auto status = a.json.value("status").toString();
        QVERIFY2(status == QLatin1String("green") || status == QLatin1String("yellow"),
            qPrintable(status));
        const auto root = send("GET", QStringLiteral("/"));
        QCOMPARE(root.json.value("version").toObject().value("number").toString(),
            QStringLiteral("2.19.6"));
    }

    void appliesAnIndexTemplateWithoutReplicas()
    {
        const QJsonObject mappings {{"properties",
            QJsonObject {{"at", QJsonObject {{"type", "date"}}},
                {"item", QJsonObject {{"type", "keyword"}}},
                {"prep_ms", QJsonObject {{"type", "long"}}},
                {"price", QJsonObject {{"type", "double"}}}}}};
        const QJsonObject templ {{"index_patterns", QJsonArray {m_index + QStringLiteral("*")}},
            {"template",
                QJsonObject {
                    {"settings", QJsonObject {{"number_of_shards", 1}, {"number_of_replicas", 0}}},
                    {"mappings", mappings}}}};
        const auto put = send("PUT", QStringLiteral("/_index_template/") + m_index, json(templ));
        QVERIFY2(put.status == 200, qPrintable(QString::fromUtf8(json(put.json))));
        QVERIFY(put.json.value("acknowledged").toBool());
    }

    void writesInBulkAndAggregates()
    {
        QByteArray bulk;
        const char *items[] = {"cod", "chips", "chips", "plaice"};
        for (int i = 0; i < 40; ++i) {
            bulk += json(QJsonObject {{"index",
                QJsonObject {{"_index", m_index}, {"_id", QStringLiteral("ORDER-0-%1").arg(i)}}}});
            bulk += '\n';
            bulk += json(QJsonObject {
                {"at", QStringLiteral("2026-12-06T10:00:%1Z").arg(i / 10, 2, 10, QLatin1Char('0'))},
                {"item", QString::fromLatin1(items[i % 4])}, {"prep_ms", 100 + i}, {"price", 2.5}});
            bulk += '\n';
        }
        // Written twice with the same ids: a replay counts once.
        for (int round = 0; round < 2; ++round) {
            const auto a
                = send("POST", QStringLiteral("/_bulk?refresh=true"), bulk, "application/x-ndjson");
            QCOMPARE(a.status, 200);
            QVERIFY2(!a.json.value("errors").toBool(),
                qPrintable(QString::fromUtf8(json(a.json)).left(500)));
        }
        const QJsonObject query {{"size", 0}, {"track_total_hits", true},
            {"aggs",
                QJsonObject {{"items", QJsonObject {{"terms", QJsonObject {{"field", "item"}}}}},
                    {"prep",
                        QJsonObject {{"percentiles",
                            QJsonObject {
                                {"field", "prep_ms"}, {"percents", QJsonArray {50, 95}}}}}},
                    {"per_second",
                        QJsonObject {{"date_histogram",
                            QJsonObject {{"field", "at"}, {"fixed_interval", "1s"}}}}},
                    {"taken", QJsonObject {{"sum", QJsonObject {{"field", "price"}}}}}}}};
        const auto a = send("POST", QStringLiteral("/%1/_search").arg(m_index), json(query));
        QCOMPARE(a.status, 200);
        QCOMPARE(
            a.json.value("hits").toObject().value("total").toObject().value("value").toInt(), 40);
        const auto aggs = a.json.value("aggregations").toObject();
        const auto buckets = aggs.value("items").toObject().value("buckets").toArray();
        QCOMPARE(buckets.first().toObject().value("key").toString(), QStringLiteral("chips"));
        QCOMPARE(buckets.first().toObject().value("doc_count").toInt(), 20);
        const auto p50
            = aggs.value("prep").toObject().value("values").toObject().value("50.0").toDouble();
        QVERIFY2(p50 >= 115 && p50 <= 125, qPrintable(QString::number(p50)));
        QCOMPARE(aggs.value("per_second").toObject().value("buckets").toArray().size(), 4);
        QCOMPARE(aggs.value("taken").toObject().value("value").toDouble(), 100.0);
        const auto settings = send("GET", QStringLiteral("/%1/_settings").arg(m_index));
        QCOMPARE(settings.json.value(m_index)
                     .toObject()
                     .value("settings")
                     .toObject()
                     .value("index")
                     .toObject()
                     .value("number_of_replicas")
                     .toString(),
            QStringLiteral("0"));
    }

    void cleanupTestCase()
    {
        if (m_search.running()) {
            send("DELETE", QStringLiteral("/") + m_index);
            send("DELETE", QStringLiteral("/_index_template/") + m_index);
        }
    }
};

QTEST_GUILESS_MAIN(TestOpenSearchNode)
#include "tst_opensearchnode.moc"
