#pragma once

#include "analytics/analytics_store.h"

#include <QByteArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSslConfiguration>
#include <QThread>

#include <optional>

namespace chippy::analytics {

// One OpenSearch answer: an HTTP status and its JSON, or why there was none.
struct OpenSearchReply
{
    int status = 0; // 0 when the request never got an answer
    QByteArray body;
    QString failure; // when not ok(): in words, naming the URL; never the password

    bool ok() const { return status >= 200 && status < 300; }
    // Worth trying again: no answer at all, too many requests, or a server error.
    bool transient() const { return status == 0 || status == 429 || status >= 500; }
    QJsonObject json() const;
};

// Synchronous REST calls to one OpenSearch node: the caller blocks until the answer, bounded
// by the request timeout. The requests run on a thread of the client's own, so waiting never
// runs the caller's timers or queued calls (a reader's loop must not turn inside its own
// write). Basic auth and the CA file come from the settings.
class OpenSearchClient
{
public:
    explicit OpenSearchClient(const AnalyticsSettings &settings);
    ~OpenSearchClient();

    OpenSearchReply send(const QByteArray &verb, const QString &path, const QByteArray &body = {},
        const QByteArray &contentType = "application/json");
    // The settings' URL without any user or password in it, for messages.
    QString displayUrl() const { return m_displayUrl; }

private:
    std::optional<QString> prepareTls();
    OpenSearchReply exchange(
        const QNetworkRequest &request, const QByteArray &verb, const QByteArray &body);

    AnalyticsSettings m_settings;
    QString m_displayUrl;
    QThread m_thread;
    QNetworkAccessManager *m_network; // lives on m_thread
    std::optional<QSslConfiguration> m_tls;
};

} // namespace chippy::analytics
